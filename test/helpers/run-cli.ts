import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {packageRoot} from '../../source/lib/version.js';

export const cliPath = join(packageRoot, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The whole environment of the CLI (see hermeticEnv); nothing of the caller's is added. */
  env: NodeJS.ProcessEnv;
  /** Its working directory: where it looks for ./config.toml. */
  cwd: string;
  timeoutMs?: number;
}

/** Runs the built CLI to completion (no terminal: plain output), bounded by `timeoutMs`. */
export function runCli(args: string[], options: CliRunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`oh-tui ${args.join(' ')} did not finish within ${options.timeoutMs ?? 300_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
  });
}
