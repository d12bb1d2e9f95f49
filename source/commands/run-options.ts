import fs from 'node:fs';
import path from 'node:path';
import type {Config} from '../config/types.js';
import {selectedLlmName} from '../config/selected-llm.js';
import {UserError} from '../lib/errors.js';

/** The flags of `oh-tui` (the session) that change what it runs, as the command line gave them. */
export interface RunFlags {
  task?: string;
  file?: string;
  headless?: boolean;
  json?: boolean;
  maxIterations?: string;
  maxBudgetPerTask?: string;
  llmConfig?: string;
  directory?: string;
  model?: string;
  confirm?: boolean;
}

export interface RunOptions {
  /** The config with the flags applied over config.toml and the environment. */
  config: Config;
  /** The task from -t or -f; undefined when neither was given. */
  task: string | undefined;
  headless: boolean;
  json: boolean;
}

const hint = 'run `oh-tui --help` for the usage';

/**
 * Applies the session's flags to the loaded config (a flag wins over config.toml and the
 * environment, as --force-rebuild does) and checks them: each mistake is a UserError naming the
 * flag and the value.
 */
export function resolveRunOptions(config: Config, flags: RunFlags, cwd: string): RunOptions {
  const headless = flags.headless ?? false;
  const json = flags.json ?? false;
  if (json && !headless) throw new UserError('--json applies to the session only with --headless', {hint});
  if (flags.task !== undefined && flags.file !== undefined) throw new UserError('give the task with -t or with -f, not both', {hint});
  const task = flags.file === undefined ? flags.task : readTaskFile(path.resolve(cwd, flags.file));
  if (task !== undefined && task.trim() === '') {
    throw new UserError(flags.file === undefined ? 'the task (-t) is empty' : `the task file ${flags.file} is empty`, {hint});
  }
  if (headless && task === undefined) {
    throw new UserError('--headless needs a task: -t "<task>" or -f <file>', {
      hint: 'oh-tui --headless -t "write a hello world in hello.py"',
    });
  }
  if (headless && flags.confirm) {
    throw new UserError('--confirm cannot be used with --headless: nobody is there to answer y/n', {
      hint: 'run the task on the session screen (without --headless) to confirm each action',
    });
  }
  return {config: withFlags(config, flags, cwd), task, headless, json};
}

function withFlags(config: Config, flags: RunFlags, cwd: string): Config {
  let next = config;
  if (flags.directory !== undefined) {
    next = {...next, core: {...next.core, workspace_base: workspaceFolder(path.resolve(cwd, flags.directory), flags.directory)}};
  }
  if (flags.maxIterations !== undefined) {
    next = {...next, core: {...next.core, max_iterations: positiveInteger(flags.maxIterations, '--max-iterations')}};
  }
  if (flags.maxBudgetPerTask !== undefined) {
    next = {...next, core: {...next.core, max_budget_per_task: positiveNumber(flags.maxBudgetPerTask, '--max-budget-per-task')}};
  }
  if (flags.llmConfig !== undefined) {
    const name = flags.llmConfig;
    if (!Object.hasOwn(next.llms, name)) {
      const groups = Object.keys(next.llms);
      const where = next.source ?? 'config.toml (none was found)';
      throw new UserError(`--llm-config ${name}: there is no [llm.${name}] group in ${where}`, {
        hint: groups.length === 0 ? 'no [llm.<name>] group is defined' : `the groups there are: ${groups.join(', ')}`,
      });
    }
    // -l wins over the llm_config of the agent's own [agent.<Name>] table too.
    const agentName = next.core.default_agent;
    const agents = Object.hasOwn(next.agents, agentName)
      ? {...next.agents, [agentName]: {...(next.agents[agentName] as Config['agent']), llm_config: name}}
      : next.agents;
    next = {...next, agent: {...next.agent, llm_config: name}, agents};
  }
  if (flags.model !== undefined) {
    const model = flags.model.trim();
    if (model === '')
      throw new UserError('--model is empty', {hint: 'e.g. --model openai/gpt-4o or --model anthropic/claude-3-5-sonnet-20241022'});
    // The model of the settings the agent uses: the chosen [llm.<name>] group, else [llm].
    const group = selectedLlmName(next);
    if (group !== undefined) {
      next = {...next, llms: {...next.llms, [group]: {...(next.llms[group] as Config['llm']), model}}};
    } else {
      next = {...next, llm: {...next.llm, model}};
    }
  }
  if (flags.confirm) next = {...next, security: {...next.security, confirmation_mode: true}};
  return next;
}

function readTaskFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UserError(`cannot read the task file ${file}: ${reason}`, {hint});
  }
}

function workspaceFolder(folder: string, given: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new UserError(`--directory ${given}: no such folder (${folder})`, {hint: 'the workspace must exist: create it first'});
  }
  if (!stat.isDirectory()) throw new UserError(`--directory ${given}: ${folder} is not a folder`, {hint});
  return folder;
}

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new UserError(`${flag} must be a whole number of at least 1, got "${value}"`, {hint});
  }
  return number;
}

function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new UserError(`${flag} must be an amount in USD above 0 (e.g. 0.5), got "${value}"`, {hint});
  }
  return number;
}
