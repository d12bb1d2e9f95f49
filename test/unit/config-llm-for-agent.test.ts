import {describe, expect, it} from 'vitest';
import {llmConfigForAgent} from '../../source/config/llm-for-agent.js';
import {loadConfig} from '../../source/config/load.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();

describe('llmConfigForAgent', () => {
  it("uses the agent's group, else [agent]'s, else [llm]", () => {
    const {cwd, home, write} = tempDirs();
    write(
      'config.toml',
      '[llm]\nmodel = "default"\n[llm.a]\nmodel = "a"\n[llm.b]\nmodel = "b"\n[agent]\nllm_config = "a"\n[agent.Special]\nllm_config = "b"\n[agent.Broken]\nllm_config = "nope"\n',
    );
    const {config} = loadConfig({cwd, env: {}, homeDir: home});
    expect(llmConfigForAgent(config, 'Special').model).toBe('b');
    expect(llmConfigForAgent(config, 'CodeActAgent').model).toBe('a');
    expect(llmConfigForAgent(config, 'Broken').model).toBe('default');
    expect(llmConfigForAgent(config, 'constructor').model).toBe('a');
  });
});
