import {describe, expect, it} from 'vitest';
import {CONFIG_KEYS, Computed, OPENHANDS_ONLY_KEYS, SECTION_NAMES, findKey} from '../../source/config/schema.js';
import {fromToml} from '../../source/config/values.js';

describe('config schema', () => {
  it('gives each environment variable to one key only', () => {
    const names = CONFIG_KEYS.flatMap((spec) => spec.env);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('derives env names as OpenHands 0.15 does, plus the two extra names', () => {
    expect(findKey('core', 'max_iterations')?.env).toEqual(['MAX_ITERATIONS']);
    expect(findKey('llm', 'api_key')?.env).toEqual(['LLM_API_KEY']);
    expect(findKey('agent', 'llm_config')?.env).toEqual(['AGENT_LLM_CONFIG']);
    expect(findKey('security', 'confirmation_mode')?.env).toEqual(['SECURITY_CONFIRMATION_MODE']);
    expect(findKey('sandbox', 'vscode_host')?.env).toEqual(['SANDBOX_VSCODE_HOST', 'VSCODE_HOST']);
    expect(findKey('sandbox', 'runtime_image_repo')?.env).toEqual(['SANDBOX_RUNTIME_IMAGE_REPO', 'OH_RUNTIME_RUNTIME_IMAGE_REPO']);
  });

  it('has defaults and examples that pass its own type checks', () => {
    for (const spec of CONFIG_KEYS) {
      if (spec.default !== undefined && !(spec.default instanceof Computed)) {
        expect(fromToml(spec.type, spec.default).ok, `${spec.section}.${spec.key} default`).toBe(true);
      }
      if (spec.optional || spec.default instanceof Computed) {
        expect(fromToml(spec.type, spec.example).ok, `${spec.section}.${spec.key} example`).toBe(true);
      }
      expect(spec.description, spec.key).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('does not list a key it knows among the ignored OpenHands-only keys', () => {
    for (const section of SECTION_NAMES) {
      for (const key of OPENHANDS_ONLY_KEYS[section]) expect(findKey(section, key), `${section}.${key}`).toBeUndefined();
    }
  });
});
