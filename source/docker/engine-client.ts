import http from 'node:http';
import https from 'node:https';

/** How to reach an engine without dockerode: a unix socket, or host and port over http(s). */
export interface EngineTarget {
  socketPath?: string;
  host?: string;
  port?: number | string;
  protocol?: 'http' | 'https';
  ca?: https.RequestOptions['ca'];
  cert?: https.RequestOptions['cert'];
  key?: https.RequestOptions['key'];
}

/** An Engine API error, shaped like dockerode's (statusCode, json) so one set of checks fits both. */
export class EngineError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: {message?: string} | undefined,
    method: string,
    path: string,
  ) {
    super(`(HTTP code ${statusCode}) ${method} ${path.split('?')[0]}: ${json?.message ?? 'no message'}`);
    this.name = 'EngineError';
  }
}

export interface EngineRequest {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Whole-request bound; the request is destroyed when it passes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The few Docker Engine API calls the runtime makes, on node:http. Loading dockerode (with ssh2
 * and gRPC behind it) costs ~200 ms here, half the budget for attaching to a running session;
 * this client costs nothing to load. dockerode stays for everything else (builds, ssh engines).
 */
export class EngineClient {
  constructor(readonly target: EngineTarget) {}

  /** Raw body of a successful call; non-2xx becomes an EngineError carrying the engine's message. */
  async call(method: 'GET' | 'POST' | 'DELETE', path: string, request: EngineRequest = {}): Promise<{status: number; body: Buffer}> {
    const query = Object.entries(request.query ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
      .join('&');
    const fullPath = query ? `${path}?${query}` : path;
    const response = await this.#send(method, fullPath, request);
    if (response.status >= 200 && response.status < 300) return response;
    let json: {message?: string} | undefined;
    try {
      json = JSON.parse(response.body.toString('utf8')) as {message?: string};
    } catch {
      json = {message: response.body.toString('utf8').trim() || undefined};
    }
    throw new EngineError(response.status, json, method, fullPath);
  }

  async json<T>(method: 'GET' | 'POST' | 'DELETE', path: string, request: EngineRequest = {}): Promise<T> {
    const {body} = await this.call(method, path, request);
    return (body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined) as T;
  }

  #send(method: string, path: string, request: EngineRequest): Promise<{status: number; body: Buffer}> {
    const {target} = this;
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string | number> = {};
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const secure = target.protocol === 'https';
    const options: https.RequestOptions = {
      method,
      path,
      headers,
      signal: request.signal,
      // Node's agent checks whether the host is an IP address to pick a TLS server name, and its
      // first IPv6 check compiles a large regular expression (~10 ms of a CLI run here); a unix
      // socket has no server name to pick.
      ...(target.socketPath ? {socketPath: target.socketPath, servername: ''} : {host: target.host, port: target.port}),
      ...(secure ? {ca: target.ca, cert: target.cert, key: target.key} : {}),
    };
    return new Promise((resolve, reject) => {
      const outgoing = (secure ? https : http).request(options);
      const timer =
        request.timeoutMs === undefined
          ? undefined
          : setTimeout(
              () => outgoing.destroy(Object.assign(new Error(`no answer within ${request.timeoutMs} ms`), {code: 'ETIMEDOUT'})),
              request.timeoutMs,
            );
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({status: response.statusCode ?? 0, body: Buffer.concat(chunks)});
        });
        response.on('error', fail);
      });
      outgoing.on('error', fail);
      outgoing.end(payload);
    });
  }
}
