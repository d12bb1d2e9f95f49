import {useSyncExternalStore} from 'react';
import {describe, expect, it} from 'vitest';
import type {AgentStatus, ConfirmationAnswer} from '../../source/agent/agent-api.js';
import type {TranscriptEvent} from '../../source/events/transcript.js';
import {SessionScreen} from '../../source/ui/screens/SessionScreen.js';
import {SessionViewStore} from '../../source/ui/session/session-view-store.js';
import {TerminalEmulator} from '../../source/ui/terminal/terminal-emulator.js';
import {KEYS, renderForInput} from '../helpers/ink-input.js';

const running: AgentStatus = {
  state: 'running',
  model: 'openai/gpt-4o',
  usage: {inputTokens: 1500, outputTokens: 42, cacheReadTokens: 0, cacheWriteTokens: 0},
  cost: 0.0042,
  confirmationMode: false,
  draft: undefined,
  reason: '',
};

const ESC = '\u001b';

function App({store, calls}: {store: SessionViewStore; calls: Calls}) {
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <SessionScreen
      sid="agent-ui"
      workspace="/home/me/project"
      view={view}
      emulator={new TerminalEmulator({cols: 100, rows: 5})}
      history={[]}
      openLink={async () => ({opened: true})}
      onSubmit={(text) => calls.submitted.push(text)}
      onTypeToCommand={() => {}}
      onHistoryChange={() => {}}
      onInterrupt={() => calls.interrupts++}
      onRestart={() => {}}
      onQuit={() => calls.quits++}
      onPickSession={() => {}}
      onClosePicker={() => {}}
      onConfirm={(answer) => calls.answers.push(answer)}
      onStopAgent={() => calls.stops++}
    />
  );
}

interface Calls {
  submitted: string[];
  answers: ConfirmationAnswer[];
  stops: number;
  interrupts: number;
  quits: number;
}

async function screen(history: TranscriptEvent[] = [], agent: AgentStatus | null = running) {
  const store = new SessionViewStore(
    {
      state: 'running',
      detail: '',
      container: 'openhands-runtime-agent-ui',
      image: 'oh-tui/runtime:x',
      vscodeUrl: undefined,
      vscodeNote: undefined,
    },
    history,
  );
  store.setAgent(agent ?? undefined, 0);
  const calls: Calls = {submitted: [], answers: [], stops: 0, interrupts: 0, quits: 0};
  const instance = await renderForInput(<App store={store} calls={calls} />);
  return {...instance, store, calls};
}

const heldCommand: TranscriptEvent = {
  id: 0,
  timestamp: '2026-01-01T10:00:00Z',
  source: 'agent',
  message: 'Running command: rm -rf build',
  action: 'run',
  args: {command: 'rm -rf build', thought: 'Clean the build first.', confirmation_state: 'awaiting_confirmation'},
};

describe('the session screen with an agent', () => {
  it("the header shows the agent's state, model, tokens, cost and confirmation mode; without an agent, that there is none", async () => {
    const s = await screen();
    expect(s.text()).toContain('agent ● running  model openai/gpt-4o  tokens 1.5k in / 42 out  $0.0042  confirm off');
    s.store.setAgent({...running, state: 'finished', confirmationMode: true}, 1000);
    await expect.poll(() => s.text()).toContain('agent ✔ finished');
    expect(s.text()).toContain('confirm on');
    const none = await screen([], null);
    expect(none.text()).toContain('agent none  no LLM configured');
  });

  it('streams the draft as a live last item, replaced by the recorded message when it comes', async () => {
    const s = await screen();
    s.store.setAgent({...running, draft: 'Looking at the'}, 1000);
    await expect.poll(() => s.text()).toContain('◆ Looking at the▍');
    s.store.setAgent({...running, draft: 'Looking at the tests now.'}, 2000);
    await expect.poll(() => s.text()).toContain('◆ Looking at the tests now.▍');
    s.store.addEvent({
      id: 0,
      timestamp: '2026-01-01T10:00:00Z',
      source: 'agent',
      message: '',
      action: 'message',
      args: {content: 'Looking at the tests now.'},
    });
    await expect.poll(() => s.text()).toContain('◆ Looking at the tests now.');
    expect(s.text()).not.toContain('▍');
    expect(s.text().match(/Looking at the tests now/g)).toHaveLength(1);
  });

  it('an action awaiting confirmation: a prompt line, and y/n/a in the empty composer answer it', async () => {
    const s = await screen([heldCommand], {...running, state: 'awaiting_user_confirmation', confirmationMode: true});
    await expect.poll(() => s.text()).toContain('? run ❯ rm -rf build   y run · n reject · a run all this turn');
    expect(s.text()).toContain('? waiting for your confirmation');
    s.stdin.write('y');
    await expect.poll(() => s.calls.answers).toEqual(['yes']);
    s.stdin.write('n');
    s.stdin.write('a');
    await expect.poll(() => s.calls.answers).toEqual(['yes', 'no', 'all']);
    // Nothing was typed: the letters were answers.
    expect(s.calls.submitted).toEqual([]);
  });

  it('with text in the composer, y is just a letter; not waiting, y/n/a are letters', async () => {
    const s = await screen([heldCommand], {...running, state: 'awaiting_user_confirmation'});
    s.stdin.write('x');
    await expect.poll(() => s.text()).toContain('❯ x');
    s.stdin.write('y');
    await expect.poll(() => s.text()).toContain('❯ xy');
    expect(s.calls.answers).toEqual([]);
    const idle = await screen([], {...running, state: 'awaiting_user_input'});
    idle.stdin.write('yes');
    await expect.poll(() => idle.text()).toContain('❯ yes');
    idle.stdin.write(KEYS.enter);
    await expect.poll(() => idle.calls.submitted).toEqual(['yes']);
    expect(idle.calls.answers).toEqual([]);
    expect(idle.text()).not.toContain('y run · n reject');
  });

  it("Esc stops the agent's step while it works; Ctrl+C interrupts it first and quits on a second press", async () => {
    const s = await screen();
    expect(s.text()).toContain('Esc stop agent');
    s.stdin.write(ESC);
    await expect.poll(() => s.calls.stops).toBe(1);
    await expect.poll(() => s.text()).toContain('Stopping the agent…');
    s.stdin.write(KEYS.ctrlC);
    await expect.poll(() => s.calls.interrupts).toBe(1);
    await expect.poll(() => s.text()).toContain("Interrupting the agent's step · press Ctrl+C again to quit");
    s.stdin.write(KEYS.ctrlC);
    await expect.poll(() => s.calls.quits).toBe(1);
    // Waiting for the user, Ctrl+C only arms quitting (and Esc is no key: see the key table test).
    const idle = await screen([], {...running, state: 'awaiting_user_input'});
    idle.stdin.write(KEYS.ctrlC);
    await expect.poll(() => idle.text()).toContain('Press Ctrl+C again to quit');
    expect([idle.calls.stops, idle.calls.interrupts]).toEqual([0, 0]);
    expect(idle.text()).not.toContain('stop agent');
    // Both presses in one chunk (a slow reader): still two Ctrl+C, so the screen quits.
    const chunked = await screen([], {...running, state: 'awaiting_user_input'});
    chunked.stdin.write(KEYS.ctrlC + KEYS.ctrlC);
    await expect.poll(() => chunked.calls.quits).toBe(1);
  });

  it('while an action waits for confirmation the step is still on: Esc stops it, Ctrl+C interrupts it rather than only arming quitting', async () => {
    const s = await screen([heldCommand], {...running, state: 'awaiting_user_confirmation', confirmationMode: true});
    await expect.poll(() => s.text()).toContain('y run · n reject · a run all this turn');
    expect(s.text()).toContain('Esc stop agent');
    s.stdin.write(ESC);
    await expect.poll(() => s.calls.stops).toBe(1);
    const other = await screen([heldCommand], {...running, state: 'awaiting_user_confirmation', confirmationMode: true});
    other.stdin.write(KEYS.ctrlC);
    await expect.poll(() => other.text()).toContain("Interrupting the agent's step · press Ctrl+C again to quit");
    expect(other.calls.interrupts).toBe(1);
    expect(other.calls.answers).toEqual([]);
  });
});
