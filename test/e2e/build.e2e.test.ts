import {randomBytes} from 'node:crypto';
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig, type E2eSetup} from '../helpers/e2e-config.js';
import {runCli} from '../helpers/run-cli.js';
import {buildxHiddenEnv} from '../helpers/buildx-hidden.js';

const gate = await dockerGate('build e2e');

interface BuildJson {
  image: string;
  baseImage: string;
  tags: {source: string; lock: string; versioned: string};
  strategy: string;
  built: boolean;
  dockerfile: string;
}

const imageId = (reference: string): string | undefined => {
  try {
    return execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', reference], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
};

const removeRepo = (repo: string) => {
  const references = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo], {encoding: 'utf8'})
    .split('\n')
    .filter(Boolean);
  if (references.length > 0) execFileSync('docker', ['image', 'rm', '-f', ...references], {stdio: 'ignore'});
};

describe.skipIf(!gate.available)('oh-tui build against the real engine', () => {
  // A repository of its own per run, so the first build really starts from scratch.
  const repo = `oh-tui-e2e-build-${randomBytes(4).toString('hex')}/runtime`;
  let setup: E2eSetup;

  beforeAll(() => {
    setup = e2eConfig({repo});
  });
  afterAll(() => removeRepo(repo));

  const build = (args: string[], sandbox?: Record<string, string>, env?: NodeJS.ProcessEnv) => {
    const config = sandbox ? e2eConfig({repo, sandbox}) : setup;
    return runCli(['build', '--config', config.configPath, ...args], {cwd: config.cwd, env: {...config.env, ...env}});
  };

  test('--dry-run prints base image, tags, strategy and Dockerfile without building', async () => {
    const result = await build(['--dry-run', '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as BuildJson;
    expect(plan.baseImage).toBe('oh-tui/e2e-base:bookworm');
    expect(plan.strategy).toBe('scratch');
    expect(plan.built).toBe(false);
    expect(plan.dockerfile.split('\n')[0]).toBe('FROM oh-tui/e2e-base:bookworm');
    expect(imageId(plan.image)).toBeUndefined();

    const text = await build(['--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`source     ${plan.tags.source}`);
    expect(text.stdout).toContain('strategy    scratch');
    expect(text.stdout).toContain('COPY ./code/ /openhands/code/');
  });

  test('builds from the offline base image and applies all three tags; a second run builds nothing', async () => {
    const first = await build(['--json']);
    expect(first.stderr + first.stdout).not.toMatch(/internal error/);
    expect(first.code).toBe(0);
    const plan = JSON.parse(first.stdout) as BuildJson;
    expect(plan).toMatchObject({strategy: 'scratch', built: true});
    const id = imageId(plan.image);
    expect(id).toMatch(/^sha256:/);
    expect(imageId(`${repo}:${plan.tags.lock}`)).toBe(id);
    expect(imageId(`${repo}:${plan.tags.versioned}`)).toBe(id);
    // The image runs our bundled server with the image's own Node.
    const node = execFileSync('docker', ['run', '--rm', plan.image, '/openhands/bin/node', '-e', 'console.log(process.versions.node)'], {
      encoding: 'utf8',
    });
    expect(Number(node.split('.')[0])).toBeGreaterThanOrEqual(18);
    execFileSync('docker', ['run', '--rm', plan.image, 'test', '-s', '/openhands/code/action-server.cjs']);
    execFileSync('docker', ['run', '--rm', plan.image, 'test', '-x', '/openhands/.openvscode-server/bin/openvscode-server']);

    const second = await build([]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('no build needed');
    const again = JSON.parse((await build(['--json'])).stdout) as BuildJson;
    expect(again).toMatchObject({strategy: 'reuse', built: false, image: plan.image});
  });

  test('changing extra_deps builds again, on top of the versioned image', async () => {
    const result = await build(['--json'], {runtime_extra_deps: 'echo extra-dependency > /openhands/extra.txt'});
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as BuildJson;
    expect(plan).toMatchObject({strategy: 'versioned', built: true});
    const content = execFileSync('docker', ['run', '--rm', plan.image, 'cat', '/openhands/extra.txt'], {encoding: 'utf8'});
    expect(content.trim()).toBe('extra-dependency');
  });

  test('a failing extra_deps step fails with its log, a hint and a non-zero exit, and tags nothing', async () => {
    const result = await build([], {runtime_extra_deps: 'echo about-to-fail && exit 3'});
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain('about-to-fail');
    expect(output).toMatch(/exit code: 3/);
    expect(output).toMatch(/hint/i);
    const plan = JSON.parse(
      (await build(['--dry-run', '--json'], {runtime_extra_deps: 'echo about-to-fail && exit 3'})).stdout,
    ) as BuildJson;
    expect(imageId(plan.image)).toBeUndefined();
  });

  test('without the buildx plugin the Engine API builds the same image', async () => {
    const hidden = buildxHiddenEnv(setup.env);
    const sandbox = {runtime_extra_deps: 'echo classic > /openhands/classic.txt'};
    const result = await build(['--json', '--force-rebuild'], sandbox, hidden);
    expect(result.stderr).toMatch(/buildx/);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as BuildJson;
    expect(plan.built).toBe(true);
    const id = imageId(plan.image);
    expect(imageId(`${repo}:${plan.tags.lock}`)).toBe(id);
    expect(imageId(`${repo}:${plan.tags.versioned}`)).toBe(id);
    const content = execFileSync('docker', ['run', '--rm', plan.image, 'cat', '/openhands/classic.txt'], {encoding: 'utf8'});
    expect(content.trim()).toBe('classic');
    execFileSync('docker', ['run', '--rm', plan.image, 'test', '-s', '/openhands/code/action-server.cjs']);
  });
});
