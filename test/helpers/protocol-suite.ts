/**
 * The action-server protocol tests, written against any running server: the local child process
 * (test/unit/server-protocol.test.ts) and the server inside a real container (e2e). They talk to
 * the server only through its protocol, so the workspace may live inside a container.
 */
import {randomBytes} from 'node:crypto';
import {ProtocolClient, type ProtocolTarget} from './protocol-client.js';
import {defineActionTests} from './protocol/actions.js';
import {defineEndpointTests} from './protocol/endpoints.js';
import {defineInterruptTests} from './protocol/interrupt.js';
import {defineShellTests} from './protocol/shell.js';
import {defineStreamTests} from './protocol/stream.js';

export type {ProtocolTarget} from './protocol-client.js';

export interface SuiteContext {
  client: () => ProtocolClient;
  /** A directory of this suite run inside the server's workspace (created by the first test that needs it). */
  scratch: () => string;
  softTimeoutSeconds: () => number;
  /** Whether the server runs with the vscode plugin and an openvscode-server to start (then it has a token). */
  vscode: boolean;
}

export interface ProtocolSuiteOptions {
  /** The server was started with `--plugins vscode` and can start openvscode-server. */
  vscode: boolean;
}

export function defineProtocolSuite(getTarget: () => ProtocolTarget, options: ProtocolSuiteOptions): void {
  const runId = randomBytes(4).toString('hex');
  let cached: {target: ProtocolTarget; client: ProtocolClient} | undefined;
  const client = () => {
    const target = getTarget();
    if (cached?.target !== target) cached = {target, client: new ProtocolClient(target)};
    return cached.client;
  };
  const context: SuiteContext = {
    client,
    scratch: () => `${getTarget().workspace.replace(/\/$/, '')}/protocol-${runId}`,
    softTimeoutSeconds: () => getTarget().softTimeoutSeconds ?? 5,
    vscode: options.vscode,
  };
  defineEndpointTests(context);
  defineActionTests(context);
  defineShellTests(context);
  defineStreamTests(context);
  defineInterruptTests(context);
}
