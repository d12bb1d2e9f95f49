import type Dockerode from 'dockerode';
import {describe, expect, it} from 'vitest';
import {
  dialHost,
  findFreePortPair,
  isPortFree,
  publishedPortsFromInspect,
  runtimePortsFromInspect,
  waitForPublishedPorts,
  wildcardBindings,
  PortsNotPublishedError,
} from '../../source/docker/ports.js';
import {UserError} from '../../source/lib/errors.js';

type Ports = Record<string, Array<{HostIp: string; HostPort: string}> | null>;

/** The parts of `docker inspect` the port logic reads, shaped as the engine (20.10) returns them. */
function inspect(options: {
  env?: string[];
  exposed?: string[];
  ports?: Ports;
  networkMode?: string;
  running?: boolean;
}): Dockerode.ContainerInspectInfo {
  return {
    Id: 'f00d',
    Name: '/openhands-runtime-abc',
    Config: {Env: options.env ?? [], ExposedPorts: Object.fromEntries((options.exposed ?? []).map((port) => [port, {}]))},
    HostConfig: {NetworkMode: options.networkMode ?? 'default'},
    NetworkSettings: {Ports: options.ports ?? {}},
    State: {Status: options.running === false ? 'exited' : 'running', Running: options.running !== false},
  } as unknown as Dockerode.ContainerInspectInfo;
}

const ours = {
  env: ['port=30000', 'SESSION_API_KEY=k', 'VSCODE_PORT=30001', 'PATH=/usr/bin'],
  exposed: ['30000/tcp', '30001/tcp'],
  ports: {'30000/tcp': [{HostIp: '127.0.0.1', HostPort: '32769'}], '30001/tcp': [{HostIp: '127.0.0.1', HostPort: '32768'}]},
};

describe('ports from inspect data', () => {
  it('reads our container: server and VS Code host ports on loopback', () => {
    const info = inspect(ours);
    expect(runtimePortsFromInspect(info)).toEqual({server: 30000, vscode: 30001});
    expect(publishedPortsFromInspect(info, 'unix:///var/run/docker.sock')).toEqual({
      server: {host: '127.0.0.1', port: 32769},
      vscode: {host: '127.0.0.1', port: 32768},
    });
  });

  it('is not ready while the engine has not filled in the bindings (right after a start)', () => {
    expect(publishedPortsFromInspect(inspect({...ours, ports: {}}), 'unix:///x')).toBeUndefined();
    const serverOnly = inspect({...ours, ports: {'30000/tcp': ours.ports['30000/tcp'], '30001/tcp': null}});
    expect(publishedPortsFromInspect(serverOnly, 'unix:///x')).toBeUndefined();
  });

  it('reads a container made by OpenHands 0.15: env port=P, VS Code on P+1, same host ports, all interfaces', () => {
    const info = inspect({
      env: ['port=34567', 'PYTHONUNBUFFERED=1'],
      exposed: ['34567/tcp', '34568/tcp'],
      ports: {
        '34568/tcp': [
          {HostIp: '0.0.0.0', HostPort: '34568'},
          {HostIp: '::', HostPort: '34568'},
        ],
        '34567/tcp': [
          {HostIp: '0.0.0.0', HostPort: '34567'},
          {HostIp: '::', HostPort: '34567'},
        ],
      },
    });
    expect(runtimePortsFromInspect(info)).toEqual({server: 34567, vscode: 34568});
    expect(publishedPortsFromInspect(info, 'unix:///var/run/docker.sock')).toEqual({
      server: {host: '127.0.0.1', port: 34567},
      vscode: {host: '127.0.0.1', port: 34568},
    });
    expect(wildcardBindings(info)).toEqual([
      '0.0.0.0:34568 → 34568/tcp',
      ':::34568 → 34568/tcp',
      '0.0.0.0:34567 → 34567/tcp',
      ':::34567 → 34567/tcp',
    ]);
  });

  it('falls back to the lowest exposed port without env, and has no VS Code when P+1 is not exposed', () => {
    const info = inspect({exposed: ['31000/tcp', '5353/udp'], ports: {'31000/tcp': [{HostIp: '127.0.0.1', HostPort: '40000'}]}});
    expect(runtimePortsFromInspect(info)).toEqual({server: 31000, vscode: undefined});
    expect(publishedPortsFromInspect(info, 'unix:///x')).toEqual({server: {host: '127.0.0.1', port: 40000}, vscode: undefined});
  });

  it('uses the container ports themselves with host networking', () => {
    const info = inspect({env: ['port=41000', 'VSCODE_PORT=41001'], networkMode: 'host'});
    expect(publishedPortsFromInspect(info, 'unix:///x')).toEqual({
      server: {host: '127.0.0.1', port: 41000},
      vscode: {host: '127.0.0.1', port: 41001},
    });
  });

  it('refuses a container that names no port, with a way out', () => {
    expect(() => runtimePortsFromInspect(inspect({env: ['port=abc']}))).toThrow(UserError);
    expect(() => runtimePortsFromInspect(inspect({}))).toThrow(/openhands-runtime-abc does not say which port/);
  });

  it('dials the binding address, or the engine host / loopback for a wildcard', () => {
    expect(dialHost('127.0.0.1', 'unix:///x')).toBe('127.0.0.1');
    expect(dialHost('192.168.1.5', 'unix:///x')).toBe('192.168.1.5');
    expect(dialHost('0.0.0.0', 'unix:///x')).toBe('127.0.0.1');
    expect(dialHost('', 'tcp://build.example:2375')).toBe('build.example');
    expect(dialHost('::', 'ssh://me@box')).toBe('127.0.0.1');
  });
});

describe('waitForPublishedPorts', () => {
  it('re-reads until the bindings appear', async () => {
    const answers = [inspect({...ours, ports: {}}), inspect({...ours, ports: {}}), inspect(ours)];
    let reads = 0;
    const result = await waitForPublishedPorts(async () => answers[Math.min(reads++, 2)]!, 'unix:///x', {timeoutMs: 5000});
    expect(reads).toBe(3);
    expect(result.ports.server.port).toBe(32769);
  });

  it('stops at once when the container is not running', async () => {
    const stopped = inspect({...ours, ports: {}, running: false});
    await expect(waitForPublishedPorts(async () => stopped, 'unix:///x', {timeoutMs: 5000})).rejects.toBeInstanceOf(PortsNotPublishedError);
  });

  it('gives up after its bound', async () => {
    const started = Date.now();
    await expect(waitForPublishedPorts(async () => inspect({...ours, ports: {}}), 'unix:///x', {timeoutMs: 300})).rejects.toThrow(
      /has not published its ports/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('free ports for host networking', () => {
  it('finds two adjacent free ports, really free', async () => {
    const pair = await findFreePortPair('127.0.0.1');
    expect(pair.vscode).toBe(pair.server + 1);
    expect(await isPortFree(pair.server, '127.0.0.1')).toBe(true);
    expect(await isPortFree(pair.vscode, '127.0.0.1')).toBe(true);
  });
});
