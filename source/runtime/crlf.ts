/**
 * Turns a PTY's `\r\n` line ends into `\n` across chunk boundaries, so output piped to a file reads
 * like any command's. A lone `\r` (progress bars) is kept.
 */
export function crlfToLf(): {push(chunk: string): string; end(): string} {
  let pendingCr = false;
  return {
    push(chunk) {
      let text = (pendingCr ? '\r' : '') + chunk;
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      return text.replace(/\r\n/g, '\n');
    },
    end() {
      const rest = pendingCr ? '\r' : '';
      pendingCr = false;
      return rest;
    },
  };
}
