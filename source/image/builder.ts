import {statSync} from 'node:fs';
import type Dockerode from 'dockerode';
import {UserError} from '../lib/errors.js';
import {cancelExitCode} from '../lib/exit-signals.js';
import {createBuildProgress, reduceAll, type BuildEvent, type BuildLimits, type BuildProgress, type BuilderKind} from './build-progress.js';
import {isBuildxAvailable, runBuildx} from './buildx-runner.js';
import {runClassicBuild, type BuilderRun} from './classic-builder.js';
import {describeDockerError, restoreTags, snapshotTags} from './tag-guard.js';

export interface BuildRequest {
  contextDir: string;
  /** Full references (`repo:tag`); all are applied after a successful build, none otherwise. */
  tags: string[];
  platform?: string;
  extraArgs?: string[];
  signal?: AbortSignal;
  docker: Dockerode;
  onProgress: (progress: BuildProgress) => void;
  /** 'auto': buildx when `docker buildx version` works, else the Engine API's classic builder. */
  builder?: 'auto' | 'buildx' | 'classic';
  /** The docker CLI to run (default: OH_TUI_DOCKER_BIN, else `docker` on PATH). */
  dockerBin?: string;
  limits?: Partial<BuildLimits>;
}

export interface BuildResult {
  ok: boolean;
  /** The builder's exit code; for a cancelled build, the code the cancel stands for (130, or its signal's). */
  exitCode: number;
  cancelled: boolean;
  builder: BuilderKind;
  progress: BuildProgress;
}

/**
 * Builds an image and reports progress. A failed or cancelled build is a result (ok: false) with
 * the evidence in `progress`; only bugs throw. A build that does not succeed leaves the requested
 * tags as they were before it.
 */
export async function runBuild(request: BuildRequest): Promise<BuildResult> {
  if (request.tags.length === 0) throw new Error('runBuild needs at least one tag');
  checkContextDir(request.contextDir);
  const {docker, signal} = request;

  let progress = createBuildProgress(request.limits);
  const emit = (events: BuildEvent[]) => {
    progress = reduceAll(progress, events);
    request.onProgress(progress);
  };

  const wanted = request.builder ?? 'auto';
  const startedAt = Date.now();
  const [buildxMissing, snapshot] = await Promise.all([
    wanted === 'auto' ? isBuildxAvailable(request.dockerBin).then((available) => !available) : false,
    snapshotTags(docker, request.tags).catch((error: unknown) => new Error(describeDockerError(error))),
  ]);
  const builder: BuilderKind = wanted === 'classic' || buildxMissing ? 'classic' : 'buildx';
  emit([{type: 'start', builder, at: startedAt, buildxMissing}]);
  const onAbort = () => emit([{type: 'cancel-requested'}]);
  signal?.addEventListener('abort', onAbort, {once: true});

  try {
    if (snapshot instanceof Error) {
      emit([{type: 'text', line: `ERROR: ${snapshot.message}`}]);
      return finish(1);
    }

    const run: BuilderRun = builder === 'buildx' ? await runBuildx({...request, emit}) : await runClassicBuild({...request, emit});
    const cancelled = signal?.aborted === true;
    if (run.exitCode !== 0 || cancelled) {
      try {
        const changes = await restoreTags(docker, snapshot);
        if (changes.length > 0) emit(changes.map((line) => ({type: 'raw', line})));
      } catch (error) {
        emit([{type: 'text', line: `ERROR: could not restore the tags after the build: ${describeDockerError(error)}`}]);
      }
    }
    return finish(run.exitCode);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }

  function finish(builderExitCode: number): BuildResult {
    const cancelled = signal?.aborted === true;
    // buildx exits 1 when interrupted; a cancel reports the code the command exits with instead.
    const exitCode = cancelled ? cancelExitCode(signal?.reason) : builderExitCode;
    emit([{type: 'end', exitCode, cancelled, at: Date.now()}]);
    return {ok: exitCode === 0 && !cancelled, exitCode, cancelled, builder, progress};
  }
}

function checkContextDir(contextDir: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(contextDir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new UserError(`The build context ${contextDir} is not a directory.`);
}
