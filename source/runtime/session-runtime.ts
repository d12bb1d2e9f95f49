import type {Config} from '../config/types.js';
import {connectDocker, type DockerConnection} from '../docker/connect.js';
import type {BuildFn} from '../image/ensure-image.js';
import {UserError} from '../lib/errors.js';
import {defaultSessionId} from '../session/sid.js';
import {openRuntime, type RuntimeHandle} from './manager.js';
import {describeStatus, type RuntimeStatus} from './status.js';

export interface TextSink {
  write(chunk: string): unknown;
}

export interface SessionRuntimeOptions {
  config: Config;
  /** The session; when absent, the workspace's default session (see defaultSessionId). */
  sid?: string;
  /** Where progress and warnings go (never stdout: that carries the command's output). */
  stderr: TextSink;
  /** How an image build is shown (the caller's display: the runtime layer draws nothing itself). */
  build: BuildFn;
  env?: Record<string, string | undefined>;
  /** Aborts the bring-up, the image build included. */
  signal?: AbortSignal;
  /** Stop the container again when the bring-up fails or is aborted half-way (see OpenRuntimeOptions). */
  stopOnFailure?: boolean;
}

/** Only slow steps are worth a line; attaching to a running container prints nothing. */
const announced = new Set<RuntimeStatus['type']>(['preparing-image', 'creating', 'starting', 'stopping', 'stop-failed']);

/** The wait for the action server is slow only after a start (an attach answers at once). */
function worthALine(status: RuntimeStatus, started: boolean): boolean {
  return announced.has(status.type) || (status.type === 'waiting' && started);
}

/**
 * Connects to Docker and brings the session's runtime up (building the image if needed), printing
 * the slow steps on `stderr`. What happens to the container afterwards is the caller's: the
 * one-shot commands (`exec`, `vscode`) leave it running for the next call, the session stops it.
 */
export async function openSessionRuntime(options: SessionRuntimeOptions): Promise<RuntimeHandle> {
  const env = options.env ?? process.env;
  // openRuntime validates the sid (the CLI already has, before loading anything).
  const sid = options.sid ?? defaultSessionId(options.config.core.workspace_base);
  const connection = await connectDocker(env);
  let started = false;
  const handle = await openRuntime({
    config: options.config,
    connection,
    sid,
    env,
    signal: options.signal,
    stopOnFailure: options.stopOnFailure,
    ensureImage: () => resolveRuntimeImage(options.config, connection, options.build, options.signal),
    onStatus: (status) => {
      started ||= status.type === 'starting';
      if (worthALine(status, started)) options.stderr.write(`oh-tui: ${describeStatus(status)}\n`);
    },
  });
  for (const warning of handle.warnings) options.stderr.write(`oh-tui: warning: ${warning}\n`);
  return handle;
}

/**
 * The runtime image, built when missing. The image modules load only when a container must be
 * created, and dockerode (~200 ms to load) only when a build is really needed: the "image is
 * there" answer comes from the light engine client.
 */
export async function resolveRuntimeImage(
  config: Config,
  connection: DockerConnection,
  build: BuildFn,
  signal?: AbortSignal,
): Promise<string> {
  const {BuildFailedError, ensureRuntimeImage} = await import('../image/ensure-image.js');
  try {
    const imageExists = (reference: string) => connection.containers.imageExists(reference);
    return (await ensureRuntimeImage({config, docker: () => connection.docker, imageExists, build, signal})).image;
  } catch (error) {
    if (!(error instanceof BuildFailedError)) throw error;
    // The build output above already shows the failing step's log and a hint.
    throw new UserError(`Cannot start the session: ${error.message}.`, {
      exitCode: error.outcome.cancelled ? error.outcome.exitCode : 1,
      cause: error,
    });
  }
}
