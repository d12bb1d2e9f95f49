/**
 * Observation JSON exactly as OpenHands 0.15's event_to_dict writes it for an observation made by
 * the action server: `message`, `observation`, `content`, `extras`, in this order, with the extras
 * of each observation class in field order.
 */
export interface ObservationJson {
  message: string;
  observation: string;
  content: string;
  extras: Record<string, unknown>;
}

export interface CmdOutputFields {
  content: string;
  command: string;
  exitCode: number;
  hidden: boolean;
  interpreterDetails: string;
}

export function cmdOutputObservation(fields: CmdOutputFields): ObservationJson {
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

export function errorObservation(content: string, errorId = ''): ObservationJson {
  return {message: content, observation: 'error', content, extras: {error_id: errorId}};
}

export function unsupportedActionObservation(actionType: string): ObservationJson {
  return errorObservation(`Action ${actionType} is not supported in the current runtime.`, BAD_ACTION_ERROR_ID);
}

export function fileReadObservation(path: string, content: string): ObservationJson {
  return {message: `I read the file ${path}.`, observation: 'read', content, extras: {path}};
}

export function fileWriteObservation(path: string): ObservationJson {
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

export function fileEditObservation(fields: FileEditFields): ObservationJson {
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

/**
 * 0.15 put the re-assembled prompt (with the python interpreter line when python exists) into
 * `interpreter_details`; we do the same, so the cwd travels in a field every 0.15 client accepts.
 */
export function interpreterDetails(options: {pythonPath: string | undefined; user: string; uid: number; cwd: string}): string {
  const python = options.pythonPath ? `[Python Interpreter: ${options.pythonPath}]\n` : '';
  return `${python}${options.user}@openhands-workspace:${options.cwd} ${options.uid === 0 ? '#' : '$'} `;
}
