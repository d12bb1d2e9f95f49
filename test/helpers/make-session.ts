import {SessionStore} from '../../source/session/session-store.js';

export interface MadeSession {
  sid: string;
  dir: string;
}

/**
 * A session on disk made through the SessionStore API, as the app makes them: opened, given its
 * events one by one on a clock that ticks a second per step from `start`, then closed.
 */
export function makeSession(
  fileStorePath: string,
  sid: string,
  options: {workspace: string; start: Date; events?: Record<string, unknown>[]; container?: string},
): MadeSession {
  const store = new SessionStore(fileStorePath);
  let time = options.start.getTime();
  const session = store.open(sid, {
    origin: {workspace: options.workspace, image: 'oh-tui/runtime:test', container: options.container ?? `openhands-runtime-${sid}`},
    now: () => {
      time += 1000;
      return new Date(time);
    },
  });
  for (const event of options.events ?? []) session.stream.add(event);
  session.close();
  return {sid, dir: session.dir};
}

export const userMessage = (content: string) => ({
  source: 'user',
  message: content,
  action: 'message',
  args: {content, image_urls: null, wait_for_response: false},
});

/** One of each event kind `oh-tui sessions show` formats, in 0.15's JSON shapes. */
export const eventOfEachKind: Record<string, unknown>[] = [
  userMessage('Fix the failing test'),
  {source: 'environment', observation: 'agent_state_changed', content: '', extras: {agent_state: 'running'}, message: ''},
  {
    source: 'agent',
    message: 'Running command: npm test',
    action: 'run',
    args: {
      command: 'npm test',
      thought: 'Run the tests first.',
      blocking: false,
      keep_prompt: true,
      hidden: false,
      confirmation_state: 'confirmed',
    },
  },
  {
    source: 'agent',
    message: 'Command `npm test` executed with exit code 1.',
    cause: 2,
    observation: 'run',
    content: '\u001B[31mFAIL\u001B[39m test/a.test.ts\r\n1 failed',
    extras: {command_id: -1, command: 'npm test', exit_code: 1, hidden: false, interpreter_details: ''},
  },
  {
    source: 'agent',
    message: 'Editing /workspace/a.ts',
    action: 'edit',
    args: {command: 'str_replace', path: '/workspace/a.ts', old_str: 'a - b', new_str: 'a + b', thought: ''},
  },
  {
    source: 'agent',
    observation: 'edit',
    content: '--- /workspace/a.ts\n+++ /workspace/a.ts\n@@ -1 +1 @@\n-return a - b;\n+return a + b;',
    extras: {path: '/workspace/a.ts', prev_exist: true, old_content: 'return a - b;', new_content: 'return a + b;'},
    message: 'I edited the file /workspace/a.ts.',
  },
  {source: 'agent', observation: 'error', content: 'File not found: /workspace/b.ts', extras: {error_id: ''}, message: ''},
  {
    source: 'agent',
    message: 'The test passes now.',
    action: 'message',
    args: {content: 'The test passes now.', image_urls: null, wait_for_response: true},
  },
  {source: 'environment', observation: 'agent_state_changed', content: '', extras: {agent_state: 'awaiting_user_input'}, message: ''},
];
