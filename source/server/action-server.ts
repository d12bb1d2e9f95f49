import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type {ServerOptions} from './cli-args.js';
import {ActionExecutor} from './executor.js';
import {StrReplaceEditor} from './files/str-replace-editor.js';
import {createHttpServer} from './http/router.js';
import {ServerInfo} from './server-info.js';
import {BashSession} from './shell/bash-session.js';
import {userEnvironment} from './shell/shell-launch.js';
import {LiveHub, sameOrigin} from './stream/live-hub.js';
import {prepareSessionUser, prepareWorkingDir} from './user-setup.js';
import {VscodeLauncher} from './vscode/vscode-launcher.js';

/** 0.15's init command, run in the shell before the server answers. */
export const INIT_COMMAND =
  'git config --global user.name "openhands" && git config --global user.email "openhands@all-hands.dev" && alias git="git --no-pager"';

export interface RunningActionServer {
  server: http.Server;
  close(): Promise<void>;
}

/**
 * Builds everything in 0.15's order: the session user and working dir, the shell and its init
 * command, the plugins (VS Code), and only then the HTTP server, so /alive means "ready".
 */
export async function startActionServer(options: ServerOptions, log: (message: string) => void): Promise<RunningActionServer> {
  const setup = prepareSessionUser(options.username, options.userId, log);
  prepareWorkingDir(options.workingDir, setup);
  const owner = setup.switchUser ? {uid: setup.user.uid, gid: setup.user.gid} : undefined;
  const shellEnv = userEnvironment(process.env, setup.user, setup.switchUser);

  let hub: LiveHub | undefined;
  let executor: ActionExecutor | undefined;
  const shell = new BashSession({
    workingDir: options.workingDir,
    user: setup.user,
    switchUser: setup.switchUser,
    env: shellEnv,
    softTimeoutSeconds: options.softTimeoutSeconds,
    defaultTimeoutSeconds: options.timeoutSeconds,
    maxOutputChars: options.maxMessageChars,
    onOutput: (bytes) => hub?.broadcastOutput(bytes, executor?.running?.seq ?? 0),
    log,
  });
  await shell.start();
  const init = await shell.run({command: INIT_COMMAND, blocking: true, timeoutSeconds: 300});
  if (init.exitCode !== 0) log(`the init command exited with ${init.exitCode}: ${init.output.head.trim()}`);

  const vscode = new VscodeLauncher({
    root: options.openvscodeRoot,
    port: options.vscodePort,
    workingDir: options.workingDir,
    runDir: options.runDir ?? defaultRunDir(),
    user: setup.user,
    switchUser: setup.switchUser,
    env: process.env,
    log,
  });
  if (options.plugins.includes('vscode')) vscode.start();

  const serverInfo = new ServerInfo();
  executor = new ActionExecutor({
    shell,
    editor: new StrReplaceEditor(owner),
    owner,
    user: {name: setup.user.name, uid: setup.user.uid},
    pythonPath: findOnPath('python', shellEnv.PATH),
    maxMessageChars: options.maxMessageChars,
    onActionStart: (run) => {
      serverInfo.markAction();
      hub?.actionStarted(run);
    },
    onObservation: (observation, run) => hub?.actionFinished(observation, run),
  });
  const actions = executor;
  hub = new LiveHub({
    execute: (body, origin) => actions.execute(body, origin),
    interrupt: (only) => {
      if (only === undefined || sameOrigin(actions.running?.origin, only)) void shell.interruptNow();
    },
    type: (text) => shell.typeNow(text),
    log,
  });
  const server = createHttpServer({
    apiKey: options.sessionApiKey,
    executor: actions,
    serverInfo,
    workingDir: options.workingDir,
    owner,
    vscodeToken: () => vscode.token,
    hub,
    log,
  });
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    hub.close();
    vscode.stop();
    shell.close();
    throw error;
  }
  log(`listening on ${options.host}:${options.port} (user ${setup.user.name}, working dir ${options.workingDir})`);

  const liveHub = hub;
  return {
    server,
    close: async () => {
      liveHub.close();
      vscode.stop();
      shell.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** /openhands/run in the container (root); a per-user temp dir anywhere else. */
function defaultRunDir(): string {
  if (process.getuid?.() === 0) return '/openhands/run';
  return path.join(os.tmpdir(), `oh-tui-run-${process.getuid?.() ?? 'user'}`);
}

export function findOnPath(program: string, searchPath: string | undefined): string | undefined {
  for (const dir of (searchPath ?? '').split(':')) {
    if (dir === '') continue;
    const candidate = path.join(dir, program);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
