import {beforeAll, describe, expect, it} from 'vitest';
import {cwdFromInterpreterDetails} from '../../../source/events/interpreter-details.js';
import type {Observation} from '../protocol-client.js';
import type {SuiteContext} from '../protocol-suite.js';

/** Polls with the empty command until the running command ends (each poll waits up to the soft timeout). */
async function pollUntilDone(poll: () => Promise<Observation>, timeoutMs: number): Promise<{last: Observation; text: string}> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  for (;;) {
    const last = await poll();
    text += last.content;
    if (last.extras.exit_code !== -1) return {last, text};
    if (Date.now() > deadline) throw new Error(`still running after ${timeoutMs} ms: ${text}`);
  }
}

export function defineShellTests({client, scratch, softTimeoutSeconds}: SuiteContext): void {
  describe('the persistent shell', () => {
    beforeAll(async () => {
      expect((await client().runToEnd(`mkdir -p '${scratch()}/shell/sub dir'`)).extras.exit_code).toBe(0);
    });

    it('keeps the cwd and exported variables between commands, and reports the cwd', async () => {
      const moved = await client().runToEnd(`cd '${scratch()}/shell/sub dir' && export OH_TUI_PROBE=persisted`);
      expect(moved.extras.exit_code).toBe(0);
      expect(cwdFromInterpreterDetails(String(moved.extras.interpreter_details))).toBe(`${scratch()}/shell/sub dir`);
      const probe = await client().runToEnd('pwd; echo "$OH_TUI_PROBE"');
      expect(probe.content).toBe(`${scratch()}/shell/sub dir\npersisted`);
    });

    it('returns each command exit code', async () => {
      expect((await client().runToEnd('false')).extras.exit_code).toBe(1);
      expect((await client().runToEnd('(exit 42)')).extras.exit_code).toBe(42);
      const missing = await client().runToEnd('no-such-command-oh-tui');
      expect(missing.extras.exit_code).toBe(127);
      expect(missing.message).toBe('Command `no-such-command-oh-tui` executed with exit code 127.');
    });

    it('runs multi-line commands and does not hang on an unclosed quote', async () => {
      const multi = await client().runToEnd('for i in 1 2; do\n  echo "line $i"\ndone\necho after');
      expect(multi.content).toBe('line 1\nline 2\nafter');
      const started = Date.now();
      const broken = await client().runToEnd('echo "unclosed');
      expect(broken.extras.exit_code).toBe(2);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await client().runToEnd('echo still-fine')).content).toBe('still-fine');
    });

    it('keeps background jobs running between commands', async () => {
      const started = await client().runToEnd('sleep 300 & echo started');
      expect(started.extras.exit_code).toBe(0);
      const jobs = await client().runToEnd('jobs');
      expect(jobs.content).toMatch(/Running\s+sleep 300 &/);
      // `wait` reports the job's own end: 128 + SIGTERM. Then no job is left.
      expect((await client().runToEnd('kill %1; wait %1')).extras.exit_code).toBe(143);
      expect((await client().runToEnd('jobs -l | wc -l')).content).toBe('0');
    });

    it('returns after the soft timeout with exit code -1, then "" waits for the rest', async () => {
      const soft = softTimeoutSeconds();
      const started = Date.now();
      const first = await client().run(`echo begin; sleep ${soft * 2 + 1}; echo finished`);
      const elapsed = Date.now() - started;
      expect(first.extras.exit_code).toBe(-1);
      expect(first.message).toBe(`Command \`echo begin; sleep ${soft * 2 + 1}; echo finished\` executed with exit code -1.`);
      expect(first.content).toBe('begin');
      expect(elapsed).toBeGreaterThanOrEqual(soft * 1000 - 100);
      expect(elapsed).toBeLessThan(soft * 1000 + 3000);
      const {last, text} = await pollUntilDone(() => client().run(''), (soft * 3 + 10) * 1000);
      expect(last.extras.exit_code).toBe(0);
      expect(last.extras.command).toBe('');
      expect(text).toContain('finished');
    });

    it('an empty command with nothing running returns at once', async () => {
      const started = Date.now();
      const idle = await client().run('');
      expect(idle.extras.exit_code).not.toBe(-1);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('C-c interrupts the running command with SIGINT (exit 130) and the shell goes on', async () => {
      const running = await client().run('sleep 120');
      expect(running.extras.exit_code).toBe(-1);
      const interrupted = await client().run('C-c');
      expect(interrupted.extras.exit_code).toBe(130);
      expect(interrupted.message).toBe('Command `C-c` executed with exit code 130.');
      expect(interrupted.content.endsWith('\n\n[SIGINT was sent to interrupt the command.]')).toBe(true);
      expect((await client().runToEnd('echo alive')).content).toBe('alive');
      const ctrl = await client().run('sleep 120');
      expect(ctrl.extras.exit_code).toBe(-1);
      expect((await client().run('ctrl+c')).extras.exit_code).toBe(130);
    });

    it('sends other text to the stdin of the running command', async () => {
      const waiting = await client().run('read answer; echo "got $answer"');
      expect(waiting.extras.exit_code).toBe(-1);
      const answered = await client().run('forty two', {blocking: true, timeout: 30});
      expect(answered.extras.exit_code).toBe(0);
      expect(answered.content).toBe('got forty two');
    });

    it('interrupts a blocking command at its hard timeout (exit 130) with 0.15 wording', async () => {
      const started = Date.now();
      const timedOut = await client().run('sleep 60', {blocking: true, timeout: 1});
      expect(Date.now() - started).toBeLessThan(6000);
      expect(timedOut.extras.exit_code).toBe(130);
      expect(timedOut.content.endsWith('[Command timed out after 1 seconds. SIGINT was sent to interrupt the command.]')).toBe(true);
      expect((await client().runToEnd('echo after-timeout')).content).toBe('after-timeout');
    });

    it('kills a command that ignores SIGINT (0.15: Ctrl-Z, then kill -9)', async () => {
      const stubborn = await client().run(`bash -c "trap '' INT; echo stubborn; sleep 60"`);
      expect(stubborn.extras.exit_code).toBe(-1);
      const started = Date.now();
      const killed = await client().run('C-c');
      expect(killed.extras.exit_code).toBe(130);
      expect(killed.content.endsWith('[SIGINT was sent to interrupt the command, but failed. The command was killed.]')).toBe(true);
      expect(Date.now() - started).toBeLessThan(8000);
      const jobs = await client().runToEnd('jobs; echo listed');
      expect(jobs.content).not.toMatch(/Stopped|Running/);
      expect(jobs.content.endsWith('listed')).toBe(true);
    });

    it('starts a new shell in the working dir when the shell exits', async () => {
      const exited = await client().runToEnd('exit 3');
      expect(exited.extras.exit_code).toBe(3);
      expect(exited.content).toContain(`[The shell exited with code 3. A new shell was started in ${client().target.workspace}.]`);
      const fresh = await client().runToEnd('pwd');
      expect(fresh.content).toBe(client().target.workspace);
    });

    it('caps 50 MB of output (head, elision marker, tail) and keeps the server small', async () => {
      const observation = await client().runToEnd(`head -c 50000000 /dev/zero | tr '\\0' a; echo; echo END-OF-OUTPUT`, 120);
      expect(observation.extras.exit_code).toBe(0);
      expect(observation.content.startsWith('aaaa')).toBe(true);
      expect(observation.content.endsWith('END-OF-OUTPUT')).toBe(true);
      const marker = /\[\.\.\. (\d+) characters elided \.\.\.\]/.exec(observation.content);
      expect(marker).not.toBeNull();
      expect(Number(marker![1])).toBeGreaterThan(49_000_000);
      expect(observation.content.length).toBeLessThan(200_000);
      const info = (await client().request('GET', '/server_info')).json as {resources: {memory: {rss: number}}};
      expect(info.resources.memory.rss).toBeLessThan(200 * 1024 * 1024);
    });

    it('serialises concurrent actions: the second waits for the first', async () => {
      const stream = await client().openStream();
      try {
        const finished: string[] = [];
        const first = client()
          .run('echo first-started; sleep 1; echo first', {blocking: true, timeout: 30})
          .then((observation) => {
            finished.push('first');
            return observation;
          });
        await stream.next((message) => message.type === 'output' && stream.outputText().includes('first-started'));
        const second = client()
          .run('echo second', {blocking: true, timeout: 30})
          .then((observation) => {
            finished.push('second');
            return observation;
          });
        const [a, b] = await Promise.all([first, second]);
        expect(a.content).toBe('first-started\nfirst');
        expect(b.content).toBe('second');
        expect(finished).toEqual(['first', 'second']);
      } finally {
        stream.close();
      }
    });
  });
}
