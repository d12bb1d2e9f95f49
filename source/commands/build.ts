import {colorEnabled} from '../config/color.js';
import {loadConfigForCommand} from '../config/load-for-command.js';
import {connectDocker, type DockerConnection} from '../docker/connect.js';
import {isUserError} from '../lib/errors.js';
import {trapExitSignals} from '../lib/exit-signals.js';
import {BuildFailedError, ensureRuntimeImage, planForConfig} from '../image/ensure-image.js';
import type {ImageExists} from '../image/resolve.js';
import type {ImagePlan} from '../image/plan.js';
import {describePlan} from '../ui/describe-plan.js';
import {showBuildOn} from '../ui/show-build.js';

export interface BuildCommandOptions {
  configPath: string | undefined;
  forceRebuild: boolean;
  dryRun: boolean;
  json: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

/** `oh-tui build`: resolve the runtime image and build it when needed; 0 when the image is ready. */
export async function runBuildCommand(options: BuildCommandOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const config = loadConfigForCommand(options.configPath, stderr);

  if (options.dryRun) {
    const connection = await connectDocker(process.env).then(
      (connection) => connection as DockerConnection | undefined,
      (error: unknown) => {
        // A dry run still shows the Dockerfile without an engine; only the strategy is a guess.
        if (!isUserError(error)) throw error;
        stderr.write('oh-tui: warning: no Docker engine is reachable, so the strategy assumes no local images\n');
        return undefined;
      },
    );
    const imageExists: ImageExists = connection ? (reference) => connection.containers.imageExists(reference) : async () => false;
    const plan = await planForConfig(config, imageExists, options.forceRebuild);
    const {dockerfileFor} = await import('../image/context.js');
    const dockerfile = dockerfileFor(plan, config.sandbox);
    stdout.write(options.json ? `${JSON.stringify(planJson(plan, dockerfile, false))}\n` : `${describePlan(plan)}\n\n${dockerfile}`);
    return 0;
  }

  const connection = await connectDocker(process.env);
  // With --json, stdout carries only the JSON object; progress goes to stderr as plain lines.
  const progressStream = options.json ? stderr : stdout;
  const build = showBuildOn(progressStream, {plain: options.json, color: colorEnabled(config, process.env)});
  // SIGTERM and SIGHUP cancel the build as Ctrl+C and Esc do: killed by them, this process would
  // leave buildx running, to tag the image after all. A second signal quits at once.
  const trap = trapExitSignals({onSecond: (interrupted) => process.exit(interrupted.exitCode)});
  try {
    const result = await ensureRuntimeImage({
      config,
      docker: () => connection.docker,
      imageExists: (reference) => connection.containers.imageExists(reference),
      forceRebuild: options.forceRebuild,
      build,
      signal: trap.signal,
    });
    if (options.json) {
      const {dockerfileFor} = await import('../image/context.js');
      stdout.write(`${JSON.stringify(planJson(result.plan, dockerfileFor(result.plan, config.sandbox), result.built))}\n`);
    } else if (!result.built) {
      stdout.write(`${result.image} is up to date: no build needed (${result.plan.reason}).\n`);
    }
    return trap.received()?.exitCode ?? 0;
  } catch (error) {
    if (!(error instanceof BuildFailedError)) {
      if (trap.received()) return trap.received()!.exitCode;
      throw error;
    }
    // The build screen or the plain printer has already shown the failing step's log and a hint.
    stderr.write(`oh-tui: ${error.message}\n`);
    // A cancel reports the exit code it was given (130 for Esc or Ctrl+C, a signal's own); a failure is 1.
    return error.outcome.cancelled ? error.outcome.exitCode : 1;
  } finally {
    trap.dispose();
  }
}

function planJson(plan: ImagePlan, dockerfile: string, built: boolean) {
  return {
    image: plan.image,
    baseImage: plan.baseImage,
    tags: plan.tags,
    strategy: plan.strategy,
    reason: plan.reason,
    fromImage: plan.fromImage,
    built,
    dockerfile,
  };
}
