import type {AgentApi} from '../agent/agent-api.js';
import {HOW_TO_CONFIGURE_LLM} from '../config/selected-llm.js';
import type {Config} from '../config/types.js';
import {runtimeContainerName} from '../docker/containers.js';
import {toEventJson} from '../events/event-json.js';
import {errorObservation} from '../events/observations.js';
import {unansweredActions} from '../events/unanswered.js';
import {UserError} from '../lib/errors.js';
import {trapExitSignals} from '../lib/exit-signals.js';
import {LiveSession, type LiveSessionOptions, type RuntimeView} from '../runtime/live-session.js';
import type {TextSink} from '../runtime/session-runtime.js';
import {SessionStore} from '../session/session-store.js';
import {showBuildOn} from '../ui/show-build.js';
import type {AgentFactory} from './agent-factory.js';
import {formatProgressLine, statedReason} from './progress-line.js';

export interface HeadlessOptions {
  config: Config;
  sid: string;
  task: string;
  /** One recorded event JSON a line on stdout, and nothing else there. */
  json: boolean;
  /** Makes the agent (the CLI passes agentFactoryFor(config); tests a fake). */
  createAgent: AgentFactory | undefined;
  stdout: TextSink;
  stderr: TextSink;
  /** Where a build shows (plain lines): the process's stderr. */
  buildStream: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl+C (or SIGTERM, SIGHUP): the agent is stopped and the run ends with `interruptedCode()`. */
  signal: AbortSignal;
  interruptedCode: () => number;
  /** The session's runtime (tests pass a stand-in that needs no Docker). */
  runtimeFor?: (options: LiveSessionOptions) => LiveSession;
}

/** What a headless agent is told when it asks the user something: nobody is there (as OpenHands' headless runs do). */
export const NOBODY_THERE =
  'Nobody is here to answer: please go on with the task as you think best. When it is done, finish (use the finish tool).';
/** How many times a run answers the agent's questions so before it gives up. */
export const MAX_AUTO_REPLIES = 3;
/** How long a stopped agent gets to settle before the run ends anyway. */
const STOP_GRACE_MS = 5000;

/** The exit code of a run whose agent ended in this state. */
export function exitCodeForState(state: AgentApi['status']['state']): number {
  return state === 'finished' ? 0 : 1;
}

/** Fails at once when there is no agent (no LLM configured): a headless run without one cannot do anything. */
export function checkAgentForHeadless(createAgent: AgentFactory | undefined): void {
  if (createAgent !== undefined) return;
  throw new UserError('--headless needs an LLM, and none is configured', {hint: HOW_TO_CONFIGURE_LLM});
}

/**
 * `oh-tui --headless -t <task>`: runs one task to its end without the screen. It opens the
 * session in the store (locked), brings the runtime up (a build shows as plain lines on stderr),
 * sends the task and waits until the agent finishes, fails or stops, printing one line of progress
 * per event on stderr (and with `json` the recorded event JSON on stdout). Exit 0 when the agent
 * finished, 1 when it ended otherwise (an error, max_iterations, the budget) or the runtime did not
 * come up, the signal's code (130 for Ctrl+C) when interrupted. The container is stopped at the end
 * unless [sandbox] keep_runtime_alive, and stderr says how to resume.
 */
export async function runHeadless(options: HeadlessOptions): Promise<number> {
  const {config, sid, stdout, stderr, signal} = options;
  const say = (line: string) => stderr.write(`${line}\n`);
  if (options.createAgent === undefined) {
    // Said before anything is opened or started: there is nobody to run the task.
    say(`oh-tui: no agent to run the task: ${HOW_TO_CONFIGURE_LLM}`);
    return 2;
  }
  const store = new SessionStore(config.core.file_store_path);
  const container = runtimeContainerName(config, sid);
  const session = store.open(sid, {
    origin: {workspace: config.core.workspace_base, image: '', container},
    onRecordingStopped: (reason) => say(`oh-tui: warning: ${reason}`),
  });
  for (const warning of session.warnings) say(`oh-tui: warning: ${warning}`);
  const {stream} = session;
  const byId = new Map<number, Record<string, unknown>>();
  /** Reasons the progress lines have stated (an error event's text): the closing line does not repeat them. */
  const stated = new Set<string>();
  const unsubscribe = stream.subscribe((event) => {
    if (typeof event.action === 'string') byId.set(event.id, event);
    if (options.json) stdout.write(`${JSON.stringify(event)}\n`);
    const line = formatProgressLine(event, (id) => byId.get(id));
    if (line === undefined) return;
    say(line);
    const reason = statedReason(event);
    if (reason !== undefined) stated.add(reason);
  });
  // After subscribing: what this run records (here, the results a killed client never got) is printed and on stdout too.
  for (const cause of unansweredActions(stream.all())) {
    const note = 'oh-tui stopped while this ran (the client was killed or crashed): what it printed after that was not recorded.';
    stream.add(toEventJson({...errorObservation(note), source: 'environment', cause}));
  }

  let lastState: RuntimeView['state'] | undefined;
  const runtime = (options.runtimeFor ?? ((live) => new LiveSession(live)))({
    config,
    sid,
    env: options.env,
    stream,
    build: showBuildOn(options.buildStream, {plain: true}),
    onChange: (view) => {
      if (view.state !== lastState) say(`oh-tui: runtime ${view.state}${view.detail ? ` (${view.detail})` : ''}`);
      lastState = view.state;
      if (view.image && view.image !== session.meta().image) session.update({image: view.image});
    },
    onOutput: () => {},
    onRunning: () => {},
    onNote: (text) => say(`oh-tui: ${text}`),
  });

  let agent: AgentApi | undefined;
  // One close, awaited by whoever asks (a second call would return before the first has stopped the container).
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= runtime.close();
    return closing;
  };
  const onSignal = () => {
    say('\noh-tui: interrupted: stopping the agent and the runtime container (again to quit at once)');
    agent?.stop();
    void close();
  };
  signal.addEventListener('abort', onSignal);
  let code: number;
  try {
    code = await run();
  } finally {
    signal.removeEventListener('abort', onSignal);
    if (!closing) say(`oh-tui: stopping the session's runtime container ${container}…`);
    await close();
    unsubscribe();
    session.update(agent ? {agent_state: agent.status.state} : {});
    session.close();
  }
  say(`Session ${sid}`);
  say(`Resume it:  npx oh-tui --session ${sid}`);
  say(
    config.sandbox.keep_runtime_alive
      ? 'The runtime container keeps running ([sandbox] keep_runtime_alive).'
      : `The runtime container is stopped and kept for --session ${sid}.`,
  );
  return code;

  async function run(): Promise<number> {
    await runtime.start();
    if (signal.aborted) return options.interruptedCode();
    if (runtime.view.state !== 'running') {
      say(`oh-tui: the runtime did not come up: ${runtime.view.detail || runtime.view.state}`);
      return 1;
    }
    agent = options.createAgent?.(stream, runtime);
    if (agent === undefined) {
      say(`oh-tui: no agent: ${HOW_TO_CONFIGURE_LLM}`);
      return 2;
    }
    // Passing notes (an LLM call being retried) are not events: without this line a run waiting out retries would look stuck.
    let lastNote: string | undefined;
    const stopNotes = agent.onStatus(({note}) => {
      if (note !== undefined && note !== lastNote) say(`· ${note}`);
      lastNote = note;
    });
    try {
      return await runTask(agent);
    } finally {
      stopNotes();
    }
  }

  async function runTask(running: AgentApi): Promise<number> {
    let message = options.task;
    for (let replies = 0; ; replies++) {
      await untilSettled(running.send(message), signal);
      if (signal.aborted) return options.interruptedCode();
      const {state, reason} = running.status;
      if (state !== 'awaiting_user_input') {
        if (state !== 'finished') say(endedLine(state, stated.has(reason.trim()) ? '' : reason));
        return exitCodeForState(state);
      }
      if (replies >= MAX_AUTO_REPLIES) {
        say(`oh-tui: the agent is still waiting for an answer after ${MAX_AUTO_REPLIES} replies that nobody is there; giving up`);
        return 1;
      }
      message = NOBODY_THERE;
    }
  }
}

/** The run's closing line for an agent that did not finish; `reason` empty when a progress line said it already. */
function endedLine(state: AgentApi['status']['state'], reason: string): string {
  const how = state === 'error' ? 'in error' : state.replaceAll('_', ' ');
  return `oh-tui: the agent ended ${how}${reason.trim() ? `: ${reason.trim()}` : ''}`;
}

/** The agent's turn, or the signal plus a grace period for a stopped agent to settle. */
async function untilSettled(turn: Promise<void>, signal: AbortSignal): Promise<void> {
  let release = () => {};
  const stopped = new Promise<void>((resolve) => {
    const onAbort = () => setTimeout(resolve, STOP_GRACE_MS).unref();
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, {once: true});
    release = () => signal.removeEventListener('abort', onAbort);
  });
  try {
    await Promise.race([turn, stopped]);
  } finally {
    release();
  }
}

export interface HeadlessCommandOptions {
  config: Config;
  sid: string;
  task: string;
  json: boolean;
  createAgent: AgentFactory | undefined;
}

/** The CLI's entry: the process's streams and signals around runHeadless (a second signal quits at once). */
export async function runHeadlessCommand(options: HeadlessCommandOptions): Promise<number> {
  checkAgentForHeadless(options.createAgent);
  const trap = trapExitSignals({onSecond: (interrupted) => process.exit(interrupted.exitCode)});
  try {
    return await runHeadless({
      ...options,
      stdout: process.stdout,
      stderr: process.stderr,
      buildStream: process.stderr,
      env: process.env,
      signal: trap.signal,
      interruptedCode: () => trap.received()?.exitCode ?? 130,
    });
  } finally {
    trap.dispose();
  }
}
