import {spawn, type ChildProcess} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {asUser, userEnvironment, type ShellUser} from '../shell/shell-launch.js';

export interface VscodeOptions {
  /** OPENVSCODE_SERVER_ROOT; the executable is bin/openvscode-server below it. */
  root: string;
  port: number;
  workingDir: string;
  /** Where the pid file and the token file live. */
  runDir: string;
  user: ShellUser;
  switchUser: boolean;
  env: NodeJS.ProcessEnv;
  log: (message: string) => void;
}

export const PID_FILE = 'openvscode-server.pid';
export const TOKEN_FILE = 'openvscode-server.token';

/**
 * Starts openvscode-server once per container, as the session user, with a random connection token
 * in a 0600 file. A pid file guards against a second instance: when its process is still alive, the
 * running server and its token are reused.
 */
export class VscodeLauncher {
  private child: ChildProcess | undefined;
  private tokenValue: string | null = null;

  constructor(private readonly options: VscodeOptions) {}

  get token(): string | null {
    return this.tokenValue;
  }

  get executable(): string {
    return path.join(this.options.root, 'bin', 'openvscode-server');
  }

  start(): void {
    const {runDir, log} = this.options;
    if (!isExecutable(this.executable)) {
      log(`vscode plugin: no executable at ${this.executable}; VS Code stays off`);
      return;
    }
    fs.mkdirSync(runDir, {recursive: true, mode: 0o755});
    const pidFile = path.join(runDir, PID_FILE);
    const tokenFile = path.join(runDir, TOKEN_FILE);
    const runningPid = readPid(pidFile);
    if (runningPid !== undefined && isOpenvscodeProcess(runningPid)) {
      const token = readToken(tokenFile);
      if (token) {
        this.tokenValue = token;
        log(`openvscode-server already runs (pid ${runningPid}); reusing it`);
        return;
      }
    }
    this.tokenValue = randomUUID();
    writeTokenFile(tokenFile, this.tokenValue, this.options);
    this.child = this.spawnServer(tokenFile);
    if (this.child.pid !== undefined) fs.writeFileSync(pidFile, `${this.child.pid}\n`);
  }

  stop(): void {
    this.child?.kill('SIGTERM');
    this.child = undefined;
  }

  private spawnServer(tokenFile: string): ChildProcess {
    const {port, workingDir, user, switchUser, env, log} = this.options;
    const {file, args} = asUser(
      [this.executable, '--host', '0.0.0.0', '--port', String(port), '--connection-token-file', tokenFile, '--default-folder', workingDir],
      user,
      switchUser,
    );
    const child = spawn(file, args, {
      cwd: workingDir,
      env: userEnvironment(env, user, switchUser),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') log(`openvscode-server: ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('error', (error) => log(`cannot start openvscode-server: ${error.message}`));
    child.on('exit', (code, signal) => log(`openvscode-server exited (${signal ?? `code ${code}`})`));
    log(`openvscode-server started on port ${port} (pid ${child.pid})`);
    return child;
  }
}

function writeTokenFile(tokenFile: string, token: string, options: VscodeOptions): void {
  fs.rmSync(tokenFile, {force: true});
  fs.writeFileSync(tokenFile, token, {mode: 0o600});
  fs.chmodSync(tokenFile, 0o600);
  if (options.switchUser) fs.chownSync(tokenFile, options.user.uid, options.user.gid);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function readToken(tokenFile: string): string | undefined {
  try {
    return fs.readFileSync(tokenFile, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Alive and really ours: a recycled pid of some other program does not count. */
function isOpenvscodeProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('openvscode-server');
  } catch {
    return false;
  }
}
