import {describe, expect, test} from 'vitest';
import {buildFailureHint} from '../../source/image/build-hints.js';
import {createBuildProgress, reduceAll, type BuildEvent} from '../../source/image/build-progress.js';
import {replayBuildx, replayClassic} from './build-fixture-replay.js';

/** A finished, failed build whose step `name` failed with `error`, its log and ERROR lines. */
function failed(options: {name?: string; error?: string; log?: string; text?: string[]; buildxMissing?: boolean; exitCode?: number}) {
  const events: BuildEvent[] = [
    {type: 'start', builder: options.buildxMissing ? 'classic' : 'buildx', at: 0, buildxMissing: options.buildxMissing},
  ];
  if (options.name !== undefined) {
    events.push({type: 'vertex', digest: 'v', name: options.name, startedAt: 1, completedAt: undefined, cached: false, error: undefined});
    if (options.log !== undefined) events.push({type: 'log', digest: 'v', text: options.log});
    events.push({type: 'vertex', digest: 'v', name: options.name, startedAt: 1, completedAt: 2, cached: false, error: options.error});
  }
  for (const line of options.text ?? []) events.push({type: 'text', line});
  events.push({type: 'end', exitCode: options.exitCode ?? 1, cancelled: false, at: 3});
  return reduceAll(createBuildProgress(), events);
}

describe('build failure hints', () => {
  test('no hint for a build that succeeded or is still running', () => {
    expect(buildFailureHint(replayBuildx('success'))).toBeUndefined();
    expect(buildFailureHint(createBuildProgress())).toBeUndefined();
  });

  test('a failing RUN (recorded buildx 0.13 / buildkit 0.8 and classic streams) names the step and exit code', () => {
    expect(buildFailureHint(replayBuildx('failure'))).toMatch(/^\[4\/4\] RUN for i in .* exited with code 3: its log is above/);
    expect(buildFailureHint(replayClassic('failure'))).toMatch(/^\[4\/4\] RUN for i in .* exited with code 3/);
    // Newer buildkit words it differently.
    const newer = failed({name: '[5/9] RUN make', error: 'process "/bin/sh -c make" did not complete successfully: exit code: 2'});
    expect(buildFailureHint(newer)).toBe('[5/9] RUN make exited with code 2: its log is above; fix the command or the files it uses.');
  });

  test('the base image missing locally with no registry (as recorded offline here)', () => {
    const buildx = failed({
      name: '[internal] load metadata for docker.io/oh-tui/does-not-exist:v1',
      error:
        'failed to do request: Head "https://registry-1.docker.io/v2/oh-tui/does-not-exist/manifests/v1": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
      text: [
        'ERROR: failed to solve: rpc error: code = Unknown desc = failed to solve with frontend dockerfile.v0: failed to create LLB definition: ...',
      ],
    });
    expect(buildFailureHint(buildx)).toMatch(
      /^The base image docker\.io\/oh-tui\/does-not-exist:v1 is not in the local image store and cannot be pulled/,
    );
    const classic = failed({
      name: '[1/2] FROM oh-tui/does-not-exist:v1',
      error: 'pull access denied for oh-tui/does-not-exist, repository does not exist',
    });
    expect(buildFailureHint(classic)).toMatch(/^The base image oh-tui\/does-not-exist:v1 /);
    const named = failed({text: ['ERROR: failed to solve: failed to resolve source metadata for docker.io/library/nope:1: not found']});
    expect(buildFailureHint(named)).toMatch(/^The base image docker\.io\/library\/nope:1 /);
  });

  test('no network inside a RUN beats "the RUN failed"', () => {
    const progress = failed({
      name: '[3/8] RUN apt-get update',
      log: "Err:1 http://mirror.invalid/debian bookworm InRelease\n  Temporary failure resolving 'mirror.invalid'\n",
      error: 'executor failed running [/bin/sh -c apt-get update]: exit code: 100',
    });
    expect(buildFailureHint(progress)).toMatch(/needs the network and cannot reach it/);
    expect(
      buildFailureHint(failed({name: '[2/2] RUN curl x', log: 'curl: (6) Could not resolve host: x\n', error: 'exit code: 6'})),
    ).toMatch(/network/);
  });

  test('docker daemon down, disk full, buildx missing, cancelled', () => {
    expect(
      buildFailureHint(
        failed({text: ['ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?']}),
      ),
    ).toMatch(/Docker engine is not reachable/);
    expect(
      buildFailureHint(failed({name: '[2/3] COPY big /', error: 'failed to copy files: write /var/lib/docker/x: no space left on device'})),
    ).toMatch(/disk is full/);
    expect(buildFailureHint(failed({text: ['ERROR: something unusual'], buildxMissing: true}))).toMatch(
      /^buildx is not installed, so the classic builder was used/,
    );
    expect(buildFailureHint(failed({text: ['docker: unknown command: docker buildx']}))).toMatch(/^The docker CLI has no buildx plugin/);
    const cancelled = reduceAll(createBuildProgress(), [{type: 'end', exitCode: 130, cancelled: true, at: 1}]);
    expect(buildFailureHint(cancelled)).toMatch(/cancelled; no image was tagged/);
    expect(buildFailureHint(failed({text: ['ERROR: something unusual'], exitCode: 2}))).toBe(
      'The build failed (exit code 2): see the log above.',
    );
  });
});
