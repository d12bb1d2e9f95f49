import type {TranscriptEvent} from '../../source/events/transcript.js';

/**
 * OpenHands 0.15 event JSON as event_to_dict writes it (openhands-0.15.md §5.4), numbered and
 * stamped as our EventStream records it. Timestamps are 0.15's: local time, microseconds, no zone.
 */
const at = (second: number) => `2024-12-04T10:00:${String(second).padStart(2, '0')}.000000`;

export const userMessage = (id: number, content: string, second = 0, imageUrls: string[] | null = null): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'user',
  message: content,
  action: 'message',
  args: {content, image_urls: imageUrls, wait_for_response: false},
});

export const agentMessage = (id: number, content: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: content,
  action: 'message',
  args: {content, image_urls: null, wait_for_response: true},
});

export const runAction = (
  id: number,
  command: string,
  options: {second?: number; thought?: string; hidden?: boolean; confirmation?: string} = {},
): TranscriptEvent => ({
  id,
  timestamp: at(options.second ?? 0),
  source: 'agent',
  message: `Running command: ${command}`,
  action: 'run',
  args: {
    command,
    thought: options.thought ?? '',
    blocking: true,
    keep_prompt: true,
    hidden: options.hidden ?? false,
    confirmation_state: options.confirmation ?? 'confirmed',
  },
  timeout: 120,
});

export const runObservation = (id: number, cause: number, command: string, content: string, exitCode = 0, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `Command \`${command}\` executed with exit code ${exitCode}.`,
  cause,
  observation: 'run',
  content,
  extras: {
    command_id: -1,
    command,
    exit_code: exitCode,
    hidden: false,
    interpreter_details: '[Python Interpreter: /usr/bin/python]\nopenhands@openhands-workspace:/workspace $ ',
  },
});

export const ipythonAction = (id: number, code: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `Running Python code interactively: ${code}`,
  action: 'run_ipython',
  args: {code, thought: '', include_extra: true, confirmation_state: 'confirmed', kernel_init_code: ''},
});

export const ipythonObservation = (id: number, cause: number, code: string, content: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: 'Code executed in IPython cell.',
  cause,
  observation: 'run_ipython',
  content,
  extras: {code},
});

export const editAction = (id: number, path: string, second = 0, thought = ''): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `Editing file: ${path}`,
  action: 'edit',
  args: {path, content: 'print("hello")\n', start: 1, end: -1, thought},
});

export const editObservation = (id: number, cause: number, path: string, diff: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `I edited the file ${path}.`,
  cause,
  observation: 'edit',
  content: diff,
  extras: {path, prev_exist: true, old_content: 'print("hi")\n', new_content: 'print("hello")\n'},
});

export const writeAction = (id: number, path: string, content: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `Writing file: ${path}`,
  action: 'write',
  args: {path, content, start: 0, end: -1, thought: ''},
});

export const writeObservation = (id: number, cause: number, path: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `I wrote to the file ${path}.`,
  cause,
  observation: 'write',
  content: '',
  extras: {path},
});

export const readAction = (id: number, path: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `Reading file: ${path}`,
  action: 'read',
  args: {path, start: 0, end: -1, thought: ''},
});

export const readObservation = (id: number, cause: number, path: string, content: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: `I read the file ${path}.`,
  cause,
  observation: 'read',
  content,
  extras: {path},
});

export const errorObservation = (id: number, content: string, cause?: number, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: content,
  ...(cause === undefined ? {} : {cause}),
  observation: 'error',
  content,
  extras: {error_id: ''},
});

export const stateChanged = (id: number, state: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'environment',
  message: '',
  observation: 'agent_state_changed',
  content: '',
  extras: {agent_state: state},
});

export const finishAction = (id: number, thought: string, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: "All done! What's next on the agenda?",
  action: 'finish',
  args: {outputs: {}, thought},
});

export const nullObservation = (id: number, cause: number, second = 0): TranscriptEvent => ({
  id,
  timestamp: at(second),
  source: 'agent',
  message: 'No observation',
  cause,
  observation: 'null',
  content: '',
  extras: {},
});

/**
 * A long session of the usual rhythm (message, state, command + output, edit + diff, agent reply),
 * `count` events, for scrolling and cost tests.
 */
export function syntheticSession(count: number): TranscriptEvent[] {
  const events: TranscriptEvent[] = [];
  for (let turn = 0; events.length < count; turn++) {
    const id = events.length;
    events.push(
      userMessage(id, `Turn ${turn}: please list the files and fix the greeting`),
      stateChanged(id + 1, 'running'),
      runAction(id + 2, `ls -la /workspace/turn-${turn}`, {thought: `Let me look at turn ${turn}.`}),
      runObservation(
        id + 3,
        id + 2,
        `ls -la /workspace/turn-${turn}`,
        `total 8\n-rw-r--r-- 1 openhands openhands 12 app.py\n-rw-r--r-- 1 openhands openhands 30 turn-${turn}.txt`,
        0,
        1,
      ),
      editAction(id + 4, '/workspace/app.py', 2),
      editObservation(
        id + 5,
        id + 4,
        '/workspace/app.py',
        `--- /workspace/app.py\n+++ /workspace/app.py\n@@ -1 +1 @@\n-print("hi")\n+print("hello ${turn}")\n`,
        3,
      ),
      agentMessage(id + 6, `Turn ${turn} is done: the greeting now says hello.`),
      stateChanged(id + 7, 'awaiting_user_input'),
    );
  }
  return events.slice(0, count);
}
