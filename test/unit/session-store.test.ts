import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {EventLogWriter, loadEventLog} from '../../source/session/event-log.js';
import {EventStream} from '../../source/session/event-stream.js';
import {titleFrom} from '../../source/session/meta.js';
import {SessionStore} from '../../source/session/session-store.js';
import {trackTempDirs} from '../fixtures/config/temp-dirs.js';

const tempDirs = trackTempDirs();
const origin = {workspace: '/work/project', image: 'oh-tui/runtime:oh_v0.1.0_abc', container: 'openhands-runtime-s1'};
const userMessage = (content: string) => ({
  source: 'user',
  message: content,
  action: 'message',
  args: {content, image_urls: null, wait_for_response: false},
});
const clock = (start = Date.UTC(2026, 0, 2, 3, 4, 5)) => {
  let t = start;
  return () => {
    t += 1000;
    return new Date(t);
  };
};

function storeIn(): {store: SessionStore; root: string} {
  const {root} = tempDirs();
  return {store: new SessionStore(path.join(root, 'state')), root};
}

describe('EventStream', () => {
  it('numbers from 0, persists each event before any subscriber hears of it, and replays history', () => {
    const written: object[] = [];
    const heard: string[] = [];
    const stream = new EventStream<Record<string, unknown>>([], {append: (event) => written.push(event)}, clock());
    stream.subscribe((event) => heard.push(`${event.id}: persisted ${written.includes(event)}`));
    const first = stream.add({id: 99, source: 'user', action: 'message', args: {content: 'hi'}});
    stream.add({source: 'environment', observation: 'agent_state_changed', content: '', extras: {agent_state: 'running'}});
    expect(first.id).toBe(0);
    expect(Object.keys(first).slice(0, 3)).toEqual(['id', 'timestamp', 'source']);
    expect(heard).toEqual(['0: persisted true', '1: persisted true']);

    const resumed = new EventStream<Record<string, unknown>>(stream.all(), undefined, clock());
    expect(resumed.nextId).toBe(2);
    const replayed: number[] = [];
    resumed.subscribe((event) => replayed.push(event.id), {replay: true});
    resumed.add(userMessage('again'));
    expect(replayed).toEqual([0, 1, 2]);
  });
});

describe('events.jsonl', () => {
  it('drops a torn last line with a warning naming file and line, keeps every complete line, and appends cleanly after', () => {
    const {root} = tempDirs();
    const file = path.join(root, 'events.jsonl');
    fs.writeFileSync(file, '{"id":0,"timestamp":"t"}\n{"id":1,"timestamp":"t"}\n{"id":2,"timest');
    const loaded = loadEventLog(file);
    expect(loaded.events.map((event) => event.id)).toEqual([0, 1]);
    expect(loaded.warnings).toEqual([expect.stringMatching(new RegExp(`^${file}:3: dropped a torn last line \\(15 bytes\\)`))]);
    const writer = new EventLogWriter(file, () => {});
    writer.append({id: 2, timestamp: 't'});
    writer.close();
    expect(fs.readFileSync(file, 'utf8')).toBe('{"id":0,"timestamp":"t"}\n{"id":1,"timestamp":"t"}\n{"id":2,"timestamp":"t"}\n');
  });

  it('names a complete line that is not an event and keeps the rest', () => {
    const {root} = tempDirs();
    const file = path.join(root, 'events.jsonl');
    fs.writeFileSync(file, '{"id":0}\nnot json\n[1]\n{"id":1}\n');
    const loaded = loadEventLog(file);
    expect(loaded.events).toEqual([{id: 0}, {id: 1}]);
    expect(loaded.warnings).toEqual([
      `${file}:2: skipped a line that is not an event object`,
      `${file}:3: skipped a line that is not an event object`,
    ]);
  });

  it('on a full disk stops recording once, with a warning, and the stream goes on', () => {
    const reasons: string[] = [];
    const writer = new EventLogWriter('/dev/full', (reason) => reasons.push(reason));
    const stream = new EventStream<Record<string, unknown>>([], writer, clock());
    const heard: number[] = [];
    stream.subscribe((event) => heard.push(event.id));
    stream.add(userMessage('one'));
    stream.add(userMessage('two'));
    expect(reasons).toEqual(['/dev/full: ENOSPC: the disk refused the event log; new events are no longer recorded']);
    expect(writer.stoppedReason).toBe(reasons[0]);
    expect(heard).toEqual([0, 1]);
  });
});

describe('SessionStore', () => {
  it('creates meta.json and events.jsonl, titles the session from the first user message, and resumes the numbering', () => {
    const {store} = storeIn();
    const first = store.open('s1', {origin, now: clock()});
    expect(first.created).toBe(true);
    first.stream.add({
      source: 'environment',
      observation: 'agent_state_changed',
      content: '',
      extras: {agent_state: 'awaiting_user_input'},
    });
    first.stream.add(userMessage('  Fix the\nfailing test  '));
    first.stream.add(userMessage('and another thing'));
    first.close();

    const meta = JSON.parse(fs.readFileSync(path.join(store.dirOf('s1'), 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({sid: 's1', title: 'Fix the failing test', ...origin, agent_state: 'loading'});
    expect(meta.created < meta.last_active).toBe(true);

    const again = store.open('s1', {origin: {...origin, image: 'newer'}, now: clock(Date.UTC(2026, 0, 3))});
    expect(again.created).toBe(false);
    expect(again.stream.all().map((event) => event.id)).toEqual([0, 1, 2]);
    expect(again.stream.add(userMessage('later')).id).toBe(3);
    expect(again.meta()).toMatchObject({title: 'Fix the failing test', image: 'newer', created: meta.created});
    again.close();

    expect(store.list()).toEqual([{meta: expect.objectContaining({sid: 's1'}), events: 4}]);
    expect(store.read('s1').events).toHaveLength(4);
  });

  it('refuses a second client on the same session, naming the holder, and lets it in once the first closes', () => {
    const {store} = storeIn();
    const first = store.open('s1', {origin});
    expect(() => store.open('s1', {origin})).toThrow(
      new RegExp(`^Session s1 is already open in another oh-tui \\(pid ${process.pid} on host ${os.hostname()}, since `),
    );
    expect(() => store.remove('s1')).toThrow(/already open/);
    first.close();
    const second = store.open('s1', {origin});
    second.close();
  });

  it('takes over a lock whose holder died on this host', () => {
    const {store} = storeIn();
    const dir = store.dirOf('s1');
    fs.mkdirSync(path.join(dir, 'session.lock'), {recursive: true});
    const dead = spawnSync('true').pid;
    fs.writeFileSync(path.join(dir, 'lock-holder.json'), JSON.stringify({pid: dead, host: os.hostname(), since: 'then'}));
    const session = store.open('s1', {origin});
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lock-holder.json'), 'utf8')).pid).toBe(process.pid);
    session.close();
  });

  it('takes over a lock from another host once it has not been refreshed for 10 s', () => {
    const {store} = storeIn();
    const dir = store.dirOf('s1');
    const lock = path.join(dir, 'session.lock');
    fs.mkdirSync(lock, {recursive: true});
    fs.writeFileSync(path.join(dir, 'lock-holder.json'), JSON.stringify({pid: 1, host: 'elsewhere', since: 'then'}));
    expect(() => store.open('s1', {origin})).toThrow('Session s1 is already open in another oh-tui (pid 1 on host elsewhere, since then).');
    const old = new Date(Date.now() - 11_000);
    fs.utimesSync(lock, old, old);
    store.open('s1', {origin}).close();
  });

  it('refuses a bad sid before it becomes a path', () => {
    const {store} = storeIn();
    expect(() => store.dirOf('../x')).toThrow('Invalid session id "../x".');
  });
});

describe('titleFrom', () => {
  it('makes one line of at most 80 characters', () => {
    expect(titleFrom('a\n b')).toBe('a b');
    expect(titleFrom('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
  });
});
