import type {Chord} from './chord.js';
import type {Condition} from './key-context.js';

/**
 * Every key of the session screen, as data: the handlers (matchKey), the footer, /help and the
 * README's key table are all derived from this one table. Order matters twice: the first binding
 * whose chord matches wins (so `\` Enter comes before Enter), and it is the order of the docs.
 */

/** Where a binding applies: anywhere on the screen, in the composer, in a scrollable pane, or in the /sessions picker. */
export type Scope = 'global' | 'composer' | 'pane' | 'picker';

export const SCOPE_LABELS: Record<Scope, string> = {
  global: 'session screen',
  composer: 'composer',
  pane: 'events or terminal pane',
  picker: 'sessions picker (/sessions)',
};

export interface KeyStroke extends Chord {
  /** The chord means this binding only while the condition holds. */
  when?: Condition;
  /** Pressed twice in a row (within the quit window); resolved by the quit guard, not matchKey. */
  twice?: boolean;
}

export interface FooterHint {
  /** A word or two; bindings with the same label are shown as one hint ("PgUp/PgDn scroll"). */
  label: string;
  /** Lower ranks are shown first and dropped last when the footer is narrow. */
  rank: number;
  /** Shown only while this holds (a restart key only when there is something to restart). */
  when?: Condition;
  /** How many of the binding's keys the hint names (default 1). */
  keyCount?: number;
}

export interface Binding {
  id: string;
  keys: readonly KeyStroke[];
  description: string;
  scope: Scope;
  footer?: FooterHint;
}

const ctrl = (key: Chord['key'], extra: Omit<KeyStroke, 'key'> = {}): KeyStroke => ({key, ctrl: true, ...extra});

export const BINDINGS = [
  {
    id: 'run.interrupt',
    keys: [ctrl('c')],
    description: "interrupt the running command and stop the agent's step; with neither running, ask for a second Ctrl+C to quit",
    scope: 'global',
    footer: {label: 'stop', rank: 1, when: 'commandRunning'},
  },
  {
    id: 'agent.stop',
    keys: [{key: 'escape', when: 'agentRunning'}],
    description: "stop the agent's step (and the command it runs); the agent then waits for you",
    scope: 'global',
    footer: {label: 'stop agent', rank: 1, when: 'agentRunning'},
  },
  {
    id: 'app.quit',
    keys: [ctrl('c', {twice: true})],
    description: 'quit: a second Ctrl+C within 2 s of the first',
    scope: 'global',
    footer: {label: 'quit', rank: 9},
  },
  {
    id: 'vscode.open',
    keys: [ctrl('o')],
    description: 'open the VS Code link in a browser; under SSH or without a display, show the link and say why',
    scope: 'global',
    footer: {label: 'VS Code', rank: 3},
  },
  {
    id: 'runtime.restart',
    keys: [ctrl('r', {when: 'runtimeLost'})],
    description: 'restart the runtime container',
    scope: 'global',
    footer: {label: 'restart runtime', rank: 0, when: 'runtimeLost'},
  },
  {
    id: 'terminal.toggle',
    keys: [ctrl('t')],
    description: 'show or hide the terminal pane',
    scope: 'global',
    footer: {label: 'terminal', rank: 6},
  },
  {id: 'focus.next', keys: [{key: 'tab'}], description: 'focus the next pane', scope: 'global', footer: {label: 'focus', rank: 5}},
  {id: 'focus.previous', keys: [{key: 'tab', shift: true}], description: 'focus the previous pane', scope: 'global'},
  {
    id: 'scroll.pageUp',
    keys: [{key: 'pageup'}],
    description: 'scroll the focused pane (from the composer: the events pane) up a page',
    scope: 'global',
    footer: {label: 'scroll', rank: 7},
  },
  {
    id: 'scroll.pageDown',
    keys: [{key: 'pagedown'}],
    description: 'scroll the focused pane (from the composer: the events pane) down a page',
    scope: 'global',
    footer: {label: 'scroll', rank: 7},
  },
  {
    id: 'confirm.yes',
    keys: [{key: 'y', when: 'confirmationAsked'}],
    description: 'run the action the agent waits to run',
    scope: 'composer',
    footer: {label: 'run', rank: 0, when: 'confirmationAsked'},
  },
  {
    id: 'confirm.no',
    keys: [{key: 'n', when: 'confirmationAsked'}],
    description: 'reject it (the agent is told)',
    scope: 'composer',
    footer: {label: 'reject', rank: 0, when: 'confirmationAsked'},
  },
  {
    id: 'confirm.all',
    keys: [{key: 'a', when: 'confirmationAsked'}],
    description: 'run it and the rest of this turn without asking',
    scope: 'composer',
    footer: {label: 'run all this turn', rank: 0, when: 'confirmationAsked'},
  },
  {
    id: 'composer.newline',
    keys: [{key: 'return', shift: true}, ctrl('j'), {key: 'return', meta: true}, {key: 'return', when: 'afterBackslash'}],
    description: 'insert a new line (many terminals send Shift+Enter as a plain Enter: then use Ctrl+J, or end the line with `\\`)',
    scope: 'composer',
    footer: {label: 'new line', rank: 4, keyCount: 2},
  },
  {
    id: 'composer.submit',
    keys: [{key: 'return'}],
    description:
      'send: a message to the agent, `!command` to the runtime shell, `/command` to oh-tui; while a command runs, a line to its input',
    scope: 'composer',
    footer: {label: 'send', rank: 2},
  },
  {
    id: 'history.prev',
    keys: [{key: 'up', when: 'cursorOnFirstLine'}],
    description: 'the previous input of this session',
    scope: 'composer',
    footer: {label: 'history', rank: 8},
  },
  {
    id: 'history.next',
    keys: [{key: 'down', when: 'cursorOnLastLine'}],
    description: 'the next input of this session (past the newest: what you were typing)',
    scope: 'composer',
    footer: {label: 'history', rank: 8},
  },
  {id: 'cursor.up', keys: [{key: 'up'}], description: 'move the cursor a line up', scope: 'composer'},
  {id: 'cursor.down', keys: [{key: 'down'}], description: 'move the cursor a line down', scope: 'composer'},
  {id: 'cursor.left', keys: [{key: 'left'}], description: 'move the cursor left', scope: 'composer'},
  {id: 'cursor.right', keys: [{key: 'right'}], description: 'move the cursor right', scope: 'composer'},
  {id: 'cursor.lineStart', keys: [{key: 'home'}, ctrl('a')], description: 'move to the start of the line', scope: 'composer'},
  {id: 'cursor.lineEnd', keys: [{key: 'end'}, ctrl('e')], description: 'move to the end of the line', scope: 'composer'},
  {
    id: 'edit.backspace',
    keys: [{key: 'backspace'}],
    description: 'delete the character before the cursor (Ink 6.8 reports Delete as Backspace, so Delete does this too)',
    scope: 'composer',
  },
  {id: 'edit.deleteForward', keys: [ctrl('d')], description: 'delete the character under the cursor', scope: 'composer'},
  {id: 'edit.deleteWordBack', keys: [ctrl('w')], description: 'delete the word before the cursor', scope: 'composer'},
  {id: 'edit.deleteToLineStart', keys: [ctrl('u')], description: 'delete to the start of the line', scope: 'composer'},
  {id: 'edit.deleteToLineEnd', keys: [ctrl('k')], description: 'delete to the end of the line', scope: 'composer'},
  {id: 'scroll.lineUp', keys: [{key: 'up'}], description: 'scroll up a line', scope: 'pane'},
  {id: 'scroll.lineDown', keys: [{key: 'down'}], description: 'scroll down a line', scope: 'pane'},
  {id: 'scroll.home', keys: [{key: 'home'}], description: 'scroll to the top', scope: 'pane', footer: {label: 'top/bottom', rank: 8}},
  {
    id: 'scroll.end',
    keys: [{key: 'end'}],
    description: 'scroll to the bottom (and follow new output)',
    scope: 'pane',
    footer: {label: 'top/bottom', rank: 8},
  },
  {id: 'picker.up', keys: [{key: 'up'}], description: 'select the session above', scope: 'picker', footer: {label: 'move', rank: 1}},
  {id: 'picker.down', keys: [{key: 'down'}], description: 'select the session below', scope: 'picker', footer: {label: 'move', rank: 1}},
  {
    id: 'picker.pick',
    keys: [{key: 'return'}],
    description: 'switch to the selected session (this one ends as on quitting; on the current one: just close the picker)',
    scope: 'picker',
    footer: {label: 'switch', rank: 0},
  },
  {
    id: 'picker.close',
    keys: [{key: 'escape'}],
    description: 'close the picker and stay in this session',
    scope: 'picker',
    footer: {label: 'back', rank: 2},
  },
] as const satisfies readonly Binding[];

export type BindingId = (typeof BINDINGS)[number]['id'];

export function bindingById(id: BindingId): Binding {
  return BINDINGS.find((binding) => binding.id === id)!;
}

export function scopeOf(id: BindingId): Scope {
  return bindingById(id).scope;
}
