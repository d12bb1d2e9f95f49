// The action-server protocol suite against the bundled server running as a child process here.
import {afterAll, beforeAll} from 'vitest';
import {defineProtocolSuite} from '../helpers/protocol-suite.js';
import {buildServerBundle, startServer, type ServerHandle} from '../helpers/server-harness.js';

let server: ServerHandle;

beforeAll(async () => {
  server = await startServer({bundle: await buildServerBundle(), softTimeoutSeconds: 1});
});

afterAll(async () => {
  await server?.stop();
});

// Started without `--plugins vscode`: the server has no VS Code token.
defineProtocolSuite(() => server, {vscode: false});
