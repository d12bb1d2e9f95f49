import {describe, expect, it} from 'vitest';
import type {SuiteContext} from '../protocol-suite.js';

export function defineInterruptTests({client}: SuiteContext): void {
  describe('interrupting over plain HTTP (clients without the stream)', () => {
    it.each(['C-c', 'ctrl+c'])('a %s run action stops the command another request runs, at once', async (command) => {
      // The stream only shows when the command is under way; the interrupt itself is plain HTTP.
      const stream = await client().openStream();
      let running: ReturnType<ReturnType<typeof client>['run']>;
      try {
        running = client().run('echo running; sleep 60', {blocking: true, timeout: 120});
        await stream.nextOutput('running');
      } finally {
        stream.close();
      }
      const started = Date.now();
      const interrupt = await client().run(command, {blocking: true, timeout: 10});
      const stopped = await running;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(interrupt.extras.exit_code).toBe(130);
      expect(interrupt.content).toBe('');
      expect(stopped.extras.exit_code).toBe(130);
      expect(stopped.content).toMatch(/^running\n+\[SIGINT was sent to interrupt the command\.\]$/);
      expect((await client().runToEnd('echo after')).content).toBe('after');
    });
  });
}
