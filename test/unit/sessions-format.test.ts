import {PassThrough} from 'node:stream';
import stripAnsi from 'strip-ansi';
import {describe, expect, test} from 'vitest';
import {parseCommand} from '../../source/cli/parse-argv.js';
import {sessionOwnership} from '../../source/docker/session-containers.js';
import {formatAgo, parseAge} from '../../source/lib/age.js';
import {askYesNo} from '../../source/ui/confirm.js';
import {type SessionRow, sessionsTable} from '../../source/ui/sessions-table.js';
import {textStyle} from '../../source/ui/text-style.js';
import {displayWidth, fitWidth, padToWidth} from '../../source/ui/text-width.js';
import {eventLines, textLines} from '../../source/ui/transcript-text.js';
import {eventOfEachKind} from '../helpers/make-session.js';

const plain = textStyle(false);
const colour = textStyle(true);

describe('ages', () => {
  test('parses a whole number and a unit, and nothing else', () => {
    expect(parseAge('30m')).toBe(30 * 60_000);
    expect(parseAge('12h')).toBe(12 * 3_600_000);
    expect(parseAge('7d')).toBe(7 * 86_400_000);
    expect(parseAge('2w')).toBe(14 * 86_400_000);
    expect(parseAge('0d')).toBe(0);
    for (const bad of ['7', 'd', '7 d', '1.5d', '-1d', '7days', '7D', '', '1y', '9999999d']) expect(parseAge(bad), bad).toBeUndefined();
  });

  test('says how long ago in the largest whole unit up to days', () => {
    expect(formatAgo(59_999)).toBe('just now');
    expect(formatAgo(-5000)).toBe('just now');
    expect(formatAgo(60_000)).toBe('1m ago');
    expect(formatAgo(3_599_999)).toBe('59m ago');
    expect(formatAgo(3_600_000 * 5.5)).toBe('5h ago');
    expect(formatAgo(86_400_000 * 40)).toBe('40d ago');
  });
});

describe('text width', () => {
  test('counts wide characters as two columns and combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('🚀')).toBe(2);
  });

  test('cuts to a width with an ellipsis, never splitting a wide character over the edge', () => {
    expect(fitWidth('hello world', 20)).toBe('hello world');
    expect(fitWidth('hello world', 6)).toBe('hello…');
    expect(fitWidth('日本語です', 6)).toBe('日本…');
    expect(displayWidth(fitWidth('日本語です', 6))).toBe(5);
    expect(padToWidth('日本', 6)).toBe('日本  ');
    expect(padToWidth('7', 3, 'right')).toBe('  7');
  });
});

describe('the sessions table', () => {
  const now = new Date(2026, 0, 10, 12, 0, 0);
  const row = (sid: string, overrides: Partial<SessionRow> = {}): SessionRow => ({
    sid,
    title: `title of ${sid}`,
    workspace: '/home/me/project',
    created: new Date(2026, 0, 2, 3, 4).toISOString(),
    last_active: new Date(2026, 0, 10, 9, 0).toISOString(),
    events: 7,
    container: `openhands-runtime-${sid}`,
    container_state: 'running',
    ...overrides,
  });

  test('aligns every column to its widest cell, numbers to the right, the title last', () => {
    const lines = sessionsTable([row('a'), row('a-much-longer-sid', {events: 1234, container_state: 'absent', title: ''})], {
      now,
      style: plain,
      workspaceColumn: false,
    });
    expect(lines).toEqual([
      'SID                CREATED           LAST ACTIVE  EVENTS  CONTAINER  TITLE',
      'a                  2026-01-02 03:04  3h ago            7  running    title of a',
      'a-much-longer-sid  2026-01-02 03:04  3h ago         1234  absent     (no message yet)',
    ]);
  });

  test('lines up a wide-character title and cuts the title to the terminal width', () => {
    const lines = sessionsTable([row('s1', {title: '日本語のタイトル and more words'}), row('s2')], {
      now,
      style: plain,
      workspaceColumn: false,
      width: 70,
    });
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(70);
    expect(lines[1]).toBe('s1   2026-01-02 03:04  3h ago            7  running    日本語のタイト…');
  });

  test('adds a workspace column with --all, home shown as ~', () => {
    const lines = sessionsTable([row('s1'), row('s2', {workspace: '/srv/other'})], {
      now,
      style: plain,
      workspaceColumn: true,
      home: '/home/me',
    });
    expect(lines[0]).toBe('SID  CREATED           LAST ACTIVE  EVENTS  CONTAINER  WORKSPACE   TITLE');
    expect(lines[1]).toContain('running    ~/project   title of s1');
    expect(lines[2]).toContain('running    /srv/other  title of s2');
  });

  test('colours the container state without moving the columns', () => {
    const [, coloured] = sessionsTable([row('s1')], {now, style: colour, workspaceColumn: false});
    const [, uncoloured] = sessionsTable([row('s1')], {now, style: plain, workspaceColumn: false});
    expect(coloured).toContain('\u001B[32mrunning  \u001B[39m');
    expect(stripAnsi(coloured ?? '')).toBe(uncoloured);
  });
});

describe('transcript lines', () => {
  const at = (event: Record<string, unknown>) => ({id: 0, timestamp: new Date(2026, 0, 2, 3, 4, 5).toISOString(), ...event});
  const lines = (event: Record<string, unknown>, style = plain) => eventLines(at(event), style);

  test('one format per kind: messages, commands with their exit code, edits, errors, state changes', () => {
    const [user, state, run, output, edit, diff, error, agent] = eventOfEachKind.map((event) => lines(event));
    expect(user).toEqual(['03:04:05 you: Fix the failing test']);
    expect(state).toEqual(['03:04:05 · agent running']);
    expect(run).toEqual(['03:04:05 Run the tests first.', '         ❯ npm test']);
    expect(output).toEqual(['03:04:05   FAIL test/a.test.ts', '           1 failed', '         ✖ exit 1']);
    expect(edit).toEqual(['03:04:05 ✎ str_replace /workspace/a.ts']);
    expect(diff?.[0]).toBe('03:04:05   --- /workspace/a.ts');
    expect(diff).toHaveLength(5);
    expect(error).toEqual(['03:04:05 ✖ error: File not found: /workspace/b.ts']);
    expect(agent).toEqual(['03:04:05 agent: The test passes now.']);
  });

  test('exit codes 0 and -1, output-less commands, multi-line messages', () => {
    const run = (exit_code: number, content = '') =>
      lines({source: 'user', observation: 'run', content, extras: {exit_code, command: 'x'}});
    expect(run(0, 'ok')).toEqual(['03:04:05   ok', '         ✔ exit 0']);
    expect(run(0)).toEqual(['03:04:05 ✔ exit 0']);
    expect(run(-1, 'partial')).toEqual(['03:04:05   partial', '         … still running after its timeout (exit -1)']);
    expect(lines({source: 'user', action: 'message', args: {content: 'line one\nline two'}})).toEqual([
      '03:04:05 you: line one',
      '         line two',
    ]);
  });

  test('file reads and writes, finish, rejection, agent-state requests and unknown kinds each get a line', () => {
    expect(lines({source: 'agent', action: 'read', args: {path: '/w/a.ts', thought: ''}})).toEqual(['03:04:05 read /w/a.ts']);
    expect(lines({source: 'agent', observation: 'read', content: 'a\nb\nc', extras: {path: '/w/a.ts'}})).toEqual([
      '03:04:05 → read /w/a.ts (3 lines)',
    ]);
    expect(lines({source: 'agent', action: 'write', args: {path: '/w/b.ts', content: 'x'}})).toEqual(['03:04:05 ✎ write /w/b.ts']);
    expect(lines({source: 'agent', observation: 'write', content: '', extras: {path: '/w/b.ts'}})).toEqual(['03:04:05 → wrote /w/b.ts']);
    expect(lines({source: 'agent', action: 'edit', args: {command: 'view', path: '/w'}})).toEqual(['03:04:05 read /w']);
    expect(lines({source: 'agent', action: 'finish', args: {outputs: {}, thought: 'All done.'}})).toEqual([
      '03:04:05 ✔ finished',
      '         All done.',
    ]);
    expect(lines({source: 'agent', action: 'reject', args: {outputs: {}, thought: 'Cannot.'}})).toEqual([
      '03:04:05 ✖ the agent rejected the task',
      '         Cannot.',
    ]);
    expect(lines({source: 'user', action: 'change_agent_state', args: {agent_state: 'stopped'}})).toEqual([
      '03:04:05 · you set the agent state to stopped',
    ]);
    expect(lines({source: 'user', observation: 'user_rejected', content: '', extras: {}})).toEqual(['03:04:05 ✖ rejected by you']);
    expect(lines({source: 'agent', action: 'browse', args: {url: 'http://x', thought: ''}})).toEqual(['03:04:05 browse http://x']);
    expect(lines({source: 'agent', action: 'add_task', message: 'Adding a task', args: {}})).toEqual(['03:04:05 add_task: Adding a task']);
    expect(lines({source: 'agent', observation: 'delegate', content: 'sub result', extras: {}})).toEqual(['03:04:05 delegate: sub result']);
  });

  test("the agent's think (its noted answer says nothing) and a state change with its reason", () => {
    expect(lines({source: 'agent', action: 'think', args: {thought: 'Check line 3.\nThen run it.'}})).toEqual([
      '03:04:05 … Check line 3.',
      '         … Then run it.',
    ]);
    expect(lines({source: 'agent', observation: 'think', content: 'Your thought has been logged.', extras: {}})).toEqual([]);
    expect(
      lines({
        source: 'environment',
        observation: 'agent_state_changed',
        content: '',
        extras: {agent_state: 'error', reason: 'budget $0.50 reached'},
      }),
    ).toEqual(['03:04:05 · agent error (budget $0.50 reached)']);
  });

  test('hidden commands, null events and events without a timestamp', () => {
    expect(lines({source: 'user', action: 'run', args: {command: 'export A=1', hidden: true}})).toEqual([]);
    expect(lines({source: 'user', observation: 'run', content: '', extras: {exit_code: 0, hidden: true}})).toEqual([]);
    expect(lines({source: 'agent', action: 'null', args: {}})).toEqual([]);
    expect(lines({source: 'agent', observation: 'null', content: '', extras: {}})).toEqual([]);
    expect(eventLines({id: 1, timestamp: 'not a time', source: 'user', action: 'message', args: {content: 'hi'}}, plain)).toEqual([
      '--:--:-- you: hi',
    ]);
  });

  test('colours when asked: the user label, exit codes, errors and diff lines', () => {
    expect(lines(eventOfEachKind[0]!, colour)[0]).toContain('\u001B[1m\u001B[36myou:\u001B[39m\u001B[22m');
    expect(lines(eventOfEachKind[3]!, colour).at(-1)).toBe('         \u001B[31m✖ exit 1\u001B[39m');
    expect(lines(eventOfEachKind[5]!, colour)).toContain('           \u001B[32m+return a + b;\u001B[39m');
    expect(lines(eventOfEachKind[6]!, colour)[0]).toContain('\u001B[31m✖ error: File not found');
  });

  test("command output loses the sequences that could drive the reader's terminal", () => {
    expect(textLines('\u001B[1;32mgreen\u001B[0m\r\nnext\r\n\r\n')).toEqual(['green', 'next']);
    expect(textLines('progress 10%\rprogress 100%\r\ndone')).toEqual(['progress 100%', 'done']);
    expect(textLines('bell\u0007 and\ttab\u001B[2J')).toEqual(['bell and\ttab']);
    expect(textLines('')).toEqual([]);
  });
});

describe('whose container it is', () => {
  test('ours by the oh-tui.session label; OpenHands-made by its naming; anything else is refused with the reason', () => {
    expect(sessionOwnership({'oh-tui.session': 's1'}, 'openhands-runtime-s1', 's1')).toEqual({ours: true});
    expect(sessionOwnership({'oh-tui.session': 's1'}, 'mine-s1', 's1')).toEqual({ours: true});
    expect(sessionOwnership(null, 'openhands-runtime-cli', 'cli')).toEqual({ours: true});
    expect(sessionOwnership({'oh-tui.session': 'b-c'}, 'a-b-c', 'c')).toEqual({
      ours: false,
      reason: 'its oh-tui.session label says session "b-c"',
    });
    expect(sessionOwnership({}, 'mine-s1', 's1')).toEqual({
      ours: false,
      reason: 'it has no oh-tui.session label and is not named openhands-runtime-s1',
    });
  });
});

describe('sessions subcommands on the command line', () => {
  test('the longest command wins and takes its arguments', () => {
    expect(parseCommand(['sessions'])).toEqual({command: 'sessions', args: []});
    expect(parseCommand(['sessions', 'list'])).toEqual({command: 'sessions', args: []});
    expect(parseCommand(['sessions', 'show', 's1'])).toEqual({command: 'sessions show', args: ['s1']});
    expect(parseCommand(['sessions', 'rm', 's1'])).toEqual({command: 'sessions rm', args: ['s1']});
    expect(parseCommand(['sessions', 'prune'])).toEqual({command: 'sessions prune', args: []});
    expect(parseCommand(['build'])).toEqual({command: 'build', args: []});
  });

  test('a missing or extra argument and an unknown subcommand are usage errors', () => {
    expect(() => parseCommand(['sessions', 'rm'])).toThrow('missing the <sid> of oh-tui sessions rm');
    expect(() => parseCommand(['sessions', 'rm', 'a', 'b'])).toThrow('unexpected argument "b"');
    expect(() => parseCommand(['sessions', 'lsit'])).toThrow('unknown command "sessions lsit" (did you mean "sessions list"?)');
    expect(() => parseCommand(['sessions', 'prune', 'x'])).toThrow('unexpected argument "x"');
    expect(() => parseCommand(['sesions'])).toThrow('unknown command "sesions" (did you mean "sessions"?)');
  });
});

describe('the y/N question', () => {
  const ask = async (typed: string | undefined) => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const answer = askYesNo('Remove session s1?', {input, output});
    if (typed === undefined) input.end();
    else input.write(typed);
    return {answer: await answer, shown};
  };

  test('only y or yes means yes; Enter, anything else and end of input mean no', async () => {
    expect(await ask('y\n')).toEqual({answer: true, shown: 'Remove session s1? [y/N] '});
    expect((await ask('YES\n')).answer).toBe(true);
    expect((await ask('\n')).answer).toBe(false);
    expect((await ask('nope\n')).answer).toBe(false);
    expect(await ask(undefined)).toEqual({answer: false, shown: 'Remove session s1? [y/N] \n'});
  });
});
