import {describe, expect, it} from 'vitest';
import type {SuiteContext} from '../protocol-suite.js';

export function defineStreamTests({client}: SuiteContext): void {
  describe('the WebSocket stream (/stream)', () => {
    it('refuses a client without the session key (401)', async () => {
      await expect(client().openStream({key: null})).rejects.toMatchObject({status: 401});
      await expect(client().openStream({key: 'wrong'})).rejects.toMatchObject({status: 401});
    });

    it('streams output chunks live, before the observation, for an HTTP action', async () => {
      const stream = await client().openStream();
      try {
        const httpStarted = stream.messages.length;
        const pending = client().run('for i in 1 2 3; do echo "tick $i"; sleep 0.5; done', {blocking: true, timeout: 30});
        let httpDone = false;
        void pending.then(() => (httpDone = true));
        const firstChunk = await stream.nextOutput('tick 1', httpStarted, 15_000);
        expect(httpDone).toBe(false);
        const observationMessage = await stream.next((message) => message.type === 'observation', 15_000, httpStarted);
        const observation = await pending;
        expect(firstChunk.at).toBeLessThan(observationMessage.at - 500);
        expect(observationMessage.observation).toEqual(observation);
        expect(observation.content).toBe('tick 1\ntick 2\ntick 3');
        expect(stream.outputText(httpStarted)).toContain('tick 3');
      } finally {
        stream.close();
      }
    });

    it('runs {type:"execute"} actions from the socket and answers with their observation and request_id', async () => {
      const stream = await client().openStream({viaQuery: true});
      try {
        stream.send({
          type: 'execute',
          request_id: 'r-1',
          action: {action: 'run', id: 41, args: {command: 'echo via-socket', blocking: true}},
        });
        const message = await stream.next((m) => m.type === 'observation' && m.request_id === 'r-1');
        expect(message.cause).toBe(41);
        expect(message.observation).toMatchObject({observation: 'run', content: 'via-socket', extras: {exit_code: 0}});
        const chunk = await stream.nextOutput('via-socket');
        expect(chunk.cause).toBe(41);
      } finally {
        stream.close();
      }
    });

    it('answers malformed socket messages with an error message and stays open', async () => {
      const stream = await client().openStream();
      try {
        stream.socket.send('{nope');
        expect((await stream.next((m) => m.type === 'error')).detail).toContain('not valid JSON');
        stream.send({type: 'execute', request_id: 'bad', action: {action: 'run', args: {}}});
        expect((await stream.next((m) => m.type === 'error' && m.request_id === 'bad')).detail).toContain('action.args.command');
        stream.send({type: 'dance'});
        expect((await stream.next((m) => m.type === 'error' && (m.detail ?? '').includes('dance'))).detail).toContain(
          'Unknown message type',
        );
      } finally {
        stream.close();
      }
    });

    it('{type:"interrupt"} stops a blocking command at once, outside the action queue', async () => {
      const stream = await client().openStream();
      try {
        const from = stream.messages.length;
        const pending = client().run('echo waiting-for-interrupt; sleep 60', {blocking: true, timeout: 120});
        await stream.nextOutput('waiting-for-interrupt', from, 15_000);
        const started = Date.now();
        stream.send({type: 'interrupt'});
        const observation = await pending;
        expect(Date.now() - started).toBeLessThan(5000);
        expect(observation.extras.exit_code).toBe(130);
        expect(observation.content.endsWith('[SIGINT was sent to interrupt the command.]')).toBe(true);
      } finally {
        stream.close();
      }
    });

    it('{type:"input"} types into the terminal of the running command', async () => {
      const stream = await client().openStream();
      try {
        const from = stream.messages.length;
        const pending = client().run('echo ready-for-input; read line; echo "typed $line"', {blocking: true, timeout: 30});
        await stream.nextOutput('ready-for-input', from, 15_000);
        stream.send({type: 'input', data: 'hello socket\n'});
        const observation = await pending;
        expect(observation.content).toBe('ready-for-input\ntyped hello socket');
      } finally {
        stream.close();
      }
    });
  });
}
