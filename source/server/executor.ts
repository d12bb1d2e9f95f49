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
  onActionStart?: (cause: number | undefined) => void;
  onObservation?: (observation: Observation, cause: number | undefined, requestId: unknown) => void;
}

/**
 * Runs actions one at a time and answers each with 0.15 observation JSON. Validation happens
 * before queueing, so a malformed request fails at once (400) and never waits for a running command.
 */
export class ActionExecutor {
  private readonly queue = new SerialQueue();
  private current: number | undefined;

  constructor(private readonly deps: ExecutorDeps) {}

  /** Id of the action being executed, when the client gave one. */
  get currentCause(): number | undefined {
    return this.current;
  }

  execute(body: unknown, requestId?: unknown): Promise<Observation> {
    let action: ParsedAction;
    try {
      action = parseExecuteRequest(body);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.queue.run(async () => {
      this.current = action.meta.id;
      this.deps.onActionStart?.(action.meta.id);
      try {
        const observation = await this.dispatch(action);
        this.deps.onObservation?.(observation, action.meta.id, requestId);
        return observation;
      } finally {
        this.current = undefined;
      }
    });
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
    return cmdOutputObservation({
      content: commandContent({
        echo: echoes ? action.command : undefined,
        output: outcome.output,
        notes: outcome.notes,
        maxChars: this.deps.maxMessageChars,
      }),
      command: action.command,
      exitCode: outcome.exitCode,
      hidden: action.hidden,
      interpreterDetails: interpreterDetails({
        pythonPath: this.deps.pythonPath,
        user: this.deps.user.name,
        uid: this.deps.user.uid,
        cwd: outcome.cwd,
      }),
    });
  }
}
