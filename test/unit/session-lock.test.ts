import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {buildSync} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {acquireSessionLock} from '../../source/session/session-lock.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();

/**
 * A client process that, at `startAt` (a shared instant, so they collide), tries to take the
 * session's lock and prints `won` or `refused`, then holds what it won for a while. Without the
 * guard, several takers judging the same lock dead each removed it and locked (this test failed so).
 */
function takerScript(root: string): string {
  const entry = path.join(root, 'taker.ts');
  fs.writeFileSync(
    entry,
    `import {acquireSessionLock} from ${JSON.stringify(path.resolve('source/session/session-lock.ts'))};
const [dir, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {}
let outcome;
try {
  // Each taker dawdles between judging the lock dead and removing it: the window a race needs.
  const lock = acquireSessionLock(dir, 's1', {beforeTakeover: () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300)});
  outcome = 'won';
  setTimeout(() => lock.release(), 1500);
} catch (error) {
  outcome = /already open/.test(error.message) ? 'refused' : 'error: ' + error.message;
}
process.stdout.write(outcome + '\\n');
`,
  );
  const outfile = path.join(root, 'taker.cjs');
  buildSync({entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent'});
  return outfile;
}

function run(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {stdio: ['ignore', 'pipe', 'inherit']});
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', () => resolve(out.trim()));
  });
}

const deadPid = () => spawnSync('true').pid as number;

describe('the session lock', () => {
  it('two (and more) clients taking over the same dead lock at once: exactly one wins, the others are refused naming it', async () => {
    const {root} = tempDirs();
    const script = takerScript(root);
    for (let round = 0; round < 4; round++) {
      const dir = path.join(root, `session-${round}`);
      fs.mkdirSync(path.join(dir, 'session.lock'), {recursive: true});
      fs.writeFileSync(path.join(dir, 'lock-holder.json'), JSON.stringify({pid: deadPid(), host: os.hostname(), since: 'then'}));
      // Half the rounds a dead pid on this host, half a lock from another host not refreshed for 11 s.
      if (round % 2 === 1) {
        fs.writeFileSync(path.join(dir, 'lock-holder.json'), JSON.stringify({pid: 1, host: 'elsewhere', since: 'then'}));
        const old = new Date(Date.now() - 11_000);
        fs.utimesSync(path.join(dir, 'session.lock'), old, old);
      }
      const startAt = String(Date.now() + 700);
      const outcomes = await Promise.all([0, 1, 2, 3].map(() => run(script, [dir, startAt])));
      expect(
        outcomes.filter((outcome) => outcome === 'won'),
        outcomes.join(', '),
      ).toHaveLength(1);
      expect(
        outcomes.filter((outcome) => outcome === 'refused'),
        outcomes.join(', '),
      ).toHaveLength(3);
    }
  }, 60_000);

  it('a lock removed under its holder is reported through onCompromised, and releasing it afterwards does not throw', async () => {
    const {root} = tempDirs();
    const lost: string[] = [];
    const lock = acquireSessionLock(root, 's1', {onCompromised: (error) => lost.push(error.message)});
    fs.rmSync(path.join(root, 'session.lock'), {recursive: true});
    // proper-lockfile notices at its next refresh (every 5 s).
    await expect.poll(() => lost.length, {timeout: 12_000, interval: 100}).toBe(1);
    expect(lost[0]).toMatch(/ENOENT|compromised/i);
    expect(() => lock.release()).not.toThrow();
  }, 20_000);

  it('a guard left by a client that died while taking the lock is broken after 5 s', () => {
    const {root} = tempDirs();
    const guard = path.join(root, 'session.lock.guard');
    fs.mkdirSync(guard);
    expect(() => acquireSessionLock(root, 's1')).toThrow(/another oh-tui has been opening it/);
    const old = new Date(Date.now() - 6_000);
    fs.utimesSync(guard, old, old);
    acquireSessionLock(root, 's1').release();
    expect(fs.existsSync(guard)).toBe(false);
  }, 20_000);
});
