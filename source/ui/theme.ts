import type {VertexState} from '../image/build-progress.js';
import type {Notice} from './notices/notice.js';
import type {RuntimeState} from './runtime-state.js';

/** Colours and glyphs in one place, so screens agree and NO_COLOR-style tweaks touch one file. */
export const theme = {
  accent: 'cyan',
  success: 'green',
  warning: 'yellow',
  error: 'red',
  muted: 'gray',
} as const;

export const stepGlyph: Record<VertexState, {glyph: string; color: string | undefined}> = {
  waiting: {glyph: '○', color: theme.muted},
  running: {glyph: '●', color: theme.accent},
  done: {glyph: '✔', color: theme.success},
  cached: {glyph: '✔', color: theme.success},
  failed: {glyph: '✖', color: theme.error},
  cancelled: {glyph: '⊘', color: theme.warning},
};

/** The header's runtime state: a glyph and a colour per state (the word is always shown too). */
export const runtimeStateStyle: Record<RuntimeState, {glyph: string; color: string}> = {
  building: {glyph: '◌', color: theme.warning},
  starting: {glyph: '◌', color: theme.accent},
  running: {glyph: '●', color: theme.success},
  stopped: {glyph: '○', color: theme.muted},
  lost: {glyph: '✖', color: theme.error},
};

export const noticeColor: Record<Notice['tone'], string> = {
  info: theme.accent,
  warning: theme.warning,
  error: theme.error,
};
