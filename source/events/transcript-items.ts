/**
 * What the events pane shows, one item per thing that happened. An action and the observation
 * that answers it (matched by `cause`) make one item: a command with its output and exit code, an
 * edit with its diff. Items are immutable: when an observation completes one, it is replaced.
 */
export type TranscriptItem =
  | UserMessageItem
  | AgentMessageItem
  | AgentDraftItem
  | ThoughtItem
  | FinishItem
  | CommandItem
  | FileEditItem
  | FileReadItem
  | ErrorItem
  | StateItem
  | RuntimeNoteItem
  | OtherItem;

interface ItemBase {
  /** The id of the event that made the item (a stable key). */
  readonly id: number;
}

/** What the agent said it was thinking when it took an action (`args.thought`), when not empty. */
interface ActionItemBase extends ItemBase {
  readonly thought: string;
  /** When the action was recorded (ms since the epoch), for the duration once it is answered. */
  readonly startedAt: number | undefined;
  /** From the action's timestamp to its observation's. */
  readonly durationMs: number | undefined;
}

/**
 * `failed`: answered by an error observation. `confirmed`: held for confirmation, then sent again
 * as a new action (0.15 re-emits it), which has an item of its own. `not-run`: held for
 * confirmation when the agent stopped (Esc, Ctrl+C, an error): never answered, never run.
 */
export type ActionStatus = 'running' | 'done' | 'failed' | 'awaiting-confirmation' | 'confirmed' | 'rejected' | 'not-run';

export interface UserMessageItem extends ItemBase {
  readonly kind: 'user-message';
  readonly text: string;
  readonly imageCount: number;
}

export interface AgentMessageItem extends ItemBase {
  readonly kind: 'agent-message';
  readonly text: string;
}

/** The agent's answer while it streams in (never recorded: the screen adds it at the bottom until its event comes). */
export interface AgentDraftItem extends ItemBase {
  readonly kind: 'agent-draft';
  readonly text: string;
}

/** What the agent noted to itself with its `think` tool. */
export interface ThoughtItem extends ItemBase {
  readonly kind: 'thought';
  readonly text: string;
}

/** The agent said the task is done (`finish`): its closing words and any other outputs. */
export interface FinishItem extends ItemBase {
  readonly kind: 'finish';
  readonly text: string;
  /** Outputs besides the closing words, as JSON; '' when none. */
  readonly outputs: string;
}

export interface CommandItem extends ActionItemBase {
  readonly kind: 'command';
  readonly shell: 'bash' | 'ipython';
  readonly command: string;
  readonly status: ActionStatus;
  /** Absent for IPython cells and commands that have not finished. */
  readonly exitCode: number | undefined;
  /** The observation's content as recorded (the echoed command, escapes and all). */
  readonly output: string | undefined;
  /** A command the agent's framework ran on its own (0.15 `hidden`). */
  readonly hidden: boolean;
}

export interface FileEditItem extends ActionItemBase {
  readonly kind: 'file-edit';
  readonly operation: 'edit' | 'write';
  readonly path: string;
  readonly status: ActionStatus;
  /** The edit observation's unified diff. */
  readonly diff: string | undefined;
  /** What a write action wrote (shown as added lines). */
  readonly written: string | undefined;
}

export interface FileReadItem extends ActionItemBase {
  readonly kind: 'file-read';
  readonly path: string;
  readonly status: ActionStatus;
  readonly content: string | undefined;
}

export interface ErrorItem extends ItemBase {
  readonly kind: 'error';
  readonly text: string;
}

export interface StateItem extends ItemBase {
  readonly kind: 'state';
  readonly state: string;
  /** A `change_agent_state` action (asked for) rather than an `agent_state_changed` observation. */
  readonly requested: boolean;
  /** Why (0.15's `reason` extra: max_iterations, the budget, an LLM error), or ''. */
  readonly reason?: string;
}

/** Something the client itself had to do or found (e.g. the container had to be recreated). */
export interface RuntimeNoteItem extends ItemBase {
  readonly kind: 'runtime-note';
  readonly text: string;
}

/** Every other event, so that nothing is dropped: what it is, its message and its details. */
export interface OtherItem extends ItemBase {
  readonly kind: 'other';
  /** e.g. `action browse`, `observation null`. */
  readonly label: string;
  readonly source: string;
  readonly thought: string;
  readonly message: string;
  readonly detail: string;
}
