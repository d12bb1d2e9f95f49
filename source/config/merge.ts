/** Defaults, then the file, then the environment: the typed Config every module reads. */
import type {Layer, Values} from './layer.js';
import type {AgentConfig, Config, CoreConfig, LlmConfig, SandboxConfig, SecurityConfig} from './types.js';

function groups<T>(base: Values, named: Record<string, Values>): Record<string, T> {
  // A group takes every key it does not set from its section, after the environment was applied,
  // so LLM_API_KEY reaches a group that names only its model.
  return Object.fromEntries(Object.entries(named).map(([name, values]) => [name, {...base, ...values} as T]));
}

export function mergeLayers(defaults: Layer, file: Layer, env: Layer, source: string | undefined): Config {
  const section = (name: keyof Layer['sections']): Values => ({
    ...defaults.sections[name],
    ...file.sections[name],
    ...env.sections[name],
  });
  // The schema's per-section types guarantee each merged section has exactly its interface's keys.
  const llm = section('llm');
  const agent = section('agent');
  return {
    core: section('core') as unknown as CoreConfig,
    sandbox: section('sandbox') as unknown as SandboxConfig,
    llm: llm as unknown as LlmConfig,
    llms: groups<LlmConfig>(llm, file.llms),
    agent: agent as unknown as AgentConfig,
    agents: groups<AgentConfig>(agent, file.agents),
    security: section('security') as unknown as SecurityConfig,
    source,
  };
}
