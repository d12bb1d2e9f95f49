import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {lastLines} from '../../source/image/bounded-lines.js';
import {createBuildProgress, failingVertex, reduceAll, vertexLog, type BuildEvent} from '../../source/image/build-progress.js';
import Dockerode from 'dockerode';
import {buildFailureHint} from '../../source/image/build-hints.js';
import {runBuild} from '../../source/image/builder.js';
import {isBuildxAvailable, runBuildx} from '../../source/image/buildx-runner.js';
import {UserError} from '../../source/lib/errors.js';
import {Interrupted} from '../../source/lib/exit-signals.js';
import {initialPrinterState, nextLines} from '../../source/ui/build-log-printer.js';
import {buildxFixture, replayBuildx} from './build-fixture-replay.js';

/**
 * The runner's process handling (byte-split stderr, exit codes, SIGINT then SIGKILL to the whole
 * process group) checked with real child processes. The docker CLI here is a small script, so
 * these run without an engine; the e2e suite runs the same code against real buildx.
 */
const dir = mkdtempSync(join(tmpdir(), 'oh-tui-runner-unit-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('buildx runner process handling', () => {
  test('stderr split into 7-byte writes is parsed as the whole stream; argv and exit code come through', async () => {
    const fixture = join(dir, 'failure.txt');
    writeFileSync(fixture, buildxFixture('failure'));
    const argvFile = join(dir, 'argv.json');
    const replay = script(
      'replay-docker',
      `const fs = require('node:fs');
fs.writeFileSync(${JSON.stringify(argvFile)}, JSON.stringify(process.argv.slice(2)));
const bytes = fs.readFileSync(${JSON.stringify(fixture)});
let i = 0;
const next = () => { if (i >= bytes.length) process.exit(1); process.stderr.write(bytes.subarray(i, i += 7), next); };
next();`,
    );
    let progress = createBuildProgress();
    let batches = 0;
    const run = await runBuildx({
      dockerBin: replay,
      contextDir: '/ctx',
      tags: ['r:a', 'r:b'],
      platform: 'linux/amd64',
      emit: (events: BuildEvent[]) => {
        batches++;
        progress = reduceAll(progress, events);
      },
    });
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(readFileSync(argvFile, 'utf8'))).toEqual([
      'buildx',
      'build',
      '--progress=rawjson',
      '--load',
      '--tag',
      'r:a',
      '--tag',
      'r:b',
      '--platform',
      'linux/amd64',
      '/ctx',
    ]);
    // How many batches arrive depends on how the pipe is read under load (all 11 kB can come in one
    // read): only that there were some is certain; what they add up to is checked below.
    expect(batches).toBeGreaterThan(0);
    const expected = replayBuildx('failure');
    expect(vertexLog(failingVertex(progress)!, 200)).toEqual(vertexLog(failingVertex(expected)!, 200));
    expect(lastLines(progress.textLines)).toEqual(lastLines(expected.textLines));
    expect(lastLines(progress.rawLog)).toEqual(lastLines(expected.rawLog));
  });

  test('cancel: SIGINT to the process group, SIGKILL after the grace period, children included', async () => {
    const childPidFile = join(dir, 'child.pid');
    // Ignores SIGINT like a stuck CLI would, and has a child of its own, like docker and its plugin.
    const stubborn = script(
      'stubborn-docker',
      `const {spawn} = require('node:child_process');
process.on('SIGINT', () => process.stderr.write('ignoring SIGINT\\n'));
const child = spawn('sleep', ['30'], {stdio: 'ignore'});
require('node:fs').writeFileSync(${JSON.stringify(childPidFile)}, String(child.pid));
process.stderr.write('started\\n');
setInterval(() => {}, 1000);`,
    );
    const controller = new AbortController();
    const lines: string[] = [];
    const started = Date.now();
    const run = runBuildx({
      dockerBin: stubborn,
      contextDir: '/ctx',
      tags: ['r:a'],
      signal: controller.signal,
      killGraceMs: 300,
      emit: (events) => {
        for (const event of events) {
          if (event.type !== 'text') continue;
          lines.push(event.line);
          if (event.line === 'started') controller.abort();
        }
      },
    });
    const {exitCode} = await run;
    expect(exitCode).toBe(137);
    expect(lines).toEqual(['started', 'ignoring SIGINT']);
    expect(Date.now() - started).toBeLessThan(5_000);
    const childPid = Number(readFileSync(childPidFile, 'utf8'));
    await expect.poll(() => isAlive(childPid), {timeout: 2_000}).toBe(false);
  });

  test('a missing docker binary is a failed run (127) with a message; buildx is then "not available"', async () => {
    const lines: string[] = [];
    const missing = join(dir, 'no-such-docker');
    const run = await runBuildx({
      dockerBin: missing,
      contextDir: '/ctx',
      tags: ['r:a'],
      emit: (events) => {
        for (const e of events) if (e.type === 'text') lines.push(e.line);
      },
    });
    expect(run.exitCode).toBe(127);
    expect(lines).toEqual([expect.stringMatching(/^ERROR: cannot run .*no-such-docker: spawn .* ENOENT$/)]);
    expect(await isBuildxAvailable(missing)).toBe(false);
    expect(
      await isBuildxAvailable(
        script('unknown-command', "process.stderr.write('docker: unknown command: docker buildx\\n'); process.exit(1);"),
      ),
    ).toBe(false);
    expect(await isBuildxAvailable(script('has-buildx', "process.stdout.write('github.com/docker/buildx 0.13.1\\n');"))).toBe(true);
  });
});

describe('runBuild without an engine', () => {
  test('an unreachable engine is a failed result with the socket and a hint, not an exception', async () => {
    const socketPath = join(dir, 'no-engine.sock');
    const updates: string[] = [];
    const result = await runBuild({
      contextDir: dir,
      tags: ['r:a'],
      docker: new Dockerode({socketPath}),
      builder: 'classic',
      onProgress: (p) => updates.push(String(p.finished)),
    });
    expect(result).toMatchObject({ok: false, exitCode: 1, cancelled: false, builder: 'classic'});
    expect(lastLines(result.progress.textLines)).toEqual([expect.stringContaining(`Cannot connect to the Docker daemon at ${socketPath}`)]);
    expect(buildFailureHint(result.progress)).toMatch(/^The Docker engine is not reachable/);
    expect(updates.at(-1)).toBe('true');
  });

  test("a cancel reports the exit code the command exits with (130, or its signal's), not the builder's", async () => {
    for (const [reason, code] of [
      [undefined, 130],
      [new Interrupted('SIGTERM'), 143],
    ] as const) {
      const controller = new AbortController();
      controller.abort(reason);
      const result = await runBuild({
        contextDir: dir,
        tags: ['r:a'],
        docker: new Dockerode({socketPath: join(dir, 'no-engine.sock')}),
        builder: 'classic',
        signal: controller.signal,
        onProgress: () => {},
      });
      expect(result).toMatchObject({ok: false, cancelled: true, exitCode: code});
      expect(result.progress).toMatchObject({finished: true, cancelled: true, exitCode: code});
      expect(nextLines(initialPrinterState, result.progress).lines.at(-1)).toBe(
        `Build cancelled (exit code ${code}): no image was tagged.`,
      );
    }
  });

  test("a context that is not a directory is the caller's mistake, named in a UserError", async () => {
    const missing = join(dir, 'no-such-context');
    const error = await runBuild({
      contextDir: missing,
      tags: ['r:a'],
      docker: new Dockerode({socketPath: '/nonexistent'}),
      onProgress: () => {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(`The build context ${missing} is not a directory.`);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
