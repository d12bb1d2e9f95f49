// Small timing helpers shared by the benchmark scripts. Each bench prints its results as rows
// (emitRow); bench/run.mjs collects them, computes medians, ratios and budgets (bench/rows.mjs)
// and writes bench/results.json and bench/RESULTS.md.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {makeRow, median, percentile, round} from './rows.mjs';

export {median, percentile, round};

/** The built CLI the benches time (`npm run build` first). */
export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** The base image the runtime images build on, as the e2e suite uses it. */
export const benchBaseImage = process.env.OH_TUI_E2E_BASE_IMAGE ?? 'oh-tui/e2e-base:bookworm';

/**
 * Prints one row for bench/run.mjs (see makeRow for its fields). It is computed once here too, so
 * a malformed row fails the bench that made it, not the report.
 */
export function emitRow(spec) {
  makeRow(spec);
  console.log(JSON.stringify({row: spec}));
}

/**
 * Runs `ours` and `baseline` alternately for `rounds` rounds, the one going first swapping every
 * round, so load drift and warm caches favour neither. Each function returns a sample (or a promise
 * of one); the samples come back in round order. `perRound` takes several samples of a side in a
 * row: a few-ms round trip right after a `docker exec` would measure the engine's clean-up of that
 * exec, not the round trip.
 */
export async function alternate(rounds, ours, baseline, perRound = {ours: 1, baseline: 1}) {
  const samples = {ours: [], baseline: []};
  const run = {ours, baseline};
  for (let index = 0; index < rounds; index++) {
    const order = index % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
    for (const who of order) {
      for (let repeat = 0; repeat < perRound[who]; repeat++) samples[who].push(await run[who](index));
    }
  }
  return samples;
}

/** Wall time of a command in ms; throws when it fails. */
export function timeCommand(command, args, options = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, {stdio: 'ignore', ...options});
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
  return elapsed;
}

export async function timeAsync(fn) {
  const start = performance.now();
  const value = await fn();
  return {ms: performance.now() - start, value};
}

/**
 * Our own modules for in-process measurements. The CLI ships as one bundle (scripts/bundle-cli.mjs),
 * so there are no per-module files in dist/ to import: bundle the named source modules (paths
 * under source/, without extension) and import that. Packages stay external. The file sits one
 * level below the package root, as dist/cli.js does, so our package-root lookup finds the root.
 */
export function importSource(...modules) {
  return importRepoModules(...modules.map((name) => `source/${name}`));
}

/** As importSource, for modules anywhere in the repository (paths from its root, without extension): test/helpers too. */
export async function importRepoModules(...modules) {
  const {build} = await import('esbuild');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const key = createHash('sha256').update(modules.join('\n')).digest('hex').slice(0, 12);
  const outfile = `${root}.bench/source-${key}.mjs`;
  await build({
    stdin: {
      contents: modules.map((name) => `export * from './${name}.js';`).join('\n'),
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'bench-source.ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * A place for a bench that runs the real session screen: a temp folder with a workspace, a HOME and
 * a state folder, and the CLI's environment (the offline base image, the openvscode stand-in, and the
 * container kept up between rounds, so each round attaches as resuming a live session does).
 */
export function screenBenchPlace(prefix, extraEnv = {}) {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const workspace = join(directory, 'workspace');
  const state = join(directory, 'state');
  mkdirSync(workspace);
  mkdirSync(join(directory, 'home'));
  const env = {
    PATH: process.env.PATH,
    HOME: join(directory, 'home'),
    XDG_STATE_HOME: state,
    TERM: 'xterm-256color',
    ...extraEnv,
    SANDBOX_BASE_CONTAINER_IMAGE: benchBaseImage,
    SANDBOX_RUNTIME_IMAGE_REPO: 'oh-tui-bench/runtime',
    SANDBOX_OPENVSCODE_SERVER_TARBALL: fileURLToPath(new URL('../templates/openvscode-stand-in', import.meta.url)),
    SANDBOX_KEEP_RUNTIME_ALIVE: 'true',
    ...(process.env.DOCKER_HOST ? {DOCKER_HOST: process.env.DOCKER_HOST} : {}),
  };
  return {directory, workspace, state, env};
}
