/** ANSI colours for plain-text output (tables, transcripts), off unless `enabled`. */
export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? text : `\u001B[${open}m${text}\u001B[${close}m`);
const plain = (text: string) => text;

export function textStyle(enabled: boolean): TextStyle {
  if (!enabled) return {bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain};
  return {bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39)};
}

/** Colour only on a terminal, and never with NO_COLOR set (no-color.org) or TERM=dumb. */
export function wantsColor(stream: {isTTY?: boolean}, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}
