import {EventEmitter} from 'node:events';
import {describe, expect, test} from 'vitest';
import {cancelExitCode, Interrupted, trapExitSignals} from '../../source/lib/exit-signals.js';

describe('trapExitSignals', () => {
  test('the first SIGINT, SIGTERM or SIGHUP aborts with its exit code; a second one calls onSecond', () => {
    for (const [name, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
      ['SIGHUP', 129],
    ] as const) {
      const target = new EventEmitter();
      const seconds: Interrupted[] = [];
      const trap = trapExitSignals({onSecond: (interrupted) => seconds.push(interrupted)}, target);
      expect(trap.received()).toBeUndefined();

      target.emit(name);
      expect(trap.signal.aborted).toBe(true);
      expect(trap.received()).toMatchObject({signalName: name, exitCode: code, message: `interrupted by ${name}`});
      expect(seconds).toEqual([]);

      target.emit('SIGINT');
      expect(seconds.map((second) => second.signalName)).toEqual(['SIGINT']);
      // The first signal still decides the exit code.
      expect(trap.received()?.exitCode).toBe(code);

      trap.dispose();
      expect(target.listenerCount(name)).toBe(0);
      expect(target.listenerCount('SIGINT')).toBe(0);
    }
  });

  test('cancelExitCode: the signal of an Interrupted reason, else 130 as for Ctrl+C', () => {
    expect(cancelExitCode(new Interrupted('SIGTERM'))).toBe(143);
    expect(cancelExitCode(new DOMException('aborted', 'AbortError'))).toBe(130);
    expect(cancelExitCode(undefined)).toBe(130);
  });
});
