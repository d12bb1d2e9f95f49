import fs from 'node:fs';
import writeFileAtomic from 'write-file-atomic';

/** A session's meta.json: what `oh-tui sessions` lists without reading the event log. */
export interface SessionMeta {
  sid: string;
  /** ISO timestamps. */
  created: string;
  last_active: string;
  /** The first user message, shortened; '' until there is one. */
  title: string;
  workspace: string;
  image: string;
  container: string;
  agent_state: string;
}

const TITLE_CHARS = 80;

/** A title from the first user message: one line, at most 80 characters. */
export function titleFrom(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length <= TITLE_CHARS ? line : `${line.slice(0, TITLE_CHARS - 1)}…`;
}

/** Written through a temporary file and a rename, so a crash leaves the old meta.json or the new one. */
export function writeMeta(file: string, meta: SessionMeta): void {
  writeFileAtomic.sync(file, `${JSON.stringify(meta, null, 2)}\n`);
}

/** The meta.json of a session, or undefined when there is none or it cannot be read as one. */
export function readMeta(file: string): SessionMeta | undefined {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || typeof (value as {sid?: unknown}).sid !== 'string') return undefined;
  const raw = value as Partial<Record<keyof SessionMeta, unknown>>;
  const text = (key: keyof SessionMeta) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  return {
    sid: text('sid'),
    created: text('created'),
    last_active: text('last_active'),
    title: text('title'),
    workspace: text('workspace'),
    image: text('image'),
    container: text('container'),
    agent_state: text('agent_state'),
  };
}
