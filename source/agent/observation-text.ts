/** An observation as recorded (0.15 event JSON), read structurally. */
export interface ObservationRecord {
  observation: string;
  content?: unknown;
  message?: unknown;
  extras?: unknown;
}

/** 0.15's truncate_content: the head and the tail of a long text, with a marker between. */
export function truncateForModel(content: string, maxChars: number): string {
  if (content.length <= maxChars) return content;
  const half = Math.floor(maxChars / 2);
  return `${content.slice(0, half)}\n[... Observation truncated due to length ...]\n${content.slice(content.length - half)}`;
}

/**
 * What the model reads of an observation that answers one of its tool calls, in the words
 * 0.15's CodeActAgent used (`[Command finished with exit code N]`, `[Error occurred in processing
 * last action]`, ...); the content is truncated to `maxChars`, the bracketed notes are kept.
 */
export function observationText(observation: ObservationRecord, maxChars: number): string {
  const content = typeof observation.content === 'string' ? observation.content : '';
  const extras = (typeof observation.extras === 'object' && observation.extras !== null ? observation.extras : {}) as Record<
    string,
    unknown
  >;
  const body = truncateForModel(content, maxChars);
  switch (observation.observation) {
    case 'run': {
      const exitCode = typeof extras.exit_code === 'number' ? extras.exit_code : 0;
      if (exitCode === -1) {
        return `${body}\n[The command is still running. Send an empty command to see more output, the text to type with is_input true, or C-c to interrupt it.]`;
      }
      return `${body}\n[Command finished with exit code ${exitCode}]`;
    }
    case 'edit': {
      const path = typeof extras.path === 'string' ? extras.path : '';
      if (extras.prev_exist === false) return `File created successfully at: ${path}`;
      return `The file ${path} has been edited. The change, as a unified diff:\n${body}`;
    }
    case 'write':
      return typeof observation.message === 'string' && observation.message ? observation.message : 'The file was written.';
    case 'error':
      return `${body}\n[Error occurred in processing last action]`;
    case 'user_rejected':
      return `OBSERVATION:\n${body}\n[Last action has been rejected by the user]`;
    default:
      return body || (typeof observation.message === 'string' ? observation.message : '');
  }
}

/** The result of a command the user ran (`!cmd`), as 0.15 showed it to the model. */
export function userCommandResultText(observation: ObservationRecord, maxChars: number): string {
  const content = typeof observation.content === 'string' ? observation.content : '';
  const text = truncateForModel(`\nObserved result of command executed by user:\n${content}`, maxChars);
  const extras = (typeof observation.extras === 'object' && observation.extras !== null ? observation.extras : {}) as Record<
    string,
    unknown
  >;
  return observation.observation === 'run'
    ? `${text}\n[Command finished with exit code ${typeof extras.exit_code === 'number' ? extras.exit_code : 0}]`
    : text;
}
