import type {BashSession} from './shell/bash-session.js';
import {commandKind} from './shell/command-kind.js';
import type {StrReplaceEditor} from './files/str-replace-editor.js';
import type {FileOwner} from './files/file-owner.js';
import {readFileAction} from './files/read-file.js';
import {resolveAgainst} from './files/resolve-path.js';
import {writeFileAction} from './files/write-file.js';
import {commandContent} from './protocol/command-content.js';
import {interpreterDetails} from '../events/interpreter-details.js';
import {cmdOutputObservation, type Observation, unsupportedActionObservation} from '../events/observations.js';
import type {RequestId} from '../events/stream-protocol.js';
import {parseExecuteRequest, type ParsedAction, type RunAction} from './protocol/parse-action.js';
import {SerialQueue} from './serial-queue.js';

export interface ExecutorDeps {
  shell: BashSession;
  editor: StrReplaceEditor;
  owner: FileOwner;
  user: {name: string; uid: number};
  pythonPath: string | undefined;
  maxMessageChars: number;
  /** Called when an action starts and with its observation (for the live stream and idle time). */
  onActionStart?: (run: ActionRun) => void;
  onObservation?: (observation: Observation, run: ActionRun) => void;
}

/** Who sent an action over the stream: an opaque client token and the client's request id. */
export interface ActionOrigin {
  client: object;
  requestId: RequestId | undefined;
}

/** One action as it runs: the server's number for it (from 1), the JSON it came as, and where from. */
export interface ActionRun {
  seq: number;
  action: unknown;
  cause: number | undefined;
  origin: ActionOrigin | undefined;
}

/**
 * Runs actions one at a time and answers each with 0.15 observation JSON. Validation happens
 * before queueing, so a malformed request fails at once (400) and never waits for a running command.
 */
export class ActionExecutor {
  private readonly queue = new SerialQueue();
  private current: ActionRun | undefined;
  private lastSeq = 0;

  constructor(private readonly deps: ExecutorDeps) {}

  /** The action being executed, if any. */
  get running(): ActionRun | undefined {
    return this.current;
  }

  execute(body: unknown, origin?: ActionOrigin): Promise<Observation> {
    let action: ParsedAction;
    try {
      action = parseExecuteRequest(body);
    } catch (error) {
      return Promise.reject(error);
    }
    if (action.type === 'run' && commandKind(action.command) === 'interrupt' && this.current && this.deps.shell.commandRunning) {
      return this.interruptRunning(action);
    }
    return this.queue.run(async () => {
      const run: ActionRun = {seq: ++this.lastSeq, action: (body as {action: unknown}).action, cause: action.meta.id, origin};
      this.current = run;
      this.deps.onActionStart?.(run);
      try {
        const observation = await this.dispatch(action);
        this.deps.onObservation?.(observation, run);
        return observation;
      } finally {
        this.current = undefined;
      }
    });
  }

  /**
   * A `C-c` that arrives while an action runs a command stops that command now. 0.15 queued it
   * behind the action it meant to stop (which made Ctrl+C over plain HTTP useless); the stopped
   * action's own observation carries the output and the SIGINT note.
   */
  private async interruptRunning(action: RunAction): Promise<Observation> {
    await this.deps.shell.interruptNow();
    return this.runObservation(action, '', 130, this.deps.shell.cwd);
  }
  private async dispatch(action: ParsedAction): Promise<Observation> {
    const {shell} = this.deps;
    switch (action.type) {
      case 'run':
        return this.run(action);
      case 'read':
        return readFileAction(resolveAgainst(shell.cwd, action.path), shell.cwd, action.start, action.end);
      case 'write':
        return writeFileAction({
          filePath: resolveAgainst(shell.cwd, action.path),
          content: action.content,
          start: action.start,
          end: action.end,
          owner: this.deps.owner,
        });
      case 'edit':
        return this.deps.editor.run(action, shell.cwd);
      case 'unsupported':
        return unsupportedActionObservation(action.actionType);
    }
  }

  private async run(action: RunAction): Promise<Observation> {
    const outcome = await this.deps.shell.run({
      command: action.command,
      blocking: action.blocking,
      timeoutSeconds: action.meta.timeout,
    });
    const echoes = action.meta.source === 'agent' && commandKind(action.command) === 'text';
    const content = commandContent({
      echo: echoes ? action.command : undefined,
      output: outcome.output,
      notes: outcome.notes,
      maxChars: this.deps.maxMessageChars,
    });
    return this.runObservation(action, content, outcome.exitCode, outcome.cwd);
  }

  private runObservation(action: RunAction, content: string, exitCode: number, cwd: string): Observation {
    const {pythonPath, user} = this.deps;
    return cmdOutputObservation({
      content,
      command: action.command,
      exitCode,
      hidden: action.hidden,
      interpreterDetails: interpreterDetails({pythonPath, user: user.name, uid: user.uid, cwd}),
    });
  }
}
