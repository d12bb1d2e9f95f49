import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {checkFlags, commandOf, splitAtDoubleDash} from '../../source/cli/parse-argv.js';
import {FLAGS, helpText, kebabCase} from '../../source/cli/flags.js';
import {runCli} from '../helpers/run-cli.js';
import {hermeticEnv} from '../helpers/test-env.js';
import {packageRoot, version} from '../../source/lib/version.js';

describe('argument parsing (pure)', () => {
  test('splits at the first --', () => {
    expect(splitAtDoubleDash(['exec', '-s', 'x', '--', 'ls', '--', '-la'])).toEqual({
      options: ['exec', '-s', 'x'],
      rest: ['ls', '--', '-la'],
    });
    expect(splitAtDoubleDash(['build'])).toEqual({options: ['build'], rest: []});
  });

  test('knows the commands and suggests the closest', () => {
    expect(commandOf([])).toBe('');
    expect(commandOf(['build'])).toBe('build');
    expect(() => commandOf(['biuld'])).toThrow('unknown command "biuld" (did you mean "build"?)');
    expect(() => commandOf(['exec', 'ls'])).toThrow('unexpected argument "ls"');
  });

  test('rejects unknown flags and flags of other commands', () => {
    expect(() => checkFlags(['--forse-rebuild'], 'build')).toThrow('unknown flag --forse-rebuild (did you mean --force-rebuild?)');
    expect(() => checkFlags(['-z'], 'build')).toThrow('unknown flag -z');
    expect(() => checkFlags(['--open'], 'build')).toThrow('--open does not apply to oh-tui build');
    expect(() => checkFlags(['--dry-run', '--json', '--config=x.toml'], 'build')).not.toThrow();
    expect(() => checkFlags(['-s', 'abc', '--open'], 'vscode')).not.toThrow();
  });

  test('checks every letter of a bundled short flag against the command', () => {
    const message = '--session does not apply to oh-tui build';
    expect(() => checkFlags(['-s', 'x'], 'build')).toThrow(message);
    // -h applies to build; the -s before it in the bundle must still be refused, with the same message.
    expect(() => checkFlags(['-sh', 'x'], 'build')).toThrow(message);
    expect(() => checkFlags(['-hs', 'x'], 'build')).toThrow(message);
    expect(() => checkFlags(['-ch', 'x.toml'], 'build')).not.toThrow();
  });

  test('the README lists every flag of the table', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    for (const flag of FLAGS) expect(readme).toContain(`--${kebabCase(flag.name)}`);
  });

  test('the help text lists every flag of the table', () => {
    const help = helpText();
    for (const flag of FLAGS) expect(help).toContain(`--${kebabCase(flag.name)}`);
  });
});

describe('the built CLI', () => {
  // Each run gets a home, a project folder and an environment of its own; no engine unless a test names one.
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, {recursive: true, force: true});
  });
  function place(extraEnv: Record<string, string> = {}) {
    const directory = mkdtempSync(join(tmpdir(), 'oh-tui-cli-'));
    roots.push(directory);
    const home = join(directory, 'home');
    const cwd = join(directory, 'project');
    mkdirSync(home);
    mkdirSync(cwd);
    return {directory, cwd, env: hermeticEnv(home, extraEnv)};
  }
  const cli = (args: string[], extraEnv?: Record<string, string>) => {
    const {cwd, env} = place(extraEnv);
    return runCli(args, {cwd, env});
  };

  test('--version prints the package version', async () => {
    const result = await cli(['--version']);
    expect(result).toMatchObject({code: 0, stdout: `${version}\n`});
  });

  test('--help shows the usage of every command', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['oh-tui build', 'oh-tui exec', 'oh-tui vscode', '--force-rebuild', '--dry-run', '--json']) {
      expect(result.stdout).toContain(command);
    }
    expect(result.stdout).toContain("exec joins the words after -- with spaces, and the session's bash runs that line, as ssh does");
  });

  test('an unknown flag is a usage error with a hint, exit 2, no stack', async () => {
    const result = await cli(['build', '--dryrun']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('oh-tui: unknown flag --dryrun (did you mean --dry-run?)\n  hint: run `oh-tui --help` for the usage\n');
  });

  test('a bad session id is refused before anything runs', async () => {
    const result = await cli(['--session', '../etc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid session id "../etc"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('a config syntax error names file, line and column', async () => {
    const {directory, cwd, env} = place({DOCKER_HOST: 'unix:///nonexistent.sock'});
    const file = join(directory, 'config.toml');
    writeFileSync(file, '[sandbox]\ntimeout = = 3\n');
    const result = await runCli(['build', '--dry-run', '--config', file], {cwd, env});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/config\.toml:2:\d+: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('a wrong type names the key, the expected type and the value', async () => {
    const {directory, cwd, env} = place({DOCKER_HOST: 'unix:///nonexistent.sock'});
    const file = join(directory, 'config.toml');
    writeFileSync(file, '[sandbox]\nkeep_runtime_alive = "yes"\n');
    const result = await runCli(['build', '--dry-run', '--config', file], {cwd, env});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('config.toml:2: [sandbox] keep_runtime_alive must be true or false, got "yes" (string)');
  });

  test('a missing --config file is an error naming it', async () => {
    const result = await cli(['build', '--dry-run', '--config', '/nonexistent/oh-tui.toml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/oh-tui.toml');
  });

  test('an unknown key warns with a suggestion and the rest of the file still applies', async () => {
    const {directory, cwd, env} = place({DOCKER_HOST: 'unix:///nonexistent.sock'});
    const file = join(directory, 'config.toml');
    writeFileSync(file, '[sandbox]\nbase_container_imag = "x:1"\nruntime_image_repo = "mine/rt"\n');
    const result = await runCli(['build', '--dry-run', '--json', '--config', file], {cwd, env});
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/config\.toml:2: unknown key \[sandbox\] base_container_imag .*did you mean base_container_image\?/);
    expect(result.stderr).toContain('no Docker engine is reachable, so the strategy assumes no local images');
    expect((JSON.parse(result.stdout) as {image: string}).image).toMatch(/^mine\/rt:oh_v/);
  });
});
