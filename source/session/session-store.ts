import fs from 'node:fs';
import path from 'node:path';
import {UserError} from '../lib/errors.js';
import {EventLogWriter, loadEventLog} from './event-log.js';
import {EventStream, type Numbered} from './event-stream.js';
import {readMeta, type SessionMeta, titleFrom, writeMeta} from './meta.js';
import {acquireSessionLock, type SessionLock} from './session-lock.js';
import {validateSessionId} from './sid.js';

export type StoredEvent = Record<string, unknown> & Numbered;

/** What a new session's meta.json starts with; the store adds sid, times, title and state. */
export type SessionOrigin = Pick<SessionMeta, 'workspace' | 'image' | 'container'>;

export interface SessionSummary {
  meta: SessionMeta;
  /** Complete lines in events.jsonl. */
  events: number;
}

export interface OpenSession {
  readonly dir: string;
  /** True when the session had no meta.json: made now (a fresh sid, or an adopted container's). */
  readonly created: boolean;
  readonly stream: EventStream<Record<string, unknown>>;
  /** Torn or skipped lines found while loading, each naming file and line. */
  readonly warnings: string[];
  meta(): SessionMeta;
  /** Merges `patch` into meta.json (atomically) and marks the session active now. */
  update(patch: Partial<Omit<SessionMeta, 'sid' | 'created'>>): void;
  /** Why recording stopped (a full disk), or undefined. */
  recordingStopped(): string | undefined;
  close(): void;
}

export interface OpenOptions {
  origin: SessionOrigin;
  /** Told once when the disk stops taking events; the session goes on unrecorded. */
  onRecordingStopped?: (reason: string) => void;
  onLockLost?: (error: Error) => void;
  now?: () => Date;
}

/**
 * Sessions on disk, as `[core] file_store_path`/sessions/<sid>/: meta.json (atomic), events.jsonl
 * (append-only, one 0.15 event JSON a line) and a lock so that two clients never drive one session.
 */
export class SessionStore {
  readonly sessionsDir: string;

  constructor(fileStorePath: string) {
    this.sessionsDir = path.join(fileStorePath, 'sessions');
  }

  dirOf(sid: string): string {
    return path.join(this.sessionsDir, validateSessionId(sid));
  }

  has(sid: string): boolean {
    return fs.existsSync(path.join(this.dirOf(sid), 'meta.json'));
  }

  /** Every session with a readable meta.json, most recently active first. */
  list(): SessionSummary[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.sessionsDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const sessions: SessionSummary[] = [];
    for (const name of names) {
      const dir = path.join(this.sessionsDir, name);
      const meta = readMeta(path.join(dir, 'meta.json'));
      if (meta) sessions.push({meta, events: countCompleteLines(path.join(dir, 'events.jsonl'))});
    }
    return sessions.sort((a, b) => b.meta.last_active.localeCompare(a.meta.last_active));
  }

  /** The recorded events of a session, without taking its lock (for `oh-tui sessions show`). */
  read(sid: string): {meta: SessionMeta; events: StoredEvent[]; warnings: string[]} {
    const dir = this.dirOf(sid);
    const meta = readMeta(path.join(dir, 'meta.json'));
    if (!meta) throw new UserError(`No session ${sid} in ${this.sessionsDir}.`, {hint: 'List the sessions with `oh-tui sessions`.'});
    const {events, warnings} = loadEventLog(path.join(dir, 'events.jsonl'), {repair: false});
    return {meta, events: numbered(events, warnings), warnings};
  }

  /** Locks the session (creating it when new), loads its history and opens it for recording. */
  open(sid: string, options: OpenOptions): OpenSession {
    const now = options.now ?? (() => new Date());
    const dir = this.dirOf(sid);
    fs.mkdirSync(dir, {recursive: true});
    const lock: SessionLock = acquireSessionLock(dir, sid, {onCompromised: options.onLockLost});
    try {
      const metaPath = path.join(dir, 'meta.json');
      const existing = readMeta(metaPath);
      const stamp = now().toISOString();
      let meta: SessionMeta = existing ?? {sid, created: stamp, last_active: stamp, title: '', ...options.origin, agent_state: 'loading'};
      // Only what is known now: an image not resolved yet must not erase the one recorded.
      const known = Object.fromEntries(Object.entries(options.origin).filter(([, value]) => value !== ''));
      meta = {...meta, ...known, last_active: stamp};
      try {
        writeMeta(metaPath, meta);
      } catch {
        // A full disk: the session opens all the same (the event log says so when it fails too).
      }

      const logPath = path.join(dir, 'events.jsonl');
      const loaded = loadEventLog(logPath);
      const history = numbered(loaded.events, loaded.warnings);
      const writer = new EventLogWriter(logPath, (reason) => options.onRecordingStopped?.(reason));
      const stream = new EventStream<Record<string, unknown>>(history, writer, now);
      const update = (patch: Partial<SessionMeta>) => {
        meta = {...meta, ...patch, sid, created: meta.created, last_active: now().toISOString()};
        try {
          writeMeta(metaPath, meta);
        } catch {
          // meta.json is a summary: a full disk must not end the session (the log says so already).
        }
      };
      stream.subscribe((event) => {
        if (meta.title === '' && event.source === 'user' && event.action === 'message') {
          const content = (event.args as {content?: unknown} | undefined)?.content;
          if (typeof content === 'string' && content.trim() !== '') update({title: titleFrom(content)});
        }
      });
      return {
        dir,
        created: existing === undefined,
        stream,
        warnings: loaded.warnings,
        meta: () => meta,
        update,
        recordingStopped: () => writer.stoppedReason,
        close() {
          writer.close();
          update({});
          lock.release();
        },
      };
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Deletes a session's data; refused while another client holds it. */
  remove(sid: string): void {
    const dir = this.dirOf(sid);
    const lock = acquireSessionLock(dir, sid);
    lock.release();
    fs.rmSync(dir, {recursive: true, force: true});
  }
}

/** Keeps events with a numeric id (every line we write has one); names the others. */
function numbered(events: Record<string, unknown>[], warnings: string[]): StoredEvent[] {
  const kept: StoredEvent[] = [];
  for (const event of events) {
    if (typeof event.id === 'number' && typeof event.timestamp === 'string') kept.push(event as StoredEvent);
    else warnings.push(`skipped an event without an id or timestamp: ${JSON.stringify(event).slice(0, 120)}`);
  }
  return kept;
}

function countCompleteLines(file: string): number {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return 0;
  }
  let count = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) count++;
  return count;
}
