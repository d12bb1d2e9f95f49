import {describe, expect, it} from 'vitest';
import {resolveApiKey} from '../../../../source/agent/llm/api-key.js';
import {resolveModelSpec} from '../../../../source/agent/llm/model-spec.js';
import {modelClientForConfig} from '../../../../source/agent/llm/client-for-config.js';
import {resolveRunOptions} from '../../../../source/commands/run-options.js';
import {selectedLlm, selectedLlmLabel} from '../../../../source/config/selected-llm.js';
import type {Config} from '../../../../source/config/types.js';
import {loadConfig} from '../../../../source/config/load.js';
import {UserError} from '../../../../source/lib/errors.js';
import {trackTempDirs} from '../../../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();

const TOML = `
[llm]
model = "anthropic/claude-3-5-sonnet-20241022"
api_key = "sk-ant-from-file"
num_retries = 3

[llm.cheap]
model = "openai/gpt-4o-mini"

[llm.local]
model = "openai/qwen2.5-coder"
base_url = "http://localhost:11434/v1"
api_key = "ollama"

[agent]
llm_config = "cheap"

[agent.BrowsingAgent]
llm_config = "local"
`;

function load(toml: string, env: Record<string, string> = {}) {
  const {cwd, home, write} = tempDirs();
  write('config.toml', toml);
  return loadConfig({cwd, env, homeDir: home}).config;
}

describe('selectedLlm', () => {
  const select = (config: Config) => ({llm: selectedLlm(config), label: selectedLlmLabel(config)});

  it('takes the group [agent] llm_config names, which inherits what it does not set from [llm]', () => {
    const {llm, label} = select(load(TOML));
    expect(label).toBe('[llm.cheap]');
    expect(llm).toMatchObject({model: 'openai/gpt-4o-mini', api_key: 'sk-ant-from-file', num_retries: 3});
  });

  it('takes the group of the agent’s own [agent.<Name>] table', () => {
    const config = load(`${TOML}\n[agent.CodeActAgent]\nllm_config = "local"\n`);
    expect(select(config)).toMatchObject({
      label: '[llm.local]',
      llm: {model: 'openai/qwen2.5-coder', base_url: 'http://localhost:11434/v1'},
    });
  });

  it('lets -l/--llm-config name a group (over the agent’s own table too), and refuses one that does not exist', () => {
    const config = load(`${TOML}\n[agent.CodeActAgent]\nllm_config = "cheap"\n`);
    expect(selectedLlmLabel(resolveRunOptions(config, {llmConfig: 'local'}, process.cwd()).config)).toBe('[llm.local]');
    const run = () => resolveRunOptions(load(TOML), {llmConfig: 'fast'}, process.cwd());
    expect(run).toThrow(UserError);
    expect(run).toThrow('--llm-config fast: there is no [llm.fast] group');
  });

  it('falls back to [llm] without llm_config and for a dangling one', () => {
    expect(select(load('[llm]\nmodel = "gpt-4o"\n'))).toMatchObject({label: '[llm]', llm: {model: 'gpt-4o'}});
    expect(select(load('[agent]\nllm_config = "gone"\n'))).toMatchObject({label: '[llm]'});
  });

  it('lets LLM_API_KEY and LLM_MODEL from the environment reach [llm] and the groups', () => {
    const config = load(TOML, {LLM_API_KEY: 'sk-from-env', LLM_MODEL: 'openai/gpt-4o'});
    expect(config.llm).toMatchObject({model: 'openai/gpt-4o', api_key: 'sk-from-env'});
    expect(selectedLlm(config)).toMatchObject({model: 'openai/gpt-4o-mini', api_key: 'sk-from-env'});
  });
});

describe('resolveApiKey', () => {
  const spec = (model: string, base_url?: string) => resolveModelSpec({model, base_url});

  it('prefers [llm] api_key, then the provider’s own variable', () => {
    expect(resolveApiKey({api_key: 'sk-config', base_url: undefined}, spec('openai/gpt-4o'), {OPENAI_API_KEY: 'sk-env'})).toBe('sk-config');
    expect(resolveApiKey({api_key: undefined, base_url: undefined}, spec('openai/gpt-4o'), {OPENAI_API_KEY: 'sk-env'})).toBe('sk-env');
    expect(resolveApiKey({api_key: undefined, base_url: undefined}, spec('claude-3-5-haiku-20241022'), {ANTHROPIC_API_KEY: 'a'})).toBe('a');
  });

  it('needs a key for OpenAI and Anthropic at their own hosts, and says where to put it', () => {
    const run = () => resolveApiKey({api_key: undefined, base_url: undefined}, spec('openai/gpt-4o'), {});
    expect(run).toThrow(UserError);
    expect(run).toThrow('[llm] model openai/gpt-4o needs an API key');
    try {
      run();
    } catch (error) {
      expect((error as UserError).hint).toBe('Set [llm] api_key in config.toml, or LLM_API_KEY or OPENAI_API_KEY in the environment.');
    }
  });

  it('lets a local server go without a key', () => {
    const local = {api_key: undefined, base_url: 'http://localhost:11434/v1'};
    expect(resolveApiKey(local, spec('openai/llama3', local.base_url), {})).toBeUndefined();
    expect(resolveApiKey({api_key: undefined, base_url: undefined}, spec('ollama/llama3'), {})).toBeUndefined();
  });
});

describe('modelClientForConfig', () => {
  it('builds the client of the selected group, and names that group when its settings are wrong', () => {
    const config = load(`${TOML}\n[llm.broken]\nmodel = "bedrock/x"\n`);
    expect(modelClientForConfig(config, {env: {}}).model).toBe('openai/gpt-4o-mini');
    const pick = (name: string) => resolveRunOptions(config, {llmConfig: name}, process.cwd()).config;
    expect(modelClientForConfig(pick('local'), {env: {}}).model).toBe('openai/qwen2.5-coder');
    expect(() => modelClientForConfig(pick('broken'), {env: {}})).toThrow('[llm.broken] model "bedrock/x": unknown provider "bedrock"');
  });

  it('says how to configure a key when none is set', () => {
    const config = load('[llm]\nmodel = "openai/gpt-4o"\n');
    expect(() => modelClientForConfig(config, {env: {}})).toThrow('[llm] model openai/gpt-4o needs an API key');
  });
});
