// The same action-server protocol suite as test/unit/server-protocol.test.ts, against our real
// server inside a real runtime container built from the template.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {afterAll, beforeAll, describe} from 'vitest';
import {openRuntime, type RuntimeHandle} from '../../source/runtime/manager.js';
import {resolveRuntimeImage} from '../../source/runtime/session-runtime.js';
import {buildWithScreen} from '../../source/ui/run-build-ui.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {defineProtocolSuite, type ProtocolTarget} from '../helpers/protocol-suite.js';

const gate = await dockerGate('protocol-in-container e2e');

describe.skipIf(!gate.available)('the action server protocol inside a real container', () => {
  const setup = e2eConfig();
  const sid = `e2e-protocol-${randomBytes(3).toString('hex')}`;
  let handle: RuntimeHandle | undefined;
  let target: ProtocolTarget;

  beforeAll(async () => {
    const connection = gate.connection!;
    handle = await openRuntime({
      config: setup.config,
      connection,
      sid,
      env: {},
      ensureImage: () =>
        resolveRuntimeImage(setup.config, connection, (plan, request) =>
          buildWithScreen({plan, request, stdout: process.stderr, plain: true, color: false}),
        ),
    });
    target = {baseUrl: handle.apiUrl, apiKey: handle.apiKey!, workspace: setup.config.core.workspace_mount_path_in_sandbox};
  });

  afterAll(() => {
    if (handle) execFileSync('docker', ['rm', '-f', handle.containerId], {stdio: 'ignore'});
  });

  // The image carries the openvscode-server stand-in, so with enable_vscode the plugin starts it.
  defineProtocolSuite(() => target, {vscode: setup.config.sandbox.enable_vscode});
});
