import type {ToolSpec} from './model-client.js';

export const EXECUTE_BASH = 'execute_bash';
export const STR_REPLACE_EDITOR = 'str_replace_editor';
export const THINK = 'think';
export const FINISH = 'finish';

const executeBash: ToolSpec = {
  name: EXECUTE_BASH,
  description: [
    'Run a bash command in the workspace container and get its output and exit code.',
    'The shell persists between calls: the working directory, variables and background jobs stay.',
    'A command runs until it ends or its timeout passes (then it is interrupted); start long-running programs (servers) in the background, with their output sent to a file, e.g. `python app.py > server.log 2>&1 &`.',
    'Use non-interactive flags (`apt-get install -y`, `git --no-pager`) and chain commands with `&&` or `;` rather than one call each.',
    'When an earlier command is still running: send an empty command to see its new output, the text to type with `is_input` set to true, or `C-c` to interrupt it.',
  ].join('\n'),
  parameters: {
    type: 'object',
    properties: {
      command: {
        type: 'string',
        description: 'The bash command line to run; empty to read more output of a running command; `C-c` to interrupt it.',
      },
      timeout: {
        type: 'number',
        description: "Seconds after which the command is interrupted (default: the session's command timeout).",
      },
      is_input: {
        type: 'boolean',
        description: 'True to type `command` (plus Enter) into the command that is still running instead of starting a new one.',
      },
    },
    required: ['command'],
  },
};

const strReplaceEditor: ToolSpec = {
  name: STR_REPLACE_EDITOR,
  description: [
    "View, create and edit files in the container. Paths should be absolute (relative ones start at the shell's working directory).",
    '`view` shows a file with line numbers (`view_range` [first, last] limits it; last -1 means the end) or a directory two levels deep.',
    '`create` writes a new file with `file_text`; it refuses a path that exists.',
    '`str_replace` replaces `old_str`, which must occur exactly once (include enough surrounding lines to make it unique; whitespace counts), with `new_str`.',
    '`insert` puts `new_str` after line `insert_line` (0 inserts at the top).',
    '`undo_edit` reverts the last edit of the file.',
  ].join('\n'),
  parameters: {
    type: 'object',
    properties: {
      command: {type: 'string', enum: ['view', 'create', 'str_replace', 'insert', 'undo_edit'], description: 'What to do.'},
      path: {type: 'string', description: 'The file or directory, e.g. /workspace/main.py.'},
      file_text: {type: 'string', description: 'The whole content of the new file (create).'},
      old_str: {type: 'string', description: 'The exact text to replace (str_replace).'},
      new_str: {type: 'string', description: 'The replacement (str_replace) or the text to insert (insert).'},
      insert_line: {type: 'integer', description: 'The line after which `new_str` goes (insert).'},
      view_range: {type: 'array', items: {type: 'integer'}, description: 'The lines to show, [first, last] (view).'},
    },
    required: ['command', 'path'],
  },
};

const think: ToolSpec = {
  name: THINK,
  description:
    'Write down reasoning without acting: to plan the next steps, weigh options, or make sense of an error. Nothing runs and nothing changes.',
  parameters: {
    type: 'object',
    properties: {thought: {type: 'string', description: 'The reasoning.'}},
    required: ['thought'],
  },
};

const finish: ToolSpec = {
  name: FINISH,
  description:
    'Say that the task is done (or that it cannot be done), with a short summary for the user. Call it alone, as the last step; the user can then give a new task.',
  parameters: {
    type: 'object',
    properties: {message: {type: 'string', description: 'What was done, or why it could not be done.'}},
    required: [],
  },
};

/** The tools the agent is given, CodeAct style: a shell, a file editor, a scratchpad, and the way to stop. */
export const AGENT_TOOLS: readonly ToolSpec[] = [executeBash, strReplaceEditor, think, finish];
