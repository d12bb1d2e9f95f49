import {describe, expect, it} from 'vitest';
import {HttpError} from '../../source/server/http/http-error.js';
import {parseExecuteRequest} from '../../source/server/protocol/parse-action.js';
import {cwdFromInterpreterDetails, interpreterDetails} from '../../source/events/interpreter-details.js';
import {unifiedDiff} from '../../source/server/files/unified-diff.js';
import {sortCaseInsensitive} from '../../source/server/files/list-files.js';
import {commandKind} from '../../source/server/shell/command-kind.js';
import {interruptNote, timeoutNote} from '../../source/server/shell/notes.js';

function badRequest(body: unknown): HttpError {
  try {
    parseExecuteRequest(body);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('parseExecuteRequest', () => {
  it('reads a 0.15 run action with defaults and top-level fields', () => {
    expect(
      parseExecuteRequest({action: {id: 3, source: 'agent', action: 'run', args: {command: 'ls', thought: 'x'}, timeout: 30}}),
    ).toEqual({
      type: 'run',
      meta: {id: 3, source: 'agent', timeout: 30},
      command: 'ls',
      blocking: false,
      keepPrompt: true,
      hidden: false,
    });
  });

  it('reads read, write and edit actions, null args meaning absent', () => {
    expect(parseExecuteRequest({action: {action: 'read', args: {path: 'a'}}})).toMatchObject({type: 'read', path: 'a', start: 0, end: -1});
    expect(parseExecuteRequest({action: {action: 'write', args: {path: 'a', content: 'x', start: 2, end: 3}}})).toMatchObject({
      type: 'write',
      start: 2,
      end: 3,
    });
    expect(
      parseExecuteRequest({
        action: {action: 'edit', args: {command: 'view', path: '/a', view_range: [1, 2], file_text: null, insert_line: null}},
      }),
    ).toMatchObject({type: 'edit', command: 'view', viewRange: [1, 2], fileText: undefined, insertLine: undefined});
  });

  it('passes unknown action types on as unsupported (answered with an error observation)', () => {
    expect(parseExecuteRequest({action: {action: 'browse', args: {url: 'x'}}})).toEqual({
      type: 'unsupported',
      meta: {id: undefined, source: undefined, timeout: undefined},
      actionType: 'browse',
    });
  });

  it.each([
    [[], 'request body must be a JSON object'],
    [{action: 'run'}, '"action" must be a JSON object'],
    [{action: {action: 7}}, 'action.action must be a non-empty string (the action type), got 7.'],
    [{action: {action: 'run', args: []}}, 'action.args must be a JSON object, got [].'],
    [{action: {action: 'run', args: {command: null}}}, 'action.args.command must be a string, got null.'],
    [{action: {action: 'run', args: {command: 'x', hidden: 1}}}, 'action.args.hidden must be true or false, got 1.'],
    [{action: {action: 'read', args: {path: 'a', start: 1.5}}}, 'action.args.start must be an integer, got 1.5.'],
    [{action: {action: 'run', id: 'x', args: {command: 'x'}}}, 'action.id must be an integer'],
    [{action: {action: 'run', args: {command: 'x'}, timeout: 0}}, 'action.timeout must be a positive number'],
    [
      {action: {action: 'edit', args: {command: 'view', path: '/', view_range: [1, 'x']}}},
      'action.args.view_range must be a list of integers',
    ],
  ])('refuses %j with 400: %s', (body, detail) => {
    const error = badRequest(body);
    expect(error.status).toBe(400);
    expect(error.detail).toContain(detail);
  });
});

describe('protocol helpers', () => {
  it('puts the cwd into interpreter_details the way 0.15 re-assembled its prompt, and reads it back', () => {
    const details = interpreterDetails({pythonPath: '/usr/bin/python', user: 'openhands', uid: 1000, cwd: '/workspace/a b'});
    expect(details).toBe('[Python Interpreter: /usr/bin/python]\nopenhands@openhands-workspace:/workspace/a b $ ');
    expect(cwdFromInterpreterDetails(details)).toBe('/workspace/a b');
    expect(cwdFromInterpreterDetails(interpreterDetails({pythonPath: undefined, user: 'root', uid: 0, cwd: '/'}))).toBe('/');
    expect(cwdFromInterpreterDetails('nonsense')).toBeUndefined();
  });

  it('makes unified diffs, from /dev/null for new files and empty when nothing changed', () => {
    expect(unifiedDiff('/f', 'a\nb\n', 'a\nB\n')).toBe('--- /f\n+++ /f\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n');
    expect(unifiedDiff('/f', null, 'x\n')).toBe('--- /dev/null\n+++ /f\n@@ -0,0 +1,1 @@\n+x\n');
    expect(unifiedDiff('/f', 'same', 'same')).toBe('');
  });

  it('sorts names case-insensitively', () => {
    expect(sortCaseInsensitive(['b', 'A', 'a2', 'C'])).toEqual(['A', 'a2', 'b', 'C']);
  });

  it('classifies commands: "" polls, C-c and ctrl+c interrupt, anything else is text', () => {
    expect(commandKind('')).toBe('poll');
    expect(commandKind('  ')).toBe('poll');
    expect(commandKind('C-c')).toBe('interrupt');
    expect(commandKind('CTRL+C')).toBe('interrupt');
    expect(commandKind('ls')).toBe('text');
  });

  it('words the interrupt notes like 0.15', () => {
    expect(interruptNote('interrupted')).toBe('[SIGINT was sent to interrupt the command.]');
    expect(timeoutNote(120, 'interrupted')).toBe('[Command timed out after 120 seconds. SIGINT was sent to interrupt the command.]');
    expect(timeoutNote(5, 'killed')).toBe(
      '[Command timed out after 5 seconds. SIGINT was sent to interrupt the command, but failed. The command was killed.]',
    );
  });
});
