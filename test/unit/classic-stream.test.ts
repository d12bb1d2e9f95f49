import {describe, expect, test} from 'vitest';
import {lastLines} from '../../source/image/bounded-lines.js';
import {
  createBuildProgress,
  failingVertex,
  isBuildOk,
  orderedVertices,
  reduceAll,
  vertexLog,
  vertexState,
} from '../../source/image/build-progress.js';
import {classicOptionsFromArgs, createClassicStreamMapper} from '../../source/image/classic-stream.js';
import {replayClassic, seededRandom, slowStepLogLines} from './build-fixture-replay.js';

const summary = (progress: ReturnType<typeof replayClassic>) =>
  orderedVertices(progress).map((vertex) => `${vertexState(progress, vertex)} ${vertex.name.split(' ').slice(0, 3).join(' ')}`);

describe('classic builder stream mapped onto the progress model (recorded from the engine)', () => {
  test('a fresh build: one vertex per "Step N/M", logs per step, the image id', () => {
    const progress = replayClassic('success');
    expect(summary(progress)).toEqual([
      'done [1/4] FROM oh-tui/e2e-base:bookworm',
      'done [2/4] RUN echo',
      'done [3/4] COPY greeting.txt',
      'done [4/4] RUN for',
    ]);
    const slow = orderedVertices(progress)[3]!;
    expect(vertexLog(slow, 200).lines).toEqual(slowStepLogLines);
    expect(progress.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(lastLines(progress.rawLog)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ ---> Running in [0-9a-f]+$/), expect.stringMatching(/^Successfully built /)]),
    );
    expect(isBuildOk(progress)).toBe(true);
  });

  test('a rebuild: " ---> Using cache" marks steps CACHED', () => {
    expect(summary(replayClassic('cached'))).toEqual([
      'done [1/4] FROM oh-tui/e2e-base:bookworm',
      'cached [2/4] RUN echo',
      'cached [3/4] COPY greeting.txt',
      'cached [4/4] RUN for',
    ]);
  });

  test('errorDetail in a stream that "succeeded" over HTTP makes the build a failure', () => {
    const progress = replayClassic('failure');
    const failing = failingVertex(progress);
    expect(failing?.name).toMatch(/^\[4\/4\] RUN for i in/);
    expect(failing?.error).toMatch(/returned a non-zero code: 3$/);
    // The classic builder colours stderr red; the log keeps the text only.
    expect(vertexLog(failing!, 200).lines).toContain('to stderr');
    expect(lastLines(progress.textLines)).toEqual([expect.stringMatching(/^ERROR: The command .* returned a non-zero code: 3$/)]);
    expect(progress.exitCode).toBe(1);
    expect(isBuildOk(progress)).toBe(false);
  });

  test('fed in random chunks it maps to the same model', () => {
    for (const name of ['success', 'failure'] as const) {
      const whole = replayClassic(name);
      const random = seededRandom(11);
      const chunked = replayClassic(name, () => 1 + Math.floor(random() * 23));
      expect(summary(chunked)).toEqual(summary(whole));
      expect(lastLines(chunked.rawLog)).toEqual(lastLines(whole.rawLog));
    }
  });

  test('pull progress becomes byte statuses of the FROM step; an error before any step is still a failure', () => {
    const mapper = createClassicStreamMapper();
    const events = [
      ...mapper.map({stream: 'Step 1/2 : FROM debian:12\n'}, 1),
      ...mapper.map({status: 'Pulling from library/debian', id: '12'}, 2),
      ...mapper.map({status: 'Downloading', id: 'abc123', progressDetail: {current: 500, total: 1000}}, 3),
      ...mapper.map({status: 'Pull complete', id: 'abc123', progressDetail: {}}, 4),
    ];
    const progress = reduceAll(createBuildProgress(), events);
    const from = orderedVertices(progress)[0]!;
    expect(from.statuses.map((s) => [s.id, s.completed])).toEqual([
      ['12', false],
      ['abc123', true],
    ]);

    const early = createClassicStreamMapper();
    const failed = reduceAll(
      createBuildProgress(),
      early.map({errorDetail: {message: 'dockerfile parse error line 3: unknown instruction: RUNN'}}, 1),
    );
    expect(early.failed).toBe(true);
    expect(lastLines(failed.textLines)).toEqual(['ERROR: dockerfile parse error line 3: unknown instruction: RUNN']);
  });
});

describe('buildx flags mapped onto Engine API build options', () => {
  test('build args, labels, target, network, --no-cache and --pull map; the rest is reported as ignored', () => {
    expect(
      classicOptionsFromArgs([
        '--build-arg',
        'A=1',
        '--build-arg=B=two=2',
        '--label',
        'l=v',
        '--target',
        'dev',
        '--network=host',
        '--no-cache',
        '--pull',
        '--cache-to',
        'x',
        '--secret',
        '-f',
        'sub/Dockerfile',
      ]),
    ).toEqual({
      dockerfile: 'sub/Dockerfile',
      buildargs: {A: '1', B: 'two=2'},
      labels: {l: 'v'},
      target: 'dev',
      networkmode: 'host',
      nocache: true,
      pull: true,
      ignored: ['--cache-to', 'x', '--secret'],
    });
    expect(classicOptionsFromArgs(['--build-arg'])).toMatchObject({ignored: ['--build-arg']});
  });
});
