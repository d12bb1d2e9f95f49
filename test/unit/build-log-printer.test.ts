import {describe, expect, test} from 'vitest';
import {createBuildProgress, reduceAll, type BuildProgress} from '../../source/image/build-progress.js';
import type {ImagePlan} from '../../source/image/plan.js';
import {createBuildLogPrinter, initialPrinterState, nextLines} from '../../source/ui/build-log-printer.js';
import {buildxEventBatches, buildxFixture, recordedExitCode, type BuildxFixture} from './build-fixture-replay.js';

const plan: ImagePlan = {
  repo: 'oh-tui/runtime',
  baseImage: 'oh-tui/e2e-base:bookworm',
  tags: {source: 'oh_v0.1.0_aaaa_bbbb', lock: 'oh_v0.1.0_aaaa', versioned: 'oh_v0.1.0_oh-tui_s_e2e-base_t_bookworm'},
  image: 'oh-tui/runtime:oh_v0.1.0_aaaa_bbbb',
  strategy: 'scratch',
  reason: 'no image for this setup exists yet',
  fromImage: 'oh-tui/e2e-base:bookworm',
};

/** Everything the printer writes while the recorded stream is replayed batch by batch, as the runner does. */
function printed(name: BuildxFixture, start: Partial<{buildxMissing: boolean}> = {}): string {
  let output = '';
  const printer = createBuildLogPrinter((text) => (output += text), plan);
  let progress: BuildProgress = reduceAll(createBuildProgress(), [{type: 'start', builder: 'buildx', at: 0, ...start}]);
  printer.update(progress);
  for (const batch of buildxEventBatches(buildxFixture(name))) {
    progress = reduceAll(progress, batch);
    printer.update(progress);
  }
  progress = reduceAll(progress, [{type: 'end', exitCode: recordedExitCode[name], cancelled: false, at: Date.now()}]);
  printer.update(progress);
  printer.update(progress);
  return output;
}

describe('plain build output (not a terminal)', () => {
  test('a fresh build: a line when a step starts and one when it ends, with its time; internal steps hidden', () => {
    const lines = printed('success').split('\n');
    expect(lines[0]).toBe('Building oh-tui/runtime:oh_v0.1.0_aaaa_bbbb with docker buildx');
    const slowStart = lines.findIndex((line) => /^▸ \[4\/4\] RUN for i in/.test(line));
    const slowEnd = lines.findIndex((line) => /^✔ \[4\/4\] RUN for i in .* \(\d+\.\ds\)$/.test(line));
    expect(slowStart).toBeGreaterThan(0);
    expect(slowEnd).toBeGreaterThan(slowStart);
    expect(lines.filter((line) => line.includes('[4/4]'))).toHaveLength(2);
    expect(lines.some((line) => line.includes('[internal]'))).toBe(false);
    expect(lines.at(-2)).toMatch(/^Built oh-tui\/runtime:oh_v0.1.0_aaaa_bbbb in \d+\.\ds$/);
  });

  test('a cached rebuild prints one CACHED line per step', () => {
    const lines = printed('cached').split('\n');
    expect(lines.filter((line) => / CACHED$/.test(line)).map((line) => line.slice(0, 12))).toEqual([
      '✔ [2/4] RUN ',
      '✔ [3/4] COPY',
      '✔ [4/4] RUN ',
    ]);
    expect(lines.some((line) => line.startsWith('▸ [4/4]'))).toBe(false);
  });

  test('a failure prints the failing step, its whole log, the error, a hint and the exit code, once', () => {
    const output = printed('failure');
    expect(output).toMatch(/^✖ \[4\/4\] RUN for i in .* \(\d+\.\ds\)$/m);
    expect(output).toContain('Log of [4/4] RUN for i in');
    for (let i = 1; i <= 5; i++) expect(output).toContain(`  | line ${i} of the slow step`);
    expect(output).toContain('  | hello from the build context');
    expect(output).toMatch(/^ERROR: failed to solve: .*exit code: 3$/m);
    expect(output).toMatch(/^hint: \[4\/4\] RUN .* exited with code 3/m);
    expect(output.trimEnd().split('\n').at(-1)).toMatch(/^Build failed \(exit code 1\) in \d+\.\ds$/);
    expect(output.match(/Build failed/g)).toHaveLength(1);
  });

  test('says when buildx is missing; says when the build was cancelled', () => {
    expect(printed('success', {buildxMissing: true}).split('\n')[0]).toBe(
      "buildx is not available: building with the Docker Engine's classic builder",
    );
    const cancelled = reduceAll(createBuildProgress(), [
      {type: 'start', builder: 'buildx', at: 0},
      {type: 'end', exitCode: 130, cancelled: true, at: 5},
    ]);
    expect(nextLines(initialPrinterState, cancelled, plan).lines.at(-1)).toBe('Build cancelled (exit code 130): no image was tagged.');
  });
});
