import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {acquireSessionLock} from '../../source/session/session-lock.js';
import {FakeEngine, type FakeContainer, startHungEngine} from '../helpers/fake-engine.js';
import {eventOfEachKind, makeSession, userMessage} from '../helpers/make-session.js';
import {runCli} from '../helpers/run-cli.js';
import {hermeticEnv} from '../helpers/test-env.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();
const engines: FakeEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

/** A project folder, its own HOME and state folders, a config.toml naming them, and the env to run the CLI in. */
function workplace(options: {dockerHost?: string; fileStorePath?: boolean} = {}) {
  const {root, home, cwd} = tempDirs();
  const state = path.join(root, 'state');
  const fileStore = path.join(state, 'oh-tui');
  const configPath = path.join(root, 'config.toml');
  const lines = ['[core]', `workspace_base = ${JSON.stringify(cwd)}`];
  if (options.fileStorePath) lines.push(`file_store_path = ${JSON.stringify(path.join(root, 'store'))}`);
  fs.writeFileSync(configPath, `${lines.join('\n')}\n`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_STATE_HOME: state,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    DOCKER_HOST: options.dockerHost ?? `unix://${path.join(root, 'no-engine.sock')}`,
  };
  const fileStorePath = options.fileStorePath ? path.join(root, 'store') : fileStore;
  const cli = (...args: string[]) => runCli([...args, '--config', configPath], {env, cwd, timeoutMs: 30_000});
  return {root, cwd, fileStorePath, configPath, env, cli};
}

async function engineWith(...containers: FakeContainer[]): Promise<FakeEngine> {
  const engine = await FakeEngine.start(containers);
  engines.push(engine);
  return engine;
}

const ownContainer = (sid: string, state: FakeContainer['state'] = 'running'): FakeContainer => ({
  id: `id-${sid}`,
  name: `openhands-runtime-${sid}`,
  state,
  labels: {'oh-tui.session': sid},
});

describe('oh-tui sessions (list)', () => {
  test("lists this workspace's sessions, most recently active first, with their container state; others are counted on stderr", async () => {
    const engine = await engineWith(ownContainer('s-new'));
    const place = workplace({dockerHost: engine.dockerHost});
    makeSession(place.fileStorePath, 's-old', {workspace: place.cwd, start: daysAgo(3.5), events: [userMessage('Old work')]});
    makeSession(place.fileStorePath, 's-new', {
      workspace: place.cwd,
      start: daysAgo(1.5),
      events: [userMessage('New work'), userMessage('more')],
    });
    makeSession(place.fileStorePath, 's-elsewhere', {workspace: '/somewhere/else', start: daysAgo(2)});

    const result = await place.cli('sessions');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^SID +CREATED +LAST ACTIVE +EVENTS +CONTAINER +TITLE$/);
    expect(lines[1]).toMatch(/^s-new +\d{4}-\d\d-\d\d \d\d:\d\d +1d ago +2 +running +New work$/);
    expect(lines[2]).toMatch(/^s-old +\d{4}-\d\d-\d\d \d\d:\d\d +3d ago +1 +absent +Old work$/);
    // Columns line up: every row's CONTAINER cell starts where the header's does.
    const at = lines[0]!.indexOf('CONTAINER');
    expect(lines.slice(1).map((line) => line.slice(at, at + 7))).toEqual(['running', 'absent ']);
    expect(result.stdout).not.toContain('\u001B[');
    expect(result.stderr).toBe('oh-tui: 1 session of other workspaces not shown (--all shows them)\n');
    expect(engine.calls).toEqual(['GET /_ping', 'GET /containers/json']);
  });

  test('`sessions list --all --json` prints only a JSON array with every field, for every workspace', async () => {
    const engine = await engineWith(ownContainer('s1', 'exited'));
    const place = workplace({dockerHost: engine.dockerHost, fileStorePath: true});
    makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1), events: [userMessage('Hello')]});
    makeSession(place.fileStorePath, 's2', {workspace: '/elsewhere', start: daysAgo(2)});

    const result = await place.cli('sessions', 'list', '--all', '--json');
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        sid: 's1',
        title: 'Hello',
        workspace: place.cwd,
        created: expect.stringMatching(/Z$/),
        last_active: expect.stringMatching(/Z$/),
        events: 1,
        container: 'openhands-runtime-s1',
        container_state: 'exited',
      },
      expect.objectContaining({sid: 's2', title: '', workspace: '/elsewhere', events: 0, container_state: 'absent'}),
    ]);
    expect(result.stderr).toBe('');
  });

  test('without a Docker engine the list still prints (state unknown) with a warning, within ~2 s even when the engine hangs', async () => {
    const hung = await startHungEngine();
    try {
      const place = workplace({dockerHost: hung.dockerHost});
      makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1)});
      const started = Date.now();
      const result = await place.cli('sessions');
      const took = Date.now() - started;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/\ns1 .* unknown +\(no message yet\)\n$/);
      expect(result.stderr).toContain('oh-tui: warning: container states are unknown: No Docker engine is reachable');
      expect(result.stderr).toContain('no answer within 1.5 s');
      // 1.5 s of ping timeout plus start-up; the engine client's own 30 s would fail this.
      expect(took).toBeLessThan(3500);
    } finally {
      await hung.close();
    }
  });

  test('says so when this workspace has no sessions, without asking Docker', async () => {
    const place = workplace();
    const result = await place.cli('sessions');
    expect(result).toMatchObject({code: 0, stdout: `No sessions of ${place.cwd}.\n`, stderr: ''});
    expect((await place.cli('sessions', '--json')).stdout).toBe('[]\n');
  });
});

describe('oh-tui sessions show', () => {
  test('prints the transcript as plain text, one format per event kind, no colour off a terminal', async () => {
    const place = workplace();
    makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1), events: eventOfEachKind});
    const result = await place.cli('sessions', 'show', 's1');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('\u001B[');
    const body = result.stdout.split('\n').map((line) => line.replace(/^\d\d:\d\d:\d\d /, 'TIME '));
    expect(body.slice(0, 3)).toEqual(['Session s1: Fix the failing test', expect.stringMatching(/^workspace .* · 9 events$/), '']);
    expect(body.slice(3)).toEqual([
      'TIME you: Fix the failing test',
      'TIME · agent running',
      'TIME Run the tests first.',
      '         ❯ npm test',
      'TIME   FAIL test/a.test.ts',
      '           1 failed',
      '         ✖ exit 1',
      'TIME ✎ str_replace /workspace/a.ts',
      'TIME   --- /workspace/a.ts',
      '           +++ /workspace/a.ts',
      '           @@ -1 +1 @@',
      '           -return a - b;',
      '           +return a + b;',
      'TIME ✖ error: File not found: /workspace/b.ts',
      'TIME agent: The test passes now.',
      'TIME · agent awaiting_user_input',
      '',
    ]);
  });

  test('--json prints the stored events unchanged, one a line', async () => {
    const place = workplace();
    const {dir} = makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1), events: eventOfEachKind});
    const result = await place.cli('sessions', 'show', 's1', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8'));
  });

  test('an unknown session is a clear error, exit 2', async () => {
    const place = workplace();
    const result = await place.cli('sessions', 'show', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No session nope in');
    expect(result.stderr).toContain('List the sessions with `oh-tui sessions`');
  });
});

describe('oh-tui sessions rm', () => {
  test('--yes stops and removes that session’s container (by id) and its data', async () => {
    const engine = await engineWith(ownContainer('s1'), ownContainer('s10'));
    const place = workplace({dockerHost: engine.dockerHost});
    const {dir} = makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1), events: [userMessage('hi')]});
    const result = await place.cli('sessions', 'rm', 's1', '--yes');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Removed session s1: container openhands-runtime-s1 and its data (1 event).\n');
    expect(fs.existsSync(dir)).toBe(false);
    expect(engine.containers.map((container) => container.name)).toEqual(['openhands-runtime-s10']);
    expect(engine.calls).toContain('POST /containers/id-s1/stop');
    expect(engine.calls).toContain('DELETE /containers/id-s1');
  });

  test('removes a container without data, and a container OpenHands made (no labels, its naming)', async () => {
    const engine = await engineWith({id: 'oh1', name: 'openhands-runtime-cli', state: 'exited'});
    const place = workplace({dockerHost: engine.dockerHost});
    const result = await place.cli('sessions', 'rm', 'cli', '-y');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Removed session cli: container openhands-runtime-cli.\n');
    expect(engine.containers).toEqual([]);
  });

  test('refuses without --yes when stdin is not a terminal, and removes nothing', async () => {
    const engine = await engineWith(ownContainer('s1'));
    const place = workplace({dockerHost: engine.dockerHost});
    const {dir} = makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1)});
    const result = await place.cli('sessions', 'rm', 's1');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'oh-tui: Not removing anything without a confirmation, and stdin is not a terminal to ask on.\n' +
        '  hint: Pass --yes to remove without asking: oh-tui sessions rm s1 --yes\n',
    );
    expect(fs.existsSync(dir)).toBe(true);
    expect(engine.containers).toHaveLength(1);
  });

  test("refuses a container with the session's name whose label names another session", async () => {
    const engine = await engineWith({id: 'x', name: 'openhands-runtime-s1', state: 'running', labels: {'oh-tui.session': 'other'}});
    const place = workplace({dockerHost: engine.dockerHost});
    const {dir} = makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1)});
    const result = await place.cli('sessions', 'rm', 's1', '--yes');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Container openhands-runtime-s1 is not session s1\'s (its oh-tui.session label says session "other")');
    expect(fs.existsSync(dir)).toBe(true);
    expect(engine.calls.filter((call) => !call.startsWith('GET'))).toEqual([]);
  });

  test('refuses while another client holds the session, before touching its container', async () => {
    const engine = await engineWith(ownContainer('s1'));
    const place = workplace({dockerHost: engine.dockerHost});
    const {dir} = makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(1)});
    const lock = acquireSessionLock(dir, 's1');
    try {
      const result = await place.cli('sessions', 'rm', 's1', '--yes');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`Session s1 is already open in another oh-tui (pid ${process.pid}`);
      expect(engine.containers).toHaveLength(1);
      expect(fs.existsSync(path.join(dir, 'meta.json'))).toBe(true);
    } finally {
      lock.release();
    }
  });

  test('an unknown session, a bad sid and an unreachable engine are clear errors', async () => {
    const engine = await engineWith();
    const place = workplace({dockerHost: engine.dockerHost});
    const unknown = await place.cli('sessions', 'rm', 'nope', '--yes');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No session nope: no data in');
    expect((await place.cli('sessions', 'rm', '../x', '--yes')).stderr).toContain('Invalid session id "../x"');

    const offline = workplace();
    makeSession(offline.fileStorePath, 's1', {workspace: offline.cwd, start: daysAgo(1)});
    const result = await offline.cli('sessions', 'rm', 's1', '--yes');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Cannot remove session s1: its container openhands-runtime-s1 cannot be checked. No Docker engine is reachable',
    );
  });
});

describe('oh-tui sessions prune', () => {
  async function pruneScene() {
    const engine = await engineWith(ownContainer('old-with-container', 'exited'));
    const place = workplace({dockerHost: engine.dockerHost});
    const made = {
      oldGone: makeSession(place.fileStorePath, 'old-gone', {workspace: place.cwd, start: daysAgo(10.5), events: [userMessage('Gone')]}),
      oldWithContainer: makeSession(place.fileStorePath, 'old-with-container', {workspace: place.cwd, start: daysAgo(10.5)}),
      recentGone: makeSession(place.fileStorePath, 'recent-gone', {workspace: place.cwd, start: daysAgo(1)}),
      oldElsewhere: makeSession(place.fileStorePath, 'old-elsewhere', {workspace: '/elsewhere', start: daysAgo(10.5)}),
    };
    return {engine, place, made};
  }

  test('--dry-run names the old sessions whose container is gone and removes nothing', async () => {
    const {place, made} = await pruneScene();
    const result = await place.cli('sessions', 'prune', '--older-than', '7d', '--dry-run');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Would remove the data of 1 session:\n  old-gone  last active 10d ago, 1 event  Gone\n');
    expect(result.stderr).toContain('keeping 1 old session that still have a container');
    for (const {dir} of Object.values(made)) expect(fs.existsSync(dir)).toBe(true);
  });

  test('--yes removes them (this workspace only; --all for every one) and prints what it removed', async () => {
    const {engine, place, made} = await pruneScene();
    const result = await place.cli('sessions', 'prune', '--older-than=7d', '--yes');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Removed old-gone  last active 10d ago, 1 event  Gone\nRemoved 1 session.\n');
    expect(fs.existsSync(made.oldGone.dir)).toBe(false);
    for (const {dir} of [made.oldWithContainer, made.recentGone, made.oldElsewhere]) expect(fs.existsSync(dir)).toBe(true);
    expect(engine.calls.filter((call) => !call.startsWith('GET'))).toEqual([]);

    const all = await place.cli('sessions', 'prune', '--older-than', '2w', '--all', '--yes');
    expect(all).toMatchObject({code: 0, stdout: 'No sessions were last active more than 2w ago.\n'});
    const everywhere = await place.cli('sessions', 'prune', '--older-than', '48h', '--all', '--yes');
    expect(everywhere.stdout).toBe('Removed old-elsewhere  last active 10d ago, 0 events\nRemoved 1 session.\n');
    expect(fs.existsSync(made.oldElsewhere.dir)).toBe(false);
  });

  test('a bad or missing age is a usage error naming it; no engine is a clear error', async () => {
    const place = workplace();
    makeSession(place.fileStorePath, 's1', {workspace: place.cwd, start: daysAgo(10.5)});
    const bad = await place.cli('sessions', 'prune', '--older-than', '7 days', '--yes');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'oh-tui: --older-than "7 days" is not an age\n  hint: An age is a whole number and a unit: 30m (minutes), 12h (hours), 7d (days) or 2w (weeks).\n',
    );
    const missing = await place.cli('sessions', 'prune', '--yes');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('oh-tui sessions prune needs --older-than <age>');
    const offline = await place.cli('sessions', 'prune', '--older-than', '1d', '--yes');
    expect(offline.code).toBe(2);
    expect(offline.stderr).toContain(
      'Cannot prune: whether a session still has a container cannot be checked. No Docker engine is reachable',
    );
    expect(fs.existsSync(path.join(place.fileStorePath, 'sessions', 's1'))).toBe(true);
  });
});

test('--help shows every sessions subcommand and its flags', async () => {
  const {home, cwd} = tempDirs();
  const result = await runCli(['--help'], {env: hermeticEnv(home), cwd});
  expect(result.code).toBe(0);
  for (const usage of [
    'oh-tui sessions [--all] [--json]',
    'oh-tui sessions show <sid> [--json]',
    'oh-tui sessions rm <sid> [--yes]',
    'oh-tui sessions prune --older-than <age> [--all] [--dry-run] [--yes]',
    '-y, --yes',
    '--older-than <age>',
    '--all',
  ]) {
    expect(result.stdout).toContain(usage);
  }
});
