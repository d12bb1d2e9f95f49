/**
 * Runs before each test file (vitest `setupFiles`). The test process keeps only what
 * helpers/test-env.ts allows from the caller's environment, and gets a HOME and XDG folders of its
 * own: a test, or code under test, that does not pass its own env or home still cannot read the
 * machine's ~/.config or the caller's variables, and every child process inherits the same.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll} from 'vitest';
import {hermeticEnv, runSwitches} from './helpers/test-env.js';

const home = mkdtempSync(join(tmpdir(), 'oh-tui-test-home-'));
// vitest's own variables (worker ids, NODE_ENV=test) belong to the runner, not to the caller.
const runner = Object.fromEntries(Object.entries(process.env).filter(([name]) => /^(VITEST|NODE_ENV$|TEST$)/.test(name)));
const clean: NodeJS.ProcessEnv = {...hermeticEnv(home), ...runSwitches(), ...runner};
for (const name of Object.keys(process.env)) if (!(name in clean)) delete process.env[name];
Object.assign(process.env, clean);

afterAll(() => rmSync(home, {recursive: true, force: true}));
