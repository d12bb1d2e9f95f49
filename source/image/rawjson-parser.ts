export type RawJsonItem = {kind: 'json'; value: unknown} | {kind: 'text'; line: string};

export interface RawJsonParser {
  feed(chunk: string): RawJsonItem[];
  /** Flushes what is left at the end of the stream (a last line without newline, a torn value). */
  end(): RawJsonItem[];
}

export interface RawJsonParserOptions {
  /** A JSON value longer than this (chars) is given up on and returned as text. */
  maxValueChars?: number;
  /** Text lines are cut at this length so a stream without newlines cannot grow memory. */
  maxLineChars?: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;

/**
 * Incremental parser for what `docker buildx build --progress=rawjson` writes to stderr:
 * JSON values one after another (pretty-printed over several lines by buildx 0.13, one per line
 * by newer releases), with plain text lines in between (`ERROR: failed to solve: ...`).
 * The same parser reads the classic Engine API build stream (one JSON object per line).
 *
 * Pure: feed(chunk) returns what became complete; chunk boundaries may fall anywhere.
 * Decode bytes to text with a StringDecoder before feeding, so split UTF-8 stays intact.
 */
export function createRawJsonParser(options: RawJsonParserOptions = {}): RawJsonParser {
  const maxValueChars = options.maxValueChars ?? 64 * 1024 * 1024;
  const maxLineChars = options.maxLineChars ?? 64 * 1024;

  // Inside a JSON value: its text so far, nesting depth and string state.
  let value: string[] = [];
  let valueChars = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Outside a value: the text line so far.
  let line = '';

  function emitLine(items: RawJsonItem[], text: string): void {
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') items.push({kind: 'text', line: trimmed});
  }

  function emitValue(items: RawJsonItem[]): void {
    const text = value.join('');
    value = [];
    valueChars = 0;
    try {
      items.push({kind: 'json', value: JSON.parse(text)});
    } catch {
      for (const part of text.split('\n')) emitLine(items, part);
    }
  }

  function feed(chunk: string): RawJsonItem[] {
    const items: RawJsonItem[] = [];
    let i = 0;
    const n = chunk.length;
    let nextBackslash = -1;
    while (i < n) {
      if (depth === 0) {
        // Text mode: a value starts only with `{` at the start of a line (after blanks), so
        // brackets in messages stay text (buildx never writes a top-level array).
        const newline = chunk.indexOf('\n', i);
        const end = newline === -1 ? n : newline;
        let j = i;
        if (line.trim() === '') {
          while (j < end && (chunk.charCodeAt(j) === 0x20 || chunk.charCodeAt(j) === 0x09 || chunk.charCodeAt(j) === 0x0d)) j++;
          const code = chunk.charCodeAt(j);
          if (j < end && code === OPEN_BRACE) {
            line = '';
            depth = 1;
            inString = false;
            escaped = false;
            value = [chunk[j] as string];
            valueChars = 1;
            i = j + 1;
            continue;
          }
        }
        line += chunk.slice(i, end);
        if (line.length > maxLineChars) line = line.slice(0, maxLineChars);
        if (newline === -1) break;
        emitLine(items, line);
        line = '';
        i = newline + 1;
        continue;
      }

      // Value mode: scan for the matching close, honouring strings and escapes.
      const start = i;
      while (i < n && depth > 0) {
        if (inString) {
          // Jump to the next quote or backslash: log data is long base64 strings.
          if (escaped) {
            escaped = false;
            i++;
            continue;
          }
          const quote = chunk.indexOf('"', i);
          // Remembered across strings: searching again each time would rescan the chunk.
          if (nextBackslash < i) {
            nextBackslash = chunk.indexOf('\\', i);
            if (nextBackslash === -1) nextBackslash = n;
          }
          const backslash = nextBackslash < n ? nextBackslash : -1;
          if (backslash !== -1 && (quote === -1 || backslash < quote)) {
            escaped = true;
            i = backslash + 1;
          } else if (quote !== -1) {
            inString = false;
            i = quote + 1;
          } else {
            i = n;
          }
          continue;
        }
        const code = chunk.charCodeAt(i++);
        if (code === QUOTE) inString = true;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
      }
      value.push(chunk.slice(start, i));
      valueChars += i - start;
      if (depth === 0) {
        emitValue(items);
        // The rest of the line after a value (usually just the newline) is dropped if blank.
      } else if (valueChars > maxValueChars) {
        const text = value.join('').slice(0, maxLineChars);
        value = [];
        valueChars = 0;
        depth = 0;
        emitLine(items, `${text.split('\n')[0] ?? ''} [value over ${maxValueChars} chars dropped]`);
      }
    }
    return items;
  }

  function end(): RawJsonItem[] {
    const items: RawJsonItem[] = [];
    if (depth > 0) {
      for (const part of value.join('').split('\n')) emitLine(items, part);
      value = [];
      valueChars = 0;
      depth = 0;
    }
    emitLine(items, line);
    line = '';
    return items;
  }

  return {feed, end};
}
