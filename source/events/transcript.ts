import {AppendList, type AppendListDraft} from '../lib/append-list.js';
import type {ActionStatus, AgentDraftItem, CommandItem, FileEditItem, FileReadItem, OtherItem, TranscriptItem} from './transcript-items.js';

/**
 * A recorded event as OpenHands 0.15 writes it (`event_to_dict`), read structurally: an action
 * `{id, timestamp, source, message, cause?, action, args}` or an observation `{id, timestamp,
 * source, message, cause?, observation, content, extras}`. Events come from disk and from other
 * programs, so every field is checked before use; whatever does not fit is still shown.
 */
export interface TranscriptEvent {
  readonly id: number;
  readonly timestamp: string;
  readonly [key: string]: unknown;
}

/** oh-tui's own observation kind for what the client had to do (recreate a container, ...). */
export const RUNTIME_NOTE = 'runtime_note';

export interface Transcript {
  readonly items: AppendList<TranscriptItem>;
  /** Actions waiting for their observation: action event id → item index (the latest few). */
  readonly pending: ReadonlyMap<number, number>;
  /** The item of the action last held for the user's confirmation. */
  readonly awaiting: number | undefined;
}

export const emptyTranscript: Transcript = {items: AppendList.empty(), pending: new Map(), awaiting: undefined};

/** One event more. Costs about the same at the 100,000th event as at the first. */
export function reduceTranscript(transcript: Transcript, event: TranscriptEvent): Transcript {
  return reduceTranscriptAll(transcript, [event]);
}

/** Many events at once (a resumed session's history): each part of the list is copied at most once. */
export function reduceTranscriptAll(transcript: Transcript, events: Iterable<TranscriptEvent>): Transcript {
  const draft = new TranscriptDraft(transcript);
  for (const event of events) draft.apply(event);
  return draft.finish();
}

/** A note from the client itself that was not recorded as an event (see RUNTIME_NOTE for one that is). */
/** The transcript with the agent's streaming answer as a last, unrecorded item (the screen's live view). */
export function withDraft(transcript: Transcript, draft: string | undefined): Transcript {
  if (draft === undefined || draft === '') return transcript;
  return {...transcript, items: transcript.items.push(draftItem(draft))};
}

/** The agent's streaming answer as an item of its own (not part of any transcript). */
export function draftItem(text: string): AgentDraftItem {
  return {kind: 'agent-draft', id: DRAFT_ID, text};
}

/** The draft's id: never an event's (those count from 0) nor a note's (-1, -2, …, one per note). */
export const DRAFT_ID = Number.MIN_SAFE_INTEGER;

export function addRuntimeNote(transcript: Transcript, text: string): Transcript {
  return {...transcript, items: transcript.items.push({kind: 'runtime-note', id: -1 - transcript.items.length, text})};
}

// An agent waits for each action's observation, so only a few are ever open; older ones that never got
// an answer fall out, and an observation arriving for one later is shown on its own.
const MAX_PENDING = 64;

class TranscriptDraft {
  private readonly items: AppendListDraft<TranscriptItem>;
  private pending: Map<number, number> | undefined;
  private awaiting: number | undefined;

  constructor(private readonly base: Transcript) {
    this.items = base.items.draft();
    this.awaiting = base.awaiting;
  }

  finish(): Transcript {
    return {items: this.items.finish(), pending: this.pending ?? this.base.pending, awaiting: this.awaiting};
  }

  apply(event: TranscriptEvent): void {
    if (typeof event.action === 'string') this.action(event, event.action, recordOf(event.args));
    else if (typeof event.observation === 'string') this.observation(event, event.observation);
    else this.push(otherItem(event, 'event', '', jsonDetail(withoutKeys(event, ['id', 'timestamp', 'source', 'message']))));
  }

  private action(event: TranscriptEvent, type: string, args: Record<string, unknown>): void {
    const thought = text(args.thought);
    switch (type) {
      case 'message': {
        const content = text(args.content);
        if (event.source === 'user') {
          const images = Array.isArray(args.image_urls) ? args.image_urls.length : 0;
          this.push({kind: 'user-message', id: event.id, text: content, imageCount: images});
        } else {
          this.push({kind: 'agent-message', id: event.id, text: content});
        }
        return;
      }
      // Items are written out whole, not spread from a common part: a resumed session reduces
      // thousands of them before its first frame, and spreads cost several times more.
      case 'run':
      case 'run_ipython':
        this.startAction(event, {
          id: event.id,
          thought,
          startedAt: timeOf(event),
          durationMs: undefined,
          status: statusOf(args.confirmation_state),
          kind: 'command',
          shell: type === 'run' ? 'bash' : 'ipython',
          command: text(type === 'run' ? args.command : args.code),
          exitCode: undefined,
          output: undefined,
          hidden: args.hidden === true,
        });
        return;
      case 'edit':
      case 'write':
        this.startAction(event, {
          ...this.started(event, thought, args),
          kind: 'file-edit',
          operation: type,
          path: text(args.path),
          diff: undefined,
          written: type === 'write' ? text(args.content) : undefined,
        });
        return;
      case 'read':
        this.startAction(event, {...this.started(event, thought, args), kind: 'file-read', path: text(args.path), content: undefined});
        return;
      case 'think':
        // The tool's one argument is the thought itself.
        this.push({kind: 'thought', id: event.id, text: thought || text(args.content)});
        return;
      case 'finish': {
        const outputs = recordOf(args.outputs);
        const closing = text(outputs.content ?? outputs.message ?? '');
        const rest = withoutKeys(outputs, ['content', 'message']);
        this.push({kind: 'finish', id: event.id, text: closing.trim() === '' ? thought : closing, outputs: jsonDetail(rest)});
        return;
      }
      case 'change_agent_state':
        if (thought === '') {
          this.push({kind: 'state', id: event.id, state: text(args.agent_state), requested: true});
          return;
        }
    }
    this.push(otherItem(event, `action ${type}`, thought, jsonDetail(withoutKeys(args, ['thought']))));
  }

  private started(event: TranscriptEvent, thought: string, args: Record<string, unknown>) {
    return {id: event.id, thought, startedAt: timeOf(event), durationMs: undefined, status: statusOf(args.confirmation_state)};
  }

  private startAction(event: TranscriptEvent, item: ActionItem): void {
    if (item.status === 'running' && this.awaiting !== undefined) {
      // 0.15 sends a confirmed action again as a new event; the one that waited is settled.
      this.settleAwaiting('confirmed');
    }
    const index = this.push(item);
    if (item.status === 'running') this.track(event.id, index);
    if (item.status === 'awaiting-confirmation') this.awaiting = index;
  }

  private observation(event: TranscriptEvent, type: string): void {
    const content = text(event.content);
    const extras = recordOf(event.extras);
    const index = typeof event.cause === 'number' ? this.pendingIndex(event.cause) : undefined;
    const open = index === undefined ? undefined : this.items.at(index);
    const finishedAt = timeOf(event);
    const settle = <T extends ActionItem>(item: T, status: ActionStatus, change: Partial<T>): void => {
      this.untrack(event.cause as number);
      this.items.set(index as number, {...item, ...change, status, durationMs: durationBetween(item.startedAt, finishedAt)});
    };

    if (type === 'error') {
      if (isActionItem(open)) settle(open, 'failed', {});
      this.push({kind: 'error', id: event.id, text: content || text(event.message)});
      return;
    }
    if (type === 'agent_state_changed') {
      const state = text(extras.agent_state);
      if (state === 'user_rejected') this.settleAwaiting('rejected');
      // Any other state but the wait itself or the yes (its action comes again) ends the wait unanswered.
      else if (state !== 'awaiting_user_confirmation' && state !== 'user_confirmed') this.settleAwaiting('not-run');
      this.push({kind: 'state', id: event.id, state, requested: false, reason: text(extras.reason)});
      return;
    }
    // The think tool's answer only says the thought was noted.
    if (type === 'think') return;
    // 0.15 answers an action it holds for confirmation with an empty null observation: the item already says it waits.
    if (type === 'null' && content.trim() === '' && this.awaitingItemId() === event.cause) return;
    if (type === RUNTIME_NOTE) {
      this.push({kind: 'runtime-note', id: event.id, text: content || text(event.message)});
      return;
    }
    if (type === 'user_rejected') {
      if (isActionItem(open)) settle(open, 'rejected', {});
      else this.settleAwaiting('rejected');
      return;
    }
    const answered = {id: event.id, thought: '', startedAt: undefined, durationMs: undefined, status: 'done' as const};
    if (type === 'run' || type === 'run_ipython') {
      const exitCode = type === 'run' && typeof extras.exit_code === 'number' ? extras.exit_code : undefined;
      if (open?.kind === 'command') {
        this.untrack(event.cause as number);
        this.items.set(index as number, {
          id: open.id,
          thought: open.thought,
          startedAt: open.startedAt,
          durationMs: durationBetween(open.startedAt, finishedAt),
          status: 'done',
          kind: 'command',
          shell: open.shell,
          command: open.command,
          exitCode,
          output: content,
          hidden: open.hidden || extras.hidden === true,
        });
        return;
      }
      const command = text(type === 'run' ? extras.command : extras.code);
      const shell = type === 'run' ? 'bash' : 'ipython';
      this.push({...answered, kind: 'command', shell, command, exitCode, output: content, hidden: extras.hidden === true});
      return;
    }
    if (type === 'edit' || type === 'write') {
      const diff = type === 'edit' ? content : undefined;
      if (open?.kind === 'file-edit') {
        settle(open, 'done', {diff});
        return;
      }
      this.push({...answered, kind: 'file-edit', operation: type, path: text(extras.path), diff, written: undefined});
      return;
    }
    if (type === 'read') {
      if (open?.kind === 'file-read') {
        settle(open, 'done', {content});
        return;
      }
      this.push({...answered, kind: 'file-read', path: text(extras.path), content});
      return;
    }
    const detail = [content, jsonDetail(extras)].filter((part) => part !== '').join('\n');
    this.push(otherItem(event, `observation ${type}`, '', detail));
  }

  private push(item: TranscriptItem): number {
    this.items.push(item);
    return this.items.length - 1;
  }

  private settleAwaiting(status: ActionStatus): void {
    const index = this.awaiting;
    this.awaiting = undefined;
    const item = index === undefined ? undefined : this.items.at(index);
    if (index === undefined || !isActionItem(item) || item.status !== 'awaiting-confirmation') return;
    this.items.set(index, {...item, status});
  }

  private awaitingItemId(): number | undefined {
    return this.awaiting === undefined ? undefined : this.items.at(this.awaiting)?.id;
  }

  private pendingIndex(actionId: number): number | undefined {
    return (this.pending ?? this.base.pending).get(actionId);
  }

  private track(actionId: number, index: number): void {
    const pending = this.writablePending();
    pending.set(actionId, index);
    if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as number);
  }

  private untrack(actionId: number): void {
    this.writablePending().delete(actionId);
  }

  private writablePending(): Map<number, number> {
    this.pending ??= new Map(this.base.pending);
    return this.pending;
  }
}

type ActionItem = CommandItem | FileEditItem | FileReadItem;

function isActionItem(item: TranscriptItem | undefined): item is ActionItem {
  return item?.kind === 'command' || item?.kind === 'file-edit' || item?.kind === 'file-read';
}

function statusOf(confirmation: unknown): ActionStatus {
  if (confirmation === 'awaiting_confirmation') return 'awaiting-confirmation';
  if (confirmation === 'rejected') return 'rejected';
  return 'running';
}

function otherItem(event: TranscriptEvent, label: string, thought: string, detail: string): OtherItem {
  return {kind: 'other', id: event.id, label, source: text(event.source), thought, message: text(event.message), detail};
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function withoutKeys(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** The fields worth showing as JSON: empty strings, lists and objects and nulls say nothing. */
function jsonDetail(record: Record<string, unknown>): string {
  const telling = Object.entries(record).filter(([, value]) => {
    if (value === null || value === undefined || value === '') return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'object') return Object.keys(value).length > 0;
    return true;
  });
  return telling.length === 0 ? '' : JSON.stringify(Object.fromEntries(telling));
}

/** 0.15 stamps local time without a zone, we stamp UTC with one; both parse, and a difference of two from one writer is right. */
function timeOf(event: TranscriptEvent): number | undefined {
  const time = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

function durationBetween(start: number | undefined, end: number | undefined): number | undefined {
  if (start === undefined || end === undefined || end < start) return undefined;
  return end - start;
}
