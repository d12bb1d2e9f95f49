import {colorEnabled} from '../config/color.js';
import {loadConfigForCommand} from '../config/load-for-command.js';
import {UserError} from '../lib/errors.js';
import {trapExitSignals} from '../lib/exit-signals.js';
import {SessionStore} from '../session/session-store.js';
import {newSessionId} from '../session/sid.js';
import {drawFirstFrame, type FirstFrame} from '../ui/first-frame.js';
import type {AgentFactory} from './agent-factory.js';
import {llmConfigured, selectedLlm} from '../config/selected-llm.js';
import type {Config} from '../config/types.js';
import {type RunFlags, resolveRunOptions} from './run-options.js';
import {startDebugLog} from './start-debug-log.js';
import {openStored, type StoredSession} from './stored-session.js';

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
  const debugLog = startDebugLog(forced, process.env, `session ${sid}${run.headless ? ', headless' : ''}`);
  if (run.headless) {
    if (debugLog) process.stderr.write(`oh-tui: debug log: ${debugLog}\n`);
    const [{runHeadlessCommand}, {agentFactoryFor}] = await Promise.all([import('./headless.js'), import('./agent-factory.js')]);
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
  const color = colorEnabled(config, process.env);
  // No colour: chalk (Ink's colours) reads FORCE_COLOR once, when the screen's modules load.
  if (!color) process.env.FORCE_COLOR = '0';
  // Drawn before the screen's code (Ink and the rest) and the agent's (the AI SDK) load, ~250 ms and
  // more; the screen takes it over. Inline has no alternate screen to draw it in.
  const firstFrame = options.inline ? undefined : drawFirstFrame(process.stdout, {sid, color});
  // The screen's code loads (its files read off the main thread) while the session opens.
  const loading = Promise.all([import('./session-screen.js'), loadAgentFactory(forced, firstFrame)]);
  loading.catch(() => {});
  const trap = trapExitSignals({onSecond: (interrupted) => process.exit(interrupted.exitCode)});
  const store = new SessionStore(forced.core.file_store_path);
  let opened: StoredSession;
  try {
    // Its runtime comes up while the screen's code loads.
    opened = openStored(store, forced, sid, process.env);
  } catch (error) {
    // Refused (another client holds it): the message goes to the normal screen.
    trap.dispose();
    firstFrame?.restore();
    throw error;
  }
  let loaded: [typeof import('./session-screen.js'), AgentFactory | undefined];
  try {
    loaded = await loading;
  } catch (error) {
    await opened.discard();
    trap.dispose();
    throw error;
  }
  const [{runSessionScreen}, createAgent] = loaded;
  return runSessionScreen({config: forced, store, opened, trap, inline: options.inline, task: run.task, createAgent, firstFrame});
}

/**
 * The session's agent factory. The agent's code (the AI SDK) is loaded only when an LLM may be
 * configured: a key or base_url in the settings, or some provider's `*_API_KEY` in the environment
 * (agentFactoryFor decides); a screen with no LLM starts without it.
 */
async function loadAgentFactory(config: Config, firstFrame: FirstFrame | undefined): Promise<AgentFactory | undefined> {
  const someKey = Object.entries(process.env).some(([name, value]) => name.endsWith('_API_KEY') && value !== undefined && value !== '');
  if (!llmConfigured(selectedLlm(config)) && !someKey) return undefined;
  const {agentFactoryFor} = await import('./agent-factory.js');
  try {
    return agentFactoryFor(config);
  } catch (error) {
    // LLM settings that are there but wrong: the message goes to the normal screen.
    firstFrame?.restore();
    throw error;
  }
}

/** What `oh-tui` says when it has no terminal to draw the session screen on. */
export function noTerminalError(missing: readonly string[]): UserError {
  const what = missing.length === 2 ? 'stdin and stdout are not terminals' : `${missing[0]} is not a terminal`;
  return new UserError(`the session screen needs a terminal, and ${what}.`, {
    hint: 'for one command in the session\'s runtime: oh-tui exec [--session <sid>] -- <command>; for a task with no screen: oh-tui --headless -t "<task>"',
  });
}
