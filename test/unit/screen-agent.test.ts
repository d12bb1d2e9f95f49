import {afterEach, describe, expect, it, vi} from 'vitest';
import type {AgentStatus} from '../../source/agent/agent-api.js';
import {attachAgent, NO_AGENT} from '../../source/commands/screen-agent.js';
import type {LiveSession, RuntimeView} from '../../source/runtime/live-session.js';
import {EventStream} from '../../source/session/event-stream.js';
import {AGENT_REPAINT_MS, SessionViewStore} from '../../source/ui/session/session-view-store.js';
import {FakeAgent} from '../helpers/fake-agent.js';

const view = (state: RuntimeView['state']): RuntimeView => ({
  state,
  detail: '',
  container: 'c',
  image: undefined,
  vscodeUrl: undefined,
  vscodeNote: undefined,
});

function setUp(options: {agent: boolean; task?: string; state?: RuntimeView['state']}) {
  const stream = new EventStream<Record<string, unknown>>([], undefined);
  const views = new SessionViewStore(view('starting'), []);
  const runtime = {view: view(options.state ?? 'starting')} as {view: RuntimeView};
  let agent: FakeAgent | undefined;
  const screen = attachAgent({
    createAgent: options.agent
      ? (events) => {
          agent = new FakeAgent(events, async ({setState}) => setState('awaiting_user_input'));
          return agent;
        }
      : undefined,
    stream,
    runtime: runtime as unknown as LiveSession,
    views,
    task: options.task,
  });
  const notes = () =>
    [...views.getSnapshot().transcript.items].filter((item) => item.kind === 'runtime-note').map((item) => (item as {text: string}).text);
  return {stream, views, runtime, screen, agent: () => agent, notes};
}

afterEach(() => {
  vi.useRealTimers();
});

describe('attachAgent (the session screen and its agent)', () => {
  it('without an agent: a message is recorded, with a note saying how to configure an LLM', () => {
    const s = setUp({agent: false});
    expect(s.screen.agent).toBeUndefined();
    s.screen.message('hello');
    expect(s.stream.all().map((event) => event.action)).toEqual(['message']);
    expect(s.notes()).toEqual([NO_AGENT]);
    expect(NO_AGENT).toContain('[llm] model and api_key');
    expect(NO_AGENT).toContain('--model');
    expect(NO_AGENT).toContain('LLM_API_KEY');
    expect(s.views.getSnapshot().agent).toBeUndefined();
  });

  it('without an agent the -t task is recorded at once, with the note', () => {
    const s = setUp({agent: false, task: 'the task'});
    expect(s.stream.all().map((event) => (event.args as {content?: string}).content)).toEqual(['the task']);
    expect(s.notes()).toEqual([NO_AGENT]);
  });

  it('the -t task and messages typed while the runtime comes up are sent once it runs, in order, once', async () => {
    const s = setUp({agent: true, task: 'the task'});
    s.screen.message('and this');
    expect(s.agent()?.sent).toEqual([]);
    expect(s.notes()).toEqual(['The runtime is starting: your message goes to the agent once it runs.']);
    s.runtime.view = view('running');
    s.screen.runtimeChanged(s.runtime.view);
    s.screen.runtimeChanged(s.runtime.view);
    await vi.waitFor(() => expect(s.agent()?.sent).toEqual(['the task', 'and this']));
    s.screen.message('later');
    await vi.waitFor(() => expect(s.agent()?.sent).toEqual(['the task', 'and this', 'later']));
  });

  it("/confirm toggles the agent's confirmation mode and says so; stop and confirm reach the agent", () => {
    const s = setUp({agent: true, state: 'running'});
    s.screen.toggleConfirmationMode();
    expect(s.agent()?.status.confirmationMode).toBe(true);
    expect(s.notes().at(-1)).toContain('Confirmation mode on');
    s.screen.toggleConfirmationMode();
    expect(s.agent()?.status.confirmationMode).toBe(false);
    expect(s.notes().at(-1)).toBe('Confirmation mode off.');
    s.screen.confirm('all');
    s.screen.stop();
    expect(s.agent()?.answers).toEqual(['all']);
    expect(s.agent()?.stops).toBe(1);
  });
});

describe('SessionViewStore.setAgent: repaints batched to ~30 a second', () => {
  const status = (draft: string): AgentStatus => ({
    state: 'running',
    model: 'm',
    usage: {inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0},
    cost: undefined,
    confirmationMode: false,
    draft,
    reason: '',
  });

  it('a token a millisecond for a second makes at most ~31 notifications, and the last draft is shown', () => {
    vi.useFakeTimers();
    const store = new SessionViewStore(view('running'), []);
    let notified = 0;
    store.subscribe(() => notified++);
    let text = '';
    for (let ms = 0; ms < 1000; ms++) {
      text += 'x';
      store.setAgent(status(text));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(AGENT_REPAINT_MS);
    expect(notified).toBeLessThanOrEqual(Math.ceil(1000 / AGENT_REPAINT_MS) + 1);
    expect(notified).toBeGreaterThanOrEqual(25);
    expect(store.getSnapshot().agent?.draft).toBe(text);
  });

  it("the agent's recorded answer clears the draft at once", () => {
    const store = new SessionViewStore(view('running'), []);
    store.setAgent(status('Hel'), 0);
    store.addEvent({id: 0, timestamp: '2026-01-01T00:00:00Z', source: 'agent', action: 'message', args: {content: 'Hello'}});
    expect(store.getSnapshot().agent?.draft).toBeUndefined();
    store.dispose();
  });
});
