import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {createBuildProgress, reduceAll, type BuildEvent, type BuildProgress} from '../../source/image/build-progress.js';
import type {ImagePlan} from '../../source/image/plan.js';
import {createSnapshot} from '../../source/ui/hooks/use-throttled-snapshot.js';
import {LiveBuildScreen} from '../../source/ui/run-build-ui.js';
import {BuildScreen} from '../../source/ui/screens/BuildScreen.js';
import {replayBuildx} from '../unit/build-fixture-replay.js';

const plan: ImagePlan = {
  repo: 'oh-tui/runtime',
  baseImage: 'oh-tui/e2e-base:bookworm',
  tags: {source: 'oh_v0.1.0_lockhash_srchash', lock: 'oh_v0.1.0_lockhash', versioned: 'oh_v0.1.0_oh-tui_s_e2e-base_t_bookworm'},
  image: 'oh-tui/runtime:oh_v0.1.0_lockhash_srchash',
  strategy: 'scratch',
  reason: 'no runtime image for this base image exists yet',
  fromImage: 'oh-tui/e2e-base:bookworm',
};

const instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

function frame(progress: BuildProgress, options: {showRawLog?: boolean; now?: number} = {}): string {
  const instance = render(
    <BuildScreen
      plan={plan}
      progress={progress}
      showRawLog={options.showRawLog ?? false}
      now={options.now ?? progress.endedAt ?? Date.now()}
      color
    />,
  );
  instances.push(instance);
  return stripAnsi(instance.lastFrame() ?? '');
}

const slowStepRunning = (lines: number) => (p: BuildProgress) =>
  [...p.vertices.values()].some((v) => v.name.startsWith('[4/4]') && v.tail.size >= lines);

describe('BuildScreen on recorded buildx streams', () => {
  test('running: header with image, tags and strategy; steps with glyphs and times; the running step shows its log', () => {
    const progress = replayBuildx('success', {until: slowStepRunning(3)});
    const slow = [...progress.vertices.values()].find((v) => v.name.startsWith('[4/4]'))!;
    const text = frame(progress, {now: slow.startedAt! + 2_345});
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Building oh-tui\/runtime:oh_v0\.1\.0_lockhash_srchash {2}buildx {2}\d+\.\ds$/);
    expect(lines[1]).toBe('tags: oh_v0.1.0_lockhash_srchash oh_v0.1.0_lockhash oh_v0.1.0_oh-tui_s_e2e-base_t_bookworm');
    expect(lines[2]).toBe('strategy scratch: no runtime image for this base image exists yet');
    expect(text).toMatch(/^✔ \[1\/4\] FROM docker\.io\/oh-tui\/e2e-base:bookworm +(\d+\.\ds|CACHED)$/m);
    expect(text).toMatch(/^✔ \[3\/4\] COPY greeting\.txt \/opt\/greeting\.txt +\d+\.\ds$/m);
    expect(text).toMatch(/^● \[4\/4\] RUN for i in .* +2\.3s$/m);
    expect(text).toContain('    line 1 of the slow step\n    line 2 of the slow step\n    line 3 of the slow step');
    expect(text).not.toContain('[internal]');
    expect(lines.at(-1)).toBe('l raw log · Esc cancel');
  });

  test('cached rebuild: CACHED on each Dockerfile step and the success line', () => {
    const text = frame(replayBuildx('cached'));
    expect(text.match(/^✔ \[[234]\/4\] .* CACHED$/gm)).toHaveLength(3);
    expect(text).toContain('✔ Built oh-tui/runtime:oh_v0.1.0_lockhash_srchash');
    expect(text).not.toContain('Esc cancel');
  });

  test('failed: ✖ on the step, its whole log, the error, a hint and the exit code', () => {
    const text = frame(replayBuildx('failure'));
    expect(text).toMatch(/^✖ \[4\/4\] RUN for i in .* +\d+\.\ds$/m);
    expect(text).toMatch(/^Log of \[4\/4\] RUN for i in/m);
    const log = text.slice(text.indexOf('Log of'));
    expect(log).toContain(
      `${['line 1', 'line 2', 'line 3', 'line 4', 'line 5'].map((l) => `${l} of the slow step`).join('\n')}\nto stderr\nhello from the build context`,
    );
    expect(text.replace(/\n/g, ' ')).toMatch(/ERROR: failed to solve: executor failed running .*exit code: 3/);
    expect(text).toMatch(/^hint: \[4\/4\] RUN for i in .*exited with code 3/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ Build failed (exit code 1)');
  });

  test('a huge failing log shows its last 200 lines and says how many were elided', () => {
    const events: BuildEvent[] = [
      {type: 'start', builder: 'buildx', at: 0},
      {type: 'vertex', digest: 'v', name: '[2/2] RUN make', startedAt: 1, completedAt: undefined, cached: false, error: undefined},
      {type: 'log', digest: 'v', text: Array.from({length: 500}, (_, i) => `build line ${i + 1}\n`).join('')},
      {
        type: 'vertex',
        digest: 'v',
        name: '[2/2] RUN make',
        startedAt: 1,
        completedAt: 900,
        cached: false,
        error: 'process "/bin/sh -c make" did not complete successfully: exit code: 2',
      },
      {type: 'end', exitCode: 1, cancelled: false, at: 1000},
    ];
    const text = frame(reduceAll(createBuildProgress(), events));
    expect(text).toContain('… 300 earlier lines not shown\nbuild line 301\n');
    expect(text).toContain('build line 500\n');
    expect(text).not.toContain('build line 300\n');
    expect(text).toContain('hint: [2/2] RUN make exited with code 2');
  });

  test('cancelling, then cancelled', () => {
    let progress = replayBuildx('success', {until: slowStepRunning(2)});
    progress = reduceAll(progress, [{type: 'cancel-requested'}]);
    expect(frame(progress)).toMatch(/Cancelling the build…$/);
    const slow = [...progress.vertices.values()].find((v) => v.name.startsWith('[4/4]'))!;
    progress = reduceAll(progress, [
      {
        type: 'vertex',
        digest: slow.digest,
        name: slow.name,
        startedAt: slow.startedAt,
        completedAt: slow.startedAt! + 900,
        cached: false,
        error: 'exit code: 137: context canceled',
      },
      {type: 'text', line: 'ERROR: failed to solve: Canceled: context canceled'},
      {type: 'end', exitCode: 130, cancelled: true, at: slow.startedAt! + 1000},
    ]);
    const text = frame(progress);
    expect(text).toMatch(/^⊘ \[4\/4\] RUN for i in .* 0\.9s$/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('⊘ Build cancelled (exit code 130): no image was tagged.');
    expect(text).not.toContain('✖');
  });

  test('raw log mode shows the plain-mode lines', () => {
    const text = frame(replayBuildx('failure'), {showRawLog: true});
    expect(text).toMatch(/^#\d+ \[4\/4\] RUN for i in/m);
    expect(text).toMatch(/^#\d+ line 5 of the slow step$/m);
    expect(text).toMatch(/^#\d+ ERROR: executor failed running/m);
    expect(text).toMatch(/^#\d+ CACHED$/m);
  });

  test('long lines are truncated to the terminal width, not wrapped', () => {
    const name = `[1/1] RUN ${'x'.repeat(300)}`;
    const progress = reduceAll(createBuildProgress(), [
      {type: 'start', builder: 'buildx', at: 0},
      {type: 'vertex', digest: 'v', name, startedAt: 1, completedAt: undefined, cached: false, error: undefined},
      {type: 'log', digest: 'v', text: `${'y'.repeat(300)}\n`},
    ]);
    const lines = frame(progress, {now: 1000}).split('\n');
    // ink-testing-library's terminal is 100 columns wide.
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines.filter((line) => line.includes('xxxx'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('yyyy'))).toHaveLength(1);
  });
});

describe('LiveBuildScreen (keys and throttled repaint)', () => {
  test('repaints from the snapshot, `l` toggles the raw log, Esc cancels', async () => {
    const snapshot = createSnapshot(createBuildProgress());
    let cancels = 0;
    const instance = render(<LiveBuildScreen plan={plan} snapshot={snapshot} onCancel={() => cancels++} color />);
    instances.push(instance);
    const text = () => stripAnsi(instance.lastFrame() ?? '');

    snapshot.set(replayBuildx('success', {until: slowStepRunning(3)}));
    await expect.poll(text).toMatch(/^● \[4\/4\] RUN/m);
    expect(text()).toContain('l raw log');

    instance.stdin.write('l');
    await expect.poll(text).toMatch(/^#\d+ line 3 of the slow step$/m);
    expect(text()).toContain('l steps');
    expect(text()).not.toMatch(/^● /m);

    instance.stdin.write('l');
    await expect.poll(text).toMatch(/^● \[4\/4\] RUN/m);

    instance.stdin.write('\u001b');
    await expect.poll(() => cancels).toBe(1);
  });

  test('a burst of updates is painted once per 100 ms tick; a finished build is not repainted (fake clock)', async () => {
    vi.useFakeTimers({toFake: ['setInterval', 'clearInterval', 'Date']});
    // React renders a state change from a timer on the next turn of the (real) event loop.
    const advance = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const snapshot = createSnapshot(createBuildProgress());
      const instance = render(<LiveBuildScreen plan={plan} snapshot={snapshot} onCancel={() => {}} color />);
      instances.push(instance);
      const text = () => stripAnsi(instance.lastFrame() ?? '');
      // The repaint interval is installed by an effect, after the first paint.
      await expect.poll(() => vi.getTimerCount()).toBe(1);
      const running = replayBuildx('success', {until: slowStepRunning(3)});

      // Updates alone paint nothing: only the tick does.
      let painted = instance.frames.length;
      for (let i = 0; i < 100; i++) snapshot.set(running);
      await advance(99);
      expect(instance.frames.length).toBe(painted);
      await advance(1);
      expect(instance.frames.length).toBe(painted + 1);
      expect(text()).toMatch(/^● \[4\/4\] RUN/m);

      // 10 000 updates over one second, 10 every millisecond as a chatty build delivers them: 10 paints.
      painted = instance.frames.length;
      for (let ms = 0; ms < 1000; ms++) {
        for (let i = 0; i < 10; i++) snapshot.set(running);
        await advance(1);
      }
      expect(instance.frames.length - painted).toBe(10);

      // While a step runs, its clock moves: one paint per tick without any update.
      painted = instance.frames.length;
      for (let tick = 0; tick < 5; tick++) await advance(100);
      expect(instance.frames.length - painted).toBe(5);

      // Once the build is over and nothing changes, the screen stays as it is.
      snapshot.set(replayBuildx('success'));
      await advance(100);
      expect(text()).toContain('✔ Built');
      painted = instance.frames.length;
      await advance(1000);
      expect(instance.frames.length).toBe(painted);
    } finally {
      vi.useRealTimers();
    }
  });
});
