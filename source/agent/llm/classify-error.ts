import {APICallError, RetryError} from 'ai';
import {retryAfterMs} from './backoff.js';

/** What the client does with a failed attempt. */
export type FailureKind = 'context-window' | 'retryable' | 'fatal';

export interface ClassifiedFailure {
  kind: FailureKind;
  /** HTTP status when the provider answered. */
  status: number | undefined;
  /** One line a user can act on (not yet scrubbed of secrets). */
  message: string;
  /** What the provider asked for in Retry-After, in ms. */
  retryAfterMs: number | undefined;
}

const CONTEXT_PATTERNS = [
  /context_length_exceeded/i,
  /maximum context length/i,
  /exceeds the context window/i,
  /prompt is too long/i,
  /too many tokens/i,
  /input is too long/i,
  /reduce the length of the messages/i,
];

/** Error types a provider sends inside a stream for a passing trouble (Anthropic's and OpenAI's names). */
const TRANSIENT_STREAM_ERRORS = new Set(['overloaded_error', 'api_error', 'rate_limit_error', 'server_error']);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

function apiCallError(error: unknown): APICallError | undefined {
  if (RetryError.isInstance(error)) return apiCallError(error.lastError);
  if (APICallError.isInstance(error)) return error;
  if (error instanceof Error && APICallError.isInstance(error.cause)) return error.cause;
  return undefined;
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as {code?: unknown}).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A connection that broke or never opened (no HTTP status): worth retrying. */
function isNetworkFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return error instanceof TypeError && /^(terminated|fetch failed|other side closed)$/i.test(error.message);
}

function oneLine(text: string, limit = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
}

/** The provider's own words: the JSON error message when the body has one, else the SDK's message. */
function providerMessage(error: APICallError): string {
  try {
    const body = JSON.parse(error.responseBody ?? '');
    const message = body?.error?.message ?? body?.message;
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // Not JSON: the SDK's message (often the status text) is what there is.
  }
  return error.message;
}

function mentionsContextWindow(...texts: (string | undefined)[]): boolean {
  return texts.some((text) => text !== undefined && CONTEXT_PATTERNS.some((pattern) => pattern.test(text)));
}

export function classifyFailure(error: unknown): ClassifiedFailure {
  const api = apiCallError(error);
  if (api !== undefined) {
    const status = api.statusCode;
    const said = providerMessage(api);
    const retryAfter = retryAfterMs(api.responseHeaders);
    if (status !== 429 && (status === undefined || status < 500) && mentionsContextWindow(said, api.responseBody)) {
      return {kind: 'context-window', status, message: oneLine(said), retryAfterMs: undefined};
    }
    if (status === undefined) {
      const retryable = api.isRetryable || isNetworkFailure(api);
      return {kind: retryable ? 'retryable' : 'fatal', status, message: oneLine(`${said} (${api.url})`), retryAfterMs: undefined};
    }
    if (status < 400) {
      // The answer began (200) and its body failed: a connection cut while reading is worth a retry.
      const cause = api.cause instanceof Error ? api.cause.message : said;
      const kind = isNetworkFailure(api) ? 'retryable' : 'fatal';
      return {
        kind,
        status: undefined,
        message: oneLine(`the connection broke while the answer was read: ${cause}`),
        retryAfterMs: undefined,
      };
    }
    const retryable = status === 408 || status === 429 || status >= 500;
    return {kind: retryable ? 'retryable' : 'fatal', status, message: oneLine(`HTTP ${status}: ${said}`), retryAfterMs: retryAfter};
  }
  const text = error instanceof Error ? error.message : String(error);
  if (isNetworkFailure(error)) {
    const code = errorCode(error);
    return {
      kind: 'retryable',
      status: undefined,
      message: oneLine(`connection failed: ${text}${code ? ` (${code})` : ''}`),
      retryAfterMs: undefined,
    };
  }
  // An error the provider sent inside the stream (an SSE `error` event) has no status.
  const streamed = typeof error === 'object' && error !== null && !(error instanceof Error) ? JSON.stringify(error) : text;
  if (mentionsContextWindow(streamed)) {
    return {kind: 'context-window', status: undefined, message: oneLine(streamed), retryAfterMs: undefined};
  }
  const fields = typeof error === 'object' && error !== null ? (error as {type?: unknown; message?: unknown}) : {};
  const type = typeof fields.type === 'string' ? fields.type : undefined;
  const said = typeof fields.message === 'string' && fields.message !== '' ? `${type ?? 'error'}: ${fields.message}` : streamed;
  const kind = type !== undefined && TRANSIENT_STREAM_ERRORS.has(type) ? 'retryable' : 'fatal';
  return {kind, status: undefined, message: oneLine(said), retryAfterMs: undefined};
}
