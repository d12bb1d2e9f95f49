export interface PromptInfo {
  exitCode: number;
  cwd: string;
}

/** Output bytes come through as they are (a view into the chunk); a prompt as what it says. */
export type ScanPiece = {kind: 'text'; bytes: Buffer} | ({kind: 'prompt'} & PromptInfo);

/** Longest we wait for the end of a marker before giving up and treating the bytes as output. */
const MAX_MARKER_BYTES = 16_384;
const EMPTY = Buffer.alloc(0);

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
 *
 * Works on the pty's bytes, not decoded text, so output goes on to the clients byte for byte; the
 * marker is ASCII, so it never cuts a UTF-8 character in two.
 */
export class PromptScanner {
  private pending: Buffer = EMPTY;
  private readonly start: Buffer;
  private readonly end: Buffer;

  constructor(nonce: string) {
    this.start = Buffer.from(markerStart(nonce));
    this.end = Buffer.from(markerEnd(nonce));
  }

  push(chunk: Buffer): ScanPiece[] {
    const pieces: ScanPiece[] = [];
    let rest = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = EMPTY;
    for (;;) {
      const at = rest.indexOf(this.start);
      if (at === -1) {
        const keep = partialPrefixLength(rest, this.start);
        pushText(pieces, rest.subarray(0, rest.length - keep));
        // A copy: a view would keep the whole chunk alive.
        if (keep > 0) this.pending = Buffer.from(rest.subarray(rest.length - keep));
        return pieces;
      }
      pushText(pieces, rest.subarray(0, at));
      const bodyStart = at + this.start.length;
      const endAt = rest.indexOf(this.end, bodyStart);
      if (endAt === -1) {
        if (rest.length - at > MAX_MARKER_BYTES) {
          // Not a marker after all (or a broken one): let it through as output.
          pushText(pieces, rest.subarray(at, bodyStart));
          rest = rest.subarray(bodyStart);
          continue;
        }
        this.pending = Buffer.from(rest.subarray(at));
        return pieces;
      }
      pieces.push({kind: 'prompt', ...parseMarkerBody(rest.toString('utf8', bodyStart, endAt))});
      rest = rest.subarray(endAt + this.end.length);
    }
  }
}

function parseMarkerBody(body: string): PromptInfo {
  const colon = body.indexOf(':');
  const exitText = colon === -1 ? body : body.slice(0, colon);
  const exitCode = /^\d+$/.test(exitText) ? Number(exitText) : 2;
  return {exitCode, cwd: colon === -1 ? '' : body.slice(colon + 1)};
}

function pushText(pieces: ScanPiece[], bytes: Buffer): void {
  if (bytes.length > 0) pieces.push({kind: 'text', bytes});
}

/** Length of the longest suffix of `bytes` that is a proper prefix of `marker`. */
export function partialPrefixLength(bytes: Uint8Array, marker: Uint8Array): number {
  const max = Math.min(bytes.length, marker.length - 1);
  for (let length = max; length > 0; length--) {
    let matches = true;
    for (let index = 0; index < length && matches; index++) matches = bytes[bytes.length - length + index] === marker[index];
    if (matches) return length;
  }
  return 0;
}
