import {colorEnabled} from '../config/color.js';
import {loadConfigForCommand} from '../config/load-for-command.js';
import {UserError} from '../lib/errors.js';
import {newSessionId} from '../session/sid.js';
import {drawFirstFrame} from '../ui/first-frame.js';
import {agentFactoryFor} from './agent-factory.js';
import {type RunFlags, resolveRunOptions} from './run-options.js';

export interface SessionCommandOptions {
  configPath: string | undefined;
  sid: string | undefined;
  forceRebuild: boolean;
  /** The session screen without the alternate screen: finished events stay in the scrollback. */
  inline: boolean;
  /** The task, headless and agent flags (-t, -f, --headless, --json, -i, -b, -l, -d, --model, --confirm). */
  run?: RunFlags;
}

/**
 * `oh-tui [--session <sid>] [--inline]`: with --headless, the task run to its end (headless.ts); on
 * a terminal, the session screen (session-screen.ts). Without a terminal it says so and points at
 * what works without one: `oh-tui exec` for a command, headless mode for a task.
 */
export async function runSessionCommand(options: SessionCommandOptions): Promise<number> {
  const run = resolveRunOptions(loadConfigForCommand(options.configPath), options.run ?? {}, process.cwd());
  const config = run.config;
  const sid = options.sid ?? newSessionId();
  const forced = options.forceRebuild ? {...config, sandbox: {...config.sandbox, force_rebuild_runtime: true}} : config;
  if (run.headless) {
    const {runHeadlessCommand} = await import('./headless.js');
    return runHeadlessCommand({config: forced, sid, task: run.task as string, json: run.json, createAgent: agentFactoryFor(forced)});
  }
  const missing = [process.stdin.isTTY === true ? undefined : 'stdin', process.stdout.isTTY === true ? undefined : 'stdout'].filter(
    (name) => name !== undefined,
  );
  if (missing.length > 0 && run.task !== undefined) {
    throw new UserError('a task (-t or -f) without a terminal needs --headless', {
      hint: 'oh-tui --headless -t "<task>" runs it to the end and prints its progress on stderr',
    });
  }
  if (missing.length > 0) throw noTerminalError(missing);
  // Made before the first frame: LLM settings that are there but wrong fail on the normal screen.
  const createAgent = agentFactoryFor(forced);
  const color = colorEnabled(config, process.env);
  // No colour: chalk (Ink's colours) reads FORCE_COLOR once, when the screen's modules load.
  if (!color) process.env.FORCE_COLOR = '0';
  // Drawn before the screen's code loads (Ink and the rest take ~250 ms); the screen takes it over.
  // Inline has no alternate screen to draw it in.
  const firstFrame = options.inline ? undefined : drawFirstFrame(process.stdout, {sid, color});
  const {runSessionScreen} = await import('./session-screen.js');
  return runSessionScreen({config: forced, sid, inline: options.inline, task: run.task, createAgent, firstFrame});
}

/** What `oh-tui` says when it has no terminal to draw the session screen on. */
export function noTerminalError(missing: readonly string[]): UserError {
  const what = missing.length === 2 ? 'stdin and stdout are not terminals' : `${missing[0]} is not a terminal`;
  return new UserError(`the session screen needs a terminal, and ${what}.`, {
    hint: 'for one command in the session\'s runtime: oh-tui exec [--session <sid>] -- <command>; for a task with no screen: oh-tui --headless -t "<task>"',
  });
}
