/**
 * Line numbers of keys and table headers in a TOML text, so messages can say `config.toml:12:`.
 * A best-effort scan, not a parser: it runs only on text smol-toml has already accepted, and a key
 * it cannot place is reported without a line.
 */

/** One address per key or table: its path segments joined with a separator no key name holds. */
export function keyPath(segments: readonly string[]): string {
  return segments.join('\u0000');
}

const SEGMENT = /\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*/y;

/** Splits a dotted key (`a."b.c".d`) starting at `text[0]`; returns the segments and where it ended. */
function readKey(text: string): {segments: string[]; end: number} | undefined {
  const segments: string[] = [];
  let at = 0;
  for (;;) {
    SEGMENT.lastIndex = at;
    const match = SEGMENT.exec(text);
    if (!match) return undefined;
    const quoted = match[2];
    segments.push(match[1] ?? (quoted === undefined ? match[3]! : (JSON.parse(`"${quoted}"`) as string)));
    at = SEGMENT.lastIndex;
    if (text[at] !== '.') return {segments, end: at};
    at++;
  }
}

/** Multi-line strings may hold lines that look like keys; count their delimiters to skip them. */
function opensMultilineString(line: string, delimiter: string): boolean {
  return line.split(delimiter).length % 2 === 0;
}

export function findKeyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const remember = (segments: string[], line: number): void => {
    // Every prefix too: `[llm.cheap]` also places `llm` when nothing else did.
    for (let n = 1; n <= segments.length; n++) {
      const address = keyPath(segments.slice(0, n));
      if (!lines.has(address)) lines.set(address, line);
    }
  };
  let table: string[] = [];
  let inString: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (inString) {
      if (opensMultilineString(line, inString)) inString = undefined;
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('[')) {
      const array = line.startsWith('[[');
      const key = readKey(line.slice(array ? 2 : 1));
      if (key) {
        table = key.segments;
        remember(table, index + 1);
      }
      return;
    }
    const key = readKey(line);
    if (!key || line[key.end] !== '=') return;
    remember([...table, ...key.segments], index + 1);
    const value = line.slice(key.end + 1);
    inString = ['"""', "'''"].find((delimiter) => opensMultilineString(value, delimiter));
  });
  return lines;
}
