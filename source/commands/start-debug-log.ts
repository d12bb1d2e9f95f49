import path from 'node:path';
import type {Config} from '../config/types.js';
import {debugLine, openDebugLog} from '../lib/debug-log.js';
import {version} from '../lib/version.js';

/** Environment variables whose values are secrets the debug log must never hold. */
const SECRET_NAME = /(_API_KEY|_TOKEN|_SECRET|_PASSWORD)$/;

/**
 * With `[core] debug = true`, opens this run's debug log, `<file_store_path>/logs/oh-tui-<time>-<pid>.log`
 * (the runtime's states, every LLM call and its answer or failure), with the keys of the settings and
 * of the environment redacted; returns its path, or undefined when debug is off.
 */
export function startDebugLog(config: Config, env: Record<string, string | undefined>, what: string): string | undefined {
  if (!config.core.debug) return undefined;
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  const file = path.join(config.core.file_store_path, 'logs', `oh-tui-${stamp}-${process.pid}.log`);
  const settingsKeys = [config.llm, ...Object.values(config.llms)].map((llm) => llm.api_key);
  const envSecrets = Object.entries(env)
    .filter(([name]) => SECRET_NAME.test(name))
    .map(([, value]) => value);
  openDebugLog(file, [...settingsKeys, ...envSecrets]);
  debugLine(
    'start',
    `oh-tui ${version} on Node ${process.version} (${process.platform}): ${what}; workspace ${config.core.workspace_base}`,
  );
  return file;
}
