import type {EventFields, EventSource} from './event-fields.js';

/**
 * OpenHands 0.15 actions as event JSON (reference 5.4): the kind in `action`, the dataclass fields
 * in `args`, the timeout beside them. A field with a 0.15 default is optional here, because a
 * client may leave it out; the constructors below always write every field, in 0.15's order.
 */
export interface ActionOf<Kind extends string, Args> extends EventFields {
  action: Kind;
  args: Args;
  /** Seconds; 0.15's setter makes a command with a timeout blocking (our server does not). */
  timeout?: number;
}

export type ConfirmationState = 'confirmed' | 'rejected' | 'awaiting_confirmation';

/** 0.15's AgentState values. */
export type AgentState =
  | 'loading'
  | 'init'
  | 'running'
  | 'awaiting_user_input'
  | 'paused'
  | 'stopped'
  | 'finished'
  | 'rejected'
  | 'error'
  | 'awaiting_user_confirmation'
  | 'user_confirmed'
  | 'user_rejected';

/** ActionSecurityRisk: -1 unknown, 0 low, 1 medium, 2 high; dropped from the JSON when unset. */
export type SecurityRisk = -1 | 0 | 1 | 2;

interface Thought {
  thought?: string;
}

export interface CmdRunArgs extends Thought {
  command: string;
  blocking?: boolean;
  keep_prompt?: boolean;
  hidden?: boolean;
  confirmation_state?: ConfirmationState;
  security_risk?: SecurityRisk;
  /** Later OpenHands: the command is input for the one still running (our server decides that by itself). */
  is_input?: boolean;
}

export interface IPythonRunCellArgs extends Thought {
  code: string;
  include_extra?: boolean;
  confirmation_state?: ConfirmationState;
  security_risk?: SecurityRisk;
  kernel_init_code?: string;
}

export interface FileReadArgs extends Thought {
  path: string;
  start?: number;
  end?: number;
  security_risk?: SecurityRisk;
}

export interface FileWriteArgs extends Thought {
  path: string;
  content: string;
  start?: number;
  end?: number;
}

/**
 * 0.15's FileEditAction (`content` over a line range, edited by an LLM on the client side), or the
 * str_replace-editor form our server runs (`command` view/create/str_replace/insert/undo_edit).
 */
export interface FileEditArgs extends Thought {
  path: string;
  content?: string;
  start?: number;
  end?: number;
  command?: string;
  file_text?: string | null;
  old_str?: string | null;
  new_str?: string | null;
  insert_line?: number | null;
  view_range?: number[] | null;
  /** Later OpenHands: which editor runs it; ours is the str_replace editor, `oh_aci`. */
  impl_source?: string;
  /** Ours: an edit waits for confirmation as a command does (0.15 ran edits as IPython cells). */
  confirmation_state?: ConfirmationState;
}

export interface MessageArgs {
  content: string;
  image_urls?: string[] | null;
  wait_for_response?: boolean;
  security_risk?: SecurityRisk;
}

export interface ChangeAgentStateArgs extends Thought {
  agent_state: AgentState;
}

export interface OutputsArgs extends Thought {
  outputs?: Record<string, unknown>;
}

export interface DelegateArgs extends Thought {
  agent: string;
  inputs: Record<string, unknown>;
}

export type CmdRunAction = ActionOf<'run', CmdRunArgs>;
export type IPythonRunCellAction = ActionOf<'run_ipython', IPythonRunCellArgs>;
export type FileReadAction = ActionOf<'read', FileReadArgs>;
export type FileWriteAction = ActionOf<'write', FileWriteArgs>;
export type FileEditAction = ActionOf<'edit', FileEditArgs>;
export type BrowseUrlAction = ActionOf<'browse', Thought & {url: string}>;
export type BrowseInteractiveAction = ActionOf<'browse_interactive', Thought & {browser_actions: string}>;
export type MessageAction = ActionOf<'message', MessageArgs>;
export type ChangeAgentStateAction = ActionOf<'change_agent_state', ChangeAgentStateArgs>;
export type AgentFinishAction = ActionOf<'finish', OutputsArgs>;
export type AgentRejectAction = ActionOf<'reject', OutputsArgs>;
export type AgentDelegateAction = ActionOf<'delegate', DelegateArgs>;
/** A thought the agent notes down without acting (the `think` tool; 0.15 had no such action, later OpenHands does). */
export type AgentThinkAction = ActionOf<'think', Thought>;
export type NullAction = ActionOf<'null', Record<string, never>>;
/** The planner's task actions; kept as 0.15 wrote them. */
export type AddTaskAction = ActionOf<'add_task', Record<string, unknown>>;
export type ModifyTaskAction = ActionOf<'modify_task', Record<string, unknown>>;

export type Action =
  | CmdRunAction
  | IPythonRunCellAction
  | FileReadAction
  | FileWriteAction
  | FileEditAction
  | BrowseUrlAction
  | BrowseInteractiveAction
  | MessageAction
  | ChangeAgentStateAction
  | AgentFinishAction
  | AgentRejectAction
  | AgentDelegateAction
  | AgentThinkAction
  | NullAction
  | AddTaskAction
  | ModifyTaskAction;

export type ActionType = Action['action'];

/** Each action type with the args 0.15 requires (no default), as `typeof` names. */
export const REQUIRED_ACTION_ARGS: Readonly<Record<ActionType, Readonly<Record<string, 'string' | 'object'>>>> = {
  run: {command: 'string'},
  run_ipython: {code: 'string'},
  read: {path: 'string'},
  write: {path: 'string', content: 'string'},
  edit: {path: 'string'},
  browse: {url: 'string'},
  browse_interactive: {browser_actions: 'string'},
  message: {content: 'string'},
  change_agent_state: {agent_state: 'string'},
  finish: {},
  reject: {},
  delegate: {agent: 'string', inputs: 'object'},
  think: {},
  null: {},
  add_task: {},
  modify_task: {},
};

export interface CmdRunOptions {
  /** Hard limit in seconds. 0.15 then runs the command blocking; so do we (see `blocking`). */
  timeout?: number;
  hidden?: boolean;
  thought?: string;
  source?: EventSource;
}

/** A `run` action in 0.15's key order; with a timeout it is blocking, as 0.15's timeout setter makes it. */
export function cmdRunAction(command: string, options: CmdRunOptions = {}): CmdRunAction {
  const action: CmdRunAction = {
    source: options.source ?? 'user',
    message: `Running command: ${command}`,
    action: 'run',
    args: {
      command,
      thought: options.thought ?? '',
      blocking: options.timeout !== undefined,
      keep_prompt: true,
      hidden: options.hidden ?? false,
      confirmation_state: 'confirmed',
    },
  };
  if (options.timeout !== undefined) action.timeout = options.timeout;
  return action;
}

/** A `message` action: what the user (or the agent) says, as 0.15's MessageAction writes it. */
export function messageAction(content: string, source: EventSource = 'user'): MessageAction {
  return {source, message: content, action: 'message', args: {content, image_urls: null, wait_for_response: false}};
}

/**
 * The command 0.15's bash session reads as "SIGINT to the running command" (any case); our server
 * also takes the later `C-c`.
 */
export const INTERRUPT_COMMAND = 'ctrl+c';

export function agentThinkAction(thought: string): AgentThinkAction {
  return {source: 'agent', message: `I am thinking...: ${thought}`, action: 'think', args: {thought}};
}

/**
 * 0.15's AgentFinishAction; the agent's summary (if any) goes in `outputs.content` and is the
 * message, else the thought, else 0.15's stock line.
 */
export function agentFinishAction(thought: string, summary = ''): AgentFinishAction {
  const outputs = summary ? {content: summary} : {};
  return {
    source: 'agent',
    message: summary || thought || "All done! What's next on the agenda?",
    action: 'finish',
    args: {outputs, thought},
  };
}
