import {render} from 'ink-testing-library';
import stripAnsi from 'strip-ansi';
import {afterEach, describe, expect, it} from 'vitest';
import type {KeyContext} from '../../source/ui/keys/key-context.js';
import {footerText} from '../../source/ui/keys/footer-hints.js';
import {notice} from '../../source/ui/notices/notice.js';
import {Footer} from '../../source/ui/panes/Footer.js';
import type {AgentStatus} from '../../source/agent/agent-api.js';
import {Header, type HeaderProps} from '../../source/ui/panes/Header.js';

const URL = 'http://localhost:49153/?tkn=7c2b9e0e-1d6f-4c3a-9f1e-1234567890ab&folder=/workspace';

const props: HeaderProps = {
  sid: 'my-project-1a2b3c4d',
  container: 'openhands-runtime-my-project-1a2b3c4d',
  state: 'running',
  image: 'oh-tui/runtime:oh_v0.1.0_3f2a9c1d7e6b5a40_9c8b7a6f5e4d3c2b',
  workspace: '/home/someone/src/clients/acme/my-project',
  vscodeUrl: URL,
  columns: 120,
};

const instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

function lines(element: React.ReactElement): string[] {
  const instance = render(element);
  instances.push(instance);
  return stripAnsi(instance.lastFrame() ?? '').split('\n');
}

describe('Header', () => {
  const NO_AGENT_LINE = 'agent none  no LLM configured: !cmd runs commands, /help says how to add one';

  it('at 120 columns: status on three lines (the last: the agent), the VS Code link alone on the fourth', () => {
    expect(lines(<Header {...props} />)).toEqual([
      'session my-project-1a2b3c4d  ● running  openhands-runtime-my-project-1a2b3c4d',
      `workspace ${props.workspace}  image ${props.image}`,
      NO_AGENT_LINE,
      URL,
    ]);
  });

  const agent: AgentStatus = {
    state: 'running',
    model: 'openai/gpt-4o-2024-08-06',
    usage: {inputTokens: 12_345, outputTokens: 678, cacheReadTokens: 0, cacheWriteTokens: 0},
    cost: 0.01234,
    confirmationMode: false,
    draft: undefined,
    reason: '',
  };

  it("shows the agent's state, model, tokens in/out, cost and confirmation mode; the link line stays plain", () => {
    const shown = lines(<Header {...props} agent={agent} />);
    expect(shown[2]).toBe('agent ● running  model openai/gpt-4o-2024-08-06  tokens 12k in / 678 out  $0.0123  confirm off');
    expect(shown[3]).toBe(URL);
    const waiting = lines(
      <Header {...props} agent={{...agent, state: 'awaiting_user_confirmation', confirmationMode: true, cost: undefined}} />,
    );
    expect(waiting[2]).toBe(
      'agent ? awaiting user confirmation  model openai/gpt-4o-2024-08-06  tokens 12k in / 678 out  cost ?  confirm on',
    );
    const failed = lines(<Header {...props} agent={{...agent, state: 'error', reason: 'max_iterations (3) reached'}} />);
    expect(failed[2]).toContain('agent ✖ error (max_iterations (3) reached)');
    for (const state of ['loading', 'awaiting_user_input', 'finished', 'stopped'] as const) {
      expect(lines(<Header {...props} agent={{...agent, state}} />)[2]).toContain(state.replaceAll('_', ' '));
    }
  });

  it('at 60 columns the agent line gives up the model first and stays on one line', () => {
    const shown = lines(<Header {...props} agent={agent} columns={60} />);
    expect(shown[2]).toMatch(/^agent ● running {2}model .*…/);
    expect(shown[2]!.length).toBeLessThanOrEqual(60);
  });

  it('at 60 columns: status lines shortened to fit, the link whole (continued on the next line), nothing beside it', () => {
    const shown = lines(<Header {...props} columns={60} />);
    expect(shown.slice(0, 2)).toEqual([
      'session my-project-1a2b3c4d  ● running  openhands-…-1a2b3c4d',
      'workspace …ients/acme/my-project  image oh-tui/run…f5e4d3c2b',
    ]);
    expect(shown.slice(3).join('')).toBe(URL);
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('shows each runtime state, and a note while there is no link', () => {
    for (const state of ['building', 'starting', 'running', 'stopped', 'lost'] as const) {
      expect(lines(<Header {...props} state={state} vscodeUrl={undefined} />)[0]).toContain(` ${state}  `);
    }
    expect(lines(<Header {...props} vscodeUrl={undefined} />)[3]).toBe('VS Code: waiting for the runtime');
    expect(lines(<Header {...props} vscodeUrl={undefined} vscodeNote="VS Code is off ([sandbox] enable_vscode)" />)[3]).toBe(
      'VS Code is off ([sandbox] enable_vscode)',
    );
  });

  it('never wraps a status line into a second one, even in a very narrow terminal', () => {
    const shown = lines(<Header {...props} columns={24} vscodeUrl={undefined} agent={agent} />);
    expect(shown).toHaveLength(4);
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(24);
  });
});

describe('Footer', () => {
  const composer: Omit<KeyContext, 'composer'> = {focus: 'composer', commandRunning: false, runtimeLost: false};

  it('shows the hints generated from the key table for the focused part', () => {
    expect(lines(<Footer context={composer} notice={undefined} columns={100} />)).toEqual([footerText(composer, 100)]);
    const pane = lines(<Footer context={{...composer, focus: 'events'}} notice={undefined} columns={100} />);
    expect(pane[0]).toContain('Home/End top/bottom');
    expect(pane[0]).not.toContain('send');
  });

  it('shows a notice above the hints; a long one wraps so a link in it stays whole', () => {
    const long = `Not opening a browser: this is an SSH session. Open the link yourself: ${URL}`;
    const shown = lines(<Footer context={composer} notice={notice(long, 'warning')} columns={60} />);
    expect(shown.at(-1)).toBe(footerText(composer, 60));
    expect(shown.slice(0, -1).join('')).toContain(URL);
  });
});
