/** Replays the streams recorded by scripts/record-build-fixtures.sh through the real pipeline. */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createBuildProgress, reduceAll, type BuildEvent, type BuildProgress} from '../../source/image/build-progress.js';
import {createClassicStreamMapper} from '../../source/image/classic-stream.js';
import {createRawJsonParser, type RawJsonItem} from '../../source/image/rawjson-parser.js';
import {createSolveStatusDecoder} from '../../source/image/solve-status.js';

const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'fixtures');

export type BuildxFixture = 'success' | 'cached' | 'failure';

export const buildxFixture = (name: BuildxFixture): string => readFileSync(join(fixtures, 'buildx', `${name}.txt`), 'utf8');
export const classicFixture = (name: BuildxFixture): string => readFileSync(join(fixtures, 'classic', `${name}.jsonl`), 'utf8');

/** What the recorded context's slow RUN step prints (scripts/record-build-fixtures.sh). */
export const slowStepLogLines = [
  'line 1 of the slow step',
  'line 2 of the slow step',
  'line 3 of the slow step',
  'line 4 of the slow step',
  'line 5 of the slow step',
  'to stderr',
  'hello from the build context',
];

/** Exit codes the recordings ended with (buildx exits 1 on a failed solve). */
export const recordedExitCode: Record<BuildxFixture, number> = {success: 0, cached: 0, failure: 1};

/** A whole stream parsed at once. */
export function parseRawJson(text: string): RawJsonItem[] {
  const parser = createRawJsonParser();
  return [...parser.feed(text), ...parser.end()];
}

/** One batch of events per JSON value or text line, in stream order. */
export function buildxEventBatches(text: string): BuildEvent[][] {
  const decoder = createSolveStatusDecoder();
  return parseRawJson(text).map((item) => (item.kind === 'json' ? decoder.decode(item.value) : [{type: 'text', line: item.line}]));
}

function firstTimestamp(batches: BuildEvent[][]): number {
  for (const batch of batches) {
    for (const event of batch) if (event.type === 'vertex' && event.startedAt !== undefined) return event.startedAt;
  }
  return 0;
}

function lastTimestamp(batches: BuildEvent[][]): number {
  let last = 0;
  for (const batch of batches) {
    for (const event of batch) if (event.type === 'vertex') last = Math.max(last, event.completedAt ?? event.startedAt ?? 0);
  }
  return last;
}

export interface ReplayOptions {
  /** Stop (without the end event) once this holds after a batch: a frame in the middle of a build. */
  until?: (progress: BuildProgress) => boolean;
  cancelled?: boolean;
}

export function replayBuildx(name: BuildxFixture, options: ReplayOptions = {}): BuildProgress {
  const batches = buildxEventBatches(buildxFixture(name));
  let progress = reduceAll(createBuildProgress(), [{type: 'start', builder: 'buildx', at: firstTimestamp(batches)}]);
  for (const batch of batches) {
    progress = reduceAll(progress, batch);
    if (options.until?.(progress) === true) return progress;
  }
  return reduceAll(progress, [
    {
      type: 'end',
      exitCode: options.cancelled === true ? 130 : recordedExitCode[name],
      cancelled: options.cancelled === true,
      at: lastTimestamp(batches),
    },
  ]);
}

/** The classic stream, one JSON line per millisecond of a fake clock so elapsed times are stable. */
export function replayClassic(name: BuildxFixture, chunkSizes?: () => number): BuildProgress {
  const text = classicFixture(name);
  const parser = createRawJsonParser();
  const mapper = createClassicStreamMapper();
  let clock = 1_000;
  let progress = reduceAll(createBuildProgress(), [{type: 'start', builder: 'classic', at: clock}]);
  const take = (items: ReturnType<typeof parser.feed>) => {
    for (const item of items) {
      clock += 1;
      progress = reduceAll(progress, item.kind === 'json' ? mapper.map(item.value, clock) : [{type: 'raw', line: item.line}]);
    }
  };
  if (chunkSizes === undefined) take(parser.feed(text));
  else
    for (let i = 0; i < text.length; ) {
      const size = chunkSizes();
      take(parser.feed(text.slice(i, i + size)));
      i += size;
    }
  take(parser.end());
  progress = reduceAll(progress, mapper.finish(clock, false));
  return reduceAll(progress, [{type: 'end', exitCode: mapper.failed ? 1 : 0, cancelled: false, at: clock}]);
}

/** A small deterministic PRNG, so "random chunks" failures can be reproduced. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
