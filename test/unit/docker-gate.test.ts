import {afterEach, describe, expect, it, vi} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eRequired} from '../helpers/test-env.js';

describe('the e2e docker gate', () => {
  const noEngine = {DOCKER_HOST: 'unix:///nonexistent.sock'};
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('skips loudly, with one line on stderr, when no engine answers', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const gate = await dockerGate('unit', {env: noEngine, required: false});
    expect(gate.available).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^E2E SKIPPED: no Docker engine reachable \(unit: No Docker engine is reachable\. Tried: - DOCKER_HOST unix:\/\/\/nonexistent\.sock: no such socket\)\n$/,
    );
  });

  it('fails the run instead when the e2e suite is required', async () => {
    await expect(dockerGate('unit', {env: noEngine, required: true})).rejects.toThrow(
      /^OH_TUI_E2E requires the end-to-end suite, but no Docker engine is reachable for the unit suite/,
    );
  });
});

describe('OH_TUI_E2E', () => {
  it('requires the e2e suite when 1 or true, in any case and with spaces around', () => {
    for (const value of ['1', 'true', 'TRUE', 'True', ' 1 ']) expect(e2eRequired({OH_TUI_E2E: value})).toBe(true);
  });

  it('does not when unset, empty or anything else', () => {
    for (const value of [undefined, '', '0', 'false', 'yes', '2']) expect(e2eRequired({OH_TUI_E2E: value})).toBe(false);
  });
});
