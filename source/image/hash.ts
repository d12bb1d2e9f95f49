import {createHash} from 'node:crypto';

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * OpenHands 0.15's `truncate_hash`: read the hex digest as an integer and emit base-36 digits
 * least-significant first (not reversed), at most 16 of them. Tags made by OpenHands and by us
 * only match if this quirk is kept.
 */
export function truncateHash(hexDigest: string, length = 16): string {
  let value = BigInt(`0x${hexDigest}`);
  let result = '';
  while (value > 0n && result.length < length) {
    result += BASE36[Number(value % 36n)];
    value /= 36n;
  }
  return result;
}

/** MD5 over the given parts in order, as one stream (strings as UTF-8). */
export function md5Hex(parts: Iterable<string | Buffer>): string {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}
