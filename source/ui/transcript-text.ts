import stripAnsi from 'strip-ansi';
import {formatAgo} from '../lib/age.js';
import type {SessionMeta} from '../session/meta.js';
import {formatLocalMinute} from './sessions-table.js';
import type {TextStyle} from './text-style.js';

/**
 * A session's events as plain text for `oh-tui sessions show`: one format per event kind, every
 * event starting with its local time, its further lines indented under the first. Pure: the
 * caller writes the lines.
 */
type Json = Record<string, unknown>;

const timeWidth = 8;
const indent = ' '.repeat(timeWidth + 1);
const outputMark = '  ';

export function transcriptHeader(meta: SessionMeta, events: number, now: Date, style: TextStyle): string[] {
  const lastActive = Date.parse(meta.last_active);
  const facts = [
    `workspace ${meta.workspace || '?'}`,
    `created ${formatLocalMinute(meta.created)}`,
    `last active ${Number.isNaN(lastActive) ? '?' : formatAgo(now.getTime() - lastActive)}`,
    `${events} event${events === 1 ? '' : 's'}`,
  ];
  return [style.bold(`Session ${meta.sid}${meta.title ? `: ${meta.title}` : ''}`), style.dim(facts.join(' · ')), ''];
}

/** The lines of one event; none for hidden ones (the start-up exports) and empty null events. */
export function eventLines(event: Json, style: TextStyle): string[] {
  const args = record(event.args);
  const extras = record(event.extras);
  if (args.hidden === true || extras.hidden === true) return [];
  const body =
    typeof event.action === 'string'
      ? actionLines(event.action, event, args, style)
      : typeof event.observation === 'string'
        ? observationLines(event.observation, event, extras, style)
        : [style.dim(`(an event with neither action nor observation: ${JSON.stringify(event).slice(0, 100)})`)];
  if (body.length === 0) return [];
  const [first, ...rest] = body;
  return [`${style.dim(clockTime(event.timestamp))} ${first}`, ...rest.map((line) => (line === '' ? '' : indent + line))];
}

function actionLines(action: string, event: Json, args: Json, style: TextStyle): string[] {
  const thought = textOf(args.thought);
  const withThought = (lines: string[]) => (thought ? [...textLines(thought).map((line) => style.dim(line)), ...lines] : lines);
  const path = textOf(args.path);
  switch (action) {
    case 'message': {
      const [first = '', ...rest] = textLines(textOf(args.content));
      const who = event.source === 'user' ? style.bold(style.cyan('you:')) : style.bold('agent:');
      return [`${who} ${first}`, ...rest];
    }
    case 'run': {
      const [first = '', ...rest] = textLines(textOf(args.command));
      return withThought([style.bold(`❯ ${first}`), ...rest.map((line) => style.bold(`  ${line}`))]);
    }
    case 'run_ipython': {
      const [first = '', ...rest] = textLines(textOf(args.code));
      return withThought([style.bold(`>>> ${first}`), ...rest.map((line) => style.bold(`... ${line}`))]);
    }
    case 'read':
      return withThought([`read ${path}`]);
    case 'write':
      return withThought([`✎ write ${path}`]);
    case 'edit': {
      const command = textOf(args.command);
      return withThought([command === 'view' ? `read ${path}` : `✎ ${command || 'edit'} ${path}`]);
    }
    case 'change_agent_state':
      return [style.dim(`· ${event.source === 'user' ? 'you set' : 'set'} the agent state to ${textOf(args.agent_state)}`)];
    case 'finish': {
      const outputs = record(args.outputs);
      const summary = textOf(outputs.content) || textOf(args.final_thought) || thought;
      return [style.green('✔ finished'), ...textLines(summary)];
    }
    case 'reject':
      return [style.yellow('✖ the agent rejected the task'), ...textLines(thought || textOf(record(args.outputs).reason))];
    case 'delegate':
      return withThought([`→ delegated to ${textOf(args.agent) || 'another agent'}`]);
    case 'browse':
      return withThought([`browse ${textOf(args.url)}`]);
    case 'think':
      return textLines(thought).map((line) => style.dim(`… ${line}`));
    case 'null':
      return [];
    default:
      return withThought([`${action}: ${textOf(event.message)}`]);
  }
}

function observationLines(observation: string, event: Json, extras: Json, style: TextStyle): string[] {
  const content = textOf(event.content);
  const path = textOf(extras.path);
  switch (observation) {
    case 'run':
    case 'run_ipython': {
      const output = textLines(content).map((line) => outputMark + line);
      const code = extras.exit_code;
      if (observation === 'run_ipython' || typeof code !== 'number')
        return output.length > 0 ? output : [style.dim(`${outputMark}(no output)`)];
      const exit =
        code === 0
          ? style.green('✔ exit 0')
          : code === -1
            ? style.yellow('… still running after its timeout (exit -1)')
            : style.red(`✖ exit ${code}`);
      return [...output, exit];
    }
    case 'read': {
      const what = content.startsWith('data:') ? 'not text' : `${textLines(content).length} lines`;
      return [style.dim(`→ read ${path} (${what})`)];
    }
    case 'write':
      return [style.dim(`→ wrote ${path}`)];
    case 'edit': {
      const diff = textLines(content).map((line) => outputMark + paintDiffLine(line, style));
      return diff.length > 0 ? diff : [style.dim(`→ edited ${path}`)];
    }
    case 'error': {
      const [first = '', ...rest] = textLines(content);
      return [style.red(`✖ error: ${first}`), ...rest.map((line) => style.red(line))];
    }
    case 'agent_state_changed': {
      const reason = textOf(extras.reason);
      return [style.dim(`· agent ${textOf(extras.agent_state)}${reason ? ` (${reason})` : ''}`)];
    }
    case 'think':
      // The think tool's answer only says the thought was noted.
      return [];
    case 'user_rejected':
      return [style.yellow('✖ rejected by you'), ...textLines(content)];
    case 'success':
      return [style.green(`✔ ${content}`)];
    case 'null':
      return content.trim() === '' ? [] : textLines(content);
    default: {
      const [first = '', ...rest] = textLines(content);
      return [`${observation}: ${first}`, ...rest];
    }
  }
}

function paintDiffLine(line: string, style: TextStyle): string {
  if (line.startsWith('+') && !line.startsWith('+++')) return style.green(line);
  if (line.startsWith('-') && !line.startsWith('---')) return style.red(line);
  if (line.startsWith('@@')) return style.cyan(line);
  return line;
}

/**
 * Output as a terminal would leave it, minus anything that could drive the reader's terminal:
 * colour and cursor sequences dropped, `\r\n` as `\n`, a `\r` progress line as its last state,
 * other control characters removed; trailing blank lines cut.
 */
export function textLines(text: string): string[] {
  if (text === '') return [];
  const lines = stripAnsi(text)
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r').filter((part) => part !== '');
      return (parts.at(-1) ?? '').replace(/(?!\t)\p{Cc}/gu, '');
    });
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines;
}

/** `HH:MM:SS` in local time; OpenHands' timestamps without a zone are local already. */
function clockTime(value: unknown): string {
  const date = new Date(textOf(value));
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
