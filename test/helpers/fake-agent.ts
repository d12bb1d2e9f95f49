import type {AgentApi, AgentStatus, ConfirmationAnswer} from '../../source/agent/agent-api.js';
import type {AgentState} from '../../source/events/actions.js';
import type {EventStream} from '../../source/session/event-stream.js';

type Stream = EventStream<Record<string, unknown>>;

/** What a scripted turn can do: record events, change the status, wait for a confirmation or a stop. */
export interface FakeTurn {
  stream: Stream;
  text: string;
  /** Records an agent_state_changed observation and sets the state. */
  setState(state: AgentState, reason?: string): void;
  patch(status: Partial<AgentStatus>): void;
  /** Resolves with the user's answer to a confirmation. */
  nextAnswer(): Promise<ConfirmationAnswer>;
  stopped: AbortSignal;
}

/**
 * A stand-in for the controller, for tests only: `send` records the user's message, sets
 * `running`, then plays the scripted turn (which records what a real agent would).
 */
export class FakeAgent implements AgentApi {
  status: AgentStatus = {
    state: 'awaiting_user_input',
    model: 'fake/model',
    usage: {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0},
    cost: 0,
    confirmationMode: false,
    draft: undefined,
    reason: '',
  };
  readonly sent: string[] = [];
  readonly answers: ConfirmationAnswer[] = [];
  stops = 0;
  readonly #listeners = new Set<(status: AgentStatus) => void>();
  #answer: ((answer: ConfirmationAnswer) => void) | undefined;
  #stop = new AbortController();

  constructor(
    private readonly stream: Stream,
    private readonly turn: (turn: FakeTurn, index: number) => Promise<void>,
  ) {}

  async send(text: string): Promise<void> {
    this.sent.push(text);
    this.#stop = new AbortController();
    this.stream.add({source: 'user', message: text, action: 'message', args: {content: text, image_urls: null, wait_for_response: false}});
    const setState = (state: AgentState, reason = '') => {
      this.stream.add({
        source: 'environment',
        message: '',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state: state, reason},
      });
      this.patch({state, reason});
    };
    setState('running');
    await this.turn(
      {
        stream: this.stream,
        text,
        setState,
        patch: (status) => this.patch(status),
        nextAnswer: () => new Promise((resolve) => (this.#answer = resolve)),
        stopped: this.#stop.signal,
      },
      this.sent.length - 1,
    );
  }

  stop(): void {
    this.stops++;
    this.#stop.abort();
  }

  confirm(answer: ConfirmationAnswer): void {
    this.answers.push(answer);
    this.#answer?.(answer);
  }

  setConfirmationMode(on: boolean): void {
    this.patch({confirmationMode: on});
  }

  onStatus(listener: (status: AgentStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  patch(status: Partial<AgentStatus>): void {
    this.status = {...this.status, ...status};
    for (const listener of [...this.#listeners]) listener(this.status);
  }
}
