import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {appendFileSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig} from '../helpers/e2e-config.js';
import {cliPath} from '../helpers/run-cli.js';
import {type ScriptedLlmServer, type ScriptedToolCall, startScriptedLlmServer} from '../helpers/scripted-llm-server.js';
import {TmuxSession} from '../helpers/tmux.js';

const gate = await dockerGate('agent screen e2e');

// The screen's agent parts with no LLM configured (the controller is wired in later): the header says
// there is no agent, a -t task is recorded and answered with how to configure one, and !commands work.
describe.skipIf(!gate.available)('the session screen without an LLM, in a real terminal', () => {
  const setup = e2eConfig();
  const terminals: TmuxSession[] = [];
  const containers: string[] = [];
  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
  });
  afterAll(() => {
    for (const container of containers) execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
  });

  test('-t on the screen: the task recorded as the first message, the note says how to configure an LLM, /confirm says the same; !cmd runs', async () => {
    const sid = `e2e-agent-${randomBytes(3).toString('hex')}`;
    containers.push(`${setup.config.sandbox.container_name_prefix}${sid}`);
    const terminal = new TmuxSession(['node', cliPath, '--config', setup.configPath, '--session', sid, '-t', 'write hello.py please'], {
      env: setup.env,
      cwd: setup.directory,
      columns: 140,
      rows: 40,
    });
    terminals.push(terminal);
    const first = await terminal.waitFor((screen) => screen.includes('› write hello.py please'), 'the task as the first message');
    expect(first).toContain('agent none  no LLM configured');
    await terminal.waitFor((screen) => screen.includes('No agent: no LLM is configured'), 'the note');
    await terminal.waitFor((screen) => screen.includes('● running'), 'the runtime to be running', 240_000);
    terminal.sendKeys('-l', '/confirm');
    terminal.sendKeys('Enter');
    await terminal.waitFor((screen) => (screen.match(/No agent: no LLM is configured/g) ?? []).length === 2, 'the note again for /confirm');
    terminal.sendKeys('-l', '!echo agentless-$((40+2))');
    terminal.sendKeys('Enter');
    await terminal.waitFor((screen) => /agentless-42\n\s+✔ exit 0/.test(screen), 'the command');
    terminal.sendKeys('C-c');
    await terminal.waitFor((screen) => screen.includes('Press Ctrl+C again to quit'), 'the quit warning');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    const events = readFileSync(join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {source: string; action?: string; args?: {content?: string}});
    expect(events[0]).toMatchObject({source: 'user', action: 'message', args: {content: 'write hello.py please'}});
    expect(events.map((event) => event.action).filter(Boolean)).toEqual(['message', 'run']);
  }, 300_000);
});

/** One chat-completions message as the scripted server recorded it. */
interface SentMessage {
  role: string;
  content?: string | Array<{type: string; text?: string}> | null;
  tool_calls?: Array<{id: string; function: {name: string; arguments: string}}>;
  tool_call_id?: string;
}

const textOf = (message: SentMessage): string =>
  typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => part.text ?? '').join('');

/** Tool calls in the messages with no tool message answering them: chat-completions servers refuse such a request. */
const unansweredToolCalls = (messages: SentMessage[]): string[] => {
  const answered = new Set(messages.filter((message) => message.role === 'tool').map((message) => message.tool_call_id));
  return messages.flatMap((message) => (message.tool_calls ?? []).map((call) => call.id)).filter((id) => !answered.has(id));
};

const bash = (command: string): ScriptedToolCall => ({name: 'execute_bash', arguments: JSON.stringify({command})});

/**
 * A workspace and config whose [llm] is a scripted chat-completions server of its own (so one
 * describe's leftover turns never reach another's), with the ways the tests below drive the app.
 * Terminals stay open across the describe's tests (they follow each other in one session).
 */
function scriptedAgentSetup() {
  const setup = e2eConfig();
  const apiKey = `sk-e2e-screen-${randomBytes(6).toString('hex')}`;
  const terminals: TmuxSession[] = [];
  const containers: string[] = [];
  let server: ScriptedLlmServer | undefined;

  beforeAll(async () => {
    server = await startScriptedLlmServer();
    appendFileSync(
      setup.configPath,
      [
        '[llm]',
        'model = "openai/scripted-model"',
        `base_url = ${JSON.stringify(server.url)}`,
        `api_key = ${JSON.stringify(apiKey)}`,
        // A failed call fails at once instead of waiting out 0.15's backoff.
        'num_retries = 0',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    for (const terminal of terminals.splice(0)) terminal.kill();
    await server?.close();
    for (const container of containers) execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
  });

  const llm = () => server as ScriptedLlmServer;
  const log = (sid: string) => readFileSync(join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'), 'utf8');
  return {
    setup,
    apiKey,
    llm,
    newSid() {
      const sid = `e2e-agent-${randomBytes(3).toString('hex')}`;
      containers.push(`${setup.config.sandbox.container_name_prefix}${sid}`);
      return sid;
    },
    open(sid: string, args: string[] = []) {
      const terminal = new TmuxSession(['node', cliPath, '--config', setup.configPath, '--session', sid, ...args], {
        env: setup.env,
        cwd: setup.directory,
        columns: 140,
        rows: 45,
      });
      terminals.push(terminal);
      return terminal;
    },
    log,
    events(sid: string) {
      return log(sid)
        .trim()
        .split('\n')
        .map(
          (line) => JSON.parse(line) as {id: number; source: string; action?: string; observation?: string; args?: Record<string, unknown>},
        );
    },
    /** The messages of the server's request number `index` (from 0). */
    messagesOf(index: number): SentMessage[] {
      return llm().requests[index]?.body.messages ?? [];
    },
  };
}

/** The screen above the terminal pane's rule (header, events pane) and from it down (terminal pane, composer, footer). */
const eventsPane = (screen: string) => screen.slice(0, screen.indexOf('── terminal'));
const terminalPane = (screen: string) => screen.slice(screen.indexOf('── terminal'));

/**
 * Types a line and sends it. Enter goes once the composer shows the text: typed in one go, a slow
 * reader (a loaded machine) gets text and Enter in one chunk, which Ink hands over as one input, not as keys.
 */
const type = async (terminal: TmuxSession, text: string) => {
  terminal.sendKeys('-l', text);
  await terminal.waitFor(
    (screen) =>
      terminalPane(screen)
        .split('\n')
        .some((line) => line.trimEnd() === `❯ ${text}`),
    `the composer to show ${text}`,
  );
  terminal.sendKeys('Enter');
};
const running = (terminal: TmuxSession) => terminal.waitFor((screen) => screen.includes('● running'), 'the runtime to be running', 240_000);
/** The header's agent line names the state after its glyph: `agent ✔ finished`. */
const agentState = (terminal: TmuxSession, state: string, timeoutMs?: number) =>
  terminal.waitFor((screen) => new RegExp(`agent \\S ${state}\\b`).test(screen), `the agent to be ${state}`, timeoutMs);

// The real agent (create-agent.ts, the AI SDK client) in the built app, against the scripted
// chat-completions server, in a real container: what the user sees of it in a real terminal.
describe.skipIf(!gate.available)('the agent on the session screen, against a scripted LLM, in a real terminal', () => {
  const {apiKey, llm: server, newSid, open, log, events, messagesOf} = scriptedAgentSetup();

  // One session through the cases that follow each other: a task streamed and run, Ctrl+C, Esc, resume.
  const sid = newSid();
  const streamed = 'Let me count the ticks for you, one at a time, and you can watch every one of them arrive.';
  const ticks = 'for i in 1 2 3 4; do echo tick-$i; sleep 0.5; done';
  let terminal: TmuxSession;
  /** Requests the scripted server had before the current case. */
  let before = 0;

  test('a task typed in the composer: the answer streams in, the command runs live in the terminal pane, then shows in the events pane with its exit code; finish → finished', async () => {
    terminal = open(sid);
    const first = await terminal.waitFor((screen) => screen.includes('model openai/scripted-model'), 'the header with the agent');
    expect(first).toMatch(/agent \S+ \S+.*model openai\/scripted-model {2}tokens 0 in \/ 0 out {2}cost \? {2}confirm off/);
    await running(terminal);
    server().push(
      {text: streamed, chunkSize: 3, chunkDelayMs: 60, toolCalls: [bash(ticks)], usage: {inputTokens: 1200, outputTokens: 40}},
      {
        toolCalls: [{name: 'finish', arguments: JSON.stringify({message: 'Counted four ticks.'})}],
        usage: {inputTokens: 1300, outputTokens: 10},
      },
    );
    await type(terminal, 'count the ticks please');
    await terminal.waitFor((screen) => screen.includes('› count the ticks please'), 'the task in the events pane');
    // The draft while it streams: the answer's beginning with the cursor, its end not there yet.
    const partial = await terminal.waitFor(
      (screen) =>
        eventsPane(screen).includes('◆ Let me count') && screen.includes('▍') && !screen.includes('watch every one of them arrive.'),
      'a part of the answer while it streams',
    );
    expect(partial).toMatch(/agent ● running/);
    await terminal.waitFor((screen) => screen.includes('watch every one of them arrive.'), 'the whole answer');
    // The command's output live, before it ends (tick-4 comes 1.5 s after tick-1).
    const live = await terminal.waitFor(
      (screen) => terminalPane(screen).includes('tick-1') && !screen.includes('tick-4'),
      'the first line of the command in the terminal pane while it runs',
    );
    expect(eventsPane(live)).toContain(`❯ ${ticks}`);
    expect(eventsPane(live)).toContain('⋯ running');
    // Then in the events pane: the command, its output and its exit code.
    const done = await terminal.waitFor(
      (screen) => /tick-4\n\s+✔ exit 0 · \d+\.\ds/.test(eventsPane(screen)),
      'the command done in the events pane',
    );
    expect(eventsPane(done)).toMatch(/❯ for i in .*\n\s+tick-1\n\s*tick-2\n\s*tick-3\n\s*tick-4\n/);
    const finished = await agentState(terminal, 'finished');
    expect(finished).toContain('✔ Counted four ticks.');
    expect(finished).toMatch(/tokens 2\.5k in \/ 50 out/);
    // The model read the command's whole output.
    const result = messagesOf(1).find((message) => message.role === 'tool');
    expect(textOf(result!)).toMatch(/tick-1\ntick-2\ntick-3\ntick-4\n.*exit code 0/s);
    before = server().requests.length;
  }, 300_000);

  test('Ctrl+C stops a step running a command: the agent stopped, the app still there, !cmd runs; Esc stops a streaming answer', async () => {
    server().push({toolCalls: [bash('sleep 30; echo slept-$((10+20))')]});
    await type(terminal, 'now wait a long time');
    await terminal.waitFor((screen) => screen.includes('❯ sleep 30') && screen.includes('⋯ running'), 'the long command running');
    terminal.sendKeys('C-c');
    await terminal.waitFor((screen) => screen.includes('Interrupting the command · press Ctrl+C again to quit'), 'the interrupt notice');
    const stopped = await agentState(terminal, 'stopped', 15_000);
    // The command was interrupted with the step, not left running.
    expect(stopped).toMatch(/❯ sleep 30; echo slept-\$\(\(10\+20\)\)\n(.*\n)*?\s+✖ exit 130/);
    expect(stopped).not.toContain('slept-30');
    expect(stopped).not.toContain('⋯ running');
    expect(terminal.exitStatus()).toBeUndefined();
    // The screen still answers (one Ctrl+C did not quit): a shell command runs.
    await type(terminal, '!echo after-stop-$((6*7))');
    await terminal.waitFor((screen) => /after-stop-42\n\s+✔ exit 0/.test(screen), 'the shell command after the stop');
    // The quit window of that Ctrl+C passes with the app still there.
    await terminal.waitFor((screen) => !screen.includes('again to quit'), 'the quit window to pass', 10_000);
    expect(terminal.exitStatus()).toBeUndefined();

    // Esc while the answer streams (and the model never finishes it).
    server().push({
      text: 'Thinking about it very slowly, word by word, and never quite getting there',
      chunkSize: 2,
      chunkDelayMs: 100,
      hang: true,
    });
    await type(terminal, 'one more thing');
    await terminal.waitFor((screen) => screen.includes('◆ Thinking') && screen.includes('▍'), 'the streaming answer');
    terminal.sendKeys('Escape');
    const escaped = await agentState(terminal, 'stopped', 15_000);
    expect(escaped).not.toContain('▍');
    // What had streamed stays, as the agent's message, with a note that it is cut off.
    expect(eventsPane(escaped)).toContain('◆ Thinking');
    expect(eventsPane(escaped)).toContain('its answer above is cut off');
    const kept = events(sid)
      .filter((event) => event.action === 'message' && event.source === 'agent')
      .at(-1);
    const partial = String((kept?.args as {content?: unknown} | undefined)?.content);
    expect('Thinking about it very slowly, word by word, and never quite getting there'.startsWith(partial)).toBe(true);
    await terminal.waitFor(() => server().requests.at(-1)?.aborted === true, 'the model call to be cancelled', 10_000);
    expect(server().requests.length).toBe(before + 2);

    // And the agent takes the next message.
    server().push({text: 'Back again, all fine.'});
    await type(terminal, 'are you there?');
    await terminal.waitFor((screen) => screen.includes('◆ Back again, all fine.'), 'the answer after the stops');
    await agentState(terminal, 'awaiting user input');
    const sent = messagesOf(before + 2);
    expect(sent.at(-1)).toMatchObject({role: 'user'});
    expect(textOf(sent.at(-1)!)).toContain('are you there?');
    // The model reads its cut-off answer after the message it answered; every call still has its result.
    expect(sent.slice(-3).map((message) => [message.role, textOf(message)])).toEqual([
      ['user', 'one more thing'],
      ['assistant', partial],
      ['user', 'are you there?'],
    ]);
    expect(unansweredToolCalls(sent)).toEqual([]);
    expect(sent.map(textOf).join('\n')).toContain('after-stop-42');
    before = server().requests.length;
  }, 300_000);

  test('resumed with --session: the same history, the agent in the header, and a new message sends the whole history', async () => {
    const tokens = /tokens \S+ in \/ \S+ out/.exec(terminal.screen())?.[0];
    expect(tokens).toBeDefined();
    terminal.sendKeys('C-c');
    await terminal.waitFor((screen) => screen.includes('Press Ctrl+C again to quit'), 'the quit warning');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    const previous = messagesOf(before - 1);

    terminal = open(sid);
    const history = await terminal.waitFor(
      (screen) => screen.includes('◆ Back again, all fine.') && screen.includes('model openai/scripted-model'),
      'the history and the agent',
    );
    expect(history).toContain('› are you there?');
    expect(history).toContain('after-stop-42');
    // The answer stopped while it streamed is in the history too.
    expect(history).toContain('◆ Thinking');
    // The tokens so far come back with the session.
    expect(history).toContain(tokens);
    await running(terminal);
    server().push({text: 'Resumed and ready.'});
    await type(terminal, 'still there after the restart?');
    await terminal.waitFor((screen) => screen.includes('◆ Resumed and ready.'), 'the answer in the resumed session');
    const sent = messagesOf(before);
    // Everything the model had before, its answer, then the new message.
    expect(sent.slice(0, previous.length)).toEqual(previous);
    expect(sent.slice(previous.length).map((message) => [message.role, textOf(message)])).toEqual([
      ['assistant', 'Back again, all fine.'],
      ['user', 'still there after the restart?'],
    ]);
    expect(sent.map(textOf).join('\n')).toContain('count the ticks please');
    expect(sent.map(textOf).join('\n')).toContain('tick-4');
    for (const request of server().requests) expect(unansweredToolCalls(request.body.messages)).toEqual([]);
    terminal.sendKeys('C-c');
    await terminal.waitFor((screen) => screen.includes('Press Ctrl+C again to quit'), 'the quit warning');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    // The key never reached the log.
    expect(log(sid)).not.toContain(apiKey);
  }, 300_000);
});

describe.skipIf(!gate.available)('confirmation mode on the session screen, against a scripted LLM, in a real terminal', () => {
  const {llm: server, newSid, open, events, messagesOf} = scriptedAgentSetup();

  test('--confirm: n rejects (the model is told), y runs one action and asks for the next, a runs the rest of the turn; /confirm turns it off', async () => {
    const confirmSid = newSid();
    const screen = open(confirmSid, ['--confirm']);
    await screen.waitFor((text) => text.includes('confirm on'), 'confirmation mode in the header');
    await running(screen);
    const start = server().requests.length;
    server().push({toolCalls: [bash('echo rejected-$((1+1))')]});
    await type(screen, 'say something');
    const asked = await screen.waitFor((text) => text.includes('? run ❯ echo rejected-$((1+1))'), 'the confirmation prompt');
    expect(asked).toContain('y run · n reject · a run all this turn');
    expect(asked).toMatch(/agent \? awaiting user confirmation/);
    screen.sendKeys('n');
    const rejected = await agentState(screen, 'awaiting user input');
    expect(rejected).toContain('✖ rejected');
    expect(rejected).not.toContain('rejected-2');
    expect(rejected).not.toContain('? run ❯');

    server().push(
      {toolCalls: [bash('echo one-$((0+1))'), bash('echo two-$((1+1))'), bash('echo three-$((1+2))')]},
      {toolCalls: [{name: 'finish', arguments: JSON.stringify({message: 'Three lines echoed.'})}]},
    );
    await type(screen, 'try again please');
    await server().waitForRequests(start + 2);
    // The rejection reached the model with the next request.
    const told = messagesOf(start + 1);
    expect(told.find((message) => message.role === 'tool' && textOf(message).includes('rejected by the user'))).toBeDefined();
    expect(textOf(told.at(-1)!)).toContain('try again please');

    await screen.waitFor((text) => text.includes('? run ❯ echo one-$((0+1))'), 'the prompt for the first action');
    screen.sendKeys('y');
    const one = await screen.waitFor((text) => text.includes('? run ❯ echo two-$((1+1))'), 'the prompt for the second action');
    expect(one).toMatch(/one-1\n\s+✔ exit 0/);
    expect(one).not.toContain('two-2\n');
    screen.sendKeys('a');
    const all = await agentState(screen, 'finished');
    expect(all).toMatch(/two-2\n\s+✔ exit 0/);
    expect(all).toMatch(/three-3\n\s+✔ exit 0/);
    expect(all).toContain('✔ Three lines echoed.');
    expect(all).not.toContain('? run ❯');
    // As 0.15 records it: each asked action waits, then is sent again with the answer; with `a` the third is never asked.
    const asks = events(confirmSid)
      .filter((event) => event.action === 'run')
      .map((event) => [event.args?.command, event.args?.confirmation_state]);
    expect(asks).toEqual([
      ['echo rejected-$((1+1))', 'awaiting_confirmation'],
      ['echo rejected-$((1+1))', 'rejected'],
      ['echo one-$((0+1))', 'awaiting_confirmation'],
      ['echo one-$((0+1))', 'confirmed'],
      ['echo two-$((1+1))', 'awaiting_confirmation'],
      ['echo two-$((1+1))', 'confirmed'],
      ['echo three-$((1+2))', 'confirmed'],
    ]);

    // Esc at the prompt stops the step: nothing runs, the prompt goes, the agent waits for the user.
    server().push({toolCalls: [bash('echo never-$((3+3))')]});
    await type(screen, 'one you will stop');
    await screen.waitFor((text) => text.includes('? run ❯ echo never-$((3+3))'), 'the prompt for the action to stop');
    screen.sendKeys('Escape');
    const escaped = await agentState(screen, 'stopped', 10_000);
    expect(escaped).not.toContain('? run ❯');
    expect(escaped).not.toContain('never-6');
    expect(escaped).toMatch(/❯ echo never-\$\(\(3\+3\)\)\n\s+■ not run: the agent stopped before you answered/);
    // 0.15's null answer to a held action is not shown as an event of its own.
    expect(escaped).not.toContain('observation null');

    // /confirm turns it off: the next command runs without asking.
    await type(screen, '/confirm');
    await screen.waitFor((text) => text.includes('Confirmation mode off.') && text.includes('confirm off'), 'confirmation mode off');
    server().push({toolCalls: [bash('echo free-$((2+2))')]}, {text: 'Ran it unasked.'});
    await type(screen, 'once more');
    const unasked = await screen.waitFor((text) => text.includes('◆ Ran it unasked.'), 'the answer after the command');
    expect(unasked).toMatch(/free-4\n\s+✔ exit 0/);
    expect(events(confirmSid).filter((event) => event.args?.command === 'echo free-$((2+2))')).toHaveLength(1);
    // Every request the model got was well formed: each tool call answered (also the rejected and the stopped one).
    for (const request of server().requests) expect(unansweredToolCalls(request.body.messages)).toEqual([]);
  }, 300_000);
});
