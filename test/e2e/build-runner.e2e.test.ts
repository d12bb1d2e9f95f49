import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import stripAnsi from 'strip-ansi';
import {afterAll, describe, expect, test} from 'vitest';
import {lastLines} from '../../source/image/bounded-lines.js';
import {buildFailureHint} from '../../source/image/build-hints.js';
import {failingVertex, orderedVertices, vertexLog, vertexState, type BuildProgress} from '../../source/image/build-progress.js';
import {runBuild} from '../../source/image/builder.js';
import {isBuildxAvailable} from '../../source/image/buildx-runner.js';
import type {ImagePlan} from '../../source/image/plan.js';
import {restoreTags, snapshotTags} from '../../source/image/tag-guard.js';
import {buildWithScreen} from '../../source/ui/run-build-ui.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eBaseImage} from '../helpers/test-env.js';

const gate = await dockerGate('build runner e2e');
const baseImage = e2eBaseImage;

/**
 * A docker CLI without the buildx plugin, for real: every subcommand runs the real docker, and
 * `buildx` answers as a docker without the plugin does ("unknown command", non-zero exit).
 * Hiding the plugin itself is not possible here: it sits in /usr/libexec/docker/cli-plugins.
 */
function dockerWithoutBuildx(dir: string): string {
  const realDocker = execFileSync('sh', ['-c', 'command -v docker'], {encoding: 'utf8'}).trim();
  const path = join(dir, 'docker');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      'if [ "$1" = "buildx" ]; then',
      '  printf "docker: unknown command: docker buildx\\n\\nRun \'docker --help\' for more information\\n" >&2',
      '  exit 1',
      'fi',
      `exec ${JSON.stringify(realDocker)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(!gate.available)('runBuild against the real engine', () => {
  const docker = gate.connection?.docker as NonNullable<typeof gate.connection>['docker'];
  const run = randomBytes(4).toString('hex');
  const repo = `oh-tui-e2e-runner-${run}`;
  const work = mkdtempSync(join(tmpdir(), 'oh-tui-runner-'));
  const cleanup: string[] = [];

  afterAll(() => {
    const refs = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo], {encoding: 'utf8'})
      .split('\n')
      .filter(Boolean);
    if (refs.length > 0) execFileSync('docker', ['image', 'rm', '-f', ...refs], {stdio: 'ignore'});
    // Intermediate images a failed classic build keeps as cache.
    for (const id of cleanup) {
      try {
        execFileSync('docker', ['image', 'rm', id], {stdio: 'ignore'});
      } catch {
        // still used by another image of this run, or already gone
      }
    }
    rmSync(work, {recursive: true, force: true});
  });

  let contexts = 0;
  /** A context whose first RUN is unique to this run, so nothing comes from an earlier run's cache. */
  const context = (lastRun: string): string => {
    const dir = join(work, `ctx${contexts++}`);
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'greeting.txt'), 'hello from the context\n');
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${baseImage}\nRUN echo "run ${run} ${dir}"\nCOPY greeting.txt /opt/greeting.txt\nRUN ${lastRun}\n`,
    );
    return dir;
  };
  const tagsFor = (name: string) => ['a', 'b', 'c'].map((t) => `${repo}:${name}-${t}`);
  const imageId = async (ref: string) => {
    try {
      return (await docker.getImage(ref).inspect()).Id;
    } catch {
      return undefined;
    }
  };
  const stepNames = (progress: BuildProgress) =>
    orderedVertices(progress)
      .filter((v) => !v.internal)
      .map((v) => `${vertexState(progress, v)} ${v.name.split(' ').slice(0, 2).join(' ')}`);
  /** Containers (running or stopped) whose command contains `marker`: what a build step left. */
  const containersWith = (marker: string) =>
    execFileSync('docker', ['ps', '-aq'], {encoding: 'utf8'})
      .split('\n')
      .filter(Boolean)
      .filter((id) => {
        try {
          return execFileSync('docker', ['inspect', '--format', '{{json .Config.Cmd}}', id], {encoding: 'utf8'}).includes(marker);
        } catch {
          return false; // removed meanwhile
        }
      });
  const rememberIntermediates = (progress: BuildProgress) => {
    for (const line of lastLines(progress.rawLog)) {
      const match = /^ ---> ([0-9a-f]{12})$/.exec(line);
      if (match?.[1] !== undefined) cleanup.push(match[1]);
    }
  };

  test('buildx: builds, reports every step, applies all three tags', async () => {
    expect(await isBuildxAvailable()).toBe(true);
    const tags = tagsFor('buildx');
    const updates: BuildProgress[] = [];
    const result = await runBuild({contextDir: context('cat /opt/greeting.txt'), tags, docker, onProgress: (p) => updates.push(p)});
    expect(result).toMatchObject({ok: true, exitCode: 0, cancelled: false, builder: 'buildx'});
    // BuildKit reports a FROM of a local image as cached, except on an engine that has never used
    // that image in a build (a fresh CI machine): then it is done, and may be announced after the
    // first RUN. Steps are listed as BuildKit announces them.
    const steps = stepNames(result.progress);
    expect(steps.filter((step) => /^(cached|done) \[1\/4\] FROM$/.test(step))).toHaveLength(1);
    expect(steps.filter((step) => !step.includes('[1/4] FROM'))).toEqual([
      'done [2/4] RUN',
      'done [3/4] COPY',
      'done [4/4] RUN',
      'done exporting to',
    ]);
    const last = orderedVertices(result.progress).find((v) => v.name.startsWith('[4/4]'))!;
    expect(vertexLog(last, 10).lines).toContain('hello from the context');
    expect(updates.length).toBeGreaterThan(5);
    const ids = await Promise.all(tags.map(imageId));
    expect(ids[0]).toMatch(/^sha256:/);
    expect(new Set(ids).size).toBe(1);
  });

  test('buildx: a failing RUN is a result with the step, its log and a hint, and tags nothing', async () => {
    const tags = tagsFor('buildx-fail');
    const result = await runBuild({contextDir: context('echo about-to-fail && exit 3'), tags, docker, onProgress: () => {}});
    expect(result).toMatchObject({ok: false, exitCode: 1, cancelled: false, builder: 'buildx'});
    const failing = failingVertex(result.progress)!;
    expect(failing.name).toBe('[4/4] RUN echo about-to-fail && exit 3');
    expect(vertexLog(failing, 10).lines).toEqual(['about-to-fail']);
    expect(buildFailureHint(result.progress)).toMatch(/exited with code 3/);
    expect(await Promise.all(tags.map(imageId))).toEqual([undefined, undefined, undefined]);
  });

  test('auto without the buildx plugin falls back to the classic builder: same steps, all tags', async () => {
    const dockerBin = dockerWithoutBuildx(work);
    expect(await isBuildxAvailable(dockerBin)).toBe(false);
    const tags = tagsFor('classic');
    const result = await runBuild({contextDir: context('cat /opt/greeting.txt'), tags, docker, dockerBin, onProgress: () => {}});
    expect(result).toMatchObject({ok: true, exitCode: 0, builder: 'classic'});
    expect(result.progress.buildxMissing).toBe(true);
    expect(stepNames(result.progress)).toEqual(['done [1/4] FROM', 'done [2/4] RUN', 'done [3/4] COPY', 'done [4/4] RUN']);
    const ids = await Promise.all(tags.map(imageId));
    expect(ids[0]).toMatch(/^sha256:/);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBe(result.progress.imageId);
  });

  test('classic: a failing RUN is a failure (errorDetail), leaves no tag and no stopped container', async () => {
    const tags = tagsFor('classic-fail');
    const marker = `about-to-fail-${run}`;
    const result = await runBuild({
      contextDir: context(`echo ${marker} && exit 3`),
      tags,
      docker,
      builder: 'classic',
      onProgress: () => {},
    });
    rememberIntermediates(result.progress);
    expect(result).toMatchObject({ok: false, exitCode: 1, builder: 'classic'});
    expect(failingVertex(result.progress)?.error).toMatch(/returned a non-zero code: 3/);
    expect(vertexLog(failingVertex(result.progress)!, 10).lines).toEqual([marker]);
    expect(await Promise.all(tags.map(imageId))).toEqual([undefined, undefined, undefined]);
    expect(containersWith(marker)).toEqual([]);
  });

  test('cancel during a 30 s RUN: buildx is killed, the result says cancelled, no tag exists', async () => {
    const tags = tagsFor('cancel');
    const controller = new AbortController();
    const started = Date.now();
    let abortedAt = 0;
    const result = await runBuild({
      contextDir: context('echo sleeping && sleep 30'),
      tags,
      docker,
      signal: controller.signal,
      onProgress: (progress) => {
        const step = orderedVertices(progress).find((v) => v.name.startsWith('[4/4] RUN'));
        if (step !== undefined && vertexState(progress, step) === 'running' && !controller.signal.aborted) {
          abortedAt = Date.now();
          controller.abort();
        }
      },
    });
    expect(abortedAt).toBeGreaterThan(0);
    expect(result).toMatchObject({ok: false, cancelled: true, exitCode: 130, builder: 'buildx'});
    expect(result.progress).toMatchObject({finished: true, cancelled: true, failingDigest: undefined});
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(await Promise.all(tags.map(imageId))).toEqual([undefined, undefined, undefined]);
    // No docker or docker-buildx process for this build is left.
    const leftovers = readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${repo}:cancel-a`);
        } catch {
          return false;
        }
      });
    expect(leftovers).toEqual([]);
  });

  test('cancel of a classic build stops it and tags nothing', async () => {
    const tags = tagsFor('classic-cancel');
    const controller = new AbortController();
    const marker = `sleeping-${run}-classic`;
    const result = await runBuild({
      contextDir: context(`echo ${marker} && sleep 30`),
      tags,
      docker,
      builder: 'classic',
      signal: controller.signal,
      onProgress: (progress) => {
        const step = orderedVertices(progress).find((v) => v.name.startsWith('[4/4] RUN'));
        if (step !== undefined && step.tail.size > 0 && !controller.signal.aborted) controller.abort();
      },
    });
    rememberIntermediates(result.progress);
    expect(result).toMatchObject({ok: false, cancelled: true, builder: 'classic'});
    // The engine stops a classic build when its client goes away: the step's container goes too.
    await expect.poll(() => containersWith(marker), {timeout: 15_000, interval: 250}).toEqual([]);
    expect(await Promise.all(tags.map(imageId))).toEqual([undefined, undefined, undefined]);
  });

  test('tags a run created are removed and tags it moved are moved back', async () => {
    const created = `${repo}:guard-created`;
    const moved = `${repo}:guard-moved`;
    const baseId = (await docker.getImage(baseImage).inspect()).Id;
    await docker.getImage(baseImage).tag({repo, tag: 'guard-moved'});
    const snapshot = await snapshotTags(docker, [created, moved]);
    expect(snapshot).toEqual([
      {tag: created, imageId: undefined},
      {tag: moved, imageId: baseId},
    ]);
    // What a half-finished build would leave: a new tag, and an existing tag on another image.
    const other = (await docker.getImage(`${repo}:buildx-a`).inspect()).Id;
    await docker.getImage(other).tag({repo, tag: 'guard-created'});
    await docker.getImage(other).tag({repo, tag: 'guard-moved'});
    const changes = await restoreTags(docker, snapshot);
    expect(changes).toHaveLength(2);
    expect(await imageId(created)).toBeUndefined();
    expect(await imageId(moved)).toBe(baseId);
    expect(await imageId(`${repo}:buildx-a`)).toBe(other);
    expect(await imageId(baseImage)).toBe(baseId);
  });

  test('buildWithScreen: plain lines when stdout is not a terminal, the Ink screen when it is', async () => {
    const plan: ImagePlan = {
      repo,
      baseImage,
      tags: {source: 'screen-a', lock: 'screen-b', versioned: 'screen-c'},
      image: `${repo}:screen-a`,
      strategy: 'scratch',
      reason: 'e2e',
      fromImage: baseImage,
    };
    const plainOut = new PassThrough();
    let plain = '';
    plainOut.on('data', (chunk) => (plain += String(chunk)));
    const plainResult = await buildWithScreen({
      plan,
      request: {contextDir: context('cat /opt/greeting.txt'), tags: tagsFor('plain'), docker},
      stdout: plainOut as unknown as NodeJS.WriteStream,
      color: true,
    });
    expect(plainResult.ok).toBe(true);
    expect(plain).toMatch(/^Building oh-tui-e2e-runner-[0-9a-f]+:screen-a with docker buildx$/m);
    expect(plain).toMatch(/^✔ \[4\/4\] RUN cat \/opt\/greeting\.txt \(\d+\.\ds\)$/m);
    expect(plain).toMatch(/^Built .* in \d+\.\ds$/m);

    // A stream that says it is a terminal: Ink draws frames and leaves the final one.
    const ttyOut = Object.assign(new PassThrough(), {isTTY: true, columns: 100, rows: 30}) as unknown as NodeJS.WriteStream;
    let screen = '';
    (ttyOut as unknown as PassThrough).on('data', (chunk) => (screen += String(chunk)));
    const stdin = Object.assign(new PassThrough(), {isTTY: false}) as unknown as NodeJS.ReadStream;
    const ttyResult = await buildWithScreen({
      plan,
      request: {contextDir: context('echo on-screen'), tags: tagsFor('tty'), docker},
      stdout: ttyOut,
      stdin,
      color: true,
    });
    expect(ttyResult.ok).toBe(true);
    const text = stripAnsi(screen);
    expect(text).toContain('Building oh-tui-e2e-runner-');
    expect(text).toMatch(/✔ \[4\/4\] RUN echo on-screen +\d+\.\ds/);
    expect(text).toContain(`✔ Built ${repo}:screen-a`);
  });
});
