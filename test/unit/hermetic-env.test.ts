import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {hermeticEnv} from '../helpers/test-env.js';

describe('the hermetic test environment (test/hermetic-setup.ts)', () => {
  it('gives this test file a HOME and XDG folders of its own, not the account home', () => {
    const home = process.env.HOME!;
    expect(home).not.toBe(os.userInfo().homedir);
    expect(path.basename(home)).toMatch(/^oh-tui-test-home-/);
    expect(os.homedir()).toBe(home);
    for (const name of ['XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME']) {
      expect(process.env[name]?.startsWith(`${home}/`), name).toBe(true);
    }
  });

  it("keeps only the allowed names of the caller's environment", () => {
    const allowed =
      /^(PATH|HOME|XDG_(CONFIG|STATE|CACHE|DATA)_HOME|LANG|TMPDIR|DOCKER_(CONFIG|HOST|CONTEXT|CERT_PATH|TLS_VERIFY)|OH_TUI_E2E|OH_TUI_E2E_BASE_IMAGE|VITEST.*|NODE_ENV|TEST)$/;
    expect(Object.keys(process.env).filter((name) => !allowed.test(name))).toEqual([]);
  });

  it('hermeticEnv adds and removes on request', () => {
    const env = hermeticEnv(path.join(process.env.HOME!, 'child'), {EXTRA: 'x', LANG: undefined});
    expect(env.HOME).toBe(path.join(process.env.HOME!, 'child'));
    expect(env.EXTRA).toBe('x');
    expect('LANG' in env).toBe(false);
  });
});
