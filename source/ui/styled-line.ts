/**
 * Styled text as data: what a pane shows, decided by pure code and drawn by Ink as <Text> props.
 * Nothing we draw carries escape sequences of its own, so no text can move or recolour the screen.
 */
export interface TextStyle {
  /** An Ink colour: a name (`red`, `blueBright`), `#rrggbb` or `ansi256(n)`. */
  readonly color?: string;
  readonly backgroundColor?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly strikethrough?: boolean;
  readonly inverse?: boolean;
}

export interface Span extends TextStyle {
  readonly text: string;
}

/** One row of a pane: spans side by side. */
export type StyledLine = readonly Span[];

export function plainText(line: StyledLine): string {
  return line.length === 1 ? (line[0] as Span).text : line.map((span) => span.text).join('');
}
