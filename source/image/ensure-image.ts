import type Dockerode from 'dockerode';
import type {Config} from '../config/types.js';
import {version} from '../lib/version.js';
import {runtimeImageInputs, type RuntimeImageInputs} from './inputs.js';
import type {ImagePlan} from './plan.js';
import {planRuntimeImage, tagsToApply, type ImageExists} from './resolve.js';
import {imageTags} from './tags.js';

export interface BuildRequestForPlan {
  contextDir: string;
  tags: string[];
  platform: string | undefined;
  extraArgs: string[];
  docker: Dockerode;
  /** Cancels the build (as Esc on the build screen does). */
  signal?: AbortSignal;
}

export interface BuildOutcome {
  ok: boolean;
  exitCode: number;
  cancelled?: boolean;
}

/** How the caller shows a build (build screen, plain lines) and runs it. */
export type BuildFn = (plan: ImagePlan, request: BuildRequestForPlan) => Promise<BuildOutcome>;

export interface EnsuredImage {
  image: string;
  plan: ImagePlan;
  built: boolean;
}

/** Tags and decision for the configured runtime image, without building anything. */
export async function planForConfig(
  config: Config,
  imageExists: ImageExists,
  forceRebuild = false,
  inputs: RuntimeImageInputs = runtimeImageInputs(config),
): Promise<ImagePlan> {
  return planRuntimeImage({
    repo: config.sandbox.runtime_image_repo,
    baseImage: config.sandbox.base_container_image,
    tags: imageTags(version, inputs.lockInputs, inputs.sourceHash),
    forceRebuild: forceRebuild || config.sandbox.force_rebuild_runtime,
    imageExists,
  });
}

export class BuildFailedError extends Error {
  constructor(
    readonly plan: ImagePlan,
    readonly outcome: BuildOutcome,
  ) {
    super(outcome.cancelled ? 'the runtime image build was cancelled' : `the runtime image build failed (exit code ${outcome.exitCode})`);
    this.name = 'BuildFailedError';
  }
}

/**
 * The runtime image for this config: `[sandbox] runtime_container_image` when set, else the
 * source-tagged image, built through `build` when missing. A failed build throws BuildFailedError.
 * `docker` is asked for only when a build happens (dockerode is slow to load); `imageExists` is the
 * light engine client's check (DockerConnection.containers.imageExists).
 */
export async function ensureRuntimeImage(options: {
  config: Config;
  docker: () => Dockerode;
  imageExists: ImageExists;
  forceRebuild?: boolean;
  build: BuildFn;
  signal?: AbortSignal;
}): Promise<EnsuredImage> {
  const {config, build, imageExists} = options;
  const inputs = runtimeImageInputs(config);
  const preset = config.sandbox.runtime_container_image;
  if (preset !== undefined) {
    // Nothing is looked up or built: the computed tags are only shown for reference.
    const plan = await planForConfig(config, async () => false, false, inputs);
    return {
      image: preset,
      plan: {
        ...plan,
        image: preset,
        strategy: 'reuse',
        fromImage: preset,
        reason: '[sandbox] runtime_container_image is set: it is used as is',
      },
      built: false,
    };
  }
  const plan = await planForConfig(config, imageExists, options.forceRebuild, inputs);
  if (plan.strategy === 'reuse') return {image: plan.image, plan, built: false};

  const {prepareBuildContext} = await import('./context.js');
  const context = prepareBuildContext(plan, config.sandbox, inputs);
  try {
    const outcome = await build(plan, {
      contextDir: context.directory,
      tags: await tagsToApply(plan, imageExists),
      platform: config.sandbox.platform,
      extraArgs: config.sandbox.runtime_extra_build_args,
      docker: options.docker(),
      signal: options.signal,
    });
    if (!outcome.ok) throw new BuildFailedError(plan, outcome);
    return {image: plan.image, plan, built: true};
  } finally {
    context.dispose();
  }
}
