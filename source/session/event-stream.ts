/** The fields the stream itself sets on every event it records (0.15's `_id`, `_timestamp`). */
export interface Numbered {
  id: number;
  timestamp: string;
}

/** Where recorded events go before anyone hears of them (the session's events.jsonl). */
export interface EventSink {
  append(event: object): void;
}

export type EventListener<E> = (event: E & Numbered) => void;

/**
 * A session's events in order. `add` numbers an event (from 0, continuing after the history it was
 * opened with), stamps it, persists it, and only then tells the subscribers, in subscription order.
 * A new subscriber may ask for the history first, so a screen opened late misses nothing.
 */
export class EventStream<E extends object> {
  readonly #events: (E & Numbered)[];
  readonly #listeners = new Set<EventListener<E>>();

  constructor(
    history: readonly (E & Numbered)[],
    private readonly sink: EventSink | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#events = [...history];
  }

  /** The id the next event gets: one past the highest recorded (0.15: max id + 1). */
  get nextId(): number {
    return (this.#events.at(-1)?.id ?? -1) + 1;
  }

  get size(): number {
    return this.#events.length;
  }

  /** Every recorded event, oldest first. */
  all(): readonly (E & Numbered)[] {
    return this.#events;
  }

  add(event: E): E & Numbered {
    const recorded = {id: this.nextId, timestamp: this.now().toISOString(), ...withoutNumbering(event)} as E & Numbered;
    this.sink?.append(recorded);
    this.#events.push(recorded);
    for (const listener of [...this.#listeners]) listener(recorded);
    return recorded;
  }

  /** Calls `listener` for each new event (and first for every recorded one with `replay`); returns the unsubscribe. */
  subscribe(listener: EventListener<E>, options: {replay?: boolean} = {}): () => void {
    if (options.replay) for (const event of [...this.#events]) listener(event);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** An event keeps the id and time the stream gives it, never ones it arrived with. */
function withoutNumbering<E extends object>(event: E): Omit<E, 'id' | 'timestamp'> {
  const {id: _id, timestamp: _timestamp, ...rest} = event as E & Partial<Numbered>;
  return rest;
}
