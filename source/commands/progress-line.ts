import {formatSeconds} from '../image/build-progress.js';

type Json = Record<string, unknown>;

/** What the formatter needs of earlier events: the action an observation answers (for its duration). */
export type ActionLookup = (id: number) => Json | undefined;

/**
 * One recorded event as a line (or a few) of readable progress for a headless run's stderr: the
 * user's task, the agent's messages and thoughts, `❯ command` then its exit code and duration,
 * `edited <path>`, errors, agent state changes. Undefined for events worth no line (a command's
 * echo-free null answers, hidden start-up commands). Pure; the caller writes the text.
 */
export function formatProgressLine(event: Json, actionOf: ActionLookup = () => undefined): string | undefined {
  if (typeof event.action === 'string') return actionLine(event.action, event, record(event.args));
  if (typeof event.observation === 'string') return observationLine(event.observation, event, record(event.extras), actionOf);
  return undefined;
}

/**
 * The reason an event's progress line states (an error's text, the reason of a change of the agent's
 * state), trimmed; undefined when its line states none. The run's last line need not say it again.
 */
export function statedReason(event: Json): string | undefined {
  let said = '';
  if (event.observation === 'error') said = text(event.content) || text(event.message);
  else if (event.observation === 'agent_state_changed') said = text(record(event.extras).reason);
  return said.trim() || undefined;
}

function actionLine(type: string, event: Json, args: Json): string | undefined {
  if (args.hidden === true) return undefined;
  const thought = text(args.thought).trim();
  const withThought = (line: string) => (thought === '' ? line : `${indented('… ', thought)}\n${line}`);
  switch (type) {
    case 'message':
      return indented(event.source === 'user' ? '› ' : '◆ ', text(args.content));
    case 'run':
      return withThought(indented('❯ ', text(args.command)) + awaiting(args));
    case 'run_ipython':
      return withThought(indented('» ', text(args.code)) + awaiting(args));
    case 'think':
      return thought === '' ? undefined : indented('… ', thought);
    case 'finish': {
      const outputs = record(args.outputs);
      const said = text(outputs.content ?? outputs.message ?? '').trim() || thought;
      const rest = Object.keys(outputs).filter((key) => key !== 'content' && key !== 'message');
      const detail = rest.length === 0 ? '' : `\n  outputs: ${JSON.stringify(Object.fromEntries(rest.map((key) => [key, outputs[key]])))}`;
      return `${said === '' ? '✔ finished' : indented('✔ finished: ', said)}${detail}`;
    }
    case 'edit':
    case 'write':
    case 'read':
      // Said once it is done (`edited <path>`), or when it waits for a confirmation.
      return thought === '' && awaiting(args) === '' ? undefined : withThought(`✎ ${type} ${text(args.path)}${awaiting(args)}`);
    case 'change_agent_state':
      return undefined;
    case 'reject':
      return indented('✖ rejected: ', text(record(args.outputs).reason) || thought || 'the agent gave up');
    default:
      return withThought(`· ${type}${event.message ? `: ${text(event.message)}` : ''}`);
  }
}

function observationLine(type: string, event: Json, extras: Json, actionOf: ActionLookup): string | undefined {
  if (extras.hidden === true) return undefined;
  const content = text(event.content);
  const action = typeof event.cause === 'number' ? actionOf(event.cause) : undefined;
  const took = duration(action, event);
  switch (type) {
    case 'run': {
      if (record(action?.args).hidden === true) return undefined;
      const code = typeof extras.exit_code === 'number' ? extras.exit_code : undefined;
      if (code === -1) return `  ⋯ still running after the soft timeout${took}`;
      return `  ${code === 0 ? '✔' : '✖'} exit ${code ?? '?'}${took}`;
    }
    case 'run_ipython':
      return `  ✔ done${took}`;
    case 'edit':
      return `edited ${text(extras.path)}${took}`;
    case 'write':
      return `wrote ${text(extras.path)}${took}`;
    case 'read':
      return `read ${text(extras.path)}`;
    case 'error':
      return indented('✖ error: ', content || text(event.message));
    case 'agent_state_changed':
      return `· agent ${text(extras.agent_state).replaceAll('_', ' ')}${extras.reason ? ` (${text(extras.reason)})` : ''}`;
    case 'user_rejected':
      return '✖ rejected by the user';
    case 'runtime_note':
      return indented('! ', content || text(event.message));
    case 'null':
    case 'think':
      // A null answer says nothing; the think tool's answer only says the thought was noted.
      return undefined;
    default:
      return `· ${type}${content ? `: ${firstLine(content)}` : ''}`;
  }
}

function awaiting(args: Json): string {
  return args.confirmation_state === 'awaiting_confirmation' ? '  (waiting for confirmation)' : '';
}

function duration(action: Json | undefined, event: Json): string {
  const start = typeof action?.timestamp === 'string' ? Date.parse(action.timestamp) : Number.NaN;
  const end = typeof event.timestamp === 'string' ? Date.parse(event.timestamp) : Number.NaN;
  return Number.isNaN(start) || Number.isNaN(end) || end < start ? '' : ` · ${formatSeconds(end - start)}`;
}

/** `prefix` on the first line, the text's further lines indented under it. */
function indented(prefix: string, body: string): string {
  const pad = ' '.repeat([...prefix].length);
  return body
    .replace(/\n+$/, '')
    .split('\n')
    .map((line, index) => (index === 0 ? prefix : pad) + line)
    .join('\n');
}

function firstLine(value: string): string {
  return value.split('\n')[0] ?? value;
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
