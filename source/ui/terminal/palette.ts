import type {IBufferCell} from '@xterm/headless';

// The 16 ANSI colours by the names Ink (chalk) knows, so the user's terminal theme still applies.
const ANSI_NAMES = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
];

/** A cell's foreground as an Ink colour, or undefined for the terminal's default. */
export function foregroundOf(cell: IBufferCell): string | undefined {
  if (cell.isFgDefault()) return undefined;
  return colour(cell.getFgColor(), cell.isFgRGB());
}

export function backgroundOf(cell: IBufferCell): string | undefined {
  if (cell.isBgDefault()) return undefined;
  return colour(cell.getBgColor(), cell.isBgRGB());
}

function colour(value: number, rgb: boolean): string {
  if (rgb) return `#${value.toString(16).padStart(6, '0')}`;
  return ANSI_NAMES[value] ?? `ansi256(${value})`;
}
