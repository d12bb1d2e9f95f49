import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {BoundedOutput, type OutputSegments} from './bounded-output.js';
import {commandKind} from './command-kind.js';
import {interruptNote, timeoutNote, type InterruptOutcome} from './notes.js';
import {PromptScanner, type PromptInfo} from './prompt-scanner.js';
import {shellQuote} from '../../lib/shell-quote.js';
import {setupLine, shellLaunchCommand, type ShellUser} from './shell-launch.js';
import {settlesWithin} from './settles-within.js';

export interface BashSessionOptions {
  workingDir: string;
  user: ShellUser;
  switchUser: boolean;
  /** Environment of the shell (already prepared for the session user). */
  env: NodeJS.ProcessEnv;
  softTimeoutSeconds: number;
  /** Hard limit of a non-blocking command (the server's --timeout / SANDBOX_TIMEOUT). */
  defaultTimeoutSeconds: number;
  /** Characters of output kept per observation (head + tail); the rest is counted, not stored. */
  maxOutputChars: number;
  /** The pty's bytes as they come (our prompt marker cut out), for the live stream. */
  onOutput?: (bytes: Buffer) => void;
  log: (message: string) => void;
}

export interface ShellRequest {
  command: string;
  blocking: boolean;
  /** Hard timeout of a blocking request; the server default when absent. */
  timeoutSeconds?: number;
}

export interface ShellOutcome {
  output: OutputSegments;
  /** Bracketed notes to append to the output, e.g. that SIGINT was sent. */
  notes: string[];
  /** -1 while the command is still running (soft timeout). */
  exitCode: number;
  cwd: string;
}

interface RunningCommand {
  finished: Promise<void>;
  finish: () => void;
  deadline?: NodeJS.Timeout;
}

const NONCE_VARIABLE = '__OH_TUI_PROMPT';
const START_TIMEOUT_MS = 30_000;
const INTERRUPT_WAIT_MS = 1_000;
const TERMINAL = {columns: 120, rows: 40};

/**
 * One persistent interactive bash in a pseudo-terminal. Commands run one after another; the end of
 * each is recognised by our prompt marker, which also carries the exit code and the cwd. A command
 * that outlives the soft timeout keeps running: later requests wait for it, type into its stdin, or
 * interrupt it.
 */
export class BashSession {
  private child: ChildProcessWithoutNullStreams | undefined;
  private ready: Promise<void> = Promise.resolve();
  private running: RunningCommand | undefined;
  private interrupting: Promise<void> | undefined;
  private readonly pending: BoundedOutput;
  private notes: string[] = [];
  private exitCode = 0;
  private exitOverride: number | undefined;
  private cwdPath: string;
  private commandDir: string | undefined;
  private closed = false;

  constructor(private readonly options: BashSessionOptions) {
    const half = Math.ceil(options.maxOutputChars / 2);
    this.pending = new BoundedOutput(half, half);
    this.cwdPath = options.workingDir;
  }

  get cwd(): string {
    return this.cwdPath;
  }

  /** True while a command runs in the shell (also past its soft timeout, with no action waiting on it). */
  get commandRunning(): boolean {
    return this.running !== undefined;
  }

  start(): Promise<void> {
    this.ready = this.launch();
    return this.ready;
  }

  async run(request: ShellRequest): Promise<ShellOutcome> {
    await this.ready;
    const kind = commandKind(request.command);
    const softMs = this.options.softTimeoutSeconds * 1000;
    if (kind === 'interrupt') {
      // At the prompt bash answers SIGINT with a new prompt, so this works whether or not a
      // command runs.
      if (!this.running) this.beginRunning();
      await this.interrupt(interruptNote);
    } else if (kind === 'poll') {
      await this.waitForRunning(softMs, undefined);
    } else {
      if (this.running) this.type(`${request.command}\n`);
      else this.startCommand(request.command, request.blocking);
      if (request.blocking) {
        const seconds = request.timeoutSeconds ?? this.options.defaultTimeoutSeconds;
        await this.waitForRunning(seconds * 1000, seconds);
      } else {
        await this.waitForRunning(softMs, undefined);
      }
    }
    // An interrupt started elsewhere (deadline, the stream) adds its note once the prompt is back.
    if (this.interrupting) await this.interrupting;
    return this.collect();
  }

  /** Interrupts the running command now, outside the action queue (the UI's Ctrl+C). */
  interruptNow(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return this.interrupt(interruptNote);
  }

  /** Types raw text into the terminal, outside the action queue (live input from the UI). */
  typeNow(text: string): void {
    this.type(text);
  }

  close(): void {
    this.closed = true;
    const child = this.child;
    this.child = undefined;
    child?.kill('SIGKILL');
    this.endRunning();
    if (this.commandDir) fs.rmSync(this.commandDir, {recursive: true, force: true});
  }

  private launch(): Promise<void> {
    const nonce = randomBytes(12).toString('hex');
    const scanner = new PromptScanner(nonce);
    const {file, args} = shellLaunchCommand(this.options.user, this.options.switchUser);
    const child = spawn(file, args, {env: this.options.env, cwd: '/', stdio: 'pipe'});
    this.child = child;
    let starting = true;

    return new Promise<void>((resolve, reject) => {
      const failStart = (error: Error) => {
        if (!starting) return;
        starting = false;
        clearTimeout(timer);
        // Forget this child, so its exit does not count as a running shell's exit (and restart it).
        if (this.child === child) this.child = undefined;
        reject(error);
      };
      const timer = setTimeout(() => {
        failStart(new Error(`the shell did not show its prompt within ${START_TIMEOUT_MS / 1000} s`));
        child.kill('SIGKILL');
      }, START_TIMEOUT_MS);

      const onPieces = (chunk: Buffer) => {
        for (const piece of scanner.push(chunk)) {
          if (piece.kind === 'text') {
            // Whatever the rc files print before our first prompt is not anybody's output.
            if (!starting) this.onText(piece.bytes);
          } else if (starting) {
            starting = false;
            clearTimeout(timer);
            this.cwdPath = piece.cwd;
            this.exitCode = 0;
            resolve();
          } else {
            this.onPrompt(piece);
          }
        }
      };
      child.stdout.on('data', (chunk: Buffer) => {
        if (child === this.child) onPieces(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => this.options.log(`shell: ${chunk.toString().trimEnd()}`));
      child.stdin.on('error', () => {
        // The shell died; 'close' handles it.
      });
      child.on('error', (error) => failStart(new Error(`cannot start the shell (${file}): ${error.message}`)));
      child.on('close', (code, signal) => {
        if (child !== this.child) return;
        this.child = undefined;
        if (!starting) this.pending.end();
        if (starting) {
          failStart(new Error(`the shell exited while starting (${signal ?? `exit code ${code}`})`));
          return;
        }
        this.onShellExit(code, signal);
      });
      child.stdin.write(setupLine({nonceVariable: NONCE_VARIABLE, nonce, workingDir: this.options.workingDir, ...TERMINAL}));
    });
  }

  private onText(bytes: Buffer): void {
    this.options.onOutput?.(bytes);
    this.pending.append(bytes);
  }

  private onPrompt(prompt: PromptInfo): void {
    this.cwdPath = prompt.cwd;
    this.exitCode = prompt.exitCode;
    this.endRunning();
  }

  private onShellExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.closed) return;
    this.exitCode = code ?? 128 + (signal ? (os.constants.signals[signal] ?? 0) : 0);
    this.notes.push(
      `[The shell exited with ${signal ? `signal ${signal}` : `code ${code}`}. A new shell was started in ${this.options.workingDir}.]`,
    );
    this.endRunning();
    this.options.log(`the shell exited (${signal ?? code}); starting a new one`);
    this.ready = this.launch();
    this.ready.catch((error: Error) => this.options.log(`cannot restart the shell: ${error.message}`));
  }

  /** Marks the running command as done; its deadline timer must not outlive it (or keep Node alive). */
  private endRunning(): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    clearTimeout(running.deadline);
    running.finish();
  }

  private beginRunning(): RunningCommand {
    let finish = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.running = {finished, finish};
    this.exitOverride = undefined;
    return this.running;
  }

  private startCommand(command: string, blocking: boolean): void {
    const file = this.writeCommandFile(command);
    const running = this.beginRunning();
    if (!blocking) {
      const seconds = this.options.defaultTimeoutSeconds;
      running.deadline = setTimeout(() => {
        if (this.running === running) void this.interrupt((outcome) => timeoutNote(seconds, outcome));
      }, seconds * 1000);
    }
    // Sourcing a file instead of typing the text: no terminal line-length limit, no echo, and a
    // multi-line command or an unclosed quote cannot leave bash waiting for more input.
    this.type(`. ${shellQuote(file)}\n`);
  }

  private async waitForRunning(ms: number, hardTimeoutSeconds: number | undefined): Promise<void> {
    const running = this.running;
    if (!running) return;
    const finished = await settlesWithin(running.finished, ms);
    if (!finished && hardTimeoutSeconds !== undefined && this.running === running) {
      await this.interrupt((outcome) => timeoutNote(hardTimeoutSeconds, outcome));
    }
  }

  private interrupt(note: (outcome: InterruptOutcome) => string): Promise<void> {
    this.interrupting ??= this.escalate(note).finally(() => {
      this.interrupting = undefined;
    });
    return this.interrupting;
  }

  /** 0.15's sequence: SIGINT twice, then stop and kill the job; we add a shell restart as last resort. */
  private async escalate(note: (outcome: InterruptOutcome) => string): Promise<void> {
    const running = this.running;
    if (!running) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      this.type('\x03');
      if (await settlesWithin(running.finished, INTERRUPT_WAIT_MS)) {
        this.settleInterrupted(note('interrupted'));
        return;
      }
    }
    this.type('\x1a');
    if (await settlesWithin(running.finished, INTERRUPT_WAIT_MS)) {
      const kill = this.beginRunning();
      this.type('kill -9 %+ 2>/dev/null; wait %+ 2>/dev/null\n');
      await settlesWithin(kill.finished, INTERRUPT_WAIT_MS * 2);
      this.settleInterrupted(note('killed'));
      return;
    }
    await this.restart();
    this.settleInterrupted(note('restarted'));
  }

  private settleInterrupted(note: string): void {
    this.notes.push(note);
    this.exitOverride = 130;
  }

  /** Replaces a shell that no longer reacts to its terminal. */
  private async restart(): Promise<void> {
    const old = this.child;
    this.child = undefined;
    old?.kill('SIGKILL');
    this.endRunning();
    this.ready = this.launch();
    await this.ready;
  }

  private collect(): ShellOutcome {
    const stillRunning = this.running !== undefined;
    const outcome: ShellOutcome = {
      output: this.pending.take(),
      notes: this.notes,
      exitCode: stillRunning ? -1 : (this.exitOverride ?? this.exitCode),
      cwd: this.cwdPath,
    };
    this.notes = [];
    if (!stillRunning) this.exitOverride = undefined;
    return outcome;
  }

  private type(text: string): void {
    this.child?.stdin.write(text);
  }

  private writeCommandFile(command: string): string {
    const file = path.join(this.ensureCommandDir(), 'command');
    try {
      fs.writeFileSync(file, `${command}\n`, {mode: 0o644});
    } catch (error) {
      // A command may have removed the temp dir; make it again once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.commandDir = undefined;
      return this.writeCommandFile(command);
    }
    return file;
  }

  private ensureCommandDir(): string {
    if (this.commandDir && fs.existsSync(this.commandDir)) return this.commandDir;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-shell-'));
    if (this.options.switchUser) fs.chownSync(dir, this.options.user.uid, this.options.user.gid);
    this.commandDir = dir;
    return dir;
  }
}
