import {runtimeContainerName} from '../docker/containers.js';
import type {Config} from '../config/types.js';
import {connectDocker} from '../docker/connect.js';
import {type Action, cmdRunAction} from '../events/actions.js';
import {toEventJson} from '../events/event-json.js';
import {errorObservation, type Observation} from '../events/observations.js';
import {RUNTIME_NOTE} from '../events/transcript.js';
import type {BuildFn} from '../image/ensure-image.js';
import type {EventStream} from '../session/event-stream.js';
import {debugLine} from '../lib/debug-log.js';
import {Interrupter} from './interrupter.js';
import {openRuntime, type RuntimeHandle} from './manager.js';
import {type RuntimeWatch, watchRuntime} from './runtime-watch.js';
import {resolveRuntimeImage} from './session-runtime.js';
import type {RuntimeStatus} from './status.js';
import {vscodeLink} from './vscode.js';

/** What the header shows of the runtime. */
export interface RuntimeView {
  state: 'building' | 'starting' | 'running' | 'stopped' | 'lost';
  /** Why it is stopped or lost, or what it is doing; '' when there is nothing to say. */
  detail: string;
  container: string;
  image: string | undefined;
  vscodeUrl: string | undefined;
  /** Why there is no VS Code link, once that is known. */
  vscodeNote: string | undefined;
}

export interface LiveSessionOptions {
  config: Config;
  sid: string;
  env: Record<string, string | undefined>;
  stream: EventStream<Record<string, unknown>>;
  /** How an image build is shown (the session screen's own build view). */
  build: BuildFn;
  /** Told on every change of the runtime's view. */
  onChange: (view: RuntimeView) => void;
  /** The running command's output as the shell produces it (for the terminal pane). */
  onOutput: (text: string) => void;
  /** Told when a command starts (true) and ends (false). */
  onRunning: (running: boolean) => void;
  /** Things the user should know (label drift, ports open to the network, a stop that failed). */
  onNote: (text: string) => void;
}

const stateOfStatus: Partial<Record<RuntimeStatus['type'], RuntimeView['state']>> = {
  'preparing-image': 'building',
  creating: 'starting',
  starting: 'starting',
  waiting: 'starting',
  'exporting-env': 'starting',
};

/**
 * A session's runtime while the session screen is open: brings it up (attach, start, or create,
 * with a note in the event log when a container the session had was recreated), watches it
 * (a lost runtime is said within 2 s), restarts it on request, and runs the user's `!commands`,
 * recording each as a `run` action and its observation (or an error naming what happened).
 * It knows nothing of Ink: the screen renders `RuntimeView` and calls these methods.
 */
export class LiveSession {
  #view: RuntimeView;
  #handle: RuntimeHandle | undefined;
  #watch: RuntimeWatch | undefined;
  #unsubscribe: (() => void) | undefined;
  #running: Interrupter | undefined;
  #runningDone: Promise<void> | undefined;
  #opening: Promise<void> | undefined;
  readonly #viewWaiters = new Set<() => void>();
  /** Aborted by close: a bring-up or build still under way stops (and stops what it started). */
  readonly #closing = new AbortController();

  constructor(private readonly options: LiveSessionOptions) {
    this.#view = {
      state: 'starting',
      detail: '',
      container: runtimeContainerName(options.config, options.sid),
      image: undefined,
      vscodeUrl: undefined,
      vscodeNote: undefined,
    };
  }

  get view(): RuntimeView {
    return this.#view;
  }

  get commandRunning(): boolean {
    return this.#running !== undefined;
  }

  /** Brings the runtime up; failures become a 'lost' view with the reason (the screen offers restart). */
  start(): Promise<void> {
    this.#opening ??= this.#open().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /** Brings a lost or stopped runtime back: starts the container, or recreates it when it is gone. */
  async restart(): Promise<void> {
    if (this.#opening) return this.#opening;
    this.#forgetHandle();
    return this.start();
  }

  /** Runs `command` in the runtime's shell, recorded as events; resolves when it has finished. */
  async runShell(command: string): Promise<void> {
    const handle = this.#handle;
    if (!handle || this.#view.state !== 'running' || this.#running) return;
    const {stream} = this.options;
    const action = stream.add(toEventJson(cmdRunAction(command, {timeout: this.options.config.sandbox.timeout})));
    try {
      const observation = await this.#streamCommand(handle, action as unknown as Action, new Interrupter());
      // As 0.15's runtime does: the observation has the source of the action it answers.
      stream.add(toEventJson({...observation, source: 'user', cause: action.id}));
    } catch (error) {
      stream.add(
        toEventJson({...errorObservation(`The command did not finish: ${(error as Error).message}`), source: 'user', cause: action.id}),
      );
    }
  }

  /**
   * The agent's AgentRuntime.run: a command streams into the terminal pane as the user's do (the
   * controller records the action and its observation, not this); other actions (edit, read, write)
   * go through the action server as they are. Aborting `signal` sends SIGINT to the command. A user's
   * command still running, and a runtime still coming up, are waited for first.
   */
  async runAgentAction(action: Action, options: {signal: AbortSignal}): Promise<Observation> {
    while (this.#running) await this.#runningDone;
    // A task typed while the runtime comes up waits for it (a build can take minutes).
    while ((this.#view.state === 'starting' || this.#view.state === 'building') && !options.signal.aborted) {
      await this.#nextChange(options.signal);
    }
    const handle = this.#handle;
    if (!handle || this.#view.state !== 'running') {
      const why = this.#view.detail ? `${this.#view.state}: ${this.#view.detail}` : this.#view.state;
      return errorObservation(`The runtime is not running (${why}), so the action did not run. Wait for it, or restart it (Ctrl+R).`);
    }
    if (action.action !== 'run') return handle.client.executeAction(action);
    const interrupter = new Interrupter();
    const stopFollowing = interrupter.follow(options.signal);
    try {
      return await this.#streamCommand(handle, action, interrupter);
    } finally {
      stopFollowing();
    }
  }

  /** SIGINT to the running command (its observation still arrives, exit 130); each press sends it again. */
  interrupt(): void {
    this.#running?.press();
  }

  /** Runs a command with its output in the terminal pane; `interrupt()` presses `interrupter`. */
  async #streamCommand(handle: RuntimeHandle, action: Action, interrupter: Interrupter): Promise<Observation> {
    this.#running = interrupter;
    this.options.onRunning(true);
    let done = () => {};
    this.#runningDone = new Promise((resolve) => {
      done = resolve;
    });
    try {
      return await handle.client.runStreaming(action, (text) => this.options.onOutput(text), {interrupter});
    } catch (error) {
      this.#watch?.checkNow();
      throw error;
    } finally {
      this.#running = undefined;
      done();
      this.options.onRunning(false);
    }
  }

  /** A line typed while a command runs goes to its stdin. */
  async typeInput(text: string): Promise<void> {
    try {
      if (await this.#handle?.client.typeInput(text)) return;
      this.options.onNote('This runtime has no live stream (an OpenHands-made container): typing into a running command is not possible.');
    } catch (error) {
      this.options.onNote(`Could not type into the command: ${firstLine((error as Error).message)}`);
    }
  }

  /**
   * Ends the session's use of the runtime: a bring-up under way is aborted, a running command is
   * interrupted and given 2 s to record its end, then the container is stopped unless
   * [sandbox] keep_runtime_alive. A failing engine is a note, not an error: quitting goes on.
   */
  async close(): Promise<void> {
    this.#closing.abort();
    this.interrupt();
    if (this.#runningDone) await Promise.race([this.#runningDone, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.#opening?.catch(() => {});
    const handle = this.#handle;
    this.#forgetHandle();
    try {
      await handle?.close();
    } catch (error) {
      this.options.onNote(`Could not stop container ${this.#view.container}: ${firstLine((error as Error).message)}`);
    }
  }

  async #open(): Promise<void> {
    const {config, sid, env, stream} = this.options;
    const hadEvents = stream.size > 0;
    this.#update({state: 'starting', detail: 'connecting to the Docker engine'});
    let handle: RuntimeHandle;
    try {
      const connection = await connectDocker(env);
      handle = await openRuntime({
        config,
        connection,
        sid,
        env,
        stopOnFailure: true,
        signal: this.#closing.signal,
        ensureImage: () => resolveRuntimeImage(config, connection, this.options.build, this.#closing.signal),
        onStatus: (status) => {
          const state = stateOfStatus[status.type];
          if (state) this.#update({state, detail: status.type === 'waiting' ? 'waiting for the action server' : status.type});
        },
      });
    } catch (error) {
      if (!this.#closing.signal.aborted) this.#update({state: 'lost', detail: firstLine((error as Error).message)});
      return;
    }
    if (this.#closing.signal.aborted) {
      await handle.close().catch(() => {});
      return;
    }
    this.#handle = handle;
    for (const warning of handle.warnings) this.options.onNote(`warning: ${warning}`);
    if (handle.origin === 'created' && hadEvents) {
      stream.add({
        source: 'environment',
        message: `Container ${handle.containerName} was gone and has been recreated: the shell starts afresh (files in the workspace are kept).`,
        observation: RUNTIME_NOTE,
        content: '',
        extras: {container: handle.containerName, image: handle.image},
      });
    }
    this.#update({state: 'running', detail: '', image: handle.image});
    this.#watch = watchRuntime(
      {alive: (timeoutMs = 700) => handle.client.alive(timeoutMs), containerState: () => handle.currentState()},
      handle.containerName,
      (health) => this.#update(health.state === 'running' ? {state: 'running', detail: ''} : {state: health.state, detail: health.reason}),
    );
    this.#unsubscribe = handle.client.subscribe((event) => {
      if (event.type === 'closed') this.#watch?.checkNow();
    });
    void this.#loadVscodeLink(handle);
  }

  async #loadVscodeLink(handle: RuntimeHandle): Promise<void> {
    try {
      const url = await vscodeLink(handle, this.options.config, this.options.env, {signal: this.#closing.signal});
      if (this.#handle === handle) this.#update({vscodeUrl: url, vscodeNote: undefined});
    } catch (error) {
      if (this.#handle === handle) this.#update({vscodeNote: firstLine((error as Error).message)});
    }
  }

  #forgetHandle(): void {
    this.#watch?.stop();
    this.#watch = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#handle?.client.dispose();
    this.#handle = undefined;
    // A started or recreated container gets new ports: the old link is dead.
    this.#view = {...this.#view, vscodeUrl: undefined, vscodeNote: undefined};
  }

  #update(patch: Partial<RuntimeView>): void {
    const before = this.#view;
    this.#view = {...this.#view, ...patch};
    if (this.#view.state !== before.state || this.#view.detail !== before.detail) {
      debugLine('runtime', `${this.#view.container}: ${this.#view.state}${this.#view.detail ? ` (${this.#view.detail})` : ''}`);
    }
    this.options.onChange(this.#view);
    for (const waiter of [...this.#viewWaiters]) waiter();
  }

  /** Resolves on the next change of the view, or when `signal` aborts. */
  #nextChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#viewWaiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#viewWaiters.add(done);
      signal.addEventListener('abort', done, {once: true});
    });
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
