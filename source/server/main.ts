// Entry point of the action server that runs inside the runtime container; bundled into
// dist/server/action-server.cjs by scripts/bundle-server.mjs and started as the container's command.
import {startActionServer} from './action-server.js';
import {parseServerArgs} from './cli-args.js';
import {StartupError} from './startup-error.js';

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} action-server: ${message}\n`);
}

async function main(): Promise<void> {
  const options = parseServerArgs(process.argv.slice(2), process.env);
  const running = await startActionServer(options, log);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    void running.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    process.stderr.write(`action-server: ${error.message}\n`);
    process.exit(2);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    process.stderr.write(`action-server: the port is already in use (${(error as Error).message})\n`);
    process.exit(1);
  }
  process.stderr.write(`action-server: cannot start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
