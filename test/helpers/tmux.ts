import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * The real app in a real terminal: a detached tmux session runs the command; tests type with
 * send-keys and read the screen with capture-pane, waiting on conditions, never on the clock.
 *
 * Each session has a tmux server of its own (`-L`). A shared server keeps the environment of
 * whichever process started it, so a variable a test leaves out on purpose (CI=true makes Ink draw
 * only its last frame) would still reach the app; a server of our own has exactly `env`.
 */
export class TmuxSession {
  readonly name = `oh-tui-test-${randomBytes(4).toString('hex')}`;
  // tmux 3.3's #{pane_dead_status} came back empty here, so a wrapper shell records the status.
  readonly #statusFile = join(mkdtempSync(join(tmpdir(), 'oh-tui-tmux-')), 'status');
  /** The environment of every tmux call too, so client and server agree on the socket folder. */
  readonly #env: NodeJS.ProcessEnv;

  /**
   * `record`: a file that gets every byte the command writes to the terminal (tmux pipe-pane,
   * started in the same tmux call as the session, before the command has written anything).
   */
  constructor(command: string[], options: {env: NodeJS.ProcessEnv; cwd: string; columns?: number; rows?: number; record?: string}) {
    this.#env = {...options.env, TMUX: ''};
    // remain-on-exit keeps the pane (and its exit status) readable after the app exits; set in the
    // same tmux call so that even an instant exit is kept.
    execFileSync(
      'tmux',
      [
        '-L',
        this.name,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-s',
        this.name,
        '-x',
        String(options.columns ?? 120),
        '-y',
        String(options.rows ?? 40),
        '-c',
        options.cwd,
        `${command.map(quote).join(' ')}; echo $? > ${quote(this.#statusFile)}`,
        ';',
        'set-option',
        '-t',
        this.name,
        'remain-on-exit',
        'on',
        ...(options.record ? [';', 'pipe-pane', '-o', '-t', this.name, `cat >> ${quote(options.record)}`] : []),
      ],
      {env: this.#env},
    );
  }

  /**
   * The visible screen as text; with `styles`, with the SGR escapes of its colours and attributes;
   * with `scrollback`, the lines scrolled off above it too (tmux's "Pane is dead" line can push one off).
   */
  screen(options: {styles?: boolean; scrollback?: boolean} = {}): string {
    // stderr piped: a capture after the session is gone throws with tmux's message instead of
    // printing it into the test report.
    return execFileSync(
      'tmux',
      [
        '-L',
        this.name,
        'capture-pane',
        '-p',
        ...(options.styles ? ['-e'] : []),
        ...(options.scrollback ? ['-S', '-200'] : []),
        '-t',
        this.name,
      ],
      {
        env: this.#env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  }

  /**
   * The terminal modes the command left set (still readable after it exited: remain-on-exit). Not
   * the cursor's, once the pane is dead: tmux then hides it itself, whatever the command left.
   */
  modes(): {alternateScreen: boolean; cursorVisible: boolean; mouseReports: boolean} {
    const flags = execFileSync(
      'tmux',
      [
        '-L',
        this.name,
        'display-message',
        '-p',
        '-t',
        this.name,
        '#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}',
      ],
      {env: this.#env, encoding: 'utf8'},
    )
      .trim()
      .split(' ');
    return {alternateScreen: flags[0] === '1', cursorVisible: flags[1] === '1', mouseReports: /1/.test(flags[2] ?? '')};
  }

  sendKeys(...keys: string[]): void {
    execFileSync('tmux', ['-L', this.name, 'send-keys', '-t', this.name, ...keys], {env: this.#env});
  }

  /** The command's exit status once it has ended, else undefined. */
  exitStatus(): number | undefined {
    if (!existsSync(this.#statusFile)) return undefined;
    const text = readFileSync(this.#statusFile, 'utf8');
    return text.endsWith('\n') ? Number(text.trim()) : undefined;
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${screen}`);
  }

  async waitForExit(timeoutMs = 60_000): Promise<number> {
    await this.waitFor(() => this.exitStatus() !== undefined, 'the command to exit', timeoutMs);
    return this.exitStatus()!;
  }

  kill(): void {
    try {
      execFileSync('tmux', ['-L', this.name, 'kill-server'], {env: this.#env, stdio: 'ignore'});
    } catch {
      // Already gone.
    }
    // The server leaves its socket file behind.
    rmSync(join(this.#env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.name), {force: true});
  }
}

function quote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`;
}
