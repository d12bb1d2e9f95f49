export interface PromptInfo {
  exitCode: number;
  cwd: string;
}

export type ScanPiece = {kind: 'text'; text: string} | ({kind: 'prompt'} & PromptInfo);

/** Longest we wait for the end of a marker before giving up and treating the bytes as output. */
const MAX_MARKER_CHARS = 16_384;

export function markerStart(nonce: string): string {
  return `[OHTUI-${nonce}:`;
}

export function markerEnd(nonce: string): string {
  return `:${nonce}]`;
}

/**
 * The assignment that makes PS1 print the marker. It names the nonce through a shell variable, so
 * the raw PS1 text (echo "$PS1", set) never contains the expanded marker.
 */
export function promptAssignment(nonceVariable: string): string {
  return `PS1='[OHTUI-\${${nonceVariable}}:$?:\${PWD}:\${${nonceVariable}}]'`;
}

/**
 * Finds the shell's prompt marker in a stream of pty output. The marker is printed by PS1 and carries
 * the exit code of the last command and the shell's cwd; a random nonce makes it impossible for a
 * command's own output to look like it by accident (the nonce only appears once PS1 is expanded).
 */
export class PromptScanner {
  private pending = '';
  private readonly start: string;
  private readonly end: string;

  constructor(nonce: string) {
    this.start = markerStart(nonce);
    this.end = markerEnd(nonce);
  }

  push(chunk: string): ScanPiece[] {
    const pieces: ScanPiece[] = [];
    let rest = this.pending + chunk;
    this.pending = '';
    for (;;) {
      const at = rest.indexOf(this.start);
      if (at === -1) {
        const keep = partialPrefixLength(rest, this.start);
        pushText(pieces, rest.slice(0, rest.length - keep));
        this.pending = rest.slice(rest.length - keep);
        return pieces;
      }
      pushText(pieces, rest.slice(0, at));
      const bodyStart = at + this.start.length;
      const endAt = rest.indexOf(this.end, bodyStart);
      if (endAt === -1) {
        if (rest.length - at > MAX_MARKER_CHARS) {
          // Not a marker after all (or a broken one): let it through as output.
          pushText(pieces, rest.slice(at, bodyStart));
          rest = rest.slice(bodyStart);
          continue;
        }
        this.pending = rest.slice(at);
        return pieces;
      }
      pieces.push({kind: 'prompt', ...parseMarkerBody(rest.slice(bodyStart, endAt))});
      rest = rest.slice(endAt + this.end.length);
    }
  }
}

function parseMarkerBody(body: string): PromptInfo {
  const colon = body.indexOf(':');
  const exitText = colon === -1 ? body : body.slice(0, colon);
  const exitCode = /^\d+$/.test(exitText) ? Number(exitText) : 2;
  return {exitCode, cwd: colon === -1 ? '' : body.slice(colon + 1)};
}

function pushText(pieces: ScanPiece[], text: string): void {
  if (text !== '') pieces.push({kind: 'text', text});
}

/** Length of the longest suffix of `text` that is a proper prefix of `marker`. */
export function partialPrefixLength(text: string, marker: string): number {
  const max = Math.min(text.length, marker.length - 1);
  for (let length = max; length > 0; length--) {
    if (marker.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}
