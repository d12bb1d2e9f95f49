import type {VertexState} from '../image/build-progress.js';

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
