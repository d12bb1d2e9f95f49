// A program in a pseudo-terminal for the benches, through util-linux `script` (no native package):
// what the program writes arrives here as the terminal would receive it, byte for byte and with no
// polling, and what is written to `input` arrives as typed keys.
import {spawn} from 'node:child_process';
import {performance} from 'node:perf_hooks';

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences start with ESC
const escapes = /\u001b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[()][0-9A-Za-z]|[=>78DEHMc])/g;

/** `text` without escape sequences: what a screen would show, as a stream of characters. */
export const withoutEscapes = (text) => text.replace(escapes, '');

/**
 * Runs `command` (a shell command line) in a `cols`×`rows` pty. `waitFor(test)` resolves with the
 * ms since spawn once `test(text)` holds for the output received since `from` (an offset into the
 * output, `received` at the time), with escape sequences removed.
 */
export function inPty(command, {cols = 120, rows = 40, env, cwd}) {
  const start = performance.now();
  const child = spawn('script', ['-qfec', `stty cols ${cols} rows ${rows}; exec ${command}`, '/dev/null'], {
    env,
    cwd,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  let raw = '';
  let base = 0;
  let waiters = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    raw += chunk;
    const now = performance.now() - start;
    waiters = waiters.filter((waiter) => {
      if (!waiter.test(waiter.frame ? lastFrame() : withoutEscapes(raw.slice(Math.max(0, waiter.from - base))))) return true;
      clearTimeout(waiter.timer);
      waiter.resolve(now);
      return false;
    });
    // Keep what a waiter may still look at (and a little before, for sequences cut in two).
    const keepFrom = Math.min(raw.length - 64 * 1024, ...waiters.map((waiter) => waiter.from - base - 256));
    if (keepFrom > 1024 * 1024) {
      raw = raw.slice(keepFrom);
      base += keepFrom;
    }
  });
  // Ink draws each frame as one synchronized update (ESC [?2026h … ESC [?2026l).
  const lastFrame = () => {
    const end = raw.lastIndexOf('\u001b[?2026l');
    const begin = end === -1 ? -1 : raw.lastIndexOf('\u001b[?2026h', end);
    return begin === -1 ? '' : withoutEscapes(raw.slice(begin, end));
  };
  return {
    start,
    exited,
    get received() {
      return base + raw.length;
    },
    /** The last `chars` of the output as received. */
    rawTail(chars = 8000) {
      return raw.slice(-chars);
    },
    /** The last `chars` of the output, without escape sequences. */
    tail(chars = 8000) {
      return withoutEscapes(raw.slice(-chars));
    },
    input(text) {
      child.stdin.write(text);
    },
    waitFor(test, {from = 0, timeoutMs = 30_000} = {}) {
      return new Promise((resolve, reject) => {
        const waiter = {test, from, resolve};
        if (test(withoutEscapes(raw.slice(Math.max(0, from - base))))) return resolve(performance.now() - start);
        waiter.timer = setTimeout(() => {
          waiters = waiters.filter((other) => other !== waiter);
          reject(new Error(`timed out after ${timeoutMs} ms; the screen ended with:\n${withoutEscapes(raw.slice(-3000))}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    /** Like waitFor, on the last whole frame drawn (what the screen shows now). */
    waitForFrame(test, {timeoutMs = 30_000} = {}) {
      return new Promise((resolve, reject) => {
        if (test(lastFrame())) return resolve(performance.now() - start);
        const waiter = {test, from: base + raw.length, frame: true, resolve};
        waiter.timer = setTimeout(() => {
          waiters = waiters.filter((other) => other !== waiter);
          reject(new Error(`timed out after ${timeoutMs} ms; the last frame:\n${lastFrame()}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
