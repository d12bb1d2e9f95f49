import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {packageRoot} from '../../source/lib/version.js';

const summary = join(packageRoot, 'scripts', 'ci-summary.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'oh-tui-ci-summary-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

function summarize(...args: string[]): string[] {
  return execFileSync(process.execPath, [summary, ...args], {cwd: packageRoot, encoding: 'utf8', env: {}})
    .trimEnd()
    .split('\n');
}

function report(name: string, fields: object): string {
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(fields));
  return file;
}

const green = {numPassedTests: 5, numFailedTests: 0, numPendingTests: 1, numTodoTests: 0, testResults: []};

describe('.ci/run closing line (scripts/ci-summary.mjs)', () => {
  test('counts a file that throws while loading and a failing hook as failures, next to failed tests', () => {
    // A real vitest report of three broken files (test/fixtures/ci-summary), not a hand-made one.
    const json = join(scratch, 'broken.json');
    const vitest = spawnSync(
      process.execPath,
      [
        join(packageRoot, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        'test/fixtures/ci-summary',
        '--reporter=json',
        `--outputFile.json=${json}`,
      ],
      {cwd: packageRoot, encoding: 'utf8', env: {PATH: process.env.PATH, HOME: scratch}},
    );
    expect(vitest.status).toBe(1);
    const lines = summarize('npm test', json, '1');
    expect(lines).toEqual([
      'npm test: failed suite test/fixtures/ci-summary/hook-fails.test.ts: a hook or a suite failed',
      'npm test: failed suite test/fixtures/ci-summary/throws-while-loading.test.ts: this file throws while loading',
      'npm test: passed 2, failed 3, skipped 1',
      '2 passed, 3 failed, 1 skipped',
    ]);
  });

  test('a red run without a report, or without a failure in it, still shows one failure', () => {
    expect(summarize('npm test', join(scratch, 'missing.json'), '2')).toEqual([
      'npm test: exited with status 2 before vitest wrote a report (build, typecheck or lint)',
      'npm test: passed 0, failed 1, skipped 0',
      '0 passed, 1 failed',
    ]);
    expect(summarize('npm test', report('green.json', green), '1').slice(-1)).toEqual(['5 passed, 1 failed, 1 skipped']);
  });

  test('adds up several runs (the main suite and the Node 24 run)', () => {
    const failing = report('failing.json', {...green, numPassedTests: 3, numFailedTests: 2, numPendingTests: 0});
    expect(summarize('npm test', report('green.json', green), '0', 'Node 24', failing, '1')).toEqual([
      'npm test: passed 5, failed 0, skipped 1',
      'Node 24: passed 3, failed 2, skipped 0',
      '8 passed, 2 failed, 1 skipped',
    ]);
  });
});
