import type {Config} from '../config/types.js';
import {formatUrlHost, type HostAddress} from '../docker/ports.js';
import {UserError} from '../lib/errors.js';
import {httpRequest} from './http.js';
import type {RuntimeHandle} from './manager.js';
import {sleep} from '../lib/sleep.js';

/** Host put in the link: `VSCODE_HOST`, else `[sandbox] vscode_host`, else localhost. */
export function vscodeHost(config: Config, env: Record<string, string | undefined>): string {
  return env.VSCODE_HOST || config.sandbox.vscode_host || 'localhost';
}

export function vscodeUrl(parts: {host: string; port: number; token: string; folder: string}): string {
  const query = new URLSearchParams({tkn: parts.token, folder: parts.folder});
  // URLSearchParams writes "/" as %2F; the folder reads better (and is still valid) unescaped.
  return `http://${formatUrlHost(parts.host)}:${parts.port}/?${query.toString().replace(/%2F/g, '/')}`;
}

/**
 * Waits until openvscode-server answers `GET /version` (it does before any token check), from
 * this machine over the published port. Bounded.
 */
export async function waitVscode(address: HostAddress, options: {timeoutMs?: number; signal?: AbortSignal} = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = `http://${formatUrlHost(address.host)}:${address.port}/version`;
  const deadline = Date.now() + timeoutMs;
  let delay = 25;
  let last = 'no answer';
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const response = await httpRequest({url, timeoutMs: 2000, signal: options.signal});
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
    if (Date.now() >= deadline) {
      throw new UserError(`VS Code (openvscode-server) did not answer at ${url} within ${timeoutMs / 1000} s (last: ${last}).`, {
        hint: 'It starts with the action server; see `docker logs <container>` for its output.',
      });
    }
    await sleep(delay, options.signal);
    delay = Math.min(delay * 2, 500);
  }
}

/** The session's VS Code link, once openvscode-server answers. */
export async function vscodeLink(
  handle: RuntimeHandle,
  config: Config,
  env: Record<string, string | undefined> = process.env,
  options: {timeoutMs?: number; signal?: AbortSignal} = {},
): Promise<string> {
  if (!handle.vscodeAddress) {
    throw new UserError(`Container ${handle.containerName} publishes no VS Code port.`, {
      hint: config.sandbox.enable_vscode
        ? `It was created without VS Code; remove it (docker rm -f ${handle.containerName}) to recreate it with VS Code.`
        : 'Set [sandbox] enable_vscode = true and recreate the container.',
    });
  }
  const token = await handle.client.vscodeToken();
  if (token === null) {
    throw new UserError(`The runtime in ${handle.containerName} runs without VS Code (no connection token).`, {
      hint: 'Its action server was started without the vscode plugin.',
    });
  }
  await waitVscode(handle.vscodeAddress, options);
  return vscodeUrl({
    host: vscodeHost(config, env),
    port: handle.vscodeAddress.port,
    token,
    folder: config.core.workspace_mount_path_in_sandbox,
  });
}
