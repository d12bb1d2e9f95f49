/**
 * The typed configuration every module reads. Keys keep their config.toml (OpenHands 0.15) names,
 * so `config.sandbox.base_container_image` is `[sandbox] base_container_image`.
 * Optional keys that are unset are `undefined`.
 */
export interface CoreConfig {
  workspace_base: string; // absolute after loading; default: the current directory
  workspace_mount_path_in_sandbox: string; // "/workspace"
  file_store_path: string; // absolute; default ${XDG_STATE_HOME:-~/.local/state}/oh-tui
  default_agent: string; // "CodeActAgent"
  max_iterations: number; // 100
  max_budget_per_task: number | undefined;
  run_as_openhands: boolean; // true
  debug: boolean; // false
  disable_color: boolean; // false
}

export interface SandboxConfig {
  base_container_image: string; // "nikolaik/python-nodejs:python3.12-nodejs22"
  runtime_container_image: string | undefined; // set: use this image, never build
  runtime_image_repo: string; // "oh-tui/runtime" (env OH_RUNTIME_RUNTIME_IMAGE_REPO too)
  container_name_prefix: string; // "openhands-runtime-"
  user_id: number; // host uid (process.getuid()), 1000 where unavailable
  timeout: number; // 120, seconds, hard timeout of a command
  keep_runtime_alive: boolean; // false
  use_host_network: boolean; // false
  force_rebuild_runtime: boolean; // false
  runtime_extra_deps: string; // "" : a final RUN line in the Dockerfile
  runtime_extra_build_args: string[]; // [] extra arguments to `docker buildx build`
  runtime_startup_env_vars: Record<string, string>; // {} exported in the shell after start
  platform: string | undefined; // e.g. "linux/amd64"
  runtime_binding_address: string; // "127.0.0.1"
  vscode_host: string; // "localhost" (env VSCODE_HOST too)
  enable_vscode: boolean; // true
  openvscode_server_release_tag: string; // "openvscode-server-v1.94.2"
  openvscode_server_release_org: string; // "gitpod-io"
  openvscode_server_url: string; // URL template with {org} {tag} {arch}
  openvscode_server_arch_map: Record<string, string>; // {x86_64="x64", aarch64="arm64", armv7l="armhf"}
  openvscode_server_tarball: string | undefined; // local tarball used instead of the download
  max_message_chars: number; // 30000: cap of a command observation's content
}

export interface LlmConfig {
  model: string; // "claude-3-5-sonnet-20241022"
  api_key: string | undefined;
  base_url: string | undefined;
  api_version: string | undefined;
  custom_llm_provider: string | undefined;
  num_retries: number; // 8
  retry_multiplier: number; // 2
  retry_min_wait: number; // 15
  retry_max_wait: number; // 120
  timeout: number | undefined;
  max_message_chars: number; // 30000
  temperature: number; // 0
  top_p: number; // 1
  max_input_tokens: number | undefined;
  max_output_tokens: number | undefined;
  input_cost_per_token: number | undefined;
  output_cost_per_token: number | undefined;
  drop_params: boolean; // true
  caching_prompt: boolean; // true
}

export interface AgentConfig {
  llm_config: string | undefined; // name of an [llm.<name>] group
}

export interface SecurityConfig {
  confirmation_mode: boolean; // false
  security_analyzer: string | undefined;
}

export interface Config {
  core: CoreConfig;
  sandbox: SandboxConfig;
  llm: LlmConfig;
  /** Named [llm.<name>] groups, each complete (missing keys from [llm]). */
  llms: Record<string, LlmConfig>;
  agent: AgentConfig;
  /** Named [agent.<Name>] groups, each complete (missing keys from [agent]). */
  agents: Record<string, AgentConfig>;
  security: SecurityConfig;
  /** The config file read, or undefined when none was found. */
  source: string | undefined;
}

/** A problem that does not stop loading (unknown key, deprecated key); printed as a warning. */
export interface ConfigWarning {
  message: string; // names the file, line when known, and key; carries a did-you-mean when one fits
}

export interface LoadedConfig {
  config: Config;
  warnings: ConfigWarning[];
}
