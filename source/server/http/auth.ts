import {timingSafeEqual} from 'node:crypto';
import type {IncomingHttpHeaders} from 'node:http';

export const API_KEY_HEADER = 'x-session-api-key';

/** Every route but /alive needs the session key when SESSION_API_KEY is set. */
export function needsKey(pathname: string): boolean {
  return pathname !== '/alive';
}

/**
 * Whether a request carries the session key: the X-Session-API-Key header, or (for WebSocket
 * clients that cannot set headers) a `key` query parameter. No key configured: always true.
 */
export function hasValidKey(expected: string | undefined, headers: IncomingHttpHeaders, queryKey: string | null): boolean {
  if (!expected) return true;
  const header = headers[API_KEY_HEADER];
  const given = typeof header === 'string' ? header : (queryKey ?? '');
  return sameSecret(given, expected);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
