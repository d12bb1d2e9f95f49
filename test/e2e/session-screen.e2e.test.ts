import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig, type E2eSetup, openvscodeStandIn} from '../helpers/e2e-config.js';
import {EngineProxy} from '../helpers/engine-proxy.js';
import {cliPath} from '../helpers/run-cli.js';
import {TmuxSession} from '../helpers/tmux.js';

const gate = await dockerGate('session screen e2e');

const docker = (...args: string[]) => execFileSync('docker', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
const state = (container: string) => {
  try {
    return docker('inspect', '--format', '{{.State.Status}}', container);
  } catch {
    return 'missing';
  }
};

describe.skipIf(!gate.available)('the session screen in a real terminal', () => {
  const setup = e2eConfig();
  const terminals: TmuxSession[] = [];
  const containers: string[] = [];
  const imageRepos: string[] = [];

  afterEach(() => {
    for (const terminal of terminals.splice(0)) terminal.kill();
  });
  afterAll(() => {
    for (const container of containers) execFileSync('docker', ['rm', '-f', container], {stdio: 'ignore'});
    for (const repo of imageRepos) {
      const images = docker('image', 'ls', '--quiet', repo).split('\n').filter(Boolean);
      if (images.length > 0) execFileSync('docker', ['image', 'rm', '--force', ...images], {stdio: 'ignore'});
    }
  });

  const session = (options: {setup?: E2eSetup} = {}) => {
    const {config, configPath, env: baseEnv, directory} = options.setup ?? setup;
    const sid = `e2e-screen-${randomBytes(3).toString('hex')}`;
    const container = `${config.sandbox.container_name_prefix}${sid}`;
    const dir = join(config.core.file_store_path, 'sessions', sid);
    containers.push(container);
    const open = (env: NodeJS.ProcessEnv = {}, args: string[] = [], extra: {record?: string} = {}) => {
      const terminal = new TmuxSession(['node', cliPath, '--config', configPath, '--session', sid, ...args], {
        env: {...baseEnv, ...env},
        cwd: directory,
        columns: 140,
        rows: 40,
        ...extra,
      });
      terminals.push(terminal);
      return terminal;
    };
    /** The CLI's pid, from the lock holder it wrote when it opened the session. */
    const pid = async (terminal: TmuxSession) => {
      await terminal.waitFor(() => existsSync(join(dir, 'lock-holder.json')), 'the session to be open');
      return (JSON.parse(readFileSync(join(dir, 'lock-holder.json'), 'utf8')) as {pid: number}).pid;
    };
    return {sid, container, dir, open, pid};
  };

  const type = (terminal: TmuxSession, text: string) => {
    terminal.sendKeys('-l', text);
    terminal.sendKeys('Enter');
  };
  const running = (terminal: TmuxSession) =>
    terminal.waitFor((screen) => screen.includes('● running'), 'the runtime to be running', 240_000);

  test('!commands run live in the terminal pane and are recorded; quit stops the container; --session shows the same history with the container running again', async () => {
    const {sid, container, open} = session();
    const first = open();
    // The screen is there before the runtime: the header says what the runtime is doing.
    await first.waitFor((screen) => screen.includes(`session ${sid}`), 'the first frame');
    await running(first);
    expect(state(container)).toBe('running');
    expect(docker('inspect', '--format', '{{index .Config.Labels "oh-tui.session"}}', container)).toBe(sid);

    type(first, '!echo hello-$((6*7))');
    await first.waitFor(
      (screen) => /❯ echo hello-\$\(\(6\*7\)\)\n\s+hello-42\n\s+✔ exit 0/.test(screen),
      'the command and its output in the events pane',
    );

    // Output shows in the terminal pane while the command runs, then lands in the events pane.
    type(
      first,
      "!printf '\\033[31mred-text\\033[0m\\n'; for i in 1 2 3; do printf '\\rstep %s/3' $i; sleep 0.2; done; echo; echo live-marker; sleep 3; echo done-marker",
    );
    // The marker alone on a line is output (the command line shown above also contains the words).
    const live = await first.waitFor(
      (screen) => /^\s*live-marker\s*$/m.test(screen) && screen.includes('terminal (running)'),
      'live output',
    );
    expect(live).not.toContain('done-marker');
    // The terminal pane is a terminal: the colour is a colour, and the \r progress ends on its last state.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ESC of the colour the pane drew
    expect(first.screen({styles: true})).toMatch(/\u001b\[31m(\u001b\[[\d;]*m)*red-text/);
    const done = await first.waitFor((screen) => (screen.match(/✔ exit 0/g) ?? []).length === 2, 'the second command to finish');
    expect(done).toMatch(/^\s+step 3\/3$/m);
    expect(done).not.toMatch(/step 1\/3/);

    first.sendKeys('C-c');
    await first.waitFor((screen) => screen.includes('Press Ctrl+C again to quit'), 'the quit warning');
    first.sendKeys('C-c');
    expect(await first.waitForExit(60_000)).toBe(0);
    const goodbye = first.screen();
    expect(goodbye).toContain(`npx oh-tui --session ${sid}`);
    expect(goodbye).toMatch(/VS Code: +http:\/\/localhost:\d+\/\?tkn=/);
    expect(state(container)).toBe('exited');

    const events = readFileSync(join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as {id: number; action?: string; observation?: string; cause?: number; extras?: {exit_code?: number}},
      );
    expect(events.map((event) => event.id)).toEqual([0, 1, 2, 3]);
    expect(events.map((event) => event.action ?? event.observation)).toEqual(['run', 'run', 'run', 'run']);
    expect(events[1]).toMatchObject({cause: 0, extras: {exit_code: 0}});

    const second = open();
    await running(second);
    expect(state(container)).toBe('running');
    const history = second.screen();
    expect(history).toContain('hello-42');
    expect(history).toContain('done-marker');
    type(second, '!echo again');
    await second.waitFor((screen) => /❯ echo again\n\s+again\n\s+✔ exit 0/.test(screen), 'a command after resuming');
    second.sendKeys('C-c');
    second.sendKeys('C-c');
    expect(await second.waitForExit(60_000)).toBe(0);
    const numbered = readFileSync(join(setup.config.core.file_store_path, 'sessions', sid, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(numbered.map((line) => (JSON.parse(line) as {id: number}).id)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test('the container killed, then removed, under a running command: the header says so within seconds, the command ends with an error, Ctrl+R and /restart bring it back', async () => {
    const {container, open} = session();
    const terminal = open();
    await running(terminal);
    type(terminal, '!echo started; sleep 60');
    await terminal.waitFor((screen) => screen.includes('terminal (running)') && screen.includes('started'), 'the command to run');
    docker('kill', container);
    const stopped = await terminal.waitFor((screen) => screen.includes('○ stopped'), 'the header to say stopped', 10_000);
    expect(stopped).toMatch(/✖ failed/);
    expect(stopped).toContain('The command did not finish');

    terminal.sendKeys('C-r');
    await running(terminal);
    expect(state(container)).toBe('running');

    docker('rm', '-f', container);
    await terminal.waitFor((screen) => screen.includes('✖ lost'), 'the header to say lost', 10_000);
    type(terminal, '/restart');
    await terminal.waitFor(
      (screen) => screen.includes('● running') && screen.includes('has been recreated'),
      'a recreated runtime',
      240_000,
    );
    type(terminal, '!echo back');
    await terminal.waitFor((screen) => /❯ echo back\n\s+back\n\s+✔ exit 0/.test(screen), 'a command in the recreated runtime');
  });

  test('kill -9 of the client in the middle of a streaming command, then resume: every complete event kept, the command closed with an error', async () => {
    const {sid, open} = session();
    const first = open();
    await running(first);
    type(first, '!echo before');
    await first.waitFor((screen) => /❯ echo before\n\s+before\n\s+✔ exit 0/.test(screen), 'a first command');
    type(first, '!for i in $(seq 1 100); do echo line-$i; sleep 0.1; done');
    await first.waitFor((screen) => screen.includes('line-5'), 'the command to stream');
    const dir = join(setup.config.core.file_store_path, 'sessions', sid);
    const {pid} = JSON.parse(readFileSync(join(dir, 'lock-holder.json'), 'utf8')) as {pid: number};
    process.kill(pid, 'SIGKILL');
    await first.waitForExit(10_000);

    const second = open();
    await running(second);
    const resumed = await second.waitFor((screen) => screen.includes('oh-tui stopped while this ran'), 'the dangling command closed');
    expect(resumed).toContain('before');
    const events = readFileSync(join(dir, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {id: number; action?: string; observation?: string; cause?: number});
    expect(events.map((event) => event.id)).toEqual([0, 1, 2, 3]);
    expect(events[3]).toMatchObject({observation: 'error', cause: 2});
  });

  test('NO_COLOR: no colour escape reaches the terminal, not even the colours of a command; with DEBUG the resume lines name the debug log', async () => {
    const {open} = session();
    const terminal = open({NO_COLOR: '1', DEBUG: 'true'});
    await running(terminal);
    type(terminal, "!printf '\\033[31mred-text\\033[0m\\n'");
    await terminal.waitFor((screen) => /❯ printf .*\n\s+red-text\n\s+✔ exit 0/.test(screen), 'the command to finish');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: SGR colours (30-49, 90-107) and 256/truecolour
    expect(terminal.screen({styles: true})).not.toMatch(/\u001b\[[\d;]*(3\d|4\d|9\d|10\d)m/);
    terminal.sendKeys('C-c');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    const named = /Debug log: {2}(\S+)/.exec(terminal.screen({scrollback: true}))?.[1];
    expect(named?.startsWith(join(setup.config.core.file_store_path, 'logs', 'oh-tui-'))).toBe(true);
    expect(readFileSync(named as string, 'utf8')).toMatch(/\[runtime\] openhands-runtime-\S+: running/);
  });

  test('a second client on the same session is refused, naming the holder', async () => {
    const {open} = session();
    const first = open();
    await running(first);
    const second = open();
    expect(await second.waitForExit(30_000)).toBe(2);
    expect(second.screen({scrollback: true})).toMatch(/Session e2e-screen-\w+ is already open in another oh-tui \(pid \d+ on host /);
  });

  test('/new opens a fresh session in the same screen; /sessions lists both and Enter switches back to the first, history shown and container running; quit stops both', async () => {
    const {sid, container, open} = session();
    const terminal = open();
    await running(terminal);
    type(terminal, '!echo one');
    await terminal.waitFor((screen) => /❯ echo one\n\s+one\n\s+✔ exit 0/.test(screen), 'a first command');

    type(terminal, '/new');
    const fresh = await terminal.waitFor(
      (screen) => /session (\S+)/.exec(screen)?.[1] !== sid && screen.includes('● running'),
      'a new session with its runtime running',
      240_000,
    );
    const newSid = /session (\S+)/.exec(fresh)![1]!;
    const newContainer = `${setup.config.sandbox.container_name_prefix}${newSid}`;
    containers.push(newContainer);
    expect(fresh).not.toContain('echo one');
    expect(state(newContainer)).toBe('running');
    expect(state(container)).toBe('exited');

    type(terminal, '/sessions');
    const picker = await terminal.waitFor(
      (screen) => screen.includes('Sessions in this workspace') && screen.includes(sid) && screen.includes(newSid),
      'the picker listing both sessions',
    );
    // The current session is marked and selected; move to the first one, wherever the order put it.
    expect(picker).toMatch(new RegExp(`› ● ${newSid} `));
    const rows = picker.split('\n');
    const from = rows.findIndex((row) => row.includes(`› ● ${newSid}`));
    const to = rows.findIndex((row) => row.includes(` ${sid} `));
    for (let step = 0; step < Math.abs(to - from); step++) terminal.sendKeys(to > from ? 'Down' : 'Up');
    await terminal.waitFor((screen) => new RegExp(`› {3}${sid} `).test(screen), 'the first session selected');
    terminal.sendKeys('Enter');
    const back = await terminal.waitFor(
      (screen) => screen.includes(`session ${sid}`) && screen.includes('● running') && /❯ echo one\n\s+one/.test(screen),
      'the first session again, with its history and its runtime',
      240_000,
    );
    expect(back).not.toContain('Sessions in this workspace');
    expect(state(container)).toBe('running');
    expect(state(newContainer)).toBe('exited');

    terminal.sendKeys('C-c');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    const goodbye = terminal.screen({scrollback: true});
    expect(goodbye).toContain(`Resume it:  npx oh-tui --session ${sid}`);
    expect(goodbye).toContain(`Earlier sessions of this run (resume with --session <sid>): ${newSid}`);
    expect(state(container)).toBe('exited');
    expect(state(newContainer)).toBe('exited');
  });

  test('/sessions: a session held by another client is refused with the holder named, and the user stays in the current session', async () => {
    const held = session();
    const holder = held.open();
    await holder.waitFor((screen) => screen.includes(`session ${held.sid}`), 'the holder on screen');
    const {sid, open} = session();
    const terminal = open();
    await running(terminal);
    type(terminal, '/sessions');
    const picker = await terminal.waitFor((screen) => screen.includes(held.sid) && screen.includes(`› ● ${sid}`), 'the picker');
    const rows = picker.split('\n');
    const from = rows.findIndex((row) => row.includes(`› ● ${sid}`));
    const to = rows.findIndex((row) => row.includes(` ${held.sid} `));
    for (let step = 0; step < Math.abs(to - from); step++) terminal.sendKeys(to > from ? 'Down' : 'Up');
    await terminal.waitFor((screen) => new RegExp(`› {3}${held.sid} `).test(screen), 'the held session selected');
    terminal.sendKeys('Enter');
    const refused = await terminal.waitFor((screen) => screen.includes(`Cannot switch to session ${held.sid}`), 'the refusal');
    expect(refused).toMatch(/is already open in another oh-tui \(pid \d+ on host /);
    expect(refused).toContain(`session ${sid}`);
    expect(refused).toContain('● running');
    // Esc on a reopened picker goes back without switching.
    type(terminal, '/sessions');
    await terminal.waitFor((screen) => screen.includes('Sessions in this workspace'), 'the picker again');
    terminal.sendKeys('Escape');
    await terminal.waitFor((screen) => !screen.includes('Sessions in this workspace') && screen.includes(`session ${sid}`), 'back');
  });

  test('--inline: no alternate screen; finished commands are printed once and stay in the scrollback after quitting, the live part is gone', async () => {
    const {sid, container, open} = session();
    const terminal = open({}, ['--inline']);
    await running(terminal);
    type(terminal, '!for i in $(seq 1 60); do echo inline-row-$i; done');
    await terminal.waitFor((screen) => /inline-row-60\n\s+✔ exit 0/.test(screen), 'the first command recorded');
    type(terminal, '!echo second-$((6*7)); sleep 2; echo second-done');
    // While it runs, the terminal pane shows its output live under the printed conversation.
    await terminal.waitFor((screen) => screen.includes('terminal (running)') && screen.includes('second-42'), 'the live pane');
    await terminal.waitFor((screen) => /❯ echo second-.*\n\s+second-42\n\s+second-done\n\s+✔ exit 0/.test(screen), 'the second command');
    terminal.sendKeys('C-c');
    await terminal.waitFor((screen) => screen.includes('Press Ctrl+C again to quit'), 'the quit warning');
    terminal.sendKeys('C-c');
    expect(await terminal.waitForExit(60_000)).toBe(0);
    expect(state(container)).toBe('exited');
    const scrollback = terminal.screen({scrollback: true});
    // Each finished event printed exactly once: the first rows have scrolled off into the scrollback.
    expect(scrollback.match(/inline-row-1$/gm)).toHaveLength(1);
    expect(scrollback.match(/inline-row-60$/gm)).toHaveLength(1);
    expect(scrollback.match(/❯ echo second-/g)).toHaveLength(1);
    expect(scrollback).toMatch(/VS Code: http:\/\/localhost:\d+\/\?tkn=/);
    // The live part (header line, composer, footer) is wiped before the goodbye.
    expect(scrollback).not.toContain(`session ${sid}  `);
    expect(scrollback).not.toContain('Press Ctrl+C again to quit');
    expect(scrollback).toContain(`Resume it:  npx oh-tui --session ${sid}`);
    expect(scrollback.indexOf('inline-row-60')).toBeLessThan(scrollback.indexOf('Resume it:'));
  });

  test('typing while a command runs goes to its stdin', async () => {
    const {open} = session();
    const terminal = open();
    await running(terminal);
    type(terminal, '!read -r line; echo got:$line; read -r second; echo then:$second');
    await terminal.waitFor((screen) => screen.includes('terminal (running)'), 'the command waiting for input');
    type(terminal, 'hello stdin');
    await terminal.waitFor((screen) => screen.includes('got:hello stdin'), 'the first line read by the command');
    type(terminal, 'second-line');
    const done = await terminal.waitFor((screen) => /then:second-line\n\s+✔ exit 0/.test(screen), 'the command to finish');
    // The lines went to the command, not to the session as messages or commands.
    expect(done).not.toContain('No agent is configured');
  });

  test('the session lock removed under the screen: a warning on screen, and the session goes on', async () => {
    const {dir, open} = session();
    const terminal = open();
    await running(terminal);
    rmSync(join(dir, 'session.lock'), {recursive: true, force: true});
    // proper-lockfile notices at its next refresh (every 5 s).
    await terminal.waitFor((screen) => screen.includes("this session's lock was lost"), 'the warning', 20_000);
    type(terminal, '!echo still-here');
    await terminal.waitFor((screen) => /❯ echo still-here\n\s+still-here\n\s+✔ exit 0/.test(screen), 'a command after the warning');
  });

  test('the Docker engine stopped under a running command: lost within 2 s, the command ends with an error, /restart without an engine does not hang; with the engine back, /restart brings the runtime back', async () => {
    // The app's engine is a socket the test can cut (the machine's engine stays up for everyone else);
    // the container is killed through the real engine, as an engine stop takes its containers with it.
    const engine = await new EngineProxy().start();
    try {
      const {container, open} = session();
      const terminal = open({DOCKER_HOST: engine.dockerHost});
      await running(terminal);
      type(terminal, '!echo before; sleep 60');
      await terminal.waitFor((screen) => screen.includes('terminal (running)') && screen.includes('before'), 'the command to run');

      const cutAt = Date.now();
      await engine.cut();
      docker('kill', container);
      const lost = await terminal.waitFor((screen) => screen.includes('✖ lost'), 'the header to say lost', 10_000);
      const lostAfterMs = Date.now() - cutAt;
      console.info(`engine stopped: the header said lost after ${lostAfterMs} ms`);
      // 2 s, plus the capture's own polling (100 ms) on a loaded machine.
      expect(lostAfterMs).toBeLessThan(2_500);
      expect(lost).toContain('the Docker engine does not answer');
      await terminal.waitFor((screen) => /✖ failed/.test(screen) && screen.includes('The command did not finish'), 'the command closed');

      const restartAt = Date.now();
      type(terminal, '/restart');
      await terminal.waitFor(
        (screen) =>
          screen.includes('✖ lost') && !screen.includes('connecting to the Docker engine') && /Docker|engine|socket/i.test(screen),
        'the restart to fail and say why',
        20_000,
      );
      expect(Date.now() - restartAt).toBeLessThan(20_000);

      await engine.restore();
      type(terminal, '/restart');
      await running(terminal);
      type(terminal, '!echo back');
      await terminal.waitFor((screen) => /❯ echo back\n\s+back\n\s+✔ exit 0/.test(screen), 'a command after the engine came back');
      terminal.sendKeys('C-c');
      terminal.sendKeys('C-c');
      expect(await terminal.waitForExit(60_000)).toBe(0);
      expect(state(container)).toBe('exited');
    } finally {
      await engine.close();
    }
  });

  test('the runtime image built inside the app; a failed build shows its log and stays; fixed, Ctrl+R builds again and the session goes on', async () => {
    const marker = randomBytes(3).toString('hex');
    const repo = `oh-tui-e2e-screen-build/${marker}`;
    imageRepos.push(repo);
    // openvscode-server comes from a folder of ours; the build fails until a file appears in it.
    const standIn = join(mkdtempSync(join(tmpdir(), 'oh-tui-stand-in-')), 'openvscode-server');
    cpSync(openvscodeStandIn, standIn, {recursive: true});
    const building = e2eConfig({
      repo,
      sandbox: {
        openvscode_server_tarball: standIn,
        runtime_extra_deps: `test -e /openhands/.openvscode-server/fixed || { echo build-fails-${marker}; exit 3; }`,
      },
    });
    const {container, open} = session({setup: building});
    const terminal = open();
    await terminal.waitFor((screen) => screen.includes('◌ building'), 'the build inside the app', 60_000);
    const failed = await terminal.waitFor(
      (screen) => screen.includes('The build failed: fix the cause, then Ctrl+R') && screen.includes('✖ lost'),
      'the failed build, kept on screen',
      240_000,
    );
    expect(failed).toContain(`build-fails-${marker}`);
    expect(failed).toContain('✖ lost');
    expect(state(container)).toBe('missing');
    // Still in the app, the build's log on screen with the way out; the footer offers the restart.
    expect(failed).toMatch(/Ctrl\+R restart runtime/);

    writeFileSync(join(standIn, 'fixed'), 'yes\n');
    terminal.sendKeys('C-r');
    await running(terminal);
    const back = terminal.screen();
    expect(back).not.toContain('The build failed');
    expect(docker('image', 'ls', '--quiet', repo)).not.toBe('');
    type(terminal, '!cat /openhands/.openvscode-server/fixed');
    await terminal.waitFor(
      (screen) => /❯ cat \/openhands\/\.openvscode-server\/fixed\n\s+yes\n\s+✔ exit 0/.test(screen),
      'the new image running',
    );
  });

  test.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: the terminal is restored (alternate screen left, cursor shown, mouse and paste modes off) and the container stopped',
    async (signal, code) => {
      const {container, open, pid} = session();
      const record = join(mkdtempSync(join(tmpdir(), 'oh-tui-bytes-')), 'pane.bytes');
      const terminal = open({}, [], {record});
      await running(terminal);
      expect(terminal.modes()).toMatchObject({alternateScreen: true, mouseReports: true});
      process.kill(await pid(terminal), signal);
      expect(await terminal.waitForExit(60_000)).toBe(code);
      // The bytes: each mode switched on is switched off after its last switch on.
      const bytes = readFileSync(record, 'latin1');
      // tmux's cursor flag is not asked: tmux hides the cursor of a pane once it is dead (its "Pane is
      // dead" line), whatever the app left; the bytes below show the cursor shown last.
      expect(terminal.modes(), JSON.stringify(bytes.slice(-800))).toMatchObject({alternateScreen: false, mouseReports: false});
      for (const [on, off] of <[string, string][]>[
        ['\u001b[?1049h', '\u001b[?1049l'],
        ['\u001b[?2004h', '\u001b[?2004l'],
        ['\u001b[?1000h', '\u001b[?1000l'],
        ['\u001b[?1006h', '\u001b[?1006l'],
      ]) {
        expect(bytes.lastIndexOf(on), JSON.stringify(on)).toBeGreaterThanOrEqual(0);
        expect(bytes.lastIndexOf(off), JSON.stringify(off)).toBeGreaterThan(bytes.lastIndexOf(on));
      }
      expect(bytes.lastIndexOf('\u001b[?25h')).toBeGreaterThan(bytes.lastIndexOf('\u001b[?25l'));
      expect(state(container)).toBe('exited');
      expect(terminal.screen({scrollback: true})).toContain('Resume it:  npx oh-tui --session');
    },
  );
});
