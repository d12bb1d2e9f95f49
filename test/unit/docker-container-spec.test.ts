import {describe, expect, it} from 'vitest';
import {configHash} from '../../source/config/hash.js';
import type {Config} from '../../source/config/types.js';
import {containerSpec, serverCommand} from '../../source/docker/container-spec.js';
import {exactNameFilter, runtimeContainerName} from '../../source/docker/containers.js';
import {labelDrift, labelKeys, readRuntimeLabels, runtimeLabels} from '../../source/docker/labels.js';
import {version} from '../../source/lib/version.js';
import {defaultConfig} from '../fixtures/config/default-config.js';

function config(patch: {core?: Partial<Config['core']>; sandbox?: Partial<Config['sandbox']>} = {}): Config {
  const loaded = defaultConfig('/home/me/project', '/home/me');
  return {...loaded, core: {...loaded.core, ...patch.core}, sandbox: {...loaded.sandbox, ...patch.sandbox}};
}

const base = {sid: 'abc', name: 'openhands-runtime-abc', image: 'oh-tui/runtime:oh_v1_x_y', apiKey: 'k3y'};

describe('containerSpec', () => {
  it('runs the action server with OpenHands 0.15 arguments and the session key in the environment', () => {
    const spec = containerSpec({...base, config: config({sandbox: {user_id: 1234, timeout: 300, max_message_chars: 5000}})});
    expect(spec.name).toBe('openhands-runtime-abc');
    expect(spec.Image).toBe('oh-tui/runtime:oh_v1_x_y');
    expect(spec.WorkingDir).toBe('/openhands/code');
    expect(spec.Cmd).toEqual([
      '/openhands/bin/node',
      '/openhands/code/action-server.cjs',
      '30000',
      '--working-dir',
      '/workspace',
      '--username',
      'openhands',
      '--user-id',
      '1234',
      '--plugins',
      'agent_skills',
      'vscode',
    ]);
    expect(spec.Env).toEqual(['port=30000', 'SESSION_API_KEY=k3y', 'VSCODE_PORT=30001', 'SANDBOX_TIMEOUT=300', 'MAX_MESSAGE_CHARS=5000']);
  });

  it('runs as root without the vscode plugin when configured so', () => {
    const command = serverCommand(config({core: {run_as_openhands: false}, sandbox: {enable_vscode: false}}), 30000);
    expect(command.slice(5)).toEqual(['--username', 'root', '--user-id', expect.any(String), '--plugins', 'agent_skills']);
  });

  it('publishes the server and VS Code ports on 127.0.0.1 with engine-chosen host ports, never 0.0.0.0 by default', () => {
    const spec = containerSpec({...base, config: config()});
    expect(spec.ExposedPorts).toEqual({'30000/tcp': {}, '30001/tcp': {}});
    expect(spec.HostConfig?.PortBindings).toEqual({
      '30000/tcp': [{HostIp: '127.0.0.1', HostPort: '0'}],
      '30001/tcp': [{HostIp: '127.0.0.1', HostPort: '0'}],
    });
    expect(JSON.stringify(spec)).not.toContain('0.0.0.0');
    expect(spec.HostConfig?.NetworkMode).toBeUndefined();
  });

  it('keeps loopback when the binding address is empty, and uses an explicit one as given', () => {
    const empty = containerSpec({...base, config: config({sandbox: {runtime_binding_address: ''}})});
    expect(empty.HostConfig?.PortBindings?.['30000/tcp']).toEqual([{HostIp: '127.0.0.1', HostPort: '0'}]);
    const open = containerSpec({...base, config: config({sandbox: {runtime_binding_address: '0.0.0.0', enable_vscode: false}})});
    expect(open.HostConfig?.PortBindings).toEqual({'30000/tcp': [{HostIp: '0.0.0.0', HostPort: '0'}]});
    expect(open.ExposedPorts).toEqual({'30000/tcp': {}});
  });

  it('mounts the workspace read-write, runs an init, and labels the container', () => {
    const cfg = config({core: {workspace_base: '/home/me/project'}});
    const spec = containerSpec({...base, config: cfg});
    expect(spec.HostConfig?.Init).toBe(true);
    expect(spec.HostConfig?.Binds).toEqual(['/home/me/project:/workspace:rw']);
    expect(spec.Labels).toEqual({
      'oh-tui.session': 'abc',
      'oh-tui.workspace': '/home/me/project',
      'oh-tui.config-hash': configHash(cfg),
      'oh-tui.version': version,
    });
  });

  it('uses host networking with the chosen ports and publishes nothing', () => {
    const spec = containerSpec({
      ...base,
      config: config({sandbox: {use_host_network: true}}),
      hostNetworkPorts: {server: 41000, vscode: 41001},
    });
    expect(spec.HostConfig?.NetworkMode).toBe('host');
    expect(spec.HostConfig?.PortBindings).toBeUndefined();
    expect(spec.ExposedPorts).toBeUndefined();
    expect(spec.Cmd?.[2]).toBe('41000');
    expect(spec.Env).toEqual(['port=41000', 'SESSION_API_KEY=k3y', 'VSCODE_PORT=41001', 'SANDBOX_TIMEOUT=120', 'MAX_MESSAGE_CHARS=30000']);
  });

  it('adds DEBUG=true in debug mode, as 0.15 does', () => {
    expect(containerSpec({...base, config: config({core: {debug: true}})}).Env).toContain('DEBUG=true');
  });
});

describe('container names and labels', () => {
  it('names the container prefix + sid and finds it by an anchored, escaped regex', () => {
    expect(runtimeContainerName(config(), 'abc')).toBe('openhands-runtime-abc');
    const filter = new RegExp(exactNameFilter('my.prefix-abc'));
    expect(filter.test('/my.prefix-abc')).toBe(true);
    expect(filter.test('/my.prefix-abc2')).toBe(false);
    expect(filter.test('/myXprefix-abc')).toBe(false);
    expect(filter.test('/other-my.prefix-abc')).toBe(false);
  });

  it('reads our labels back and ignores containers without them', () => {
    const cfg = config();
    expect(readRuntimeLabels(runtimeLabels(cfg, 's1'))).toEqual({
      session: 's1',
      workspace: cfg.core.workspace_base,
      configHash: configHash(cfg),
      version,
    });
    expect(readRuntimeLabels({})).toBeUndefined();
    expect(readRuntimeLabels(null)).toBeUndefined();
    expect(labelKeys.session).toBe('oh-tui.session');
  });

  it('tells when a found container mounts another workspace or was made with other settings', () => {
    const cfg = config({core: {workspace_base: '/a'}});
    const labels = readRuntimeLabels(runtimeLabels(cfg, 's1'));
    expect(labelDrift(labels, cfg, 'c')).toEqual([]);
    const moved = config({core: {workspace_base: '/b'}});
    expect(labelDrift(labels, moved, 'c').join('\n')).toContain('mounts workspace /a, not /b');
    const changed = config({core: {workspace_base: '/a'}, sandbox: {user_id: 4321}});
    expect(labelDrift(labels, changed, 'c').join('\n')).toContain('different [sandbox] settings');
    expect(labelDrift(undefined, cfg, 'c')).toEqual([]);
  });
});
