import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {hermeticEnv} from '../helpers/test-env.js';

// The built CLI without a terminal and without a Docker engine: each mistake is caught before Docker.
describe('the built CLI: the agent flags', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, {recursive: true, force: true});
  });
  const cli = (args: string[], extraEnv: Record<string, string> = {}) => {
    const directory = mkdtempSync(join(tmpdir(), 'oh-tui-cli-agent-'));
    roots.push(directory);
    mkdirSync(join(directory, 'home'));
    mkdirSync(join(directory, 'project'));
    // No engine: DOCKER_HOST points at nothing, so a test that got as far as Docker would say so.
    const env = hermeticEnv(join(directory, 'home'), {DOCKER_HOST: `unix://${join(directory, 'no-docker.sock')}`, ...extraEnv});
    return runCli(args, {cwd: join(directory, 'project'), env, timeoutMs: 30_000});
  };

  test('--headless without an LLM fails at once (exit 2) saying how to configure one; nothing on stdout', async () => {
    const result = await cli(['--headless', '-t', 'say hi', '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('oh-tui: --headless needs an LLM, and none is configured');
    expect(result.stderr).toContain('LLM_API_KEY');
    expect(result.stderr).not.toContain('Docker');
  });

  test('a task without a terminal needs --headless; --json needs --headless; -f names a missing file', async () => {
    const task = await cli(['-t', 'say hi']);
    expect(task.code).toBe(2);
    expect(task.stderr).toContain('a task (-t or -f) without a terminal needs --headless');
    const json = await cli(['--json', '-t', 'x']);
    expect(json).toMatchObject({code: 2, stdout: ''});
    expect(json.stderr).toContain('--json applies to the session only with --headless');
    const file = await cli(['--headless', '-f', 'missing-task.md']);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/cannot read the task file \S*missing-task\.md: no such file/);
  });

  test('an unknown -l group lists the groups; --confirm is refused with --headless; a bad -i is named', async () => {
    const llm = await cli(['--headless', '-t', 'x', '-l', 'nope'], {LLM_API_KEY: 'sk-test'});
    expect(llm.code).toBe(2);
    expect(llm.stderr).toContain('--llm-config nope: there is no [llm.nope] group');
    const confirm = await cli(['--headless', '-t', 'x', '--confirm'], {LLM_API_KEY: 'sk-test'});
    expect(confirm.code).toBe(2);
    expect(confirm.stderr).toContain('--confirm cannot be used with --headless');
    const iterations = await cli(['--headless', '-t', 'x', '-i', 'many'], {LLM_API_KEY: 'sk-test'});
    expect(iterations.code).toBe(2);
    expect(iterations.stderr).toContain('--max-iterations must be a whole number of at least 1, got "many"');
  });
});
