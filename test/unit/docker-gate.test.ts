import {afterEach, describe, expect, it, vi} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';

describe('the e2e docker gate', () => {
  const saved = {DOCKER_HOST: process.env.DOCKER_HOST, OH_TUI_E2E: process.env.OH_TUI_E2E};
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    vi.restoreAllMocks();
  });

  it('skips loudly, with one line on stderr, when no engine answers', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent.sock';
    delete process.env.OH_TUI_E2E;
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const gate = await dockerGate('unit');
    expect(gate.available).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^E2E SKIPPED: no Docker engine reachable \(unit: No Docker engine is reachable\. Tried: - DOCKER_HOST unix:\/\/\/nonexistent\.sock: no such socket\)\n$/,
    );
  });

  it('fails the run instead when OH_TUI_E2E=1', async () => {
    process.env.DOCKER_HOST = 'unix:///nonexistent.sock';
    process.env.OH_TUI_E2E = '1';
    await expect(dockerGate('unit')).rejects.toThrow(/^OH_TUI_E2E=1 but no Docker engine is reachable for the unit suite/);
  });
});
