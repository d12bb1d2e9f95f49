import {execFile, spawn} from 'node:child_process';
import {StringDecoder} from 'node:string_decoder';
import type {BuildEvent} from './build-progress.js';
import type {BuilderRun} from './classic-builder.js';
import {createRawJsonParser} from './rawjson-parser.js';
import {createSolveStatusDecoder} from './solve-status.js';

/**
 * The docker CLI to run: the option, else OH_TUI_DOCKER_BIN, else `docker` on PATH; tests point it
 * at a wrapper that behaves like a docker without the buildx plugin.
 */
export function resolveDockerBin(explicit?: string): string {
  return explicit ?? (process.env.OH_TUI_DOCKER_BIN || 'docker');
}

const availability = new Map<string, Promise<boolean>>();

/**
 * `docker buildx version` succeeds: the plugin is installed and runs (a docker without it exits
 * non-zero with "unknown command"; no docker binary is ENOENT). Asked once per docker binary and
 * process: the check costs ~100 ms, which would show on every build.
 */
export function isBuildxAvailable(dockerBin?: string): Promise<boolean> {
  const bin = resolveDockerBin(dockerBin);
  let answer = availability.get(bin);
  if (answer === undefined) {
    answer = new Promise((resolve) => {
      execFile(bin, ['buildx', 'version'], {timeout: 10_000}, (error) => resolve(error === null));
    });
    availability.set(bin, answer);
  }
  return answer;
}

export interface BuildxArgsInput {
  contextDir: string;
  tags: readonly string[];
  platform?: string;
  extraArgs?: readonly string[];
}

export function buildxArgs(input: BuildxArgsInput): string[] {
  return [
    'buildx',
    'build',
    '--progress=rawjson',
    '--load',
    ...input.tags.flatMap((tag) => ['--tag', tag]),
    ...(input.platform === undefined ? [] : ['--platform', input.platform]),
    ...(input.extraArgs ?? []),
    input.contextDir,
  ];
}

export interface BuildxRunRequest extends BuildxArgsInput {
  dockerBin?: string;
  signal?: AbortSignal;
  emit: (events: BuildEvent[]) => void;
  /** Time between SIGINT and SIGKILL on cancel. */
  killGraceMs?: number;
}

const SIGNAL_NUMBERS: Record<string, number> = {SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15};

/** Runs `docker buildx build --progress=rawjson --load` and turns its stderr into progress events. */
export function runBuildx(request: BuildxRunRequest): Promise<BuilderRun> {
  const {signal, emit} = request;
  const bin = resolveDockerBin(request.dockerBin);
  if (signal?.aborted === true) return Promise.resolve({exitCode: 130});

  return new Promise((resolve) => {
    // Its own process group, so a cancel reaches docker and the buildx plugin it runs alike
    // (older docker CLIs do not forward signals to plugins).
    const child = spawn(bin, buildxArgs(request), {stdio: ['ignore', 'pipe', 'pipe'], detached: true});
    const parser = createRawJsonParser();
    const solve = createSolveStatusDecoder();
    const decoder = new StringDecoder('utf8');
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const consume = (text: string, atEnd: boolean) => {
      const items = parser.feed(text);
      if (atEnd) items.push(...parser.end());
      const events: BuildEvent[] = [];
      for (const item of items) {
        if (item.kind === 'json') events.push(...solve.decode(item.value));
        else events.push({type: 'text', line: item.line});
      }
      if (events.length > 0) emit(events);
    };

    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    // If this process exits while buildx runs, do not leave a build behind that tags images later.
    const onExit = () => killGroup('SIGKILL');
    const onAbort = () => {
      killGroup('SIGINT');
      killTimer = setTimeout(() => killGroup('SIGKILL'), request.killGraceMs ?? 5_000);
    };

    const finish = (exitCode: number) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      process.off('exit', onExit);
      resolve({exitCode});
    };

    child.stderr.on('data', (chunk: Buffer) => consume(decoder.write(chunk), false));
    child.stdout.resume();
    child.on('error', (error) => {
      emit([{type: 'text', line: `ERROR: cannot run ${bin}: ${error.message}`}]);
      finish((error as NodeJS.ErrnoException).code === 'ENOENT' ? 127 : 126);
    });
    // 'close' comes after stderr has ended, so every line has been seen.
    child.on('close', (code, sig) => {
      consume(decoder.end(), true);
      finish(code ?? 128 + (SIGNAL_NUMBERS[sig ?? ''] ?? 0));
    });
    signal?.addEventListener('abort', onAbort, {once: true});
    process.on('exit', onExit);
  });
}
