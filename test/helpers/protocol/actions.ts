import {beforeAll, describe, expect, it} from 'vitest';
import type {SuiteContext} from '../protocol-suite.js';

// A 1x1 PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export function defineActionTests({client, scratch}: SuiteContext): void {
  const dir = () => `${scratch()}/actions`;

  describe('execute_action: JSON shape and errors', () => {
    beforeAll(async () => {
      expect((await client().runToEnd(`mkdir -p '${dir()}' && cd '${dir()}'`)).extras.exit_code).toBe(0);
    });

    it('answers a run action with 0.15 observation JSON (field names, order, message)', async () => {
      const observation = await client().run('echo hi', {blocking: true, timeout: 30});
      expect(Object.keys(observation)).toEqual(['message', 'observation', 'content', 'extras']);
      expect(observation.message).toBe('Command `echo hi` executed with exit code 0.');
      expect(observation.observation).toBe('run');
      expect(observation.content).toBe('hi');
      expect(Object.keys(observation.extras)).toEqual(['command_id', 'command', 'exit_code', 'hidden', 'interpreter_details']);
      expect(observation.extras).toMatchObject({command_id: -1, command: 'echo hi', exit_code: 0, hidden: false});
      expect(observation.extras.interpreter_details).toMatch(/@openhands-workspace:\/.* [$#] $/);
    });

    it('echoes the command first for agent actions, as 0.15 did, and carries `hidden` through', async () => {
      const observation = await client().execute({
        action: 'run',
        source: 'agent',
        args: {command: 'echo from-agent', blocking: true, hidden: true},
      });
      expect(observation.content).toBe('echo from-agent\nfrom-agent');
      expect(observation.extras.hidden).toBe(true);
    });

    it('accepts the full request an OpenHands 0.15 client sends', async () => {
      const result = await client().request('POST', '/execute_action', {
        body: {
          action: {
            id: 7,
            timestamp: '2024-12-04T10:00:00.123456',
            source: 'agent',
            message: 'Running command: echo full',
            action: 'run',
            tool_call_metadata: {function_name: 'execute_bash', tool_call_id: 'call_1', model_response: {}, total_calls_in_response: 1},
            args: {
              command: 'echo full',
              thought: 'why not',
              blocking: true,
              keep_prompt: true,
              hidden: false,
              confirmation_state: 'confirmed',
            },
            timeout: 120,
          },
        },
      });
      expect(result.status).toBe(200);
      expect((result.json as {content: string}).content).toBe('echo full\nfull');
    });

    it.each([
      ['not JSON', '{oops', 'not valid JSON'],
      ['a body without "action"', JSON.stringify({cmd: 'ls'}), '"action"'],
      ['an action without a type', JSON.stringify({action: {args: {}}}), 'action.action'],
      ['args that are not an object', JSON.stringify({action: {action: 'run', args: 'ls'}}), 'action.args'],
      ['a missing command', JSON.stringify({action: {action: 'run', args: {}}}), 'action.args.command'],
      ['a command of the wrong type', JSON.stringify({action: {action: 'run', args: {command: 5}}}), 'action.args.command'],
      [
        'blocking of the wrong type',
        JSON.stringify({action: {action: 'run', args: {command: 'ls', blocking: 'yes'}}}),
        'action.args.blocking',
      ],
      ['a negative timeout', JSON.stringify({action: {action: 'run', args: {command: 'ls'}, timeout: -1}}), 'action.timeout'],
      ['a read without a path', JSON.stringify({action: {action: 'read', args: {}}}), 'action.args.path'],
      [
        'an edit with a bad view_range',
        JSON.stringify({action: {action: 'edit', args: {command: 'view', path: '/', view_range: 'all'}}}),
        'view_range',
      ],
    ])('answers %s with 400 and a JSON detail naming the problem', async (_name, rawBody, fragment) => {
      const result = await client().request('POST', '/execute_action', {rawBody, headers: {'content-type': 'application/json'}});
      expect(result.status).toBe(400);
      expect(result.json).toEqual({detail: expect.stringContaining(fragment)});
    });

    it.each(['browse', 'run_ipython', 'message', 'no_such_action'])(
      'answers action type %s with a BAD_ACTION error observation',
      async (type) => {
        const observation = await client().execute({action: type, args: {url: 'http://example.com', code: 'print(1)', content: 'x'}});
        expect(observation).toEqual({
          message: `Action ${type} is not supported in the current runtime.`,
          observation: 'error',
          content: `Action ${type} is not supported in the current runtime.`,
          extras: {error_id: 'AGENT_ERROR$BAD_ACTION'},
        });
      },
    );
  });

  describe('read and write', () => {
    beforeAll(async () => {
      expect((await client().runToEnd(`mkdir -p '${dir()}/rw' && cd '${dir()}/rw'`)).extras.exit_code).toBe(0);
    });

    it('writes a new file relative to the shell cwd (creating parents) and reads it back', async () => {
      const written = await client().execute({action: 'write', args: {path: 'deep/new.txt', content: 'alpha\nbeta\ngamma\n'}});
      expect(written).toEqual({
        message: `I wrote to the file ${dir()}/rw/deep/new.txt.`,
        observation: 'write',
        content: '',
        extras: {path: `${dir()}/rw/deep/new.txt`},
      });
      const mode = await client().runToEnd(`stat -c %a deep/new.txt`);
      expect(mode.content).toBe('664');
      const read = await client().execute({action: 'read', args: {path: 'deep/new.txt'}});
      expect(read).toEqual({
        message: `I read the file ${dir()}/rw/deep/new.txt.`,
        observation: 'read',
        content: 'alpha\nbeta\ngamma\n',
        extras: {path: `${dir()}/rw/deep/new.txt`},
      });
    });

    it('reads line ranges [start, end) and writes over a line range', async () => {
      const middle = await client().execute({action: 'read', args: {path: 'deep/new.txt', start: 1, end: 2}});
      expect(middle.content).toBe('beta\n');
      const tail = await client().execute({action: 'read', args: {path: 'deep/new.txt', start: 1}});
      expect(tail.content).toBe('beta\ngamma\n');
      await client().execute({action: 'write', args: {path: 'deep/new.txt', content: 'BETA', start: 1, end: 2}});
      const whole = await client().execute({action: 'read', args: {path: 'deep/new.txt'}});
      expect(whole.content).toBe('alpha\nBETA\ngamma\n');
    });

    it('uses 0.15 error wording for a missing file, a directory, and undecodable bytes', async () => {
      const missing = await client().execute({action: 'read', args: {path: 'absent.txt'}});
      expect(missing).toEqual({
        message: `File not found: ${dir()}/rw/absent.txt. Your current working directory is ${dir()}/rw.`,
        observation: 'error',
        content: `File not found: ${dir()}/rw/absent.txt. Your current working directory is ${dir()}/rw.`,
        extras: {error_id: ''},
      });
      const directory = await client().execute({action: 'read', args: {path: 'deep'}});
      expect(directory.content).toBe(`Path is a directory: ${dir()}/rw/deep. You can only read files`);
      const writeDir = await client().execute({action: 'write', args: {path: 'deep', content: 'x'}});
      expect(writeDir.content).toBe(`Path is a directory: ${dir()}/rw/deep. You can only write to files`);
      await client().runToEnd(`printf '\\xff\\xfe\\x00' > binary.dat`);
      const binary = await client().execute({action: 'read', args: {path: 'binary.dat'}});
      expect(binary.content).toBe(`File could not be decoded as utf-8: ${dir()}/rw/binary.dat.`);
    });

    it('returns images as a data: URL', async () => {
      await client().runToEnd(`echo '${PNG_BASE64}' | base64 -d > pixel.png`);
      const read = await client().execute({action: 'read', args: {path: 'pixel.png'}});
      expect(read.observation).toBe('read');
      expect(read.content).toBe(`data:image/png;base64,${PNG_BASE64}`);
    });
  });

  // The editor's messages are those of 0.15's str_replace_editor (openhands-aci 0.1.1, pinned by
  // 0.15.0's poetry.lock) unless a test says "ours"; README.md "Differences from OpenHands 0.15"
  // lists each of ours.
  describe('edit (str_replace editor)', () => {
    const file = () => `${dir()}/edit/code.py`;
    const edit = (args: Record<string, unknown>) => client().execute({action: 'edit', args: {path: file(), ...args}});

    it('creates a file, with the diff as content and 0.15 edit extras', async () => {
      const created = await edit({command: 'create', file_text: 'def f():\n    return 1\n\nprint(f())\n'});
      expect(Object.keys(created)).toEqual(['message', 'observation', 'content', 'extras']);
      expect(created.message).toBe(`I edited the file ${file()}.`);
      expect(created.observation).toBe('edit');
      expect(created.extras).toEqual({
        path: file(),
        prev_exist: false,
        old_content: null,
        new_content: 'def f():\n    return 1\n\nprint(f())\n',
      });
      expect(created.content).toBe(`--- /dev/null\n+++ ${file()}\n@@ -0,0 +1,4 @@\n+def f():\n+    return 1\n+\n+print(f())\n`);
    });

    it("refuses to create over an existing file (0.15's words)", async () => {
      const again = await edit({command: 'create', file_text: 'x'});
      expect(again.observation).toBe('error');
      expect(again.content).toBe(
        `Invalid \`path\` parameter: ${file()}. File already exists at: ${file()}. Cannot overwrite files using command \`create\`.`,
      );
    });

    it('str_replace replaces a unique occurrence and answers with a unified diff', async () => {
      const replaced = await edit({command: 'str_replace', old_str: 'return 1', new_str: 'return 2'});
      expect(replaced.observation).toBe('edit');
      expect(replaced.extras).toMatchObject({
        prev_exist: true,
        old_content: expect.stringContaining('return 1'),
        new_content: expect.stringContaining('return 2'),
      });
      expect(replaced.content).toBe(
        `--- ${file()}\n+++ ${file()}\n@@ -1,4 +1,4 @@\n def f():\n-    return 1\n+    return 2\n \n print(f())\n`,
      );
    });

    it("str_replace explains an old_str that is absent (0.15's words) or occurs several times (ours: adds the count)", async () => {
      const absent = await edit({command: 'str_replace', old_str: 'return 9', new_str: 'x'});
      expect(absent.observation).toBe('error');
      expect(absent.content).toBe(`No replacement was performed, old_str \`return 9\` did not appear verbatim in ${file()}.`);
      // Ours: 0.15 ended with "in lines [1, 4]. Please ensure it is unique." without the count.
      const several = await edit({command: 'str_replace', old_str: 'f()', new_str: 'g()'});
      expect(several.observation).toBe('error');
      expect(several.content).toBe(
        'No replacement was performed. Multiple occurrences of old_str `f()` in lines [1, 4]: it occurs 2 times. Please ensure it is unique.',
      );
    });

    it('insert puts lines after the given line; view shows cat -n numbering and ranges (our line count)', async () => {
      const inserted = await edit({command: 'insert', insert_line: 1, new_str: '    """doc"""'});
      expect(inserted.observation).toBe('edit');
      expect(inserted.extras.new_content).toBe('def f():\n    """doc"""\n    return 2\n\nprint(f())\n');
      const view = await edit({command: 'view'});
      expect(view.observation).toBe('read');
      expect(view.content).toBe(
        `Here's the result of running \`cat -n\` on ${file()}:\n` +
          '     1\tdef f():\n     2\t    """doc"""\n     3\t    return 2\n     4\t\n     5\tprint(f())\n',
      );
      const range = await edit({command: 'view', view_range: [2, 3]});
      expect(range.content).toBe(`Here's the result of running \`cat -n\` on ${file()}:\n     2\t    """doc"""\n     3\t    return 2\n`);
      // Ours: a final newline ends the last line. 0.15 counted the empty string after it as one more
      // line, so it numbered an empty line 6 in the view above and said [1, 6] and [0, 6] below.
      const badRange = await edit({command: 'view', view_range: [9, 10]});
      expect(badRange.observation).toBe('error');
      // Ours too: the range is shown as JSON ([9,10]); 0.15 showed the Python list ([9, 10]).
      expect(badRange.content).toBe(
        'Invalid `view_range` parameter: [9,10]. Its first element `9` should be within the range of lines of the file: [1, 5].',
      );
      // Ours: a range past the end shows what there is, with a note; 0.15 refused it ("Its second
      // element `99` should be smaller than the number of lines in the file: `6`.").
      const pastEnd = await edit({command: 'view', view_range: [4, 99]});
      expect(pastEnd.content).toBe(
        `Here's the result of running \`cat -n\` on ${file()}:\n     4\t\n     5\tprint(f())\n` +
          "\nNOTE: We only show up to 5 since there's only 5 lines in this file\n",
      );
      const badLine = await edit({command: 'insert', insert_line: 99, new_str: 'x'});
      expect(badLine.content).toBe('Invalid `insert_line` parameter: 99. It should be within the range of lines of the file: [0, 5]');
    });

    it('undo_edit walks back through the history of the file', async () => {
      const first = await edit({command: 'undo_edit'});
      expect(first.observation).toBe('edit');
      expect(first.extras.new_content).toBe('def f():\n    return 2\n\nprint(f())\n');
      const second = await edit({command: 'undo_edit'});
      expect(second.extras.new_content).toBe('def f():\n    return 1\n\nprint(f())\n');
      const read = await client().execute({action: 'read', args: {path: file()}});
      expect(read.content).toBe('def f():\n    return 1\n\nprint(f())\n');
      await edit({command: 'undo_edit'});
      const gone = await client().execute({action: 'read', args: {path: file()}});
      expect(gone.observation).toBe('error');
      const none = await client().execute({action: 'edit', args: {command: 'undo_edit', path: `${dir()}/rw/deep/new.txt`}});
      // 0.15's words.
      expect(none.content).toBe(`No edit history found for ${dir()}/rw/deep/new.txt.`);
    });

    it('views a directory two levels deep without hidden entries (ours: 0.15 printed `find -maxdepth 2` as it came)', async () => {
      const made = await client().runToEnd(
        `mkdir -p '${dir()}/tree/a/b/c' '${dir()}/tree/.git' && touch '${dir()}/tree/top.txt' '${dir()}/tree/a/.secret' '${dir()}/tree/a/b/c/deep.txt'`,
      );
      expect(made.extras.exit_code).toBe(0);
      const view = await client().execute({action: 'edit', args: {command: 'view', path: `${dir()}/tree`}});
      const root = `${dir()}/tree`;
      expect(view.content).toBe(
        `Here's the files and directories up to 2 levels deep in ${root}, excluding hidden items:\n` +
          `${root}/\n${root}/a/\n${root}/a/b/\n${root}/top.txt\n\n` +
          `1 hidden files/directories in this directory are excluded. You can use 'ls -la ${root}' to see them.`,
      );
    });

    it('reports missing parameters, unknown commands and missing paths as error observations (two of them ours)', async () => {
      // Ours: 0.15 failed without a message when `create` had no file_text (its template for a missing parameter).
      const noText = await client().execute({action: 'edit', args: {command: 'create', path: `${dir()}/edit/other.txt`}});
      expect(noText.content).toBe('Parameter `file_text` is required for command: create.');
      // Ours: 0.15 named the tool `oh_editor` here.
      const unknown = await client().execute({action: 'edit', args: {command: 'delete', path: file()}});
      expect(unknown.content).toBe(
        'Unrecognized command delete. The allowed commands for the str_replace_editor tool are: view, create, str_replace, insert, undo_edit',
      );
      // 0.15's words.
      const missing = await client().execute({action: 'edit', args: {command: 'view', path: `${dir()}/edit/none.txt`}});
      expect(missing.content).toBe(
        `Invalid \`path\` parameter: ${dir()}/edit/none.txt. The path ${dir()}/edit/none.txt does not exist. Please provide a valid path.`,
      );
    });
  });
}
