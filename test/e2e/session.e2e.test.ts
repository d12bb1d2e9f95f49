import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {e2eConfig} from '../helpers/e2e-config.js';
import {runCli} from '../helpers/run-cli.js';

describe('oh-tui (the session) without a terminal', () => {
  const setup = e2eConfig();

  test('says it needs one, points at exec and at headless mode, exits 2, and brings nothing up', async () => {
    // stdin ignored and stdout a pipe: neither is a terminal (the session screen's own runs are in tmux).
    const result = await runCli(['--config', setup.configPath, '--session', 'e2e-no-terminal'], {
      env: setup.env,
      cwd: setup.directory,
      timeoutMs: 30_000,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('oh-tui: the session screen needs a terminal, and stdin and stdout are not terminals.');
    expect(result.stderr).toContain('oh-tui exec [--session <sid>] -- <command>');
    expect(result.stderr).toContain('oh-tui --headless -t "<task>"');
    // Refused before anything: no session stored, so no container either.
    expect(existsSync(join(setup.config.core.file_store_path, 'sessions', 'e2e-no-terminal'))).toBe(false);
  });
});
