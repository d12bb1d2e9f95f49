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

/**
 * The same row in as few spans as look the same: spaces take on a neighbour's style when neither
 * style would show on a space (colour, bold, italic do not), and neighbours of one style join. Ink draws a <Text> per span,
 * and the count of them is what a frame costs.
 */
export function compactLine(line: StyledLine): StyledLine {
  if (line.length < 2) return line;
  const spans: Span[] = [];
  for (let index = 0; index < line.length; index++) {
    let span = line[index] as Span;
    const next = line[index + 1];
    const blank = invisibleOnSpaces(span) && isSpaces(span.text);
    if (next && blank && invisibleOnSpaces(next)) span = {...next, text: span.text};
    const previous = spans.at(-1);
    if (previous && (sameStyle(previous, span) || (blank && invisibleOnSpaces(previous)))) {
      spans[spans.length - 1] = {...previous, text: previous.text + span.text};
    } else spans.push(span);
  }
  return spans;
}

const STYLE_KEYS = ['color', 'backgroundColor', 'bold', 'dim', 'italic', 'underline', 'strikethrough', 'inverse'] as const;

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return STYLE_KEYS.every((key) => (a[key] ?? false) === (b[key] ?? false));
}

function invisibleOnSpaces(style: TextStyle): boolean {
  return !style.backgroundColor && !style.inverse && !style.underline && !style.strikethrough;
}

function isSpaces(text: string): boolean {
  return /^ *$/.test(text);
}
