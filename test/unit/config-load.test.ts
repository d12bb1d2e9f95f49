import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/config/load.js';
import {UserError} from '../../source/lib/errors.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();

/** The UserError loadConfig throws (failing the test when it does not throw one). */
function loadError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig without a file', () => {
  it('gives every default and no source', () => {
    const {cwd, home} = tempDirs();
    const {config, warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings).toEqual([]);
    expect(config.source).toBeUndefined();
    expect(config.core).toEqual({
      workspace_base: cwd,
      workspace_mount_path_in_sandbox: '/workspace',
      file_store_path: path.join(home, '.local/state/oh-tui'),
      default_agent: 'CodeActAgent',
      max_iterations: 100,
      max_budget_per_task: undefined,
      run_as_openhands: true,
      debug: false,
      disable_color: false,
    });
    expect(config.sandbox).toMatchObject({
      base_container_image: 'nikolaik/python-nodejs:python3.12-nodejs22',
      runtime_container_image: undefined,
      runtime_image_repo: 'oh-tui/runtime',
      container_name_prefix: 'openhands-runtime-',
      user_id: process.getuid?.() ?? 1000,
      timeout: 120,
      keep_runtime_alive: false,
      runtime_extra_build_args: [],
      runtime_startup_env_vars: {},
      runtime_binding_address: '127.0.0.1',
      vscode_host: 'localhost',
      enable_vscode: true,
      openvscode_server_arch_map: {x86_64: 'x64', aarch64: 'arm64', armv7l: 'armhf'},
      max_message_chars: 30000,
    });
    expect(config.llm).toMatchObject({model: 'claude-3-5-sonnet-20241022', num_retries: 8, temperature: 0, top_p: 1});
    expect(config.llm.api_key).toBeUndefined();
    expect(config.agent).toEqual({llm_config: undefined});
    expect(config.security).toEqual({confirmation_mode: false, security_analyzer: undefined});
    expect(config.llms).toEqual({});
    expect(config.agents).toEqual({});
  });

  it('puts file_store_path under an absolute XDG_STATE_HOME, ignoring a relative one', () => {
    const {cwd, home, root} = tempDirs();
    const state = path.join(root, 'state');
    expect(loadConfig({cwd, env: {XDG_STATE_HOME: state}, homeDir: home}).config.core.file_store_path).toBe(path.join(state, 'oh-tui'));
    expect(loadConfig({cwd, env: {XDG_STATE_HOME: 'rel'}, homeDir: home}).config.core.file_store_path).toBe(
      path.join(home, '.local/state/oh-tui'),
    );
  });

  it('does not share default arrays and tables between loads', () => {
    const {cwd, home} = tempDirs();
    const first = loadConfig({cwd, env: {}, homeDir: home}).config;
    first.sandbox.runtime_extra_build_args.push('--x');
    first.sandbox.openvscode_server_arch_map.x86_64 = 'changed';
    const second = loadConfig({cwd, env: {}, homeDir: home}).config;
    expect(second.sandbox.runtime_extra_build_args).toEqual([]);
    expect(second.sandbox.openvscode_server_arch_map.x86_64).toBe('x64');
  });
});

describe('config file lookup', () => {
  it('reads --config before ./config.toml and the XDG file', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nmax_iterations = 2\n');
    write(path.join(home, '.config/oh-tui/config.toml'), '[core]\nmax_iterations = 3\n');
    const explicit = write('elsewhere/my.toml', '[core]\nmax_iterations = 1\n');
    const {config} = loadConfig({configPath: 'elsewhere/my.toml', cwd, env: {}, homeDir: home});
    expect(config.core.max_iterations).toBe(1);
    expect(config.source).toBe(explicit);
  });

  it('reads ./config.toml before the XDG file', () => {
    const {cwd, home, write} = tempDirs();
    const local = write('config.toml', '[core]\nmax_iterations = 2\n');
    write(path.join(home, '.config/oh-tui/config.toml'), '[core]\nmax_iterations = 3\n');
    const {config} = loadConfig({cwd, env: {}, homeDir: home});
    expect(config.core.max_iterations).toBe(2);
    expect(config.source).toBe(local);
  });

  it('falls back to ~/.config/oh-tui/config.toml, or to $XDG_CONFIG_HOME/oh-tui/config.toml when set', () => {
    const {cwd, home, root, write} = tempDirs();
    const inHome = write(path.join(home, '.config/oh-tui/config.toml'), '[core]\nmax_iterations = 3\n');
    expect(loadConfig({cwd, env: {}, homeDir: home}).config.source).toBe(inHome);
    const xdg = write(path.join(root, 'xdg/oh-tui/config.toml'), '[core]\nmax_iterations = 4\n');
    const {config} = loadConfig({cwd, env: {XDG_CONFIG_HOME: path.join(root, 'xdg')}, homeDir: home});
    expect(config.source).toBe(xdg);
    expect(config.core.max_iterations).toBe(4);
  });

  it('refuses a --config file that does not exist, naming it', () => {
    const {cwd, home} = tempDirs();
    const error = loadError(() => loadConfig({configPath: 'missing.toml', cwd, env: {}, homeDir: home}));
    expect(error.message).toBe(`config file missing.toml does not exist (looked at ${path.join(cwd, 'missing.toml')})`);
    expect(error.exitCode).toBe(2);
  });

  it('refuses a --config path that is a directory', () => {
    const {cwd, home} = tempDirs();
    const error = loadError(() => loadConfig({configPath: '.', cwd, env: {}, homeDir: home}));
    expect(error.message).toBe(`config file . is not a file (looked at ${cwd})`);
  });
});

describe('config file errors', () => {
  it('reports a syntax error as file:line:column with the line and a caret', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nmax_iterations = 5\ndebug = tru\n');
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    const [first, source, caret] = error.message.split('\n');
    expect(first).toMatch(/^config\.toml:3:9: \S.*/);
    expect(first).not.toContain('Invalid TOML document');
    expect(source).toBe('  debug = tru');
    expect(caret).toBe('          ^');
    expect(error.message.split('\n')).toHaveLength(3);
  });

  it('names file, line, key, expected type and given value for a wrong type', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nmax_iterations = 5\n\n[sandbox]\ntimeout = "abc"\n');
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    expect(error.message).toBe('config.toml:5: [sandbox] timeout must be an integer, got "abc" (string)');
  });

  it('reports every wrong type at once, including named groups and tables', () => {
    const {cwd, home, write} = tempDirs();
    write(
      'config.toml',
      [
        '[core]',
        'debug = "yes"',
        'max_iterations = 1.5',
        '[llm.cheap]',
        'temperature = "hot"',
        '[sandbox]',
        'runtime_extra_build_args = ["--a", 1]',
        'runtime_startup_env_vars = {PORT = 8080}',
        '',
      ].join('\n'),
    );
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    expect(error.message.split('\n')).toEqual([
      'config.toml:2: [core] debug must be true or false, got "yes" (string)',
      'config.toml:3: [core] max_iterations must be an integer, got 1.5 (float)',
      'config.toml:5: [llm.cheap] temperature must be a number, got "hot" (string)',
      'config.toml:7: [sandbox] runtime_extra_build_args must be an array of strings, got ["--a", 1] (array)',
      'config.toml:8: [sandbox] runtime_startup_env_vars must be a table of strings, got {PORT = 8080} (table)',
    ]);
  });

  it('names a file outside the cwd by its absolute path, and finds lines of dotted keys', () => {
    const {cwd, home, write} = tempDirs();
    const file = write(path.join(home, '.config/oh-tui/config.toml'), '\nsandbox.timeout = true\n');
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    expect(error.message).toBe(`${file}:2: [sandbox] timeout must be an integer, got true (boolean)`);
  });

  it('refuses a section that is not a table', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', 'sandbox = 3\n');
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    expect(error.message).toBe('config.toml:1: sandbox must be a table ([sandbox]), got 3 (integer)');
  });
});

describe('unknown keys', () => {
  it('warns with a did-you-mean and still applies every other key', () => {
    const {cwd, home, write} = tempDirs();
    write(
      'config.toml',
      [
        '[core]',
        'max_iterations = 7',
        'vscode_host = "devbox"',
        '',
        '[sandbox]',
        'timout = 30',
        'user_id = 42',
        '',
        '[sandbx]',
        'timeout = 1',
        '',
        '[llm.cheap]',
        'modle = "x"',
        '',
      ].join('\n'),
    );
    const {config, warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings.map((warning) => warning.message)).toEqual([
      'config.toml:3: unknown key [core] vscode_host (ignored); did you mean [sandbox] vscode_host?',
      'config.toml:6: unknown key [sandbox] timout (ignored); did you mean timeout?',
      'config.toml:9: unknown section [sandbx] (ignored); did you mean [sandbox]?',
      'config.toml:13: unknown key [llm.cheap] modle (ignored); did you mean model?',
    ]);
    expect(config.core.max_iterations).toBe(7);
    expect(config.sandbox.user_id).toBe(42);
    expect(config.sandbox.timeout).toBe(120);
    expect(config.sandbox.vscode_host).toBe('localhost');
  });

  it('says plainly that an OpenHands-only key is ignored', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[llm]\nembedding_model = "local"\nmodel = "gpt-4o"\n');
    const {config, warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings.map((warning) => warning.message)).toEqual([
      'config.toml:2: [llm] embedding_model is an OpenHands 0.15 key that oh-tui does not use (ignored)',
    ]);
    expect(config.llm.model).toBe('gpt-4o');
  });

  it('suggests the section of a key written outside any section', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', 'model = "gpt-4o"\nLLM_MODLE = "x"\n');
    const {warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings.map((warning) => warning.message)).toEqual([
      'config.toml:1: unknown key model outside any section (ignored); did you mean [llm] model?',
      'config.toml:2: unknown key LLM_MODLE (ignored); did you mean LLM_MODEL?',
    ]);
  });
});

describe('environment overrides', () => {
  it('override each section, beating the file', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nmax_iterations = 7\n[sandbox]\ntimeout = 30\n[llm]\nmodel = "from-file"\n');
    const {config} = loadConfig({
      cwd,
      homeDir: home,
      env: {
        MAX_ITERATIONS: '9',
        DEBUG: 'TRUE',
        SANDBOX_TIMEOUT: '300',
        SANDBOX_USE_HOST_NETWORK: '1',
        SANDBOX_RUNTIME_EXTRA_BUILD_ARGS: '["--network=host"]',
        LLM_MODEL: 'gpt-4o',
        LLM_TEMPERATURE: '0.5',
        AGENT_LLM_CONFIG: '',
        SECURITY_CONFIRMATION_MODE: 'true',
        SECURITY_SECURITY_ANALYZER: 'invariant',
        VSCODE_HOST: 'devbox',
        OH_RUNTIME_RUNTIME_IMAGE_REPO: 'me/runtime',
      },
    });
    expect(config.core.max_iterations).toBe(9);
    expect(config.core.debug).toBe(true);
    expect(config.sandbox.timeout).toBe(300);
    expect(config.sandbox.use_host_network).toBe(true);
    expect(config.sandbox.runtime_extra_build_args).toEqual(['--network=host']);
    expect(config.sandbox.vscode_host).toBe('devbox');
    expect(config.sandbox.runtime_image_repo).toBe('me/runtime');
    expect(config.llm.model).toBe('gpt-4o');
    expect(config.llm.temperature).toBe(0.5);
    expect(config.agent.llm_config).toBeUndefined(); // empty means unset
    expect(config.security).toEqual({confirmation_mode: true, security_analyzer: 'invariant'});
  });

  it('prefers SANDBOX_VSCODE_HOST over VSCODE_HOST', () => {
    const {cwd, home} = tempDirs();
    const env = {VSCODE_HOST: 'b', SANDBOX_VSCODE_HOST: 'a'};
    expect(loadConfig({cwd, env, homeDir: home}).config.sandbox.vscode_host).toBe('a');
  });

  it('reads booleans as true/false/1/0 in any case', () => {
    const {cwd, home} = tempDirs();
    for (const [raw, value] of [
      ['False', false],
      ['0', false],
      ['tRuE', true],
      ['1', true],
    ] as const) {
      expect(loadConfig({cwd, env: {DISABLE_COLOR: raw}, homeDir: home}).config.core.disable_color).toBe(value);
    }
  });

  it('refuses bad values, naming every variable and its value', () => {
    const {cwd, home} = tempDirs();
    const error = loadError(() =>
      loadConfig({
        cwd,
        homeDir: home,
        env: {SANDBOX_TIMEOUT: 'abc', LLM_TOP_P: 'high', DISABLE_COLOR: 'yes', MAX_ITERATIONS: '1.5'},
      }),
    );
    expect(error.message.split('\n')).toEqual([
      'environment: MAX_ITERATIONS ([core] max_iterations) must be an integer, got "1.5"',
      'environment: DISABLE_COLOR ([core] disable_color) must be true, false, 1 or 0, got "yes"',
      'environment: LLM_TOP_P ([llm] top_p) must be a number, got "high"',
      'environment: SANDBOX_TIMEOUT ([sandbox] timeout) must be an integer, got "abc"',
    ]);
  });

  it('only warns about a DEBUG that is not a boolean: the debug package reads DEBUG too', () => {
    const {cwd, home} = tempDirs();
    const {config, warnings} = loadConfig({cwd, env: {DEBUG: 'docker-modem:*'}, homeDir: home});
    expect(config.core.debug).toBe(false);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'environment: DEBUG ([core] debug) must be true, false, 1 or 0, got "docker-modem:*"; ignored',
    ]);
  });

  it('reports file and environment mistakes together', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[sandbox]\nuser_id = "me"\n');
    const error = loadError(() => loadConfig({cwd, env: {SANDBOX_TIMEOUT: 'x'}, homeDir: home}));
    expect(error.message.split('\n')).toEqual([
      'config.toml:2: [sandbox] user_id must be an integer, got "me" (string)',
      'environment: SANDBOX_TIMEOUT ([sandbox] timeout) must be an integer, got "x"',
    ]);
  });

  it('ignores a table-typed key set in the environment, with a warning', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[sandbox]\nruntime_startup_env_vars = {A = "1"}\n');
    const {config, warnings} = loadConfig({cwd, env: {SANDBOX_RUNTIME_STARTUP_ENV_VARS: 'B=2'}, homeDir: home});
    expect(config.sandbox.runtime_startup_env_vars).toEqual({A: '1'});
    expect(warnings.map((warning) => warning.message)).toEqual([
      'environment: SANDBOX_RUNTIME_STARTUP_ENV_VARS is ignored: [sandbox] runtime_startup_env_vars is a table, which only config.toml can set',
    ]);
  });
});

describe('OpenHands 0.15 file layouts', () => {
  it('moves [core] sandbox_<x> to [sandbox] <x> with a warning', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nsandbox_timeout = 60\nsandbox_user_id = 5\n[sandbox]\nuser_id = 7\n');
    const {config, warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(config.sandbox.timeout).toBe(60);
    expect(config.sandbox.user_id).toBe(7);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'config.toml:2: [core] sandbox_timeout is deprecated; move it to [sandbox] timeout (applied there)',
      'config.toml:3: [core] sandbox_user_id is deprecated and ignored: [sandbox] user_id is also set',
    ]);
  });

  it('checks the type of a legacy key under its old name', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nsandbox_timeout = "soon"\n');
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    expect(error.message).toBe('config.toml:2: [core] sandbox_timeout must be an integer, got "soon" (string)');
  });

  it('reads top-level env-style keys as their variables would be read, below the real environment', () => {
    const {cwd, home, write} = tempDirs();
    write(
      'config.toml',
      'LLM_MODEL = "gpt-4o"\nSANDBOX_TIMEOUT = "45"\nDEBUG = true\nMAX_ITERATIONS = 3\nWORKSPACE_BASE = "ws"\n[llm]\nmodel = "loses"\n',
    );
    const {config, warnings} = loadConfig({cwd, env: {MAX_ITERATIONS: '4'}, homeDir: home});
    expect(warnings).toEqual([]);
    expect(config.llm.model).toBe('gpt-4o');
    expect(config.sandbox.timeout).toBe(45);
    expect(config.core.debug).toBe(true);
    expect(config.core.max_iterations).toBe(4);
    expect(config.core.workspace_base).toBe(path.join(cwd, 'ws'));
  });

  it('refuses an env-style key whose text does not parse', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', 'SANDBOX_TIMEOUT = "soon"\n');
    const error = loadError(() => loadConfig({cwd, env: {}, homeDir: home}));
    expect(error.message).toBe('config.toml:1: SANDBOX_TIMEOUT ([sandbox] timeout) must be an integer, got "soon" (string)');
  });
});

describe('named groups', () => {
  it('[llm.<name>] takes unset keys from [llm] after the environment; [agent.<Name>] from [agent]', () => {
    const {cwd, home, write} = tempDirs();
    write(
      'config.toml',
      [
        '[llm]',
        'model = "big"',
        'temperature = 0.3',
        '[llm.cheap]',
        'model = "small"',
        '[llm."with.dot"]',
        'top_p = 0.5',
        '[agent]',
        'llm_config = "cheap"',
        '[agent.Browser]',
        'llm_config = "with.dot"',
        '[agent.Other]',
        '',
      ].join('\n'),
    );
    const {config, warnings} = loadConfig({cwd, env: {LLM_API_KEY: 'k', LLM_MODEL: 'env-model'}, homeDir: home});
    expect(warnings).toEqual([]);
    expect(config.llm).toMatchObject({model: 'env-model', temperature: 0.3, api_key: 'k'});
    expect(config.llms.cheap).toEqual({...config.llm, model: 'small'});
    expect(config.llms['with.dot']).toEqual({...config.llm, top_p: 0.5});
    expect(config.agents).toEqual({Browser: {llm_config: 'with.dot'}, Other: {llm_config: 'cheap'}});
  });

  it('warns when llm_config names a group that does not exist', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[agent]\nllm_config = "nope"\n[agent.X]\nllm_config = "gone"\n[agent.Y]\n');
    const {warnings} = loadConfig({cwd, env: {}, homeDir: home});
    expect(warnings.map((warning) => warning.message)).toEqual([
      'config.toml: [agent] llm_config names "nope", but there is no [llm.nope] group; [llm] is used',
      'config.toml: [agent.X] llm_config names "gone", but there is no [llm.gone] group; [llm] is used',
    ]);
  });
});

describe('path finalization', () => {
  it('resolves file paths against the file directory and expands ~', () => {
    const {cwd, home, root, write} = tempDirs();
    const file = write(path.join(root, 'conf/my.toml'), '[core]\nworkspace_base = "ws"\nfile_store_path = "~/store"\n');
    const {config} = loadConfig({configPath: file, cwd, env: {}, homeDir: home});
    expect(config.core.workspace_base).toBe(path.join(root, 'conf/ws'));
    expect(config.core.file_store_path).toBe(path.join(home, 'store'));
  });

  it('resolves environment paths against the cwd', () => {
    const {cwd, home, write} = tempDirs();
    write('sub/config.toml', '[core]\nworkspace_base = "from-file"\n');
    const {config} = loadConfig({
      configPath: 'sub/config.toml',
      cwd,
      env: {WORKSPACE_BASE: 'ws', FILE_STORE_PATH: '~', SANDBOX_OPENVSCODE_SERVER_TARBALL: '../vs.tgz'},
      homeDir: home,
    });
    expect(config.core.workspace_base).toBe(path.join(cwd, 'ws'));
    expect(config.core.file_store_path).toBe(home);
    expect(config.sandbox.openvscode_server_tarball).toBe(path.resolve(cwd, '../vs.tgz'));
  });

  it('keeps absolute paths as they are', () => {
    const {cwd, home, write} = tempDirs();
    write('config.toml', '[core]\nworkspace_base = "/srv/ws"\n');
    expect(loadConfig({cwd, env: {}, homeDir: home}).config.core.workspace_base).toBe('/srv/ws');
  });
});
