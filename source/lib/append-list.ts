const CHUNK = 256;

/**
 * An immutable list that grows at the end and is replaced item by item, cheaply: values live in
 * fixed-size chunks that list versions share, so a change copies one chunk and the chunk index,
 * never the whole list. A session's transcript is one of these: a reducer can stay pure over
 * 100,000 events without copying 100,000 items per event.
 */
export class AppendList<T> implements Iterable<T> {
  static empty<T>(): AppendList<T> {
    return new AppendList<T>([], 0);
  }

  static of<T>(values: Iterable<T>): AppendList<T> {
    const draft = AppendList.empty<T>().draft();
    for (const value of values) draft.push(value);
    return draft.finish();
  }

  private constructor(
    private readonly chunks: readonly (readonly T[])[],
    readonly length: number,
  ) {}

  at(index: number): T | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return this.chunks[Math.floor(index / CHUNK)]?.[index % CHUNK];
  }

  push(value: T): AppendList<T> {
    const draft = this.draft();
    draft.push(value);
    return draft.finish();
  }

  set(index: number, value: T): AppendList<T> {
    const draft = this.draft();
    draft.set(index, value);
    return draft.finish();
  }

  /** A mutable copy for a batch of changes: each chunk is copied at most once, however many changes. */
  draft(): AppendListDraft<T> {
    return new AppendListDraft<T>(this.chunks, this.length, (chunks, length) => new AppendList(chunks, length));
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let index = 0; index < this.length; index++) yield this.at(index) as T;
  }
}

export class AppendListDraft<T> {
  private readonly chunks: T[][];
  /** Chunks this draft copied (or made), so writing to them touches no other list version. */
  private owned = new Set<T[]>();
  private finished = false;

  constructor(
    shared: readonly (readonly T[])[],
    public length: number,
    private readonly seal: (chunks: readonly (readonly T[])[], length: number) => AppendList<T>,
  ) {
    this.chunks = shared.slice() as T[][];
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return this.chunks[Math.floor(index / CHUNK)]?.[index % CHUNK];
  }

  push(value: T): void {
    const chunkIndex = Math.floor(this.length / CHUNK);
    if (chunkIndex === this.chunks.length) this.chunks.push(this.own([]));
    const chunk = this.writable(chunkIndex);
    chunk[this.length % CHUNK] = value;
    this.length++;
  }

  set(index: number, value: T): void {
    if (index < 0 || index >= this.length) throw new RangeError(`index ${index} is outside a list of ${this.length}`);
    this.writable(Math.floor(index / CHUNK))[index % CHUNK] = value;
  }

  finish(): AppendList<T> {
    if (this.finished) throw new Error('this draft was already finished');
    this.finished = true;
    this.owned = new Set();
    return this.seal(this.chunks, this.length);
  }

  private writable(chunkIndex: number): T[] {
    if (this.finished) throw new Error('this draft was already finished');
    const chunk = this.chunks[chunkIndex] as T[];
    if (this.owned.has(chunk)) return chunk;
    // A shared chunk may hold values past this version's length (another version grew it): copy
    // only what belongs to this version.
    const copy = chunk.slice(0, Math.min(CHUNK, this.length - chunkIndex * CHUNK));
    this.chunks[chunkIndex] = this.own(copy);
    return copy;
  }

  private own(chunk: T[]): T[] {
    this.owned.add(chunk);
    return chunk;
  }
}
