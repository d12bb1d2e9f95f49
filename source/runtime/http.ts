import http from 'node:http';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Whole-request bound; the request is destroyed when it passes. */
  timeoutMs: number;
  signal?: AbortSignal;
  agent?: http.Agent;
}

export interface HttpResponse {
  status: number;
  text: string;
}

export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs / 1000} s`);
  }
}

/**
 * One HTTP request with node:http. Not fetch: Node 20's fetch hangs until its abort timer when a
 * port proxy accepts and then drops the connection (what docker-proxy does before the server in
 * the container listens), and its timer does not keep the process alive, so a poll could end the
 * process with a promise that never settles.
 */
export function httpRequest(options: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {...options.headers};
    if (options.body !== undefined) headers['Content-Length'] = Buffer.byteLength(options.body);
    const request = http.request(options.url, {method: options.method ?? 'GET', headers, agent: options.agent, signal: options.signal});
    const timer = setTimeout(() => request.destroy(new HttpTimeoutError(options.timeoutMs)), options.timeoutMs);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8')});
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(options.body);
  });
}
