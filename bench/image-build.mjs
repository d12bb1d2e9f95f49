// Our build (runBuild: buildx rawjson parsed into the progress model) against raw
// `docker buildx build` of the same rendered context (budget: at most 1.05x), and the time to
// resolve the tags and decide "no build" for an image that exists (budget: 150 ms), against
// `docker image inspect` of the same tag as a baseline.
import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {benchBaseImage, cliPath, importSource, median, round, timeCommand} from './lib.mjs';

const {loadConfig, connectDocker, ensureRuntimeImage, planForConfig, prepareBuildContext, runtimeImageInputs, runBuild} =
  await importSource('config/load', 'docker/connect', 'image/ensure-image', 'image/context', 'image/inputs', 'image/builder');

const runs = Number(process.env.BENCH_RUNS ?? 7);
// The executed step takes a few seconds, as a real dependency install would (far longer, in fact).
const stepSeconds = Number(process.env.BENCH_STEP_SECONDS ?? 3);
const repo = `oh-tui-bench-${randomBytes(3).toString('hex')}/runtime`;
const env = {
  ...process.env,
  SANDBOX_BASE_CONTAINER_IMAGE: benchBaseImage,
  SANDBOX_RUNTIME_IMAGE_REPO: repo,
  SANDBOX_ENABLE_VSCODE: 'false',
};
const connection = await connectDocker(env);
const {docker} = connection;
const configFor = (extraDeps) => loadConfig({cwd: process.cwd(), env: {...env, SANDBOX_RUNTIME_EXTRA_DEPS: extraDeps}}).config;

try {
  // 1. Build the image once (scratch), then time the no-build decision for it.
  const config = configFor('');
  const first = await ensureRuntimeImage({
    config,
    docker: () => docker,
    imageExists: (reference) => connection.containers.imageExists(reference),
    build: (_plan, request) => runBuild({...request, onProgress: () => {}}),
  });
  const decision = [];
  const inspect = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    const fresh = loadConfig({cwd: process.cwd(), env}).config;
    // What `oh-tui build` and the runtime do: ask the light engine client, not dockerode.
    const plan = await planForConfig(fresh, (reference) => connection.containers.imageExists(reference));
    decision.push(performance.now() - start);
    if (plan.strategy !== 'reuse') throw new Error(`expected reuse, got ${plan.strategy}`);
    inspect.push(timeCommand('docker', ['image', 'inspect', first.image]));
  }
  // The whole CLI, process start to exit, for the same decision.
  const cliDecision = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [cliPath, 'build'], {env, encoding: 'utf8'});
    cliDecision.push(performance.now() - start);
    if (!/no build needed/.test(result.stdout)) throw new Error(`oh-tui build did not decide "no build": ${result.stdout}${result.stderr}`);
  }

  // 2. Same rendered context, built by raw buildx and by us, alternating. A fresh value in the last
  // RUN makes each build execute that step; earlier layers come from the cache for both.
  const ours = [];
  const raw = [];
  for (let i = 0; i < runs; i++) {
    for (const who of i % 2 ? ['ours', 'raw'] : ['raw', 'ours']) {
      const cfg = configFor(`echo ${randomBytes(6).toString('hex')} > /openhands/bench.txt && sleep ${stepSeconds}`);
      const plan = await planForConfig(cfg, async () => false);
      const context = prepareBuildContext(plan, cfg.sandbox, runtimeImageInputs(cfg));
      const tag = `${repo}:bench-${who}`;
      try {
        const start = performance.now();
        if (who === 'raw') {
          execFileSync('docker', ['buildx', 'build', '--progress=rawjson', '--load', '--tag', tag, context.directory], {stdio: 'ignore'});
          raw.push(performance.now() - start);
        } else {
          // 'auto', as the CLI runs it: the buildx check is part of our cost.
          const result = await runBuild({contextDir: context.directory, tags: [tag], docker, onProgress: () => {}});
          if (!result.ok) throw new Error(`our build failed: exit ${result.exitCode}`);
          ours.push(performance.now() - start);
        }
      } finally {
        context.dispose();
      }
    }
  }

  console.log(
    JSON.stringify({
      bench: 'image',
      runs,
      stepSeconds,
      buildOursMs: round(median(ours)),
      buildRawBuildxMs: round(median(raw)),
      buildRatio: round(median(ours) / median(raw), 3),
      buildBudgetRatio: 1.05,
      decisionInProcessMs: round(median(decision)),
      decisionCliMs: round(median(cliDecision)),
      dockerImageInspectMs: round(median(inspect)),
      decisionRatioVsDockerInspect: round(median(decision) / median(inspect)),
      decisionBudgetMs: 150,
    }),
  );
} finally {
  const references = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', repo], {encoding: 'utf8'})
    .split('\n')
    .filter(Boolean);
  if (references.length) execFileSync('docker', ['image', 'rm', '-f', ...references], {stdio: 'ignore'});
}
