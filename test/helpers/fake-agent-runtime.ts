import type {AgentRuntime} from '../../source/agent/agent-runtime.js';
import type {Action} from '../../source/events/actions.js';
import {cmdOutputObservation, errorObservation, fileEditObservation, type Observation} from '../../source/events/observations.js';

export type ActionHandler = (action: Action, signal: AbortSignal) => Promise<Observation> | Observation;

/** Runs `run` as a tiny fake shell (echo and a file system of created files) unless a handler is given; keeps every action. */
export class FakeAgentRuntime implements AgentRuntime {
  readonly actions: Action[] = [];
  readonly files = new Map<string, string>();

  constructor(private readonly handler?: ActionHandler) {}

  async run(action: Action, options: {signal: AbortSignal}): Promise<Observation> {
    this.actions.push(action);
    if (this.handler) return this.handler(action, options.signal);
    if (action.action === 'edit' && action.args.command === 'create') {
      const path = action.args.path;
      this.files.set(path, action.args.file_text ?? '');
      return fileEditObservation({
        path,
        prevExist: false,
        oldContent: null,
        newContent: action.args.file_text ?? '',
        diff: `+${action.args.file_text}`,
      });
    }
    if (action.action === 'run') {
      const command = action.args.command;
      const script = /^python3? (\S+)$/.exec(command)?.[1];
      if (script !== undefined) {
        const source = this.files.get(script);
        const printed = source ? /print\("(.*)"\)/.exec(source)?.[1] : undefined;
        if (printed !== undefined)
          return cmdOutputObservation({content: printed, command, exitCode: 0, hidden: false, interpreterDetails: ''});
        return cmdOutputObservation({
          content: `python: can't open file '${script}'`,
          command,
          exitCode: 2,
          hidden: false,
          interpreterDetails: '',
        });
      }
      return cmdOutputObservation({content: `ran ${command}`, command, exitCode: 0, hidden: false, interpreterDetails: ''});
    }
    return errorObservation(`FakeAgentRuntime cannot run ${action.action}`);
  }
}
