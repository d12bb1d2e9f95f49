// Ink colours through chalk, which switches itself off when the runner's output is not a terminal;
// forced on here so the frames show what a colour terminal would get.
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {colorEnabled} from '../../source/config/color.js';
import {createBuildProgress, reduceAll, type BuildEvent, type BuildProgress} from '../../source/image/build-progress.js';
import type {ImagePlan} from '../../source/image/plan.js';
import {createBuildLogPrinter} from '../../source/ui/build-log-printer.js';
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

const ESC = '\u001b[';

const chalkLevel = chalk.level;
beforeAll(() => {
  chalk.level = 1;
});
afterAll(() => {
  chalk.level = chalkLevel;
});

const instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

/** A step whose own output is coloured, as `ls --color` or a compiler's would be. */
const colouredLog: BuildEvent[] = [
  {type: 'start', builder: 'buildx', at: 0},
  {type: 'vertex', digest: 'a', name: '[2/2] RUN make', startedAt: 1, completedAt: undefined, cached: false, error: undefined},
  {type: 'log', digest: 'a', text: '\u001b[31merror:\u001b[0m \u001b[1mbad\u001b[0m\n'},
];

const states: Record<string, BuildProgress> = {
  running: replayBuildx('success', {until: (p) => [...p.vertices.values()].some((v) => v.name.startsWith('[4/4]') && v.tail.size >= 3)}),
  succeeded: replayBuildx('success'),
  failed: replayBuildx('failure'),
  cancelled: replayBuildx('success', {cancelled: true}),
  'coloured step output': reduceAll(createBuildProgress(), colouredLog),
  'coloured step output, failed': reduceAll(createBuildProgress(), [
    ...colouredLog,
    {type: 'vertex', digest: 'a', name: '[2/2] RUN make', startedAt: 1, completedAt: 2, cached: false, error: 'exit code: 2'},
    {type: 'end', exitCode: 1, cancelled: false, at: 3},
  ]),
};

function frames(progress: BuildProgress, color: boolean, showRawLog = false): string {
  const instance = render(
    <BuildScreen plan={plan} progress={progress} showRawLog={showRawLog} now={progress.endedAt ?? 2} color={color} />,
  );
  instances.push(instance);
  return instance.frames.join('\n');
}

describe('no colour: no escape code reaches the terminal', () => {
  test.each(Object.entries(states))('the build screen, %s: plain without colour, styled with it', (_, progress) => {
    for (const showRawLog of [false, true]) {
      const plain = frames(progress, false, showRawLog);
      expect(plain).not.toContain(ESC);
      expect(plain).toContain('Building oh-tui/runtime:oh_v0.1.0_lockhash_srchash');
      expect(frames(progress, true, showRawLog)).toContain(ESC);
    }
  });

  test('the live screen and its final frame, printed once', async () => {
    const snapshot = createSnapshot(createBuildProgress());
    const live = (final?: BuildProgress) => (
      <LiveBuildScreen plan={plan} snapshot={snapshot} onCancel={() => {}} final={final} color={false} />
    );
    const instance = render(live());
    instances.push(instance);
    snapshot.set(states.running!);
    await expect.poll(() => instance.lastFrame()).toMatch(/^● \[4\/4\] RUN/m);
    instance.rerender(live(states.failed));
    await expect.poll(() => instance.frames.join('\n')).toContain('Build failed (exit code 1)');
    expect(instance.frames.join('\n')).not.toContain(ESC);
  });

  test('the plain build lines (pipes, CI logs, exec) carry none either, even from a coloured step', () => {
    let output = '';
    const printer = createBuildLogPrinter((text) => (output += text), plan);
    printer.update(states['coloured step output']!);
    printer.update(states['coloured step output, failed']!);
    expect(output).toContain('  | error: bad');
    expect(output).not.toContain('\u001b');
  });
});

describe('colorEnabled: [core] disable_color, or NO_COLOR set to anything non-empty', () => {
  const core = (disable_color: boolean) => ({core: {disable_color}}) as Parameters<typeof colorEnabled>[0];

  test('on by default; off with disable_color; off with any non-empty NO_COLOR; an empty NO_COLOR does not count', () => {
    expect(colorEnabled(core(false), {})).toBe(true);
    expect(colorEnabled(core(true), {})).toBe(false);
    expect(colorEnabled(core(false), {NO_COLOR: '1'})).toBe(false);
    expect(colorEnabled(core(false), {NO_COLOR: 'false'})).toBe(false);
    expect(colorEnabled(core(false), {NO_COLOR: ''})).toBe(true);
  });
});
