// The built CLI's headless runs with the real agent: `node dist/cli.js --headless --json -t ...` against
// the real engine, a real runtime container and our action server, its LLM the scripted
// chat-completions server on 127.0.0.1. Each case checks the exit code, the --json events (every stdout
// line is one JSON event, exactly as events.jsonl has it) and what the model server was sent.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {RUNTIME_NOTE} from '../../source/events/transcript.js';
import {CliProcess} from '../helpers/cli-process.js';
import {dockerGate} from '../helpers/docker-gate.js';
import {type E2eSetup, e2eConfig} from '../helpers/e2e-config.js';
import {type RecordedRequest, type ScriptedLlmServer, type ScriptedTurn, startScriptedLlmServer} from '../helpers/scripted-llm-server.js';
import {hermeticEnv} from '../helpers/test-env.js';

const gate = await dockerGate('agent headless e2e');

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: the provider's JSON as the server recorded it
type Message = any;

interface Workspace extends E2eSetup {
  sid: string;
  apiKey: string;
  tmp: string;
  container: string;
  eventsPath: string;
  metaPath: string;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  events: Json[];
}

const call = (name: string, args: object, id?: string): ScriptedTurn => ({toolCalls: [{id, name, arguments: JSON.stringify(args)}]});
const finish = (message: string): ScriptedTurn => call('finish', {message});
/** A command that runs in the container until the test creates `go` in the workspace (its own sh, so it shows in the process list). */
const WAIT_FOR_GO = "sh -c 'until [ -f /workspace/go ]; do sleep 0.1; done'; echo released";
const bash = (command: string, id?: string): ScriptedTurn => call('execute_bash', {command}, id);

/** The text of a chat-completions message's content (a string or parts). */
function textOf(message: Message): string {
  if (typeof message?.content === 'string') return message.content;
  if (Array.isArray(message?.content)) return message.content.map((part: Message) => part.text ?? '').join('');
  return '';
}

const messagesOf = (request: RecordedRequest | undefined): Message[] => request?.body?.messages ?? [];
const toolResult = (request: RecordedRequest | undefined, id: string) =>
  messagesOf(request).find((message) => message.role === 'tool' && message.tool_call_id === id);

/** stdout of a --json run: every line one JSON object, nothing else (and it ends with a newline). */
function parseJsonLines(stdout: string): Json[] {
  if (stdout === '') return [];
  expect(stdout.endsWith('\n'), 'stdout ends with a newline').toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line, n) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        expect.fail(`stdout line ${n + 1} is not JSON: ${line.slice(0, 200)}`);
      }
      expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed), `line ${n + 1} is an object`).toBe(true);
      return parsed as Json;
    });
}

const kindOf = (event: Json) => event.action ?? event.observation;
const states = (events: Json[]) =>
  events.filter((event) => event.observation === 'agent_state_changed').map((event) => (event.extras as Json).agent_state);
const notes = (events: Json[], kind: string) =>
  events.filter((event) => event.observation === RUNTIME_NOTE && (event.extras as Json)?.agent_note === kind);

function docker(args: string[]): string {
  return execFileSync('docker', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000});
}

/** Every file under `directory` (recursively) whose content holds `needle`. */
function filesHolding(directory: string, needle: string, skip: string[] = []): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    const file = join(directory, entry);
    if (skip.includes(file)) continue;
    const stat = statSync(file, {throwIfNoEntry: false});
    if (!stat) continue;
    if (stat.isDirectory()) found.push(...filesHolding(file, needle, skip));
    else if (stat.isFile() && readFileSync(file).includes(needle)) found.push(file);
  }
  return found;
}

describe.skipIf(!gate.available)('oh-tui --headless with the real agent and a scripted LLM (built CLI, real container)', () => {
  const servers: ScriptedLlmServer[] = [];
  const containers: string[] = [];
  const directories: string[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(() => {
    for (const container of containers) {
      try {
        docker(['rm', '-f', container]);
      } catch {
        // Never created.
      }
    }
    for (const directory of directories) rmSync(directory, {recursive: true, force: true});
  });

  async function scripted(turns: ScriptedTurn[]): Promise<ScriptedLlmServer> {
    const server = await startScriptedLlmServer(turns);
    servers.push(server);
    return server;
  }

  /**
   * A workspace, state folder, HOME and TMPDIR of its own, and a config.toml with the e2e sandbox and
   * an [llm] that speaks to `server` with a key no one else has.
   */
  function workspace(
    server: ScriptedLlmServer,
    options: {llm?: Record<string, string | number>; debug?: boolean; keyInConfig?: boolean} = {},
  ): Workspace {
    const setup = e2eConfig();
    directories.push(setup.directory);
    const sid = `e2e-agenth-${randomBytes(3).toString('hex')}`;
    const apiKey = `sk-e2e-secret-${randomBytes(12).toString('hex')}`;
    const tmp = join(setup.directory, 'tmp');
    mkdirSync(tmp);
    const llm: Record<string, string | number> = {
      model: 'openai/scripted-model',
      base_url: server.url,
      num_retries: 2,
      retry_min_wait: 0,
      retry_max_wait: 1,
      retry_multiplier: 1,
      ...(options.keyInConfig === false ? {} : {api_key: apiKey}),
      ...options.llm,
    };
    let text = readFileSync(setup.configPath, 'utf8');
    if (options.debug) text = text.replace('[core]\n', '[core]\ndebug = true\n');
    text += ['[llm]', ...Object.entries(llm).map(([key, value]) => `${key} = ${JSON.stringify(value)}`), ''].join('\n');
    writeFileSync(setup.configPath, text);
    const env = hermeticEnv(setup.home, {TMPDIR: tmp, ...(options.keyInConfig === false ? {LLM_API_KEY: apiKey} : {})});
    const container = `${setup.config.sandbox.container_name_prefix}${sid}`;
    containers.push(container);
    const sessionDir = join(setup.config.core.file_store_path, 'sessions', sid);
    return {
      ...setup,
      env,
      sid,
      apiKey,
      tmp,
      container,
      eventsPath: join(sessionDir, 'events.jsonl'),
      metaPath: join(sessionDir, 'meta.json'),
    };
  }

  const cliArgs = (ws: Workspace, task: string, extra: string[] = []) => [
    '--config',
    ws.configPath,
    '--session',
    ws.sid,
    '--headless',
    '--json',
    '-t',
    task,
    ...extra,
  ];

  function start(ws: Workspace, task: string, extra: string[] = []): CliProcess {
    return new CliProcess(cliArgs(ws, task, extra), {env: ws.env, cwd: ws.cwd});
  }

  async function finished(cli: CliProcess): Promise<Run> {
    const {code} = await cli.exit(240_000);
    return {code, stdout: cli.stdout, stderr: cli.stderr, events: parseJsonLines(cli.stdout)};
  }

  const headless = (ws: Workspace, task: string, extra: string[] = []) => finished(start(ws, task, extra));

  /** The run's stdout is the tail of events.jsonl, line for line. */
  function expectRecorded(ws: Workspace, run: Run): void {
    expect(readFileSync(ws.eventsPath, 'utf8').endsWith(run.stdout)).toBe(true);
  }

  test('creates a file with the editor, runs it with bash, reads the output, finishes: exit 0', async () => {
    const server = await scripted([
      {
        text: 'I will write the script first.',
        toolCalls: [
          {
            id: 'call_create',
            name: 'str_replace_editor',
            arguments: JSON.stringify({
              command: 'create',
              path: '/workspace/hello.sh',
              file_text: 'echo "hello from $(uname -s) $((6 * 7))"\n',
            }),
          },
        ],
      },
      bash('sh /workspace/hello.sh', 'call_run'),
      finish('hello.sh prints hello from Linux 42.'),
    ]);
    const ws = workspace(server);
    const run = await headless(ws, 'Write hello.sh and run it.');
    expect(run.code, run.stderr).toBe(0);
    expectRecorded(ws, run);
    expect(run.events.map(kindOf)).toEqual([
      'message',
      'agent_state_changed',
      'edit',
      'edit',
      'run',
      'run',
      'finish',
      'agent_state_changed',
    ]);
    expect(states(run.events)).toEqual(['running', 'finished']);
    expect(readFileSync(join(ws.cwd, 'hello.sh'), 'utf8')).toBe('echo "hello from $(uname -s) $((6 * 7))"\n');
    const ran = run.events.find((event) => event.observation === 'run') as {content: string; extras: Json};
    expect(ran.content).toContain('hello from Linux 42');
    expect(ran.extras.exit_code).toBe(0);

    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((request) => request.path === '/v1/chat/completions' && request.body.model === 'scripted-model')).toBe(
      true,
    );
    // The editor's result reached the model, then the program's output did.
    expect(textOf(toolResult(server.requests[1], 'call_create'))).toContain('hello.sh');
    expect(textOf(toolResult(server.requests[2], 'call_run'))).toContain('hello from Linux 42');
    const first = messagesOf(server.requests[0]);
    expect(first.map((message) => message.role)).toEqual(['system', 'user']);
    expect(textOf(first[1])).toBe('Write hello.sh and run it.');
    expect(server.requests[0]?.body.tools.map((tool: Message) => tool.function.name)).toEqual([
      'execute_bash',
      'str_replace_editor',
      'think',
      'finish',
    ]);
    expect(run.stderr).toContain('❯ sh /workspace/hello.sh');
    expect(docker(['inspect', '--format', '{{.State.Status}}', ws.container]).trim()).toBe('exited');
  }, 300_000);

  test('AGENTS.md in the workspace reaches the system prompt, and one quiet note says so (once, also after a resume)', async () => {
    const rule = `Every shell script here starts with set -eu (rule ${randomBytes(4).toString('hex')}).`;
    const server = await scripted([finish('Nothing to do.'), finish('Still nothing to do.')]);
    const ws = workspace(server);
    writeFileSync(join(ws.cwd, 'AGENTS.md'), `# Rules\n\n${rule}\n`);
    const run = await headless(ws, 'Check the rules.');
    expect(run.code, run.stderr).toBe(0);
    const system = messagesOf(server.requests[0])[0];
    expect(system.role).toBe('system');
    expect(textOf(system)).toContain(rule);
    expect(textOf(system)).toContain('AGENTS.md');
    const announced = notes(run.events, 'repo_instructions');
    expect(announced).toHaveLength(1);
    expect(announced[0]?.content).toContain('AGENTS.md');
    // The note is for the user only: no request carries it.
    expect(JSON.stringify(server.requests[0]?.body)).not.toContain(announced[0]?.content);

    const again = await headless(ws, 'Check them again.');
    expect(again.code, again.stderr).toBe(0);
    expect(textOf(messagesOf(server.requests[1])[0])).toContain(rule);
    expect(notes(again.events, 'repo_instructions')).toHaveLength(0);
    const all = readFileSync(ws.eventsPath, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Json);
    expect(notes(all, 'repo_instructions')).toHaveLength(1);
  }, 300_000);

  test('a 429 with Retry-After, then success: the call is retried and the run finishes', async () => {
    const server = await scripted([
      {
        status: 429,
        headers: {'retry-after': '1'},
        body: {error: {message: 'Rate limit reached for scripted-model', type: 'requests', code: 'rate_limit_exceeded'}},
      },
      finish('Done after the rate limit.'),
    ]);
    const ws = workspace(server);
    const run = await headless(ws, 'Say done.');
    expect(run.code, run.stderr).toBe(0);
    expect(server.requests).toHaveLength(2);
    // The same request again, after the provider's wait (1 s), not the configured 0.
    expect(server.requests[1]?.body.messages).toEqual(server.requests[0]?.body.messages);
    expect(server.requests[1]!.arrivedAt - server.requests[0]!.arrivedAt).toBeGreaterThanOrEqual(900);
    expect(run.events.map(kindOf).filter((kind) => kind === 'error')).toEqual([]);
    // The wait is said on stderr (a quiet note, not an event).
    expect(run.stderr).toMatch(/· The LLM call failed \(.*429.*\); retry 1 in 1 s\./);
    expect(run.events.at(-2)?.action).toBe('finish');
    expect(states(run.events).at(-1)).toBe('finished');
  }, 300_000);

  test('a malformed tool call (bad JSON, an unknown tool): each gets an error result for its call id, the model recovers and finishes', async () => {
    const server = await scripted([
      {
        toolCalls: [
          {id: 'call_bad_json', name: 'execute_bash', arguments: '{"command": "echo hi"'},
          {id: 'call_unknown', name: 'launch_rockets', arguments: '{"count": 3}'},
        ],
      },
      bash('echo recovered-$((40 + 2))', 'call_good'),
      finish('Recovered.'),
    ]);
    const ws = workspace(server);
    const run = await headless(ws, 'Echo something.');
    expect(run.code, run.stderr).toBe(0);
    expect(server.requests).toHaveLength(3);
    const second = messagesOf(server.requests[1]);
    const assistant = second.find((message) => message.role === 'assistant');
    expect(assistant.tool_calls.map((toolCall: Message) => [toolCall.id, toolCall.function.name])).toEqual([
      ['call_bad_json', 'execute_bash'],
      ['call_unknown', 'launch_rockets'],
    ]);
    const badJson = textOf(toolResult(server.requests[1], 'call_bad_json'));
    const unknown = textOf(toolResult(server.requests[1], 'call_unknown'));
    expect(badJson).toContain('execute_bash');
    expect(badJson).toMatch(/JSON|parse/i);
    expect(unknown).toContain('launch_rockets');
    expect(unknown).toMatch(/unknown|no such tool|not a tool|available/i);
    // Both tool results come right after the assistant message, in the calls' order.
    const at = second.indexOf(assistant);
    expect(second.slice(at + 1, at + 3).map((message) => message.tool_call_id)).toEqual(['call_bad_json', 'call_unknown']);
    expect(textOf(toolResult(server.requests[2], 'call_good'))).toContain('recovered-42');
    const errors = run.events.filter((event) => event.observation === 'error');
    expect(errors).toHaveLength(2);
    expect(states(run.events).at(-1)).toBe('finished');
  }, 300_000);

  test('a context-too-long answer (400 context_length_exceeded): the history is condensed, the retried request is smaller, a note says so, the run finishes', async () => {
    const server = await scripted([
      bash("head -c 6000 /dev/zero | tr '\\0' x; echo", 'call_big'),
      bash('echo second', 'call_second'),
      bash('echo third', 'call_third'),
      {
        status: 400,
        body: {
          error: {
            message:
              "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens. Please reduce the length of the messages.",
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        },
      },
      finish('Done with less context.'),
    ]);
    const ws = workspace(server);
    const run = await headless(ws, 'Print a lot.');
    expect(run.code, run.stderr).toBe(0);
    expect(server.requests).toHaveLength(5);
    const [tooLong, retried] = [server.requests[3], server.requests[4]];
    const big = 'x'.repeat(6000);
    expect(textOf(toolResult(tooLong, 'call_big'))).toContain(big);
    expect(textOf(toolResult(retried, 'call_big'))).toBe('[output condensed]');
    expect(JSON.stringify(retried?.body).length).toBeLessThan(JSON.stringify(tooLong?.body).length - 5000);
    // The task and the latest results are kept whole.
    expect(messagesOf(retried).find((message) => message.role === 'user')?.content).toContain('Print a lot.');
    expect(textOf(toolResult(retried, 'call_third'))).toContain('third');
    const condensed = notes(run.events, 'condensed');
    expect(condensed).toHaveLength(1);
    expect(condensed[0]?.content).toContain('too long');
    expect(run.events.filter((event) => event.observation === 'error')).toEqual([]);
    expect(states(run.events).at(-1)).toBe('finished');
  }, 300_000);

  test('a context still too long after condensing everything it can: an error event naming it, exit 1', async () => {
    const tooLong: ScriptedTurn = {
      status: 400,
      body: {
        error: {
          message: "This model's maximum context length is 8192 tokens.",
          type: 'invalid_request_error',
          code: 'context_length_exceeded',
        },
      },
    };
    const server = await scripted([bash('echo one'), bash('echo two'), bash('echo three'), tooLong, tooLong, tooLong, tooLong]);
    const ws = workspace(server);
    const run = await headless(ws, 'Print.');
    expect(run.code, run.stderr).toBe(1);
    // One result can be condensed (the latest turns stay whole): one condensed retry, then it gives up.
    expect(server.requests).toHaveLength(5);
    expect(notes(run.events, 'condensed')).toHaveLength(1);
    const errors = run.events.filter((event) => event.observation === 'error');
    expect(errors).toHaveLength(1);
    expect((errors[0]?.extras as Json | undefined)?.error_id).toBe('AGENT_ERROR$CONTEXT_WINDOW_EXCEEDED');
    expect(errors[0]?.content).toContain('maximum context length');
    expect(states(run.events).at(-1)).toBe('error');
  }, 300_000);

  test('max_iterations reached (-i 2, a model that never finishes): exit 1, an error event naming max_iterations, state error', async () => {
    const server = await scripted([bash('echo step-1'), bash('echo step-2'), bash('echo step-3'), finish('never reached')]);
    const ws = workspace(server);
    const run = await headless(ws, 'Loop forever.', ['-i', '2']);
    expect(run.code, run.stderr).toBe(1);
    expect(server.requests).toHaveLength(2);
    const errors = run.events.filter((event) => event.observation === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.content).toContain('max_iterations = 2');
    expect((errors[0]?.extras as Json | undefined)?.error_id).toBe('AGENT_ERROR$MAX_ITERATIONS');
    expect(states(run.events)).toEqual(['running', 'error']);
    expect(run.stderr).toContain('oh-tui: the agent ended in error\n');
    expect(run.stderr.split('max_iterations = 2')).toHaveLength(2);
    expect(run.stderr).toContain('max_iterations = 2');
    expect(JSON.parse(readFileSync(ws.metaPath, 'utf8')).agent_state).toBe('error');
  }, 300_000);

  test('a resumed half-finished session sends the whole earlier history back, in order', async () => {
    const server = await scripted([
      bash('echo first-output-marker', 'call_a'),
      // A question: headless answers that nobody is there, and the agent goes on.
      {text: 'Should I also write a file?'},
      call('str_replace_editor', {command: 'create', path: '/workspace/notes.txt', file_text: 'noted\n'}, 'call_b'),
      bash('cat /workspace/notes.txt', 'call_c'),
      // -i 2 per message: the auto-reply's two steps are used up here, the run ends at max_iterations.
    ]);
    const ws = workspace(server);
    const first = await headless(ws, 'Start the job.', ['-i', '2']);
    expect(first.code, first.stderr).toBe(1);
    expect(server.requests).toHaveLength(4);
    expect(states(first.events)).toEqual(['running', 'awaiting_user_input', 'running', 'error']);
    const autoReply = first.events
      .filter((event) => event.action === 'message' && event.source === 'user')
      .map((event) => (event.args as Json).content);
    expect(autoReply).toHaveLength(2);
    expect(autoReply[1]).toContain('Nobody is here to answer');

    server.push(finish('All done now.'));
    const second = await headless(ws, 'continue');
    expect(second.code, second.stderr).toBe(0);
    expect(server.requests).toHaveLength(5);
    const resumed = messagesOf(server.requests[4]);
    // What the model saw at the end of the first run, then the new message: nothing lost, nothing reordered.
    const lastOfFirst = messagesOf(server.requests[3]);
    expect(resumed.slice(0, lastOfFirst.length)).toEqual(lastOfFirst);
    const flat = resumed.map((message) =>
      message.role === 'tool'
        ? `tool:${message.tool_call_id}:${textOf(message).includes('first-output-marker') ? 'marker' : ''}${textOf(message).includes('noted') ? 'noted' : ''}`
        : message.role === 'assistant'
          ? `assistant:${textOf(message)}:${(message.tool_calls ?? []).map((toolCall: Message) => toolCall.id).join(',')}`
          : `${message.role}:${message.role === 'system' ? '' : textOf(message)}`,
    );
    expect(flat.slice(1)).toEqual([
      'user:Start the job.',
      'assistant::call_a',
      'tool:call_a:marker',
      'assistant:Should I also write a file?:',
      `user:${autoReply[1]}`,
      'assistant::call_b',
      'tool:call_b:',
      'assistant::call_c',
      'tool:call_c:noted',
      'user:continue',
    ]);
    expect(messagesOf(server.requests[4])[0].role).toBe('system');
    expectRecorded(ws, second);
    // The numbering goes on from the first run's events.
    expect(second.events[0]?.id).toBe(first.events.length);
  }, 400_000);

  test('a session whose CLI was killed mid-command, resumed: the lost result is said, the history goes back whole, the run finishes', async () => {
    const server = await scripted([bash('echo before-the-kill', 'call_before'), bash(WAIT_FOR_GO, 'call_killed')]);
    const ws = workspace(server);
    const first = start(ws, 'Do the long thing.');
    await first.waitFor(({stdout}) => stdout.includes('until [ -f /workspace/go ]'), 'the waiting command', 120_000);
    first.kill('SIGKILL');
    expect((await first.exit()).signal).toBe('SIGKILL');

    server.push(finish('Picked up where it stopped.'));
    const second = await headless(ws, 'continue');
    expect(second.code, second.stderr).toBe(0);
    expect(server.requests).toHaveLength(3);
    const lost = second.events.find((event) => event.observation === 'error');
    expect(lost?.content).toContain('oh-tui stopped while this ran');
    const resumed = messagesOf(server.requests[2]);
    expect(resumed.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'user']);
    expect(textOf(resumed[1])).toBe('Do the long thing.');
    expect(textOf(toolResult(server.requests[2], 'call_before'))).toContain('before-the-kill');
    expect(textOf(toolResult(server.requests[2], 'call_killed'))).toContain('oh-tui stopped while this ran');
    expect(textOf(resumed[6])).toBe('continue');
    expectRecorded(ws, second);
  }, 300_000);

  test('a model that only asks questions: answered that nobody is there 3 times, then the run gives up with exit 1', async () => {
    const server = await scripted([
      {text: 'Which file do you mean?'},
      {text: 'Which file, please?'},
      {text: 'I still need the file name.'},
      {text: 'Please tell me the file.'},
    ]);
    const ws = workspace(server);
    const run = await headless(ws, 'Fix the file.');
    expect(run.code, run.stderr).toBe(1);
    expect(server.requests).toHaveLength(4);
    const replies = run.events
      .filter((event) => event.action === 'message' && event.source === 'user')
      .map((event) => (event.args as Json).content);
    expect(replies).toHaveLength(4);
    expect(replies.slice(1).every((reply) => String(reply).startsWith('Nobody is here to answer'))).toBe(true);
    // Each reply reached the model after the question it answers.
    const last = messagesOf(server.requests[3]).slice(1);
    expect(last.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(states(run.events).at(-1)).toBe('awaiting_user_input');
    expect(run.stderr).toContain('still waiting for an answer after 3 replies');
  }, 300_000);

  test("Ctrl+C while the model streams: the request is dropped, the part streamed kept as the agent's message, the agent stopped, exit 130, the container stopped", async () => {
    const answer = 'Thinking about it for a long while';
    const server = await scripted([{text: answer, chunkSize: 2, chunkDelayMs: 50, hang: true}]);
    const ws = workspace(server);
    const cli = start(ws, 'Take your time.');
    await server.waitForRequests(1, 120_000);
    // The role frame and four pieces of text out: "Thinking" at least has streamed.
    await expect.poll(() => server.requests[0]?.framesSent ?? 0, {timeout: 60_000}).toBeGreaterThanOrEqual(5);
    cli.kill('SIGINT');
    const run = await finished(cli);
    expect(run.code, run.stderr).toBe(130);
    expect(server.requests[0]?.aborted).toBe(true);
    expect(states(run.events).at(-1)).toBe('stopped');
    expect(notes(run.events, 'stopped')).toHaveLength(1);
    // What had streamed: the agent's message, before the stop's note (which says it is cut off) and the state.
    const kept = run.events.findIndex((event) => event.action === 'message' && event.source === 'agent');
    const said = String((run.events[kept]?.args as Json | undefined)?.content);
    expect(said.length).toBeGreaterThanOrEqual('Thinking'.length);
    expect(answer.startsWith(said)).toBe(true);
    const note = run.events.indexOf(notes(run.events, 'stopped')[0] as Json);
    expect(kept).toBeGreaterThan(-1);
    expect(kept).toBeLessThan(note);
    expect(run.events[note]?.extras).toMatchObject({interrupted_message: run.events[kept]?.id});
    expect(run.stderr).toContain(`◆ ${said}`);
    expect(run.stderr).toContain('interrupted: stopping the agent');
    expect(docker(['inspect', '--format', '{{.State.Status}}', ws.container]).trim()).toBe('exited');
    expect(JSON.parse(readFileSync(ws.metaPath, 'utf8')).agent_state).toBe('stopped');
  }, 300_000);

  test('an LLM call that still fails after its retries (500 every time, num_retries = 1): an error event, exit 1', async () => {
    const failure: ScriptedTurn = {
      status: 500,
      body: {error: {message: 'The scripted server had an error while processing your request.', type: 'server_error'}},
    };
    const server = await scripted([failure, failure, failure]);
    const ws = workspace(server, {llm: {num_retries: 1}});
    const run = await headless(ws, 'Try it.');
    expect(run.code, run.stderr).toBe(1);
    expect(server.requests).toHaveLength(2);
    const errors = run.events.filter((event) => event.observation === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.content).toContain('The LLM call failed');
    expect(errors[0]?.content).toContain('500');
    expect(errors[0]?.content).toContain('had an error while processing');
    expect((errors[0]?.extras as Json | undefined)?.error_id).toBe('AGENT_ERROR$LLM_CALL_FAILED');
    expect(states(run.events).at(-1)).toBe('error');
    // The reason once on stderr (the error line), the closing line naming the state; stdout only the events.
    expect(run.stderr.split('The LLM call failed:')).toHaveLength(2);
    expect(run.stderr).toContain(`✖ error: ${errors[0]?.content}`);
    expect(run.stderr).toContain('oh-tui: the agent ended in error\n');
    expect(run.stdout).toBe(readFileSync(ws.eventsPath, 'utf8'));
  }, 300_000);

  /**
   * Runs a task whose one command waits in the container until the test lets it go, and meanwhile
   * gathers what a local user could see of the run: the CLI's and its children's command lines (and
   * their environments, when `withEnvironment`), every process's command line and environment in the
   * container, and the container's configuration.
   */
  async function runWatched(ws: Workspace, server: ScriptedLlmServer, withEnvironment: boolean) {
    const cli = start(ws, 'Wait for the go file.');
    await server.waitForRequests(1, 120_000);
    await cli.waitFor(({stdout}) => stdout.includes('"action":"run"'), 'the waiting command', 120_000);
    const seen: Record<string, string> = {};
    const pids = [String(cli.pid)];
    for (let at = 0; at < pids.length; at++) {
      const children = readdirSync(`/proc/${pids[at]}/task`).flatMap((task) =>
        readFileSync(`/proc/${pids[at]}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
      );
      pids.push(...children);
    }
    for (const pid of pids) {
      seen[`host ${pid} cmdline`] = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (withEnvironment) seen[`host ${pid} environ`] = readFileSync(`/proc/${pid}/environ`, 'utf8');
    }
    // Every command line on the machine (anyone can read these), not only the CLI's.
    seen['host command lines'] = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          return ''; // It ended meanwhile.
        }
      })
      .join('\n');
    seen['docker top'] = docker(['top', ws.container, '-eo', 'pid,args']);
    seen['container processes'] = docker([
      'exec',
      ws.container,
      'sh',
      '-c',
      'for p in /proc/[0-9]*; do echo "$p"; tr "\\0" " " < $p/cmdline; echo; tr "\\0" "\\n" < $p/environ; done 2>/dev/null',
    ]);
    seen['docker inspect'] = docker(['inspect', ws.container]);
    const env = JSON.parse(seen['docker inspect'])[0].Config.Env as string[];
    expect(env.some((line) => line.startsWith('SESSION_API_KEY='))).toBe(true);
    expect(seen['container processes']).toContain('until [ -f /workspace/go ]');
    writeFileSync(join(ws.cwd, 'go'), '');
    return {run: await finished(cli), seen};
  }

  /** The run's debug log ([core] debug = true): the one file in <file_store_path>/logs. */
  function debugLogOf(ws: Workspace): {file: string; text: string} {
    const dir = join(ws.config.core.file_store_path, 'logs');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const file = join(dir, files[0] as string);
    return {file, text: readFileSync(file, 'utf8')};
  }

  function expectNoKeyAnywhere(ws: Workspace, llm: ScriptedLlmServer, run: Run, seen: Record<string, string>) {
    const leaks = Object.entries(seen)
      .filter(([, text]) => text.includes(ws.apiKey))
      .map(([where]) => where);
    expect(leaks, 'the key is in what a user of the machine can see').toEqual([]);
    expect(run.stdout.includes(ws.apiKey), 'the key on stdout').toBe(false);
    expect(run.stderr.includes(ws.apiKey), 'the key on stderr').toBe(false);
    expect(readFileSync(ws.eventsPath, 'utf8')).not.toContain(ws.apiKey);
    expect(readFileSync(ws.metaPath, 'utf8')).not.toContain(ws.apiKey);
    // The state folder, the HOME, the temp folder (the debug log goes there), the workspace: only config.toml has it.
    expect(filesHolding(ws.directory, ws.apiKey, [ws.configPath])).toEqual([]);
    // The key was really used.
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(llm.requests.every((request) => request.headers.authorization === `Bearer ${ws.apiKey}`)).toBe(true);
  }

  test('the API key from config.toml ([core] debug = true) is never written or shown: events, meta, logs, processes, the container', async () => {
    const llm = await scripted([
      bash(WAIT_FOR_GO, 'call_wait'),
      {status: 429, body: {error: {message: 'slow down', type: 'requests'}}, headers: {'retry-after': '0'}},
      finish('Released.'),
    ]);
    const ws = workspace(llm, {debug: true});
    const {run, seen} = await runWatched(ws, llm, true);
    expect(run.code, run.stderr).toBe(0);
    expect(llm.requests).toHaveLength(3);
    expect(JSON.parse(seen['docker inspect'] ?? '[]')[0].Config.Env).toContain('DEBUG=true');
    // The debug log is there, says what happened (so the search for the key below reads something), named on stderr.
    const debugLog = debugLogOf(ws);
    expect(run.stderr).toContain(`oh-tui: debug log: ${debugLog.file}`);
    expect(debugLog.text).toMatch(/\[runtime\] openhands-runtime-\S+: running/);
    expect(debugLog.text).toMatch(/\[llm\] call 1\.1 to openai\/[^:]+: \d+ messages, 4 tools/);
    expect(debugLog.text).toMatch(/\[llm\] call 2\.1 failed after \d+ ms \(retryable\): HTTP 429: slow down/);
    expect(debugLog.text).toMatch(
      /\[llm\] call 2\.2 answered in \d+ ms: tool-calls, \d+ tokens in, \d+ out, \d+ characters of text, calls finish/,
    );
    expect(debugLog.text.trimEnd().split('\n').at(-1)).toMatch(/\[exit\] exit code 0$/);
    expectNoKeyAnywhere(ws, llm, run, seen);
  }, 300_000);

  test('the API key from LLM_API_KEY ([core] debug = true) is never written or shown, even when the provider echoes it in an error', async () => {
    const llm = await scripted([]);
    const ws = workspace(llm, {debug: true, keyInConfig: false});
    llm.push(bash(WAIT_FOR_GO, 'call_wait'), {
      status: 401,
      body: {
        error: {
          message: `Incorrect API key provided: ${ws.apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    });
    expect(readFileSync(ws.configPath, 'utf8')).not.toContain(ws.apiKey);
    // The CLI's own environment holds the key (the user put it there); everything else must not.
    const {run, seen} = await runWatched(ws, llm, false);
    expect(run.code, run.stderr).toBe(1);
    expect(llm.requests).toHaveLength(2);
    const errors = run.events.filter((event) => event.observation === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.content).toContain('401');
    expect(errors[0]?.content).toContain('Incorrect API key provided: ***.');
    expect(errors[0]?.content).toContain('api_key');
    // The provider's message, with the key it echoed, reached the debug log redacted.
    expect(debugLogOf(ws).text).toContain('Incorrect API key provided: ***');
    expectNoKeyAnywhere(ws, llm, run, seen);
  }, 300_000);
});
