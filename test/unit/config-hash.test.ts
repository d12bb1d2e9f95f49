import {describe, expect, it} from 'vitest';
import {configHash} from '../../source/config/hash.js';
import {loadConfig} from '../../source/config/load.js';
import type {Config} from '../../source/config/types.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();

function baseConfig(): Config {
  const {cwd, home} = tempDirs();
  return loadConfig({cwd, env: {}, homeDir: home}).config;
}

describe('configHash', () => {
  it('is a sha256 hex digest, the same for equal configs', () => {
    const config = baseConfig();
    expect(configHash(config)).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash(structuredClone(config))).toBe(configHash(config));
  });

  it('changes with the sandbox and the workspace', () => {
    const config = baseConfig();
    const hash = configHash(config);
    expect(configHash({...config, sandbox: {...config.sandbox, timeout: 5}})).not.toBe(hash);
    expect(configHash({...config, sandbox: {...config.sandbox, platform: 'linux/arm64'}})).not.toBe(hash);
    expect(configHash({...config, core: {...config.core, workspace_base: '/elsewhere'}})).not.toBe(hash);
    expect(configHash({...config, core: {...config.core, workspace_mount_path_in_sandbox: '/w'}})).not.toBe(hash);
    expect(configHash({...config, core: {...config.core, run_as_openhands: false}})).not.toBe(hash);
  });

  it('ignores settings that do not shape the container, and table key order', () => {
    const config = baseConfig();
    const withVars = (vars: Record<string, string>): Config => ({
      ...config,
      sandbox: {...config.sandbox, runtime_startup_env_vars: vars},
    });
    const hash = configHash(config);
    expect(configHash({...config, llm: {...config.llm, model: 'other'}})).toBe(hash);
    expect(configHash({...config, core: {...config.core, max_iterations: 1, debug: true}})).toBe(hash);
    expect(configHash({...config, sandbox: {...config.sandbox, keep_runtime_alive: true}})).toBe(hash);
    expect(configHash({...config, source: '/x/config.toml'})).toBe(hash);
    expect(configHash(withVars({A: '1', B: '2'}))).toBe(configHash(withVars({B: '2', A: '1'})));
  });

  it('covers the image and the sandbox keys that shape the container, not the ones about its use', () => {
    const config = baseConfig();
    const hash = configHash(config);
    expect(configHash({...config, sandbox: {...config.sandbox, base_container_image: 'debian:12'}})).not.toBe(hash);
    expect(configHash({...config, sandbox: {...config.sandbox, force_rebuild_runtime: true}})).toBe(hash);
    expect(configHash({...config, core: {...config.core, file_store_path: '/elsewhere', default_agent: 'Other'}})).toBe(hash);
  });
});
