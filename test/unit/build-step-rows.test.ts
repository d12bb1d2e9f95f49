import {describe, expect, test} from 'vitest';
import {appendLines, emptyLines, lastLines} from '../../source/image/bounded-lines.js';
import {createBuildProgress, reduceAll, type BuildEvent} from '../../source/image/build-progress.js';
import {buildxArgs} from '../../source/image/buildx-runner.js';
import {splitImageRef} from '../../source/image/tag-guard.js';
import {stepRows} from '../../source/ui/build-step-rows.js';
import {replayBuildx} from './build-fixture-replay.js';

describe('step rows of the build screen', () => {
  test('internal steps are hidden once done; a running step shows its last lines', () => {
    const progress = replayBuildx('success', {
      until: (p) => [...p.vertices.values()].some((v) => v.name.startsWith('[4/4]') && v.tail.size >= 4),
    });
    const rows = stepRows(progress, {now: Date.now(), height: undefined, logLines: 3});
    const described = rows.map((row) =>
      row.kind === 'step' ? `${row.state} ${row.name.slice(0, 10)}` : `${row.kind} ${'text' in row ? row.text : ''}`,
    );
    expect(described[0]).toMatch(/^(done|cached) \[1\/4\] FROM$/);
    expect(described.slice(1)).toEqual([
      'done [2/4] RUN ',
      'done [3/4] COPY',
      'running [4/4] RUN ',
      'log line 2 of the slow step',
      'log line 3 of the slow step',
      'log line 4 of the slow step',
    ]);
  });

  test('over the height: old finished steps fold into one row, then logs shrink', () => {
    const events: BuildEvent[] = [];
    for (let i = 1; i <= 20; i++) {
      events.push({
        type: 'vertex',
        digest: `d${i}`,
        name: `[${i}/21] RUN step ${i}`,
        startedAt: i,
        completedAt: i + 1,
        cached: i % 2 === 0,
        error: undefined,
      });
    }
    events.push({
      type: 'vertex',
      digest: 'last',
      name: '[21/21] RUN long',
      startedAt: 100,
      completedAt: undefined,
      cached: false,
      error: undefined,
    });
    events.push({type: 'log', digest: 'last', text: 'a\nb\nc\nd\ne\nf\ng\n'});
    const progress = reduceAll(createBuildProgress(), events);
    const rows = stepRows(progress, {now: 5000, height: 10});
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({kind: 'summary', text: '✔ 18 earlier steps done'});
    expect(rows.slice(1, 3).map((row) => row.kind === 'step' && row.name)).toEqual(['[19/21] RUN step 19', '[20/21] RUN step 20']);
    expect(rows[3]).toMatchObject({kind: 'step', state: 'running', right: '4.9s'});
    expect(rows.slice(4).map((row) => row.kind === 'log' && row.text)).toEqual(['b', 'c', 'd', 'e', 'f', 'g']);
    const tiny = stepRows(progress, {now: 5000, height: 3});
    expect(tiny.map((row) => row.kind)).toEqual(['summary', 'step', 'log']);
  });

  test('byte statuses of a running step become bars', () => {
    const progress = reduceAll(createBuildProgress(), [
      {type: 'vertex', digest: 'p', name: '[1/2] FROM big', startedAt: 1, completedAt: undefined, cached: false, error: undefined},
      {
        type: 'byte-status',
        digest: 'p',
        status: {id: 'sha256:abc', name: 'downloading', current: 512 * 1024, total: 1024 * 1024, completed: false},
      },
    ]);
    expect(stepRows(progress, {now: 2, height: undefined})[1]).toEqual({
      kind: 'bar',
      key: 'p:bar:sha256:abc',
      label: 'sha256:abc',
      fraction: 0.5,
      amount: '512kB / 1.00MB',
    });
  });
});

describe('small pure helpers', () => {
  test('bounded lines keep the newest lines and count the dropped ones', () => {
    let list = emptyLines(100);
    for (let i = 0; i < 1000; i++) list = appendLines(list, [`l${i}`, `m${i}`]);
    expect(list.size).toBeGreaterThanOrEqual(100);
    expect(list.size).toBeLessThan(164);
    expect(list.size + list.dropped).toBe(2000);
    expect(lastLines(list, 3)).toEqual(['m998', 'l999', 'm999']);
    expect(lastLines(list)[0]).toBe(`${list.dropped % 2 === 0 ? 'l' : 'm'}${Math.floor(list.dropped / 2)}`);
  });

  test('buildx argv: rawjson, --load, every tag, platform and extra args before the context', () => {
    expect(
      buildxArgs({contextDir: '/tmp/ctx', tags: ['r:a', 'r:b', 'r:c'], platform: 'linux/amd64', extraArgs: ['--build-arg', 'X=1']}),
    ).toEqual([
      'buildx',
      'build',
      '--progress=rawjson',
      '--load',
      '--tag',
      'r:a',
      '--tag',
      'r:b',
      '--tag',
      'r:c',
      '--platform',
      'linux/amd64',
      '--build-arg',
      'X=1',
      '/tmp/ctx',
    ]);
    expect(buildxArgs({contextDir: 'c', tags: ['t']})).toEqual(['buildx', 'build', '--progress=rawjson', '--load', '--tag', 't', 'c']);
  });

  test('image references split into repo and tag, registry ports included', () => {
    expect(splitImageRef('oh-tui/runtime:oh_v1_x')).toEqual({repo: 'oh-tui/runtime', tag: 'oh_v1_x'});
    expect(splitImageRef('localhost:5000/a/b:t')).toEqual({repo: 'localhost:5000/a/b', tag: 't'});
    expect(splitImageRef('localhost:5000/a/b')).toEqual({repo: 'localhost:5000/a/b', tag: 'latest'});
  });
});
