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
  vertexTail,
  type BuildEvent,
  type BuildProgress,
} from '../../source/image/build-progress.js';
import {createSolveStatusDecoder} from '../../source/image/solve-status.js';
import {buildxEventBatches, buildxFixture, replayBuildx, slowStepLogLines} from './build-fixture-replay.js';

const steps = (progress: BuildProgress) => orderedVertices(progress).filter((vertex) => !vertex.internal);
const byName = (progress: BuildProgress, prefix: string) => {
  const vertex = orderedVertices(progress).find((v) => v.name.startsWith(prefix));
  if (vertex === undefined) throw new Error(`no vertex ${prefix}`);
  return vertex;
};

describe('progress model on recorded buildx streams', () => {
  test('a fresh build: vertices merged by digest, in first-seen order, all done, logs decoded', () => {
    const progress = replayBuildx('success');
    const digests = new Set(buildxFixture('success').match(/"digest": "sha256:[0-9a-f]+"/g));
    expect(progress.order).toHaveLength(digests.size);
    expect(steps(progress).map((vertex) => vertex.name.slice(0, 13))).toEqual([
      '[1/4] FROM do',
      '[2/4] RUN ech',
      '[3/4] COPY gr',
      '[4/4] RUN for',
      'exporting to ',
    ]);
    for (const vertex of orderedVertices(progress)) {
      // buildkit reports a FROM of a local image as cached once it has resolved it before.
      expect(vertexState(progress, vertex)).toBe(vertex.name.includes(' FROM ') && vertex.cached ? 'cached' : 'done');
    }
    expect(['[2/4] RUN', '[3/4] COPY', '[4/4] RUN'].map((prefix) => vertexState(progress, byName(progress, prefix)))).toEqual([
      'done',
      'done',
      'done',
    ]);
    const slow = byName(progress, '[4/4] RUN');
    expect(lastLines(slow.tail)).toEqual(slowStepLogLines);
    expect(slow.completedAt! - slow.startedAt!).toBeGreaterThan(1000);
    expect(progress).toMatchObject({finished: true, exitCode: 0, cancelled: false, failingDigest: undefined});
    expect(isBuildOk(progress)).toBe(true);
  });

  test('the raw log reads like buildx plain output', () => {
    const progress = replayBuildx('success');
    const raw = lastLines(progress.rawLog);
    const slow = byName(progress, '[4/4] RUN');
    const n = `#${slow.number}`;
    expect(raw).toContain(`${n} ${slow.name}`);
    expect(raw).toContain(`${n} line 3 of the slow step`);
    expect(raw.some((line) => new RegExp(`^${n} DONE \\d+\\.\\ds$`).test(line))).toBe(true);
    expect(raw.indexOf(`${n} ${slow.name}`)).toBeLessThan(raw.indexOf(`${n} line 1 of the slow step`));
    expect(raw.some((line) => /^#\d+ transferring context: \d+B done$/.test(line))).toBe(true);
  });

  test('a rebuild marks the Dockerfile steps CACHED', () => {
    const progress = replayBuildx('cached');
    expect(['[2/4] RUN', '[3/4] COPY', '[4/4] RUN'].map((prefix) => vertexState(progress, byName(progress, prefix)))).toEqual([
      'cached',
      'cached',
      'cached',
    ]);
    expect(lastLines(progress.rawLog)).toContain(`#${byName(progress, '[4/4] RUN').number} CACHED`);
    expect(isBuildOk(progress)).toBe(true);
  });

  test('a failing RUN is the failing vertex, with its whole log, the error and the ERROR line', () => {
    const progress = replayBuildx('failure');
    const failing = failingVertex(progress);
    expect(failing?.name).toMatch(/^\[4\/4\] RUN for i in/);
    expect(failing?.error).toMatch(/exit code: 3$/);
    expect(vertexState(progress, failing!)).toBe('failed');
    const log = vertexLog(failing!, 200);
    expect(log).toEqual({
      elided: 0,
      lines: slowStepLogLines,
    });
    expect(lastLines(progress.textLines)).toEqual([expect.stringMatching(/^ERROR: failed to solve: executor failed running/)]);
    expect(progress).toMatchObject({finished: true, exitCode: 1, cancelled: false});
    expect(isBuildOk(progress)).toBe(false);
    expect(vertexState(progress, byName(progress, '[2/4] RUN'))).toBe('cached');
  });

  test('mid-stream: the slow step runs and shows its newest lines', () => {
    const progress = replayBuildx('success', {until: (p) => (byNameOrUndefined(p, '[4/4] RUN')?.tail.size ?? 0) >= 3});
    const slow = byName(progress, '[4/4] RUN');
    expect(vertexState(progress, slow)).toBe('running');
    expect(vertexTail(slow, 2)).toEqual(['line 2 of the slow step', 'line 3 of the slow step']);
    expect(vertexState(progress, byName(progress, '[3/4] COPY'))).toBe('done');
    expect(byNameOrUndefined(progress, 'exporting')).toBeUndefined();
    expect(progress.finished).toBe(false);
  });
});

function byNameOrUndefined(progress: BuildProgress, prefix: string) {
  return orderedVertices(progress).find((v) => v.name.startsWith(prefix));
}

const vertex = (digest: string, patch: Partial<Extract<BuildEvent, {type: 'vertex'}>> = {}): BuildEvent => ({
  type: 'vertex',
  digest,
  name: `[1/1] RUN ${digest}`,
  startedAt: 1000,
  completedAt: undefined,
  cached: false,
  error: undefined,
  ...patch,
});

describe('progress model rules', () => {
  test('log text is split into lines across chunks; \\r redraws keep the last frame; ANSI is stripped', () => {
    const progress = reduceAll(createBuildProgress(), [
      vertex('a'),
      {type: 'log', digest: 'a', text: 'first li'},
      {type: 'log', digest: 'a', text: 'ne\nprogress 10%\rprogress 50%\rprogress 100%\n\u001b[91mred\u001b[0m\nunfinished'},
    ]);
    const a = progress.vertices.get('a')!;
    expect(lastLines(a.tail)).toEqual(['first line', 'progress 100%', 'red']);
    expect(vertexTail(a, 6)).toEqual(['first line', 'progress 100%', 'red', 'unfinished']);
    expect(vertexLog(a, 200).lines).toEqual(['first line', 'progress 100%', 'red', 'unfinished']);
  });

  test('a split UTF-8 character in base64 log chunks decodes whole', () => {
    const bytes = Buffer.from('héllo ✔\n');
    const decoder = createSolveStatusDecoder();
    const events = [
      ...decoder.decode({vertexes: [{digest: 'a', name: 'x', started: '2024-01-01T00:00:00.123456789Z'}]}),
      ...decoder.decode({logs: [{vertex: 'a', stream: 1, data: bytes.subarray(0, 2).toString('base64')}]}),
      ...decoder.decode({logs: [{vertex: 'a', stream: 1, data: bytes.subarray(2, 8).toString('base64')}]}),
      ...decoder.decode({logs: [{vertex: 'a', stream: 1, data: bytes.subarray(8).toString('base64')}]}),
    ];
    const progress = reduceAll(createBuildProgress(), events);
    expect(lastLines(progress.vertices.get('a')!.tail)).toEqual(['héllo ✔']);
    expect(progress.vertices.get('a')!.startedAt).toBe(Date.UTC(2024, 0, 1, 0, 0, 0, 123));
  });

  test('a cancel is not a failure: "context canceled" steps are cancelled, nothing is failing', () => {
    const progress = reduceAll(createBuildProgress(), [
      {type: 'start', builder: 'buildx', at: 900},
      vertex('a'),
      {type: 'cancel-requested'},
      vertex('a', {completedAt: 2000, error: 'executor failed running [/bin/sh -c sleep 30]: exit code: 137: context canceled'}),
      {type: 'text', line: 'ERROR: failed to solve: Canceled: context canceled'},
      {type: 'end', exitCode: 130, cancelled: true, at: 2100},
    ]);
    expect(progress.failingDigest).toBeUndefined();
    expect(vertexState(progress, progress.vertices.get('a')!)).toBe('cancelled');
    expect(progress).toMatchObject({finished: true, cancelled: true, exitCode: 130});
    expect(isBuildOk(progress)).toBe(false);
  });

  test('the real failure wins over siblings that buildkit cancelled because of it', () => {
    const progress = reduceAll(createBuildProgress(), [
      vertex('sibling'),
      vertex('culprit'),
      vertex('sibling', {completedAt: 1500, error: 'context canceled'}),
      vertex('culprit', {completedAt: 1500, error: 'process "/bin/sh -c false" did not complete successfully: exit code: 1'}),
      {type: 'end', exitCode: 1, cancelled: false, at: 1600},
    ]);
    expect(progress.failingDigest).toBe('culprit');
    expect(vertexState(progress, progress.vertices.get('sibling')!)).toBe('cancelled');
  });

  test('exit code 0 with an errored vertex: still ok (the exit code is the truth) but the error is reported', () => {
    const progress = reduceAll(createBuildProgress(), [
      vertex('a', {completedAt: 1500, error: 'something odd'}),
      {type: 'end', exitCode: 0, cancelled: false, at: 1600},
    ]);
    expect(isBuildOk(progress)).toBe(true);
    expect(failingVertex(progress)?.error).toBe('something odd');
  });

  test('memory stays bounded: 40 MB of log in one step, and many chatty steps', () => {
    let progress = reduceAll(createBuildProgress(), [vertex('big')]);
    const line = `${'x'.repeat(99)}\n`;
    const chunk = line.repeat(640); // 64 kB
    const chunks = 640; // 40 MB
    for (let i = 0; i < chunks; i++) progress = reduceAll(progress, [{type: 'log', digest: 'big', text: chunk}]);
    const big = progress.vertices.get('big')!;
    const limits = progress.limits;
    expect(big.log.length).toBeLessThanOrEqual(limits.vertexLogChars);
    expect(big.tail.size).toBeLessThan(limits.tailLines + 64);
    expect(progress.rawLog.size).toBeLessThan(limits.rawLogLines + 64);
    const whole = vertexLog(big, 200);
    expect(whole.lines).toHaveLength(200);
    // Every line is either held or counted as elided.
    expect(whole.elided + whole.lines.length).toBe(chunks * 640);

    // Twenty finished steps of 1 MB each: the global budget sheds finished steps' whole logs.
    for (let s = 0; s < 20; s++) {
      progress = reduceAll(progress, [
        vertex(`s${s}`),
        {type: 'log', digest: `s${s}`, text: line.repeat(9_000)},
        vertex(`s${s}`, {completedAt: 2000}),
      ]);
    }
    expect(progress.logChars).toBeLessThanOrEqual(limits.totalLogChars);
    const held = [...progress.vertices.values()].reduce((sum, v) => sum + v.log.length, 0);
    expect(held).toBe(progress.logChars);
    // A shed step still shows its tail.
    expect(vertexLog(progress.vertices.get('s0')!, 5).lines).toEqual(Array(5).fill('x'.repeat(99)));
  });

  test('an endless line without newline is cut into pieces', () => {
    let progress = reduceAll(createBuildProgress({lineChars: 1000}), [vertex('a')]);
    for (let i = 0; i < 100; i++) progress = reduceAll(progress, [{type: 'log', digest: 'a', text: 'y'.repeat(500)}]);
    const a = progress.vertices.get('a')!;
    expect(a.partial.length).toBeLessThanOrEqual(1000);
    expect(a.tail.size).toBeGreaterThan(20);
  });

  test('byte statuses are kept per vertex and replaced by id', () => {
    const progress = reduceAll(createBuildProgress(), [
      vertex('pull'),
      {type: 'byte-status', digest: 'pull', status: {id: 'sha256:aa', name: 'downloading', current: 10, total: 100, completed: false}},
      {type: 'byte-status', digest: 'pull', status: {id: 'sha256:aa', name: 'downloading', current: 60, total: 100, completed: false}},
      {type: 'byte-status', digest: 'pull', status: {id: 'sha256:bb', name: 'downloading', current: 5, total: 10, completed: true}},
    ]);
    expect(progress.vertices.get('pull')!.statuses).toEqual([
      {id: 'sha256:aa', name: 'downloading', current: 60, total: 100, completed: false},
      {id: 'sha256:bb', name: 'downloading', current: 5, total: 10, completed: true},
    ]);
    expect(lastLines(progress.rawLog)).toContain('#1 sha256:bb 5B / 10B done');
  });

  test('the fixture batches all decode to known event types', () => {
    const types = new Set(
      buildxEventBatches(buildxFixture('failure'))
        .flat()
        .map((event) => event.type),
    );
    expect([...types].sort()).toEqual(['byte-status', 'log', 'text', 'vertex']);
  });
});
