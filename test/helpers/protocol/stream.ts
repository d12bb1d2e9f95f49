import {describe, expect, it} from 'vitest';
import type {SuiteContext} from '../protocol-suite.js';

export function defineStreamTests({client}: SuiteContext): void {
  describe('the WebSocket stream (/stream)', () => {
    it('refuses a client without the session key (401)', async () => {
      await expect(client().openStream({key: null})).rejects.toMatchObject({status: 401});
      await expect(client().openStream({key: 'wrong'})).rejects.toMatchObject({status: 401});
    });

    it('streams output as binary frames live, before the observation, for an HTTP action', async () => {
      const stream = await client().openStream();
      try {
        const httpStarted = stream.messages.length;
        const pending = client().run('for i in 1 2 3; do echo "tick $i"; sleep 0.5; done', {blocking: true, timeout: 30});
        let httpDone = false;
        void pending.then(() => (httpDone = true));
        const started = await stream.next((message) => message.type === 'started', 15_000, httpStarted);
        const firstChunk = await stream.nextOutput('tick 1', httpStarted, 15_000);
        expect(httpDone).toBe(false);
        expect(firstChunk).toMatchObject({binary: true, seq: started.seq});
        expect(started.action).toMatchObject({action: 'run', args: {command: expect.stringContaining('tick')}});
        expect(started).not.toHaveProperty('request_id');
        const observationMessage = await stream.next((message) => message.type === 'observation', 15_000, httpStarted);
        const observation = await pending;
        expect(firstChunk.at).toBeLessThan(observationMessage.at - 500);
        expect(observationMessage.seq).toBe(started.seq);
        expect(observationMessage.observation).toEqual(observation);
        expect(observation.content).toBe('tick 1\ntick 2\ntick 3');
        expect(stream.outputText(httpStarted, started.seq)).toBe('tick 1\ntick 2\ntick 3\n');
      } finally {
        stream.close();
      }
    });

    it('passes the bytes of the pty through unchanged, also those that are not UTF-8', async () => {
      const stream = await client().openStream();
      try {
        const from = stream.messages.length;
        const observation = await client().runToEnd(`printf 'a\\377\\376b\\303\\274\\n'`);
        expect(observation.extras.exit_code).toBe(0);
        const started = await stream.next((message) => message.type === 'observation', 15_000, from);
        expect([...stream.outputBytes(from, started.seq)]).toEqual([0x61, 0xff, 0xfe, 0x62, 0xc3, 0xbc, 0x0a]);
      } finally {
        stream.close();
      }
    });

    it('runs {type:"execute"} actions from the socket; started, output and observation carry its seq, request_id goes back to the sender only', async () => {
      const stream = await client().openStream({viaQuery: true});
      const bystander = await client().openStream();
      try {
        stream.send({
          type: 'execute',
          request_id: 'r-1',
          action: {action: 'run', id: 41, args: {command: 'echo via-socket', blocking: true}},
        });
        const started = await stream.next((m) => m.type === 'started' && m.request_id === 'r-1');
        expect(started).toMatchObject({cause: 41, action: {action: 'run', id: 41}});
        const message = await stream.next((m) => m.type === 'observation' && m.request_id === 'r-1');
        expect(message.cause).toBe(41);
        expect(message.seq).toBe(started.seq);
        expect(message.observation).toMatchObject({observation: 'run', content: 'via-socket', extras: {exit_code: 0}});
        expect((await stream.nextOutput('via-socket')).seq).toBe(started.seq);
        const seen = await bystander.next((m) => m.type === 'observation' && m.seq === started.seq);
        expect(seen.cause).toBe(41);
        expect(bystander.messages.filter((m) => m.request_id !== undefined)).toEqual([]);
      } finally {
        stream.close();
        bystander.close();
      }
    });

    it('tells a client that connects while an action runs which action that is', async () => {
      const early = await client().openStream();
      try {
        const pending = client().run('echo late-joiner; sleep 1', {blocking: true, timeout: 30});
        const started = await early.next((m) => m.type === 'started');
        await early.nextOutput('late-joiner');
        const late = await client().openStream();
        try {
          const told = await late.next((m) => m.type === 'started');
          expect(told).toMatchObject({seq: started.seq, action: {args: {command: 'echo late-joiner; sleep 1'}}});
          await pending;
          expect((await late.next((m) => m.type === 'observation')).seq).toBe(started.seq);
        } finally {
          late.close();
        }
      } finally {
        early.close();
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
        stream.send({type: 'interrupt', request_id: {nested: true}});
        expect((await stream.next((m) => m.type === 'error' && (m.detail ?? '').includes('request_id'))).detail).toContain(
          'must be a string or a number',
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

    it('{type:"interrupt", request_id} stops only that request: not another client’s action', async () => {
      const owner = await client().openStream();
      const other = await client().openStream();
      try {
        const command = 'for i in $(seq 1 300); do echo "tick-$i"; sleep 0.1; done';
        owner.send({type: 'execute', request_id: 7, action: {action: 'run', args: {command, blocking: true}, timeout: 120}});
        await owner.nextOutput('tick-1\n');
        other.send({type: 'interrupt', request_id: 7});
        // Messages of one client are handled in order: once the answer to the next one is back, the interrupt was handled.
        other.send({type: 'dance'});
        await other.next((m) => m.type === 'error');
        const from = owner.messages.length;
        await owner.next(() => (owner.outputText(from).match(/tick-\d+\n/g) ?? []).length >= 3, 15_000, from);
        expect(owner.messages.some((m) => m.type === 'observation')).toBe(false);
        const started = Date.now();
        owner.send({type: 'interrupt', request_id: 7});
        const message = await owner.next((m) => m.type === 'observation' && m.request_id === 7);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(message.observation?.extras.exit_code).toBe(130);
      } finally {
        owner.close();
        other.close();
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
