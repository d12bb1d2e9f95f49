/** The configuration when nothing is set: every key's default from the schema. */
import {CONFIG_KEYS, Computed, type DefaultsContext} from './schema.js';
import {emptyLayer, type Layer} from './layer.js';

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  if (value !== null && typeof value === 'object') return {...value};
  return value;
}

export function defaultLayer(context: DefaultsContext): Layer {
  const layer = emptyLayer();
  for (const spec of CONFIG_KEYS) {
    const value = spec.default instanceof Computed ? spec.default.compute(context) : spec.default;
    layer.sections[spec.section][spec.key] = copy(value);
  }
  return layer;
}
