/**
 * loadConfig: defaults, then config.toml, then environment variables, into one checked Config.
 * Every type error in the file and the environment is reported in one UserError; unknown keys,
 * deprecated spellings and dangling references are warnings and lose nothing else.
 */
import os from 'node:os';
import path from 'node:path';
import {UserError} from '../lib/errors.js';
import {defaultLayer} from './defaults.js';
import {readEnvLayer} from './env-layer.js';
import {readFileLayer} from './file-layer.js';
import {emptyLayer, type Findings, type Layer} from './layer.js';
import {danglingLlmReferences} from './llm-references.js';
import {locateConfigFile} from './locate.js';
import {mergeLayers} from './merge.js';
import {parseConfigText, readConfigText} from './read-toml.js';
import {keyLabel} from './schema.js';
import type {Config, ConfigWarning, LoadedConfig} from './types.js';

export interface LoadConfigOptions {
  /** --config: must exist. Without it: ./config.toml, then ${XDG_CONFIG_HOME:-~/.config}/oh-tui/config.toml. */
  configPath?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Defaults to os.homedir(); tests pass a temp dir. */
  homeDir?: string;
}

/** Short inside the cwd (`config.toml`), absolute elsewhere. */
function fileLabel(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function readFile(source: string, cwd: string, homeDir: string): Findings & {layer: Layer; label: string} {
  const label = fileLabel(source, cwd);
  const text = readConfigText(source, label);
  const doc = parseConfigText(text, label);
  return {label, ...readFileLayer(doc, {label, text, dir: path.dirname(source), homeDir})};
}

function referenceWarnings(config: Config, fileLabel: string | undefined, env: LoadConfigOptions['env']): ConfigWarning[] {
  return danglingLlmReferences(config).map(({section, name}) => {
    const origin = section === 'agent' && env.AGENT_LLM_CONFIG ? 'environment' : (fileLabel ?? 'environment');
    return {
      message: `${origin}: ${keyLabel(section, 'llm_config')} names "${name}", but there is no [llm.${name}] group; [llm] is used`,
    };
  });
}

export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const homeDir = options.homeDir ?? os.homedir();
  const cwd = path.resolve(options.cwd);
  const {env} = options;
  const source = locateConfigFile({configPath: options.configPath, cwd, env, homeDir});
  const file = source ? readFile(source, cwd, homeDir) : {label: undefined, layer: emptyLayer(), errors: [], warnings: []};
  const fromEnv = readEnvLayer({env, cwd, homeDir});

  const errors = [...file.errors, ...fromEnv.errors];
  if (errors.length > 0) {
    throw new UserError(errors.join('\n'), {
      hint: 'config.toml.example lists every key with its type and default.',
    });
  }
  const config = mergeLayers(defaultLayer({cwd, env, homeDir}), file.layer, fromEnv.layer, source);
  const warnings = [...file.warnings, ...fromEnv.warnings, ...referenceWarnings(config, file.label, env)];
  return {config, warnings};
}
