import type Dockerode from 'dockerode';
import {connectDocker, type DockerConnection} from '../../source/docker/connect.js';

export type DockerGate =
  | {available: true; connection: DockerConnection; docker: Dockerode; endpoint: string; reason: undefined}
  | {available: false; connection: undefined; docker: undefined; endpoint: undefined; reason: string};

/**
 * Decides whether an e2e suite runs: it pings the engine the way oh-tui does. Unreachable, the
 * suite is skipped with one loud line on stderr; with OH_TUI_E2E=1 (CI) it fails the run instead,
 * so a broken engine can never pass as green.
 */
export async function dockerGate(suite = 'e2e'): Promise<DockerGate> {
  try {
    const connection = await connectDocker(process.env);
    return {available: true, connection, docker: connection.docker, endpoint: connection.endpoint, reason: undefined};
  } catch (error) {
    const reason = (error as Error).message.replace(/\s*\n\s*/g, ' ');
    if (process.env.OH_TUI_E2E === '1') {
      throw new Error(`OH_TUI_E2E=1 but no Docker engine is reachable for the ${suite} suite: ${reason}`, {cause: error});
    }
    process.stderr.write(`E2E SKIPPED: no Docker engine reachable (${suite}: ${reason})\n`);
    return {available: false, connection: undefined, docker: undefined, endpoint: undefined, reason};
  }
}
