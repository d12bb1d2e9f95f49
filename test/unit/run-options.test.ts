import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveRunOptions} from '../../source/commands/run-options.js';
import {loadConfig} from '../../source/config/load.js';
import {llmConfigured, selectedLlm} from '../../source/config/selected-llm.js';
import {quickParse} from '../../source/cli/quick-parse.js';
import {checkFlags} from '../../source/cli/parse-argv.js';
import {helpText} from '../../source/cli/flags.js';
import {defaultConfig} from '../fixtures/config/default-config.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const place = trackTempDirs();

function configWith(text: string) {
  const {cwd, home, write} = place();
  const file = write('config.toml', text);
  return {cwd, home, write, config: loadConfig({configPath: file, cwd, env: {HOME: home}, homeDir: home}).config};
}

describe('the session flags on the command line', () => {
  it('parses every new flag, long and short, without meow on plain lines', () => {
    expect(
      quickParse(['-t', 'fix it', '--headless', '--json', '-i', '5', '-b', '0.5', '-l', 'cheap', '-d', 'ws', '--model', 'openai/gpt-4o']),
    ).toEqual({
      input: [],
      flags: {
        task: 'fix it',
        headless: true,
        json: true,
        maxIterations: '5',
        maxBudgetPerTask: '0.5',
        llmConfig: 'cheap',
        directory: 'ws',
        model: 'openai/gpt-4o',
      },
    });
    expect(quickParse(['-f', 'task.md', '--confirm'])).toEqual({input: [], flags: {file: 'task.md', confirm: true}});
  });

  it('accepts them for the session only, and lists them in --help', () => {
    expect(() => checkFlags(['-t', 'x', '--headless', '--json', '--confirm', '-d', '.'], '')).not.toThrow();
    expect(() => checkFlags(['-t', 'x'], 'exec')).toThrow('--task does not apply to oh-tui exec');
    expect(() => checkFlags(['--headless'], 'build')).toThrow('--headless does not apply to oh-tui build');
    for (const flag of [
      '-t, --task <text>',
      '-f, --file <path>',
      '--headless',
      '-i, --max-iterations <n>',
      '-b, --max-budget-per-task <usd>',
    ]) {
      expect(helpText()).toContain(flag);
    }
    for (const flag of ['-l, --llm-config <name>', '-d, --directory <path>', '--model <provider/model>', '--confirm'])
      expect(helpText()).toContain(flag);
  });
});

describe('resolveRunOptions: flags over the config', () => {
  it('changes nothing without flags', () => {
    const {cwd, home} = place();
    const config = defaultConfig(cwd, home);
    expect(resolveRunOptions(config, {}, cwd)).toEqual({config, task: undefined, headless: false, json: false});
  });

  it('overrides [core] max_iterations, max_budget_per_task, workspace_base and [security] confirmation_mode', () => {
    const {cwd, home} = place();
    const config = defaultConfig(cwd, home);
    const run = resolveRunOptions(config, {maxIterations: '7', maxBudgetPerTask: '0.25', directory: '.', confirm: true, task: 'go'}, cwd);
    expect(run.config.core).toMatchObject({max_iterations: 7, max_budget_per_task: 0.25, workspace_base: cwd});
    expect(run.config.security.confirmation_mode).toBe(true);
    expect(run.task).toBe('go');
  });

  it('refuses bad numbers naming the flag and the value', () => {
    const {cwd, home} = place();
    const config = defaultConfig(cwd, home);
    expect(() => resolveRunOptions(config, {maxIterations: '0'}, cwd)).toThrow(
      '--max-iterations must be a whole number of at least 1, got "0"',
    );
    expect(() => resolveRunOptions(config, {maxIterations: '2.5'}, cwd)).toThrow('got "2.5"');
    expect(() => resolveRunOptions(config, {maxBudgetPerTask: 'lots'}, cwd)).toThrow(
      '--max-budget-per-task must be an amount in USD above 0 (e.g. 0.5), got "lots"',
    );
  });

  it('-d must name an existing folder', () => {
    const {cwd, home, write} = place();
    const config = defaultConfig(cwd, home);
    expect(() => resolveRunOptions(config, {directory: 'nowhere'}, cwd)).toThrow(
      `--directory nowhere: no such folder (${path.join(cwd, 'nowhere')})`,
    );
    write('a-file', 'x');
    expect(() => resolveRunOptions(config, {directory: 'a-file'}, cwd)).toThrow('is not a folder');
  });

  it('-f reads the task from a file; a missing file is an error naming its path; -t and -f together are refused', () => {
    const {cwd, home, write} = place();
    const config = defaultConfig(cwd, home);
    write('task.md', 'Write hello.py\nthat prints hello.\n');
    expect(resolveRunOptions(config, {file: 'task.md'}, cwd).task).toBe('Write hello.py\nthat prints hello.\n');
    expect(() => resolveRunOptions(config, {file: 'missing.md'}, cwd)).toThrow(
      `cannot read the task file ${path.join(cwd, 'missing.md')}: no such file`,
    );
    expect(() => resolveRunOptions(config, {file: 'task.md', task: 'x'}, cwd)).toThrow('give the task with -t or with -f, not both');
    write('empty.md', '  \n');
    expect(() => resolveRunOptions(config, {file: 'empty.md'}, cwd)).toThrow('the task file empty.md is empty');
  });

  it('--json only with --headless; --headless needs a task and refuses --confirm', () => {
    const {cwd, home} = place();
    const config = defaultConfig(cwd, home);
    expect(() => resolveRunOptions(config, {json: true, task: 'x'}, cwd)).toThrow('--json applies to the session only with --headless');
    expect(() => resolveRunOptions(config, {headless: true}, cwd)).toThrow('--headless needs a task: -t "<task>" or -f <file>');
    expect(() => resolveRunOptions(config, {headless: true, task: 'x', confirm: true}, cwd)).toThrow(
      '--confirm cannot be used with --headless: nobody is there to answer y/n',
    );
    expect(resolveRunOptions(config, {headless: true, json: true, task: 'x'}, cwd)).toMatchObject({headless: true, json: true, task: 'x'});
  });

  it('-l picks an [llm.<name>] group; an unknown name lists the groups; --model sets the model of the settings in use', () => {
    const {cwd, config} = configWith(
      '[llm]\nmodel = "openai/gpt-4o"\napi_key = "k"\n[llm.cheap]\nmodel = "openai/gpt-4o-mini"\n[llm.local]\nbase_url = "http://127.0.0.1:11434/v1"\n',
    );
    const cheap = resolveRunOptions(config, {llmConfig: 'cheap'}, cwd).config;
    expect(cheap.agent.llm_config).toBe('cheap');
    expect(selectedLlm(cheap).model).toBe('openai/gpt-4o-mini');
    expect(() => resolveRunOptions(config, {llmConfig: 'fast'}, cwd)).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('--llm-config fast: there is no [llm.fast] group in'),
        hint: 'the groups there are: cheap, local',
      }),
    );
    expect(selectedLlm(resolveRunOptions(config, {model: 'anthropic/claude-3-5-haiku'}, cwd).config).model).toBe(
      'anthropic/claude-3-5-haiku',
    );
    const both = resolveRunOptions(config, {llmConfig: 'local', model: 'ollama/qwen2.5'}, cwd).config;
    expect(selectedLlm(both).model).toBe('ollama/qwen2.5');
    expect(both.llm.model).toBe('openai/gpt-4o');
  });

  it('an LLM counts as configured with an api_key or a base_url, not with the default model alone', () => {
    const {cwd, home} = place();
    const config = defaultConfig(cwd, home);
    expect(llmConfigured(selectedLlm(config))).toBe(false);
    expect(llmConfigured({...config.llm, api_key: 'sk-x'})).toBe(true);
    expect(llmConfigured({...config.llm, base_url: 'http://127.0.0.1:8000/v1'})).toBe(true);
  });
});
