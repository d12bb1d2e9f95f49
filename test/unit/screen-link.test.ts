import {describe, expect, it} from 'vitest';
import {ScreenLink} from '../../source/commands/screen-link.js';

const plan = {} as Parameters<ScreenLink['callbacks']['build']>[0];
const outcome = {ok: true} as never;

function recordingScreen() {
  const seen: string[] = [];
  return {
    seen,
    screen: {
      build: async () => {
        seen.push('build');
        return outcome;
      },
      onChange: () => seen.push('change'),
      onOutput: (text: string) => seen.push(`output ${text}`),
      onRunning: (running: boolean) => seen.push(`running ${running}`),
      onNote: (text: string) => seen.push(`note ${text}`),
      setRecordingStopped: (reason: string) => seen.push(`recording stopped ${reason}`),
    },
  };
}

describe('ScreenLink (the runtime started before its screen)', () => {
  it('keeps notes until the screen attaches, then forwards everything', () => {
    const link = new ScreenLink();
    link.callbacks.onNote('first');
    link.callbacks.onOutput('lost');
    expect(link.unshownNotes()).toEqual(['first']);
    const {seen, screen} = recordingScreen();
    link.attach(screen);
    link.callbacks.onNote('second');
    link.callbacks.onRunning(true);
    expect(seen).toEqual(['note first', 'note second', 'running true']);
    expect(link.unshownNotes()).toEqual([]);
  });

  it('keeps a stop of recording (a full disk) until the screen attaches, then forwards the next', () => {
    const link = new ScreenLink();
    link.recordingStopped('ENOSPC');
    const {seen, screen} = recordingScreen();
    link.attach(screen);
    link.recordingStopped('EIO');
    expect(seen).toEqual(['recording stopped ENOSPC', 'recording stopped EIO']);
  });

  it('holds a build until the screen can show it', async () => {
    const link = new ScreenLink();
    let settled = false;
    const building = link.callbacks.build(plan, {} as never).then((result) => {
      settled = true;
      return result;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    const {seen, screen} = recordingScreen();
    link.attach(screen);
    await expect(building).resolves.toBe(outcome);
    expect(seen).toEqual(['build']);
  });

  it('cancels a build still waiting for the screen when the session closes first', async () => {
    const link = new ScreenLink();
    const closing = new AbortController();
    const building = link.callbacks.build(plan, {signal: closing.signal} as never);
    closing.abort(new Error('session closed'));
    await expect(building).rejects.toThrow('session closed');
  });
});
