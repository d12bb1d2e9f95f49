// What the numbers were measured on, for the report's header: a result means little without the
// machine, the Node and Docker versions, and how busy the machine was (it is shared).
import {execFileSync} from 'node:child_process';
import os from 'node:os';

function ask(command, args) {
  try {
    return execFileSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000}).trim();
  } catch {
    return 'unknown';
  }
}

/** The 1, 5 and 15 minute load averages, two decimals. */
export function loadAverage() {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

export function describeMachine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    docker: ask('docker', ['version', '--format', 'engine {{.Server.Version}}, client {{.Client.Version}}']),
    buildx: ask('docker', ['buildx', 'version']),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
