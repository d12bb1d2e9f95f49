import {describe, expect, test} from 'vitest';
import type {SandboxConfig} from '../../source/config/types.js';
import {dockerfileVariables} from '../../source/image/dockerfile.js';
import {renderDockerfile} from '../../source/image/render-dockerfile.js';

const sandbox = {
  enable_vscode: true,
  openvscode_server_release_tag: 'openvscode-server-v1.94.2',
  openvscode_server_release_org: 'gitpod-io',
  openvscode_server_url: 'https://github.com/{org}/openvscode-server/releases/download/{tag}/{tag}-linux-{arch}.tar.gz',
  openvscode_server_arch_map: {x86_64: 'x64', aarch64: 'arm64', armv7l: 'armhf'},
  openvscode_server_tarball: undefined,
  runtime_extra_deps: 'apt-get install -y jq',
} as unknown as SandboxConfig;

const render = (strategy: 'scratch' | 'versioned' | 'lock', overrides: Partial<SandboxConfig> = {}, from = 'debian:12') =>
  renderDockerfile(dockerfileVariables({...sandbox, ...overrides}, strategy, from));

const lines = (text: string) => text.split('\n');

describe('Dockerfile.j2', () => {
  test('never carries a syntax directive', () => {
    for (const strategy of ['scratch', 'versioned', 'lock'] as const) {
      expect(render(strategy)).not.toMatch(/^#\s*syntax=/m);
    }
  });

  test('scratch: base system, openvscode-server download, Node, server, extra deps last', () => {
    const text = render('scratch');
    expect(lines(text)[0]).toBe('FROM debian:12');
    expect(text).toContain('for pair in bash:bash git:git');
    expect(text).toContain('ARG RELEASE_TAG="openvscode-server-v1.94.2"');
    expect(text).toContain(
      'curl -fsSL "https://github.com/${RELEASE_ORG}/openvscode-server/releases/download/${RELEASE_TAG}/${RELEASE_TAG}-linux-${arch}.tar.gz"',
    );
    expect(text).toMatch(/x86_64\) arch=x64 ;;/);
    expect(text).toMatch(/aarch64\) arch=arm64 ;;/);
    expect(text).toMatch(/armv7l\) arch=armhf ;;/);
    expect(text).toContain('ln -sf "$(command -v node)" /openhands/bin/node');
    const copy = text.indexOf('COPY ./code/ /openhands/code/');
    const extra = text.indexOf('RUN apt-get install -y jq');
    expect(copy).toBeGreaterThan(text.indexOf('/openhands/bin/node'));
    expect(extra).toBeGreaterThan(copy);
    expect(lines(text.trim()).at(-1)).toBe('WORKDIR /openhands/code');
  });

  test('scratch with VS Code disabled has no openvscode-server step and no curl', () => {
    const text = render('scratch', {enable_vscode: false});
    expect(text).not.toContain('RELEASE_TAG');
    expect(text).not.toContain('curl');
  });

  test('a local openvscode-server is copied from the context instead of downloaded', () => {
    const text = render('scratch', {openvscode_server_tarball: '/tmp/ovs'});
    expect(text).toContain('COPY ./vscode/openvscode-server/ ${OPENVSCODE_SERVER_ROOT}/');
    expect(text).not.toContain('curl');
  });

  test('versioned: FROM the versioned image, source copied, dependencies reinstalled, extra deps', () => {
    const text = render('versioned', {}, 'oh-tui/runtime:oh_v1_debian_t_12');
    expect(lines(text)[0]).toBe('FROM oh-tui/runtime:oh_v1_debian_t_12');
    expect(text).not.toContain('for pair in');
    expect(text).not.toContain('RELEASE_TAG');
    expect(text.indexOf('/openhands/bin/node')).toBeGreaterThan(text.indexOf('COPY ./code/'));
    expect(text).toContain('RUN apt-get install -y jq');
  });

  test('lock: FROM the lock image, only the source is copied', () => {
    const text = render('lock', {}, 'oh-tui/runtime:oh_v1_abc');
    expect(lines(text)[0]).toBe('FROM oh-tui/runtime:oh_v1_abc');
    expect(text).toContain('COPY ./code/ /openhands/code/');
    expect(text).not.toContain('/openhands/bin/node');
    expect(text).not.toContain('jq');
    expect(text.match(/^RUN /gm)).toBeNull();
  });

  test('no extra deps means no final RUN', () => {
    const text = render('scratch', {runtime_extra_deps: ''});
    expect(text.slice(text.indexOf('COPY ./code/'))).not.toMatch(/^RUN /m);
  });
});
