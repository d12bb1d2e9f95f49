import {StartupError} from './startup-error.js';

export const KNOWN_PLUGINS = ['agent_skills', 'jupyter', 'vscode'] as const;
export type PluginName = (typeof KNOWN_PLUGINS)[number];

export interface ServerOptions {
  port: number;
  host: string;
  workingDir: string;
  username: string;
  userId: number;
  plugins: PluginName[];
  sessionApiKey: string | undefined;
  vscodePort: number;
  timeoutSeconds: number;
  softTimeoutSeconds: number;
  maxMessageChars: number;
  openvscodeRoot: string;
  /** Pid and token files; undefined: /openhands/run as root, a temp dir otherwise. */
  runDir: string | undefined;
}

const VALUE_FLAGS = ['--working-dir', '--username', '--user-id', '--host', '--timeout', '--soft-timeout', '--browsergym-eval-env'] as const;

export const USAGE =
  'usage: action-server <port> --working-dir DIR [--plugins NAME...] [--username NAME] [--user-id UID] ' +
  '[--host ADDR] [--timeout SECONDS] [--soft-timeout SECONDS]';

/**
 * The action server's command line, as EventStreamRuntime 0.15 starts it:
 *   <port> --working-dir DIR --plugins agent_skills jupyter vscode --username NAME --user-id UID
 * plus our own --host, --timeout and --soft-timeout. Environment: SESSION_API_KEY, VSCODE_PORT,
 * `port` (0.15 sets it), SANDBOX_TIMEOUT, SOFT_TIMEOUT_SECONDS, MAX_MESSAGE_CHARS,
 * OPENVSCODE_SERVER_ROOT, OH_TUI_SERVER_RUN_DIR.
 */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): ServerOptions {
  const values = new Map<string, string>();
  const positionals: string[] = [];
  let plugins: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? '';
    if (!token.startsWith('--')) {
      positionals.push(token);
      continue;
    }
    const {flag, inlineValue} = splitInline(token);
    if (flag === '--plugins') {
      const names = inlineValue === undefined ? [] : [inlineValue];
      while (index + 1 < argv.length && !(argv[index + 1] ?? '').startsWith('--')) names.push(argv[++index] ?? '');
      if (names.length === 0) throw new StartupError('--plugins needs at least one plugin name');
      plugins = names;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      throw new StartupError(`unknown option ${flag}\n${USAGE}`);
    }
    const value = inlineValue ?? argv[++index];
    if (value === undefined) throw new StartupError(`${flag} needs a value`);
    values.set(flag, value);
  }
  if (positionals.length > 1) throw new StartupError(`unexpected argument ${positionals[1]}\n${USAGE}`);

  const port = integerIn('port', positionals[0] ?? env.port, 1, 65535);
  const workingDir = values.get('--working-dir') ?? '/workspace';
  if (!workingDir.startsWith('/')) throw new StartupError(`--working-dir must be an absolute path, got ${workingDir}`);
  const username = values.get('--username') ?? 'openhands';
  if (!/^[a-z_][a-z0-9_-]*\$?$/i.test(username) || username.length > 32) {
    throw new StartupError(`--username ${JSON.stringify(username)} is not a valid user name`);
  }
  return {
    port,
    host: values.get('--host') ?? '0.0.0.0',
    workingDir,
    username,
    userId: integerIn('--user-id', values.get('--user-id') ?? '1000', 0, 2 ** 31 - 1),
    plugins: plugins.map(pluginName),
    sessionApiKey: env.SESSION_API_KEY || undefined,
    vscodePort: integerIn('VSCODE_PORT', env.VSCODE_PORT ?? String(port + 1), 1, 65535),
    timeoutSeconds: positiveNumber('--timeout', values.get('--timeout') ?? env.SANDBOX_TIMEOUT ?? '120'),
    softTimeoutSeconds: positiveNumber('--soft-timeout', values.get('--soft-timeout') ?? env.SOFT_TIMEOUT_SECONDS ?? '5'),
    maxMessageChars: integerIn('MAX_MESSAGE_CHARS', env.MAX_MESSAGE_CHARS ?? '30000', 100, 100_000_000),
    openvscodeRoot: env.OPENVSCODE_SERVER_ROOT || '/openhands/.openvscode-server',
    runDir: env.OH_TUI_SERVER_RUN_DIR || undefined,
  };
}

function splitInline(token: string): {flag: string; inlineValue: string | undefined} {
  const equals = token.indexOf('=');
  if (equals === -1) return {flag: token, inlineValue: undefined};
  return {flag: token.slice(0, equals), inlineValue: token.slice(equals + 1)};
}

function pluginName(name: string): PluginName {
  if ((KNOWN_PLUGINS as readonly string[]).includes(name)) return name as PluginName;
  throw new StartupError(`unknown plugin ${JSON.stringify(name)}; known plugins: ${KNOWN_PLUGINS.join(', ')}`);
}

function integerIn(name: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || text === '') throw new StartupError(`${name} is required\n${USAGE}`);
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new StartupError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return value;
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new StartupError(`${name} must be a positive number of seconds, got ${JSON.stringify(text)}`);
  return value;
}
