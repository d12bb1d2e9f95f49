/**
 * configHash: a fingerprint of the settings a runtime container is made from (the schema's
 * affectsContainer keys: [sandbox] and the core workspace/user keys), for a container label, so an
 * attach can tell the container was made with other settings.
 */
import {createHash} from 'node:crypto';
import {CONFIG_KEYS} from './schema.js';
import type {Config} from './types.js';

/** JSON with object keys sorted, so the order keys were written in does not change the hash. */
function stableJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

const CONTAINER_SPECS = CONFIG_KEYS.filter((spec) => spec.affectsContainer);

export function configHash(config: Config): string {
  const picked: Record<string, unknown> = {};
  for (const spec of CONTAINER_SPECS) {
    const section = config[spec.section] as unknown as Record<string, unknown>;
    picked[`${spec.section}.${spec.key}`] = section[spec.key];
  }
  return createHash('sha256').update(stableJson(picked)).digest('hex');
}
