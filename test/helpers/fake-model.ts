import type {CompleteOptions, ModelClient, ModelRequest, ModelToolCall, ModelTurn, TokenUsage} from '../../source/agent/model-client.js';

/** One scripted answer: a turn, or a function of the request (to stream deltas, throw, or wait for the abort). */
export type ScriptedTurn = ModelTurn | ((request: ModelRequest, options: CompleteOptions) => Promise<ModelTurn> | ModelTurn);

const USAGE: TokenUsage = {inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0};

let responseCounter = 0;

/** A plain answer (no tool call). */
export function textTurn(text: string, extra: Partial<ModelTurn> = {}): ModelTurn {
  responseCounter++;
  return {
    text,
    toolCalls: [],
    usage: USAGE,
    cost: 0.01,
    finishReason: 'stop',
    response: {id: `resp-${responseCounter}`, model: 'fake-model-1'},
    ...extra,
  };
}

/** An answer with tool calls: [name, input] pairs (input undefined with `invalid` in the extra call fields). */
export function toolTurn(calls: Array<[string, unknown] | Partial<ModelToolCall>>, text = '', extra: Partial<ModelTurn> = {}): ModelTurn {
  responseCounter++;
  const toolCalls = calls.map((call, index): ModelToolCall => {
    const id = `call-${responseCounter}-${index}`;
    if (Array.isArray(call)) return {id, name: call[0], input: call[1], rawInput: JSON.stringify(call[1])};
    return {id, name: 'execute_bash', input: undefined, rawInput: '', ...call};
  });
  return {
    text,
    toolCalls,
    usage: USAGE,
    cost: 0.01,
    finishReason: 'tool-calls',
    response: {id: `resp-${responseCounter}`, model: 'fake-model-1'},
    ...extra,
  };
}

/** A ModelClient that answers with scripted turns in order and keeps every request it got (a deep copy). */
export class FakeModel implements ModelClient {
  readonly model = 'fake/fake-model-1';
  readonly requests: ModelRequest[] = [];

  constructor(private readonly script: ScriptedTurn[]) {}

  push(...turns: ScriptedTurn[]): void {
    this.script.push(...turns);
  }

  async complete(request: ModelRequest, options: CompleteOptions): Promise<ModelTurn> {
    this.requests.push(structuredClone(request));
    const next = this.script.shift();
    if (!next) throw new Error(`FakeModel: no scripted turn left for request ${this.requests.length}`);
    return typeof next === 'function' ? next(request, options) : next;
  }
}

/** A turn that never comes: it fails with an AbortError when the call's signal is aborted. */
export function hangingTurn(onStarted?: () => void): ScriptedTurn {
  return (_request, options) =>
    new Promise((_resolve, reject) => {
      onStarted?.();
      const fail = () => reject(Object.assign(new Error('This operation was aborted'), {name: 'AbortError'}));
      if (options.signal.aborted) fail();
      options.signal.addEventListener('abort', fail, {once: true});
    });
}
