import type {TextProps} from 'ink';
import {createContext} from 'react';
import type {AgentState} from '../events/actions.js';
import type {VertexState} from '../image/build-progress.js';
import type {Notice} from './notices/notice.js';
import type {RuntimeState} from './runtime-state.js';

/** A style as Ink <Text> props; spread onto a <Text>. */
export type TextStyle = Pick<TextProps, 'color' | 'bold' | 'dimColor'>;

/** Every style a screen uses, by role, so screens agree and colour is switched off in one place. */
export interface Theme {
  accent: TextStyle;
  success: TextStyle;
  warning: TextStyle;
  error: TextStyle;
  muted: TextStyle;
  /** Secondary text: a running step's log, a step still waiting. */
  faint: TextStyle;
  /** Headings and key names. */
  strong: TextStyle;
}

const colours: Theme = {
  accent: {color: 'cyan'},
  success: {color: 'green'},
  warning: {color: 'yellow'},
  error: {color: 'red'},
  muted: {color: 'gray'},
  faint: {dimColor: true},
  strong: {bold: true},
};

// No style at all: bold and dim are escape codes too, and who asks for no colour (a log file, a
// screen reader, a monochrome terminal) wants plain text. The glyphs still tell the states apart.
const plain: Theme = {accent: {}, success: {}, warning: {}, error: {}, muted: {}, faint: {}, strong: {}};

/**
 * The theme for the command's colour decision (colorEnabled: off with [core] disable_color or
 * NO_COLOR). With colour on, Ink's chalk still leaves colours out where the terminal has none.
 */
export function themeFor(color: boolean): Theme {
  return color ? colours : plain;
}

export const stepGlyph: Record<VertexState, {glyph: string; style: keyof Theme}> = {
  waiting: {glyph: '○', style: 'muted'},
  running: {glyph: '●', style: 'accent'},
  done: {glyph: '✔', style: 'success'},
  cached: {glyph: '✔', style: 'success'},
  failed: {glyph: '✖', style: 'error'},
  cancelled: {glyph: '⊘', style: 'warning'},
};

/** The colour names behind the roles, for code that builds styled spans as data (the panes). */
export const palette = {accent: 'cyan', success: 'green', warning: 'yellow', error: 'red', muted: 'gray'} as const;

/**
 * The command's colour decision for components deep in a screen (StyledRow): with it off, spans
 * are drawn as plain text, whatever styles the data carries.
 */
export const ColorContext = createContext(true);

/** The header's runtime state: a glyph and a colour per state (the word is always shown too). */
export const runtimeStateStyle: Record<RuntimeState, {glyph: string; color: string}> = {
  building: {glyph: '◌', color: palette.warning},
  starting: {glyph: '◌', color: palette.accent},
  running: {glyph: '●', color: palette.success},
  stopped: {glyph: '○', color: palette.muted},
  lost: {glyph: '✖', color: palette.error},
};

export const noticeColor: Record<Notice['tone'], string> = {
  info: palette.accent,
  warning: palette.warning,
  error: palette.error,
};

/** The header's agent state: a glyph and a colour per 0.15 state (the words are always shown too). */
export const agentStateStyle: Record<AgentState, {glyph: string; color: string}> = {
  loading: {glyph: '◌', color: palette.accent},
  init: {glyph: '◌', color: palette.accent},
  running: {glyph: '●', color: palette.accent},
  awaiting_user_input: {glyph: '○', color: palette.success},
  awaiting_user_confirmation: {glyph: '?', color: palette.warning},
  user_confirmed: {glyph: '●', color: palette.accent},
  user_rejected: {glyph: '✖', color: palette.warning},
  paused: {glyph: '‖', color: palette.warning},
  stopped: {glyph: '■', color: palette.muted},
  finished: {glyph: '✔', color: palette.success},
  rejected: {glyph: '✖', color: palette.warning},
  error: {glyph: '✖', color: palette.error},
};
