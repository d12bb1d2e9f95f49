/**
 * The one table of configuration keys. Defaults, validation, environment overrides, the container
 * hash and config.toml.example are all derived from it; add a key here and nowhere else.
 */
import path from 'node:path';
import type {AgentConfig, CoreConfig, LlmConfig, SandboxConfig, SecurityConfig} from './types.js';

/** Sections in OpenHands 0.15's config.template.toml order, which config.toml.example follows. */
export const SECTION_NAMES = ['core', 'llm', 'agent', 'sandbox', 'security'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** Sections that also allow named groups ([llm.<name>], [agent.<Name>]). */
export const GROUP_SECTIONS: readonly SectionName[] = ['llm', 'agent'];

export type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'string[]' | 'table';

/** What a computed default needs to know; loadConfig fills it in. */
export interface DefaultsContext {
  cwd: string;
  env: Record<string, string | undefined>;
  homeDir: string;
}

/** A default that depends on the machine; `shown` is how config.toml.example describes it. */
export class Computed<T> {
  constructor(
    readonly compute: (context: DefaultsContext) => T,
    readonly shown: string,
  ) {}
}

type TypeNameOf<T> = [T] extends [string]
  ? 'string'
  : [T] extends [number]
    ? 'integer' | 'number'
    : [T] extends [boolean]
      ? 'boolean'
      : [T] extends [string[]]
        ? 'string[]'
        : [T] extends [Record<string, string>]
          ? 'table'
          : never;

type FieldSpec<T> = {
  type: TypeNameOf<NonNullable<T>>;
  /** One line for config.toml.example. */
  description: string;
  default: T | Computed<T>;
  /** Environment variables besides the standard one (SECTION_KEY, or KEY for [core]). */
  extraEnv?: readonly string[];
  /**
   * The standard variable is also used by other programs (DEBUG by the `debug` package, which
   * docker-modem reads): a value that does not parse is skipped with a warning, not an error.
   */
  envShared?: true;
  /** A host path: `~` is expanded and a relative value is resolved (see resolve-paths.ts). */
  path?: true;
  /** Part of configHash: changing it means the runtime container is not the one asked for. */
  affectsContainer?: true;
} & (undefined extends T
  ? {example: NonNullable<T>} // unset by default: the example line needs a value to show
  : {example?: NonNullable<T>});

type SectionSpec<C> = {[K in keyof C]-?: FieldSpec<C[K]>};

function xdgDir(context: DefaultsContext, variable: string, fallback: string): string {
  const value = context.env[variable];
  // The XDG spec says relative values are invalid and must be ignored.
  return value && path.isAbsolute(value) ? value : path.join(context.homeDir, fallback);
}

const core: SectionSpec<CoreConfig> = {
  workspace_base: {
    type: 'string',
    description: 'Host directory mounted into the runtime container as the workspace.',
    default: new Computed((context) => context.cwd, 'the current directory'),
    example: './workspace',
    path: true,
    affectsContainer: true,
  },
  workspace_mount_path_in_sandbox: {
    type: 'string',
    description: 'Where the workspace appears inside the runtime container.',
    default: '/workspace',
    affectsContainer: true,
  },
  file_store_path: {
    type: 'string',
    description: 'Where sessions (events, metadata, locks) are stored.',
    default: new Computed(
      (context) => path.join(xdgDir(context, 'XDG_STATE_HOME', '.local/state'), 'oh-tui'),
      '${XDG_STATE_HOME:-~/.local/state}/oh-tui',
    ),
    example: '~/.local/state/oh-tui',
    path: true,
  },
  default_agent: {type: 'string', description: 'Agent used when none is named.', default: 'CodeActAgent'},
  max_iterations: {
    type: 'integer',
    description: 'Most agent steps in one task before it stops.',
    default: 100,
  },
  max_budget_per_task: {
    type: 'number',
    description: 'Most LLM cost (in USD) one task may spend; unset means no limit.',
    default: undefined,
    example: 5,
  },
  run_as_openhands: {
    type: 'boolean',
    description: 'Run commands in the container as the user "openhands" (false: as root).',
    default: true,
    affectsContainer: true,
  },
  debug: {
    type: 'boolean',
    description:
      'Write a debug log of each session run into <file_store_path>/logs (runtime states, LLM calls; keys redacted); the container gets DEBUG=true too.',
    default: false,
    envShared: true,
  },
  disable_color: {
    type: 'boolean',
    description: 'Print without colours or other styles (a non-empty NO_COLOR does the same).',
    default: false,
  },
};

const llm: SectionSpec<LlmConfig> = {
  model: {
    type: 'string',
    description:
      'Model as provider/model (openai/gpt-4o, anthropic/claude-3-5-sonnet-20241022); openai/<name> + base_url: any OpenAI-compatible server.',
    default: 'claude-3-5-sonnet-20241022',
  },
  api_key: {
    type: 'string',
    description: "API key of the provider (never logged); unset: the provider's own variable, e.g. OPENAI_API_KEY.",
    default: undefined,
    example: 'your-api-key',
  },
  base_url: {
    type: 'string',
    description: 'Base URL of the API (up to /v1), for proxies and local servers such as Ollama, vLLM or a LiteLLM proxy.',
    default: undefined,
    example: 'http://localhost:4000',
  },
  api_version: {
    type: 'string',
    description: 'API version, for providers that need one (Azure); not used: Azure is not supported.',
    default: undefined,
    example: '2024-02-15-preview',
  },
  custom_llm_provider: {
    type: 'string',
    description: 'Provider to use whatever the model name says (openai, anthropic, ollama, ...).',
    default: undefined,
    example: 'openai',
  },
  num_retries: {
    type: 'integer',
    description: 'Retries of an LLM call after a rate limit (429), a server error (5xx), a lost connection or timeout.',
    default: 8,
  },
  retry_multiplier: {
    type: 'number',
    description: 'Each wait is retry_min_wait * retry_multiplier^(retry - 1), at most retry_max_wait.',
    default: 2,
  },
  retry_min_wait: {type: 'integer', description: 'Shortest wait between retries, in seconds.', default: 15},
  retry_max_wait: {
    type: 'integer',
    description: 'Longest wait between retries, in seconds (caps a Retry-After from the provider too).',
    default: 120,
  },
  timeout: {
    type: 'integer',
    description: 'Seconds an LLM call may go without receiving anything (then it is retried); unset: no limit.',
    default: undefined,
    example: 60,
  },
  max_message_chars: {
    type: 'integer',
    description: 'Longest observation text sent to the LLM, in characters.',
    default: 30000,
  },
  temperature: {type: 'number', description: 'Sampling temperature.', default: 0},
  top_p: {type: 'number', description: 'Nucleus sampling probability.', default: 1},
  max_input_tokens: {
    type: 'integer',
    description: "Context size; unset means the model's own.",
    default: undefined,
    example: 100000,
  },
  max_output_tokens: {
    type: 'integer',
    description: "Most tokens in one reply; unset means the model's own.",
    default: undefined,
    example: 4096,
  },
  input_cost_per_token: {
    type: 'number',
    description: 'Cost of one input token in USD; set, it replaces the built-in prices of a few models.',
    default: undefined,
    example: 0.000003,
  },
  output_cost_per_token: {
    type: 'number',
    description: 'Cost of one output token in USD; set, it replaces the built-in prices of a few models.',
    default: undefined,
    example: 0.000015,
  },
  drop_params: {
    type: 'boolean',
    description: 'Drop request parameters the provider does not support (the AI SDK always does).',
    default: true,
  },
  caching_prompt: {
    type: 'boolean',
    description: 'Prompt caching: Anthropic models get cache breakpoints; OpenAI caches by itself.',
    default: true,
  },
};

const agent: SectionSpec<AgentConfig> = {
  llm_config: {
    type: 'string',
    description: 'Name of the [llm.<name>] group the agent uses; unset means [llm].',
    default: undefined,
    example: 'cheap',
  },
};

const sandbox: SectionSpec<SandboxConfig> = {
  base_container_image: {
    type: 'string',
    description: 'Image the runtime image is built on.',
    default: 'nikolaik/python-nodejs:python3.12-nodejs22',
    affectsContainer: true,
  },
  runtime_container_image: {
    type: 'string',
    description: 'Image to run as it is; setting it skips building.',
    default: undefined,
    example: 'my-org/my-runtime:latest',
    affectsContainer: true,
  },
  runtime_image_repo: {
    type: 'string',
    description: 'Repository the built runtime images are tagged in.',
    default: 'oh-tui/runtime',
    extraEnv: ['OH_RUNTIME_RUNTIME_IMAGE_REPO'],
    affectsContainer: true,
  },
  container_name_prefix: {
    type: 'string',
    description: 'Prefix of runtime container names (the session id follows).',
    default: 'openhands-runtime-',
    affectsContainer: true,
  },
  user_id: {
    type: 'integer',
    description: 'Uid of the user commands run as in the container.',
    default: new Computed(() => process.getuid?.() ?? 1000, 'your uid (1000 where there is none)'),
    example: 1000,
    affectsContainer: true,
  },
  timeout: {
    type: 'integer',
    description: 'Hard timeout of one command, in seconds.',
    default: 120,
    affectsContainer: true,
  },
  keep_runtime_alive: {
    type: 'boolean',
    description: 'Leave the runtime container running when oh-tui exits (false: stop it).',
    default: false,
  },
  use_host_network: {
    type: 'boolean',
    description: "Run the container in the host's network namespace.",
    default: false,
    affectsContainer: true,
  },
  force_rebuild_runtime: {
    type: 'boolean',
    description: 'Build the runtime image from scratch even when a matching image exists.',
    default: false,
  },
  runtime_extra_deps: {
    type: 'string',
    description: 'Shell commands run as a last RUN step of the runtime image.',
    default: '',
    affectsContainer: true,
  },
  runtime_extra_build_args: {
    type: 'string[]',
    description: 'Extra arguments to `docker buildx build` (env: a JSON array).',
    default: [],
    affectsContainer: true,
  },
  runtime_startup_env_vars: {
    type: 'table',
    description: "Variables exported in the container's shell after it starts.",
    default: {},
    affectsContainer: true,
  },
  platform: {
    type: 'string',
    description: "Platform of the runtime image and container; unset means the engine's own.",
    default: undefined,
    example: 'linux/amd64',
    affectsContainer: true,
  },
  runtime_binding_address: {
    type: 'string',
    description: "Host address the container's ports are published on; 0.0.0.0 opens them to the network.",
    default: '127.0.0.1',
    affectsContainer: true,
  },
  vscode_host: {
    type: 'string',
    description: 'Host name used in the VS Code link.',
    default: 'localhost',
    extraEnv: ['VSCODE_HOST'],
    affectsContainer: true,
  },
  enable_vscode: {
    type: 'boolean',
    description: 'Install and start openvscode-server in the container.',
    default: true,
    affectsContainer: true,
  },
  openvscode_server_release_tag: {
    type: 'string',
    description: 'Release of openvscode-server to install.',
    default: 'openvscode-server-v1.94.2',
    affectsContainer: true,
  },
  openvscode_server_release_org: {
    type: 'string',
    description: 'GitHub organisation that publishes openvscode-server.',
    default: 'gitpod-io',
    affectsContainer: true,
  },
  openvscode_server_url: {
    type: 'string',
    description: 'Download URL of openvscode-server; {org}, {tag} and {arch} are filled in.',
    default: 'https://github.com/{org}/openvscode-server/releases/download/{tag}/{tag}-linux-{arch}.tar.gz',
    affectsContainer: true,
  },
  openvscode_server_arch_map: {
    type: 'table',
    description: 'Machine name (uname -m) to the {arch} of the download.',
    default: {x86_64: 'x64', aarch64: 'arm64', armv7l: 'armhf'},
    affectsContainer: true,
  },
  openvscode_server_tarball: {
    type: 'string',
    description: 'Local openvscode-server release tarball, or its unpacked folder, used instead of the download.',
    default: undefined,
    example: '~/Downloads/openvscode-server-v1.94.2-linux-x64.tar.gz',
    path: true,
    affectsContainer: true,
  },
  max_message_chars: {
    type: 'integer',
    description: 'Longest command output kept in one observation, in characters.',
    default: 30000,
    affectsContainer: true,
  },
};

const security: SectionSpec<SecurityConfig> = {
  confirmation_mode: {
    type: 'boolean',
    description: 'Ask before each action the agent takes.',
    default: false,
  },
  security_analyzer: {
    type: 'string',
    description: 'Security analyzer that rates actions; unset means none.',
    default: undefined,
    example: 'invariant',
  },
};

/** The same fields without the per-key type link, to walk all sections alike. */
interface AnyField {
  type: ValueType;
  description: string;
  default: unknown;
  extraEnv?: readonly string[];
  envShared?: true;
  example?: unknown;
  path?: true;
  affectsContainer?: true;
}

const SECTIONS: {[S in SectionName]: Record<string, AnyField>} = {core, llm, agent, sandbox, security};

/** One config key, flattened from the table above. */
export interface KeySpec {
  section: SectionName;
  key: string;
  type: ValueType;
  /** Unset (undefined) unless given. */
  optional: boolean;
  default: unknown;
  description: string;
  /** Variables that override it, the one that wins first. Tables list it only to warn. */
  env: readonly string[];
  /** See FieldSpec.envShared. */
  envShared: boolean;
  example: unknown;
  path: boolean;
  affectsContainer: boolean;
}

export function standardEnvName(section: SectionName, key: string): string {
  return (section === 'core' ? key : `${section}_${key}`).toUpperCase();
}

export const CONFIG_KEYS: readonly KeySpec[] = SECTION_NAMES.flatMap((section) =>
  Object.entries(SECTIONS[section]).map(
    ([key, field]): KeySpec => ({
      section,
      key,
      type: field.type,
      optional: field.default === undefined,
      default: field.default,
      description: field.description,
      env: [standardEnvName(section, key), ...(field.extraEnv ?? [])],
      envShared: field.envShared ?? false,
      example: field.example,
      path: field.path ?? false,
      affectsContainer: field.affectsContainer ?? false,
    }),
  ),
);

export function keysOf(section: SectionName): readonly KeySpec[] {
  return CONFIG_KEYS.filter((spec) => spec.section === section);
}

export function findKey(section: SectionName, key: string): KeySpec | undefined {
  return CONFIG_KEYS.find((spec) => spec.section === section && spec.key === key);
}

export function isSectionName(name: string): name is SectionName {
  return (SECTION_NAMES as readonly string[]).includes(name);
}

/** How messages name a key: `[sandbox] timeout`, `[llm.cheap] model`. */
export function keyLabel(section: string, key: string): string {
  return `[${section}] ${key}`;
}

/**
 * OpenHands 0.15 keys that oh-tui does not use. A config.toml written for OpenHands may hold them
 * (its template sets embedding_model); they get a plain "ignored" warning, not a did-you-mean.
 */
export const OPENHANDS_ONLY_KEYS: {readonly [S in SectionName]: readonly string[]} = {
  core: [
    'runtime',
    'file_store',
    'trajectories_path',
    'workspace_mount_path',
    'workspace_mount_rewrite',
    'cache_dir',
    'jwt_secret',
    'file_uploads_max_file_size_mb',
    'file_uploads_restrict_file_types',
    'file_uploads_allowed_extensions',
    'e2b_api_key',
    'modal_api_token_id',
    'modal_api_token_secret',
    'runloop_api_key',
    'enable_cli_session',
  ],
  llm: [
    'embedding_model',
    'embedding_base_url',
    'embedding_deployment_name',
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_region_name',
    'ollama_base_url',
    'openrouter_site_url',
    'openrouter_app_name',
    'disable_vision',
    'draft_editor',
    'log_completions',
    'log_completions_folder',
  ],
  agent: [
    'codeact_enable_browsing',
    'codeact_enable_llm_editor',
    'codeact_enable_jupyter',
    'micro_agent_name',
    'memory_enabled',
    'memory_max_threads',
    'use_microagents',
    'disabled_microagents',
  ],
  sandbox: [
    'remote_runtime_api_url',
    'local_runtime_url',
    'rm_all_containers',
    'api_key',
    'remote_runtime_init_timeout',
    'enable_auto_lint',
    'initialize_plugins',
    'browsergym_eval_env',
    'close_delay',
  ],
  security: [],
};
