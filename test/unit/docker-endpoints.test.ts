import {mkdirSync, mkdtempSync, writeFileSync, existsSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {contextDirName, discoverEndpoints, type DiscoveryInput} from '../../source/docker/endpoints.js';
import {engineOptions, EndpointError} from '../../source/docker/engine-options.js';

function realFs(env: DiscoveryInput['env'], homedir: string, uid = 4242): DiscoveryInput {
  return {
    env,
    homedir,
    uid,
    exists: existsSync,
    readFile: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
  };
}

function tempHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'oh-tui-endpoints-'));
}

function writeContext(configDir: string, name: string, meta: unknown): string {
  const dir = path.join(configDir, 'contexts', 'meta', contextDirName(name));
  mkdirSync(dir, {recursive: true});
  writeFileSync(path.join(dir, 'meta.json'), typeof meta === 'string' ? meta : JSON.stringify(meta));
  return dir;
}

describe('discoverEndpoints', () => {
  it('uses DOCKER_HOST alone when it is set', () => {
    const home = tempHome();
    writeFileSync(path.join(home, 'docker.sock'), '');
    const found = discoverEndpoints(realFs({DOCKER_HOST: 'tcp://engine:2375', DOCKER_CONTEXT: 'colima'}, home));
    expect(found.candidates).toEqual([{host: 'tcp://engine:2375', via: 'DOCKER_HOST', origin: 'DOCKER_HOST', tlsDir: undefined}]);
  });

  it('reads the current context from config.json and its endpoint from the hashed meta folder', () => {
    const home = tempHome();
    const configDir = path.join(home, '.docker');
    mkdirSync(configDir);
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({currentContext: 'colima'}));
    writeContext(configDir, 'colima', {Name: 'colima', Endpoints: {docker: {Host: 'unix:///home/me/.colima/default/docker.sock'}}});
    const found = discoverEndpoints(realFs({}, home));
    expect(found.candidates).toEqual([
      {host: 'unix:///home/me/.colima/default/docker.sock', via: 'context', origin: 'context "colima"', tlsDir: undefined},
    ]);
  });

  it('prefers DOCKER_CONTEXT over config.json and honours DOCKER_CONFIG', () => {
    const configDir = path.join(tempHome(), 'elsewhere');
    mkdirSync(configDir);
    writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({currentContext: 'colima'}));
    writeContext(configDir, 'podman', {Endpoints: {docker: {Host: 'unix:///run/podman/podman.sock'}}});
    const found = discoverEndpoints(realFs({DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'podman'}, '/nonexistent-home'));
    expect(found.candidates.map((candidate) => candidate.host)).toEqual(['unix:///run/podman/podman.sock']);
  });

  it('points at the TLS folder of a context that has one', () => {
    const configDir = path.join(tempHome(), '.docker');
    writeContext(configDir, 'remote', {Endpoints: {docker: {Host: 'tcp://build.example:2376'}}});
    const tlsDir = path.join(configDir, 'contexts', 'tls', contextDirName('remote'), 'docker');
    mkdirSync(tlsDir, {recursive: true});
    const found = discoverEndpoints(realFs({DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'remote'}, '/nonexistent-home'));
    expect(found.candidates[0]?.tlsDir).toBe(tlsDir);
  });

  it('reports a selected context without metadata instead of falling back to another engine', () => {
    const configDir = path.join(tempHome(), '.docker');
    const found = discoverEndpoints(realFs({DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'gone'}, '/nonexistent-home'));
    expect(found.candidates).toEqual([]);
    expect(found.notes.join('\n')).toContain(
      `context "gone": no metadata at ${path.join(configDir, 'contexts', 'meta', contextDirName('gone'), 'meta.json')}`,
    );
  });

  it('notes a context whose metadata lacks the docker endpoint', () => {
    const configDir = path.join(tempHome(), '.docker');
    writeContext(configDir, 'odd', {Endpoints: {}});
    const found = discoverEndpoints(realFs({DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'odd'}, '/x'));
    expect(found.notes.join('\n')).toMatch(/context "odd": .*meta\.json has no Endpoints\.docker\.Host/);
  });

  it('falls back to the usual sockets for the default context, keeping only those that exist, in order', () => {
    const home = tempHome();
    const runtimeDir = path.join(home, 'xdg');
    mkdirSync(path.join(home, '.docker', 'desktop'), {recursive: true});
    mkdirSync(runtimeDir);
    writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({currentContext: 'default'}));
    writeFileSync(path.join(home, '.docker', 'desktop', 'docker.sock'), '');
    writeFileSync(path.join(runtimeDir, 'docker.sock'), '');
    const exists = (file: string) => file !== '/var/run/docker.sock' && existsSync(file);
    const found = discoverEndpoints({...realFs({XDG_RUNTIME_DIR: runtimeDir}, home), exists});
    expect(found.candidates.map((candidate) => candidate.host)).toEqual([
      `unix://${path.join(home, '.docker', 'desktop', 'docker.sock')}`,
      `unix://${path.join(runtimeDir, 'docker.sock')}`,
    ]);
    expect(found.notes).toContain('socket /var/run/docker.sock: does not exist');
    expect(found.notes).toContain('socket /run/user/4242/docker.sock: does not exist');
  });

  it('survives a config.json that is not JSON and says so', () => {
    const home = tempHome();
    mkdirSync(path.join(home, '.docker'));
    writeFileSync(path.join(home, '.docker', 'config.json'), '{nope');
    const found = discoverEndpoints({...realFs({}, home), exists: () => false});
    expect(found.candidates).toEqual([]);
    expect(found.notes[0]).toContain('config.json: not valid JSON');
  });
});

describe('engineOptions', () => {
  const noFiles = (file: string): Buffer => {
    throw new Error(`unexpected read of ${file}`);
  };

  it('maps unix:// to a socket path and clears every other connection key', () => {
    const options = engineOptions({host: 'unix:///var/run/docker.sock', via: 'socket', origin: 'socket'}, {}, noFiles);
    expect(options.socketPath).toBe('/var/run/docker.sock');
    expect(Object.keys(options)).toEqual(expect.arrayContaining(['host', 'port', 'protocol']));
    expect(options.host).toBeUndefined();
  });

  it('maps tcp:// to host and port over plain http, and 2376 or DOCKER_TLS_VERIFY to https with the certs', () => {
    expect(engineOptions({host: 'tcp://10.0.0.5:2375', via: 'DOCKER_HOST', origin: 'DOCKER_HOST'}, {}, noFiles)).toMatchObject({
      host: '10.0.0.5',
      port: '2375',
      protocol: 'http',
      socketPath: undefined,
    });
    const read = (file: string) => Buffer.from(path.basename(file));
    const tls = engineOptions(
      {host: 'tcp://engine:2375', via: 'DOCKER_HOST', origin: 'DOCKER_HOST', tlsDir: '/certs'},
      {DOCKER_TLS_VERIFY: '1'},
      read,
    );
    expect(tls).toMatchObject({protocol: 'https', ca: Buffer.from('ca.pem'), cert: Buffer.from('cert.pem'), key: Buffer.from('key.pem')});
  });

  it('maps ssh:// with user and agent', () => {
    expect(
      engineOptions({host: 'ssh://me@box:2222', via: 'context', origin: 'context "box"'}, {SSH_AUTH_SOCK: '/agent'}, noFiles),
    ).toMatchObject({
      protocol: 'ssh',
      host: 'box',
      port: '2222',
      username: 'me',
      sshOptions: {agent: '/agent'},
    });
  });

  it('refuses an address it cannot use, naming it', () => {
    expect(() => engineOptions({host: 'unix://', via: 'DOCKER_HOST', origin: 'DOCKER_HOST'}, {}, noFiles)).toThrow(EndpointError);
    expect(() => engineOptions({host: 'ftp://x', via: 'DOCKER_HOST', origin: 'DOCKER_HOST'}, {}, noFiles)).toThrow(
      /ftp:\/\/x: unsupported scheme/,
    );
  });
});
