// biome-ignore lint/suspicious/noControlCharactersInRegex: reading escape sequences is the point
const SGR = /\u001b\[([\d;]*)m/g;

/**
 * The foreground SGR code (e.g. `31` red, `38;5;200`) in force where `text` first starts in a
 * frame written with escape sequences, or undefined for the default colour.
 */
export function foregroundAt(frame: string, text: string): string | undefined {
  const at = frame.indexOf(text);
  if (at === -1) throw new Error(`${JSON.stringify(text)} is not in the frame:\n${frame}`);
  let colour: string | undefined;
  for (const match of frame.slice(0, at).matchAll(SGR)) {
    const codes = (match[1] ?? '').split(';');
    for (let i = 0; i < codes.length; i++) {
      const code = Number(codes[i] || 0);
      if (code === 0 || code === 39) colour = undefined;
      else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) colour = String(code);
      else if (code === 38) {
        const extra = codes[i + 1] === '5' ? 2 : 4;
        colour = codes.slice(i, i + 1 + extra).join(';');
        i += extra;
      } else if (code === 48) i += codes[i + 1] === '5' ? 2 : 4;
    }
  }
  return colour;
}
