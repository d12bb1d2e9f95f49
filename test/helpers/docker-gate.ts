import {connectDocker, type DockerConnection} from '../../source/docker/connect.js';

export type DockerGate =
  | {available: true; connection: DockerConnection; reason: undefined}
  | {available: false; connection: undefined; reason: string};

export type DockerProbe =
  | {connection: DockerConnection; reason: undefined; error: undefined}
  | {connection: undefined; reason: string; error: unknown};

/** Pings the engine the way oh-tui does; when none answers, says why on one line. */
export async function probeDocker(): Promise<DockerProbe> {
  try {
    return {connection: await connectDocker(process.env), reason: undefined, error: undefined};
  } catch (error) {
    return {connection: undefined, reason: (error as Error).message.replace(/\s*\n\s*/g, ' '), error};
  }
}

/**
 * Decides whether an e2e suite runs (see probeDocker). Unreachable, the suite is skipped with one
 * loud line on stderr; with OH_TUI_E2E=1 (CI) it fails the run instead, so a broken engine can
 * never pass as green.
 */
export async function dockerGate(suite = 'e2e'): Promise<DockerGate> {
  const {connection, reason, error} = await probeDocker();
  if (connection) return {available: true, connection, reason: undefined};
  if (process.env.OH_TUI_E2E === '1') {
    throw new Error(`OH_TUI_E2E=1 but no Docker engine is reachable for the ${suite} suite: ${reason}`, {cause: error});
  }
  process.stderr.write(`E2E SKIPPED: no Docker engine reachable (${suite}: ${reason})\n`);
  return {available: false, connection: undefined, reason};
}
