import {mkdtempSync} from 'node:fs';
import {join} from 'node:path';
import {tmpdir} from 'node:os';
import meow from 'meow';
import {afterAll, describe, expect, test} from 'vitest';
import {DESCRIPTION, helpPage, helpText, meowFlags} from '../../source/cli/flags.js';
import {quickParse} from '../../source/cli/quick-parse.js';
import {version} from '../../source/lib/version.js';
import {runCli} from '../helpers/run-cli.js';
import {hermeticEnv} from '../helpers/test-env.js';

// meow names the process after our bin; the test worker keeps its own name.
const workerTitle = process.title;
afterAll(() => {
  process.title = workerTitle;
});

/** What meow makes of the options, reduced to what the commands read. */
function meowParse(options: string[]) {
  const cli = meow('help', {importMeta: import.meta, argv: options, flags: meowFlags(), allowUnknownFlags: true});
  const flags = cli.flags as Record<string, unknown>;
  const read = ['config', 'session', 'forceRebuild', 'dryRun', 'json', 'open'] as const;
  return {
    input: cli.input,
    flags: Object.fromEntries(read.filter((name) => flags[name] !== undefined && flags[name] !== false).map((name) => [name, flags[name]])),
  };
}

describe('quickParse: the plain command lines without meow', () => {
  const plain = [
    [],
    ['exec'],
    ['exec', '--session', 'abc'],
    ['exec', '-s', 'abc', '--config', 'x.toml'],
    ['--session=abc', 'exec', '-c', 'dir/config.toml'],
    ['-s', '007', 'exec'],
    ['--config=a=b.toml', 'vscode', '--open'],
    ['vscode', '-s', 'build'],
    ['build', '--force-rebuild', '--dry-run', '--json'],
    ['--session', 'my-session_1'],
    ['--force-rebuild', '-c', 'true'],
  ];
  test.each(plain)('%j parses as meow parses it', (...options: string[]) => {
    const quick = quickParse(options);
    expect(quick).toBeDefined();
    expect(quick).toEqual(meowParse(options));
  });

  const leftToMeow = [
    ['--help'],
    ['--version'],
    ['-h'],
    ['-v'],
    ['exec', '--help'],
    ['build', '--no-json'],
    ['build', '--json=false'],
    ['build', '--dryRun'],
    ['exec', '-s'],
    ['exec', '--session='],
    ['exec', '--session', '-x'],
    ['exec', '-sabc'],
    ['exec', '-s', 'a', '-s', 'b'],
    ['exec', 'ls'],
    ['biuld'],
    ['exec', '--dryrun'],
    ['-'],
  ];
  test.each(leftToMeow)('%j is left to meow', (...options: string[]) => {
    expect(quickParse(options)).toBeUndefined();
  });
});

describe('--help and --version without meow', () => {
  test('the help page is the one meow lays out', () => {
    const cli = meow(helpText(), {
      importMeta: import.meta,
      argv: [],
      flags: meowFlags(),
      allowUnknownFlags: true,
      description: DESCRIPTION,
    });
    expect(helpPage()).toBe(cli.help);
  });

  test('the built CLI prints it (and the version) as meow did: console.log of the page, exit 0', async () => {
    const home = mkdtempSync(join(tmpdir(), 'oh-tui-help-'));
    const place = {env: hermeticEnv(home), cwd: home};
    expect(await runCli(['--help'], place)).toEqual({code: 0, stdout: `${helpPage()}\n`, stderr: ''});
    expect(await runCli(['--version'], place)).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
    // The short forms too, alone or beside other words: they print, never start a session.
    for (const argv of [['-h'], ['-s', 'x', '-h'], ['build', '--help', '--dry-run']]) {
      expect(await runCli(argv, place)).toEqual({code: 0, stdout: `${helpPage()}\n`, stderr: ''});
    }
    for (const argv of [['-v'], ['exec', '-v']]) expect(await runCli(argv, place)).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
  });
});
