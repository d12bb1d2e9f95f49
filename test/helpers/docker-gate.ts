import {connectDocker, type DockerConnection} from '../../source/docker/connect.js';
import {dockerEngineEnv, e2eRequired} from './test-env.js';

export type DockerGate =
  | {available: true; connection: DockerConnection; reason: undefined}
  | {available: false; connection: undefined; reason: string};

export type DockerProbe =
  | {connection: DockerConnection; reason: undefined; error: undefined}
  | {connection: undefined; reason: string; error: unknown};

/**
 * Pings the engine the way oh-tui does; when none answers, says why on one line. The engine is the
 * one under test: by default the caller's, read on purpose (see dockerEngineEnv).
 */
export async function probeDocker(env: Record<string, string | undefined> = dockerEngineEnv()): Promise<DockerProbe> {
  try {
    return {connection: await connectDocker(env), reason: undefined, error: undefined};
  } catch (error) {
    return {connection: undefined, reason: (error as Error).message.replace(/\s*\n\s*/g, ' '), error};
  }
}

export interface GateOptions {
  /** The engine's environment; default the engine under test. */
  env?: Record<string, string | undefined>;
  /** Whether a missing engine fails the run; default OH_TUI_E2E (see e2eRequired). */
  required?: boolean;
}

/**
 * Decides whether an e2e suite runs (see probeDocker). Unreachable, the suite is skipped with one
 * loud line on stderr; with OH_TUI_E2E=1 or true (CI) it fails the run instead, so a broken engine
 * can never pass as green.
 */
export async function dockerGate(suite = 'e2e', options: GateOptions = {}): Promise<DockerGate> {
  const {connection, reason, error} = await probeDocker(options.env);
  if (connection) return {available: true, connection, reason: undefined};
  if (options.required ?? e2eRequired()) {
    throw new Error(`OH_TUI_E2E requires the end-to-end suite, but no Docker engine is reachable for the ${suite} suite: ${reason}`, {
      cause: error,
    });
  }
  process.stderr.write(`E2E SKIPPED: no Docker engine reachable (${suite}: ${reason})\n`);
  return {available: false, connection: undefined, reason};
}
