/**
 * The values environment variables set (they beat the file): [core] x is X, [section] x is SECTION_X,
 * plus the extra names the schema lists. Empty variables count as unset, as in OpenHands 0.15.
 */
import {emptyLayer, type Findings, type Layer} from './layer.js';
import {resolveConfigPath} from './resolve-paths.js';
import {CONFIG_KEYS, keyLabel} from './schema.js';
import {fromEnv} from './values.js';

export interface EnvContext {
  env: Record<string, string | undefined>;
  /** Base of relative paths given in variables. */
  cwd: string;
  homeDir: string;
}

export function readEnvLayer({env, cwd, homeDir}: EnvContext): Findings & {layer: Layer} {
  const layer = emptyLayer();
  const findings: Findings = {errors: [], warnings: []};
  for (const spec of CONFIG_KEYS) {
    const name = spec.env.find((candidate) => (env[candidate] ?? '') !== '');
    if (name === undefined) continue;
    const raw = env[name]!;
    const label = keyLabel(spec.section, spec.key);
    if (spec.type === 'table') {
      findings.warnings.push({
        message: `environment: ${name} is ignored: ${label} is a table, which only config.toml can set`,
      });
      continue;
    }
    const converted = fromEnv(spec.type, raw);
    if (!converted.ok) {
      const problem = `${name} (${label}) must be ${converted.expected}, got ${JSON.stringify(raw)}`;
      if (spec.envShared) findings.warnings.push({message: `environment: ${problem}; ignored`});
      else findings.errors.push(`environment: ${problem}`);
      continue;
    }
    layer.sections[spec.section][spec.key] =
      spec.path && typeof converted.value === 'string' ? resolveConfigPath(converted.value, cwd, homeDir) : converted.value;
  }
  return {layer, ...findings};
}
