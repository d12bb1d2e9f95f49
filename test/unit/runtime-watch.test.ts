import {afterEach, describe, expect, it, vi} from 'vitest';
import {diagnose, type RuntimeHealth, watchRuntime} from '../../source/runtime/runtime-watch.js';

const probes = (alive: boolean, state: string | Error) => ({
  alive: async () => alive,
  containerState: async () => {
    if (state instanceof Error) throw state;
    return state;
  },
});

describe('diagnose', () => {
  it('names what went wrong from the container state', async () => {
    expect(await diagnose(probes(true, 'running'), 'c')).toEqual({state: 'running'});
    expect(await diagnose(probes(false, 'missing'), 'c')).toEqual({state: 'lost', reason: 'container c was removed'});
    expect(await diagnose(probes(false, 'exited'), 'c')).toEqual({state: 'stopped', reason: 'container c is exited'});
    expect(await diagnose(probes(false, 'running'), 'c')).toEqual({state: 'lost', reason: 'the action server in c does not answer'});
    expect(await diagnose(probes(false, new Error('connect ECONNREFUSED /var/run/docker.sock\nmore')), 'c')).toEqual({
      state: 'lost',
      reason: 'the Docker engine does not answer (connect ECONNREFUSED /var/run/docker.sock)',
    });
  });
});

describe('diagnose a slow server', () => {
  it('gives a running container whose server answered late one longer chance before calling it lost', async () => {
    const timeouts: (number | undefined)[] = [];
    const slow = {
      alive: async (timeoutMs?: number) => {
        timeouts.push(timeoutMs);
        return timeoutMs === 1500;
      },
      containerState: async () => 'running',
    };
    expect(await diagnose(slow, 'c')).toEqual({state: 'running'});
    expect(timeouts).toEqual([undefined, 1500]);
  });
});

describe('watchRuntime', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports each change once, on the next tick or at once when asked', async () => {
    vi.useFakeTimers();
    let current = probes(true, 'running');
    const seen: RuntimeHealth[] = [];
    const watch = watchRuntime({alive: () => current.alive(), containerState: () => current.containerState()}, 'c', (health) =>
      seen.push(health),
    );
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen).toEqual([]);
    current = probes(false, 'exited');
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(seen).toEqual([{state: 'stopped', reason: 'container c is exited'}]);
    current = probes(true, 'running');
    watch.checkNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.at(-1)).toEqual({state: 'running'});
    watch.stop();
    current = probes(false, 'missing');
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toHaveLength(2);
  });
});
