import {spawn} from 'node:child_process';
import {cliPath} from './run-cli.js';

export interface CliExit {
  /** The exit code, or null when a signal killed the process (it did not handle the signal). */
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The built CLI as a running process (no terminal: plain output) that a test can watch and signal:
 * wait until a line shows up, send SIGINT or SIGTERM, then read how it exited.
 */
export class CliProcess {
  #stdout = '';
  #stderr = '';
  #closed = false;
  readonly #waiters = new Set<() => void>();
  readonly #child;
  readonly exited: Promise<CliExit>;

  /** `env` and `cwd` are the CLI's whole environment and working directory (hermetic: nothing of ours). */
  constructor(args: string[], options: {env: NodeJS.ProcessEnv; cwd: string}) {
    this.#child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const notify = () => {
      for (const waiter of this.#waiters) waiter();
    };
    this.#child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stdout += chunk;
      notify();
    });
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr += chunk;
      notify();
    });
    this.exited = new Promise((resolve, reject) => {
      this.#child.on('error', reject);
      this.#child.on('close', (code, signal) => {
        this.#closed = true;
        resolve({code, signal});
        notify();
      });
    });
  }

  /** The CLI's process id (to look at its command line and environment in /proc). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** Both streams, for failure messages. */
  get output(): string {
    return `--- stdout\n${this.#stdout}--- stderr\n${this.#stderr}`;
  }

  /** Resolves once `predicate` holds for what the process has printed; fails if it exits first or the time runs out. */
  waitFor(predicate: (output: {stdout: string; stderr: string}) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate({stdout: this.#stdout, stderr: this.#stderr})) done(resolve);
        // After 'close' every byte has been read: the line will not come any more.
        else if (this.#closed) done(() => reject(new Error(`oh-tui exited before ${what}\n${this.output}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.output}`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }

  /** The exit, bounded; kills the process (SIGKILL) when it does not exit in time. */
  async exit(timeoutMs = 60_000): Promise<CliExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#child.kill('SIGKILL');
        reject(new Error(`oh-tui did not exit within ${timeoutMs} ms\n${this.output}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
