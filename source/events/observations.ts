import type {AgentState} from './actions.js';
import type {EventFields} from './event-fields.js';

/**
 * OpenHands 0.15 observations as event JSON (reference 5.4): the kind in `observation`, the text in
 * `content`, every other dataclass field in `extras`. As with actions, a field with a 0.15 default
 * is optional; the constructors write them all, in 0.15's order.
 */
export interface ObservationOf<Kind extends string, Extras> extends EventFields {
  observation: Kind;
  content: string;
  extras: Extras;
}

export interface CmdOutputExtras {
  command_id?: number;
  command: string;
  exit_code?: number;
  hidden?: boolean;
  /** 0.15: the python interpreter line and the prompt; ours carries the cwd the same way. */
  interpreter_details?: string;
}

export interface FileEditExtras {
  path: string;
  prev_exist?: boolean;
  old_content?: string | null;
  new_content?: string | null;
}

export type CmdOutputObservation = ObservationOf<'run', CmdOutputExtras>;
export type IPythonRunCellObservation = ObservationOf<'run_ipython', {code: string}>;
export type FileReadObservation = ObservationOf<'read', {path: string}>;
export type FileWriteObservation = ObservationOf<'write', {path: string}>;
/** `content` is the diff. */
export type FileEditObservation = ObservationOf<'edit', FileEditExtras>;
export type ErrorObservation = ObservationOf<'error', {error_id?: string}>;
export type AgentStateChangedObservation = ObservationOf<'agent_state_changed', {agent_state: AgentState}>;
export type NullObservation = ObservationOf<'null', Record<string, never>>;
export type SuccessObservation = ObservationOf<'success', Record<string, never>>;
export type UserRejectObservation = ObservationOf<'user_rejected', Record<string, never>>;
/** The answer to a `think` action: the thought is noted, nothing ran. */
export type AgentThinkObservation = ObservationOf<'think', Record<string, never>>;
export type AgentDelegateObservation = ObservationOf<'delegate', {outputs?: Record<string, unknown>}>;
/** The browser's page state (url, screenshot, axtree, …); kept as 0.15 wrote it. */
export type BrowserOutputObservation = ObservationOf<'browse', Record<string, unknown>>;

export type Observation =
  | CmdOutputObservation
  | IPythonRunCellObservation
  | FileReadObservation
  | FileWriteObservation
  | FileEditObservation
  | ErrorObservation
  | AgentStateChangedObservation
  | NullObservation
  | SuccessObservation
  | UserRejectObservation
  | AgentThinkObservation
  | AgentDelegateObservation
  | BrowserOutputObservation;

export type ObservationType = Observation['observation'];

export const OBSERVATION_TYPES: readonly ObservationType[] = [
  'run',
  'run_ipython',
  'read',
  'write',
  'edit',
  'error',
  'agent_state_changed',
  'null',
  'success',
  'user_rejected',
  'think',
  'delegate',
  'browse',
];

export interface CmdOutputFields {
  content: string;
  command: string;
  exitCode: number;
  hidden: boolean;
  interpreterDetails: string;
}

export function cmdOutputObservation(fields: CmdOutputFields): CmdOutputObservation {
  return {
    message: `Command \`${fields.command}\` executed with exit code ${fields.exitCode}.`,
    observation: 'run',
    content: fields.content,
    extras: {
      command_id: -1,
      command: fields.command,
      exit_code: fields.exitCode,
      hidden: fields.hidden,
      interpreter_details: fields.interpreterDetails,
    },
  };
}

export const BAD_ACTION_ERROR_ID = 'AGENT_ERROR$BAD_ACTION';

export function errorObservation(content: string, errorId = ''): ErrorObservation {
  return {message: content, observation: 'error', content, extras: {error_id: errorId}};
}

/** 0.15's answer to an action type the runtime has no handler for. */
export function unsupportedActionObservation(actionType: string): ErrorObservation {
  return errorObservation(`Action ${actionType} is not supported in the current runtime.`, BAD_ACTION_ERROR_ID);
}

export function fileReadObservation(path: string, content: string): FileReadObservation {
  return {message: `I read the file ${path}.`, observation: 'read', content, extras: {path}};
}

export function fileWriteObservation(path: string): FileWriteObservation {
  return {message: `I wrote to the file ${path}.`, observation: 'write', content: '', extras: {path}};
}

export interface FileEditFields {
  path: string;
  prevExist: boolean;
  oldContent: string | null;
  newContent: string | null;
  /** A unified diff of old → new. */
  diff: string;
}

export function fileEditObservation(fields: FileEditFields): FileEditObservation {
  return {
    message: `I edited the file ${fields.path}.`,
    observation: 'edit',
    content: fields.diff,
    extras: {
      path: fields.path,
      prev_exist: fields.prevExist,
      old_content: fields.oldContent,
      new_content: fields.newContent,
    },
  };
}

export function isCmdOutputObservation(observation: Observation): observation is CmdOutputObservation {
  return observation.observation === 'run';
}

export function isErrorObservation(observation: Observation): observation is ErrorObservation {
  return observation.observation === 'error';
}

/**
 * The exit code of a `run` observation (0.15's default 0 when the field is absent); undefined for
 * any other observation, e.g. `error`, or a code that is not a number.
 */
export function exitCodeOf(observation: Observation): number | undefined {
  if (!isCmdOutputObservation(observation)) return undefined;
  const code: unknown = observation.extras.exit_code ?? 0;
  return typeof code === 'number' ? code : undefined;
}

/** What the controller records on each change of the agent's state (0.15's message is ''). */
export function agentStateChangedObservation(state: AgentState): AgentStateChangedObservation {
  return {message: '', observation: 'agent_state_changed', content: '', extras: {agent_state: state}};
}

/** 0.15's runtime answer to an action that waits for the user's confirmation. */
export function nullObservation(): NullObservation {
  return {message: 'No observation', observation: 'null', content: '', extras: {}};
}

/** 0.15's runtime answer to an action the user rejected. */
export function userRejectObservation(): UserRejectObservation {
  const content = 'Action has been rejected by the user! Waiting for further user input.';
  return {message: content, observation: 'user_rejected', content, extras: {}};
}

export function agentThinkObservation(): AgentThinkObservation {
  const content = 'Your thought has been logged.';
  return {message: content, observation: 'think', content, extras: {}};
}
