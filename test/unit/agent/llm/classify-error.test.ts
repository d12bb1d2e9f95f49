import {APICallError, RetryError} from 'ai';
import {describe, expect, it} from 'vitest';
import {classifyFailure} from '../../../../source/agent/llm/classify-error.js';

function apiError(statusCode: number | undefined, body: unknown, headers?: Record<string, string>, cause?: unknown): APICallError {
  const responseBody = typeof body === 'string' ? body : JSON.stringify(body);
  return new APICallError({
    message: `status ${statusCode}`,
    url: 'http://127.0.0.1:1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody,
    cause,
    isRetryable: statusCode === undefined,
  });
}

describe('classifyFailure', () => {
  it.each([
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [503, 'retryable'],
    [529, 'retryable'],
    [400, 'fatal'],
    [401, 'fatal'],
    [404, 'fatal'],
    [422, 'fatal'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(classifyFailure(apiError(status, {error: {message: 'm'}})).kind).toBe(kind);
  });

  it('reads the provider message and Retry-After', () => {
    expect(classifyFailure(apiError(429, {error: {message: 'Rate limit\nreached'}}, {'retry-after': '2'}))).toEqual({
      kind: 'retryable',
      status: 429,
      message: 'HTTP 429: Rate limit reached',
      retryAfterMs: 2000,
    });
  });

  it('keeps a body that is not JSON out of the way and cuts a long message to one short line', () => {
    expect(classifyFailure(apiError(502, '<html>Bad Gateway</html>')).message).toBe('HTTP 502: status 502');
    const long = classifyFailure(apiError(400, {error: {message: 'x'.repeat(1000)}})).message;
    expect(long.length).toBeLessThanOrEqual(300);
  });

  it('sees a too-long context in a 400 or 413 but not in a 429 about tokens per minute', () => {
    expect(classifyFailure(apiError(400, {error: {code: 'context_length_exceeded', message: 'too long'}})).kind).toBe('context-window');
    expect(classifyFailure(apiError(413, {error: {message: 'Your input exceeds the context window of this model'}})).kind).toBe(
      'context-window',
    );
    expect(classifyFailure(apiError(429, {error: {message: 'Too many tokens per min'}})).kind).toBe('retryable');
  });

  it('looks inside the SDK RetryError', () => {
    const wrapped = new RetryError({message: 'failed', reason: 'maxRetriesExceeded', errors: [apiError(503, {error: {message: 'busy'}})]});
    expect(classifyFailure(wrapped)).toMatchObject({kind: 'retryable', status: 503, message: 'HTTP 503: busy'});
  });

  it('retries a refused connection and a body cut off after a 200, not a body that was malformed', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {code: 'ECONNREFUSED'});
    expect(classifyFailure(apiError(undefined, '', undefined, refused)).kind).toBe('retryable');
    const cut = Object.assign(new TypeError('terminated'), {
      cause: Object.assign(new Error('other side closed'), {code: 'UND_ERR_SOCKET'}),
    });
    expect(classifyFailure(apiError(200, '', undefined, cut))).toMatchObject({kind: 'retryable', status: undefined});
    expect(classifyFailure(apiError(200, '', undefined, new SyntaxError('Unexpected token'))).kind).toBe('fatal');
  });

  it('reads an error the provider sent inside the stream', () => {
    expect(classifyFailure({message: 'prompt is too long: 300000 tokens', type: 'invalid_request_error'}).kind).toBe('context-window');
    expect(classifyFailure({message: 'Overloaded', type: 'overloaded_error'})).toEqual({
      kind: 'retryable',
      status: undefined,
      message: 'overloaded_error: Overloaded',
      retryAfterMs: undefined,
    });
    expect(classifyFailure({message: 'Invalid tool schema', type: 'invalid_request_error'})).toMatchObject({
      kind: 'fatal',
      status: undefined,
    });
  });
});
