import {describe, expect, it} from 'vitest';
import {cmdRunAction} from '../../source/events/actions.js';
import {isAction, isObservation} from '../../source/events/event.js';
import {EventFormatError, parseAction, parseEvent, parseObservation, toEventJson} from '../../source/events/event-json.js';
import {cwdFromInterpreterDetails, interpreterDetails} from '../../source/events/interpreter-details.js';
import {cmdOutputObservation, errorObservation, exitCodeOf, fileEditObservation} from '../../source/events/observations.js';

// The event JSON examples of the OpenHands 0.15 reference (section 5.4 and the typical CLI stream of
// section 6), with the elided tool_call_metadata filled in. Key order matters: it is 0.15's.
const examples = {
  runAction:
    '{"id":7,"timestamp":"2024-12-04T10:00:00.123456","source":"agent","message":"Running command: ls","action":"run",' +
    '"tool_call_metadata":{"function_name":"execute_bash","tool_call_id":"call_1","model_response":{"id":"r-1","choices":[]},"total_calls_in_response":1},' +
    '"args":{"command":"ls","thought":"…","blocking":true,"keep_prompt":true,"hidden":false,"confirmation_state":"confirmed"},"timeout":120}',
  runObservation:
    '{"message":"Command `ls` executed with exit code 0.","observation":"run","content":"ls\\r\\nfoo.py",' +
    '"extras":{"command_id":-1,"command":"ls","exit_code":0,"hidden":false,' +
    '"interpreter_details":"[Python Interpreter: /usr/local/bin/python]\\nopenhands@openhands-workspace:/workspace $ "}}',
  userMessage:
    '{"id":0,"timestamp":"2024-12-04T10:00:00.000001","source":"user","message":"fix the tests","action":"message",' +
    '"args":{"content":"fix the tests","image_urls":null,"wait_for_response":false}}',
  stateChanged:
    '{"id":1,"timestamp":"2024-12-04T10:00:00.000002","source":"environment","message":"","observation":"agent_state_changed",' +
    '"content":"","extras":{"agent_state":"running"}}',
  recordedOutput:
    '{"id":3,"timestamp":"2024-12-04T10:00:01.5","source":"agent","message":"Command `ls` executed with exit code 0.","cause":2,' +
    '"observation":"run","content":"foo.py","extras":{"command_id":-1,"command":"ls","exit_code":0,"hidden":false,"interpreter_details":""}}',
  finish:
    '{"id":9,"timestamp":"2024-12-04T10:00:09","source":"agent","message":"All done.","action":"finish","args":{"outputs":{},"thought":""}}',
};

describe('0.15 event JSON', () => {
  it.each(Object.entries(examples))('round-trips the %s example exactly, key order included', (_name, text) => {
    expect(JSON.stringify(toEventJson(parseEvent(JSON.parse(text))))).toBe(text);
  });

  it('reads the examples into the right kinds', () => {
    const action = parseAction(JSON.parse(examples.runAction));
    expect(isAction(action)).toBe(true);
    expect(action.action === 'run' && action.args.command).toBe('ls');
    expect(action.timeout).toBe(120);
    expect(action.tool_call_metadata?.tool_call_id).toBe('call_1');
    const observation = parseObservation(JSON.parse(examples.recordedOutput));
    expect(isObservation(observation)).toBe(true);
    expect(observation.cause).toBe(2);
    expect(exitCodeOf(observation)).toBe(0);
  });

  it('writes our own events in 0.15 order and leaves unset fields out', () => {
    expect(Object.keys(toEventJson(cmdRunAction('ls', {timeout: 120})))).toEqual(['source', 'message', 'action', 'args', 'timeout']);
    expect(Object.keys(cmdRunAction('ls').args)).toEqual(['command', 'thought', 'blocking', 'keep_prompt', 'hidden', 'confirmation_state']);
    const withId = {...cmdRunAction('ls'), id: -1, cause: undefined};
    expect(Object.keys(toEventJson(withId))).toEqual(['source', 'message', 'action', 'args']);
    const risky = {...cmdRunAction('ls'), args: {...cmdRunAction('ls').args, security_risk: undefined}};
    expect(toEventJson(risky).args).not.toHaveProperty('security_risk');
    const observation = cmdOutputObservation({content: 'hi', command: 'echo hi', exitCode: 0, hidden: false, interpreterDetails: ''});
    expect(JSON.stringify(toEventJson({...observation, id: 4, cause: 3}))).toBe(
      '{"id":4,"message":"Command `echo hi` executed with exit code 0.","cause":3,"observation":"run","content":"hi",' +
        '"extras":{"command_id":-1,"command":"echo hi","exit_code":0,"hidden":false,"interpreter_details":""}}',
    );
    expect(Object.keys(fileEditObservation({path: 'a', prevExist: true, oldContent: 'x', newContent: 'y', diff: '-x\n+y'}).extras)).toEqual(
      ['path', 'prev_exist', 'old_content', 'new_content'],
    );
  });

  it("reads legacy args as 0.15's event_from_dict does", () => {
    const action = parseAction({
      action: 'run',
      args: {command: 'ls', is_confirmed: 'awaiting_confirmation', timestamp: '2024-01-01T00:00:00'},
      cause: null,
    });
    expect(action.args).toEqual({command: 'ls', confirmation_state: 'awaiting_confirmation'});
    expect(action).not.toHaveProperty('cause');
    const message = parseAction({action: 'message', args: {content: 'look', images_urls: ['data:image/png;base64,AA==']}});
    expect(message.args).toEqual({content: 'look', image_urls: ['data:image/png;base64,AA==']});
  });

  it('names the field that is off', () => {
    const fails = (value: unknown) => () => parseEvent(value);
    expect(fails([])).toThrow(EventFormatError);
    expect(fails({content: 'x'})).toThrow('exactly one of "action" and "observation"');
    expect(fails({action: 'run', observation: 'run'})).toThrow('exactly one of');
    expect(fails({action: 'dance', args: {}})).toThrow('"action" must be a 0.15 action type, got "dance"');
    expect(fails({action: 'run', args: {}})).toThrow('"args.command" of a run action must be a string, got nothing');
    expect(fails({action: 'delegate', args: {agent: 'x', inputs: null}})).toThrow('"args.inputs" of a delegate action must be an object');
    expect(fails({action: 'run', args: {command: 'ls'}, timeout: '5'})).toThrow('"timeout" must be a number');
    expect(fails({observation: 'run', content: 5, extras: {}})).toThrow('"content" must be a string, got 5');
    expect(fails({observation: 'run', content: '', extras: []})).toThrow('"extras" must be a JSON object');
    expect(fails({observation: 'nope', content: ''})).toThrow('"observation" must be a 0.15 observation type');
    expect(fails({observation: 'null', id: 1.5})).toThrow('"id" must be an integer, got 1.5');
    expect(fails({observation: 'null', source: 'robot'})).toThrow('"source" must be one of agent, user, environment, got "robot"');
    expect(fails({observation: 'null', cause: 'x'})).toThrow('"cause" must be an integer');
    expect(() => parseObservation(JSON.parse(examples.runAction))).toThrow('Expected an observation, got the action "run"');
    expect(() => parseAction(JSON.parse(examples.runObservation))).toThrow('Expected an action, got the observation "run"');
  });

  it('reads exit codes of run observations only, with 0.15 default 0', () => {
    expect(exitCodeOf({observation: 'run', content: '', extras: {command: 'x', exit_code: 3}})).toBe(3);
    expect(exitCodeOf({observation: 'run', content: '', extras: {command: 'x'}})).toBe(0);
    expect(exitCodeOf(errorObservation('boom'))).toBeUndefined();
  });

  it('writes and reads the cwd in interpreter_details', () => {
    const details = interpreterDetails({pythonPath: '/usr/bin/python', user: 'openhands', uid: 1000, cwd: '/workspace/a b'});
    expect(details).toBe('[Python Interpreter: /usr/bin/python]\nopenhands@openhands-workspace:/workspace/a b $ ');
    expect(cwdFromInterpreterDetails(details)).toBe('/workspace/a b');
    expect(cwdFromInterpreterDetails(interpreterDetails({pythonPath: undefined, user: 'root', uid: 0, cwd: '/'}))).toBe('/');
    expect(cwdFromInterpreterDetails('')).toBeUndefined();
  });
});
