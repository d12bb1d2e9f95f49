import {lastLines} from './bounded-lines.js';
import {failingVertex, vertexLog, vertexTail, type BuildProgress} from './build-progress.js';

/** Lines of the failing step's log shown on failure; older ones are counted, not shown. */
export const FAILURE_LOG_LINES = 200;

/** What a failed build shows, for the build screen and the plain printer to format each its way. */
export interface FailureReport {
  /** The step that failed, with the newest FAILURE_LOG_LINES lines of its log. */
  step: {name: string; log: {lines: string[]; elided: number}} | undefined;
  /** The build's last error lines, led by the step's own error unless one of them already says it. */
  errors: string[];
  hint: string | undefined;
}

export function failureReport(progress: BuildProgress): FailureReport {
  const failing = failingVertex(progress);
  const recent = lastLines(progress.textLines, 5);
  const own = failing?.error;
  return {
    step: failing === undefined ? undefined : {name: failing.name, log: vertexLog(failing, FAILURE_LOG_LINES)},
    errors: own !== undefined && !recent.some((line) => line.includes(own)) ? [own, ...recent] : recent,
    hint: buildFailureHint(progress),
  };
}

/**
 * One line telling the user what most likely went wrong in a failed build and what to do.
 * Checked in order: the cause that explains the others comes first (no network makes a RUN fail).
 */
export function buildFailureHint(progress: BuildProgress): string | undefined {
  if (!progress.finished || (progress.exitCode === 0 && progress.failingDigest === undefined && !progress.cancelled)) {
    return undefined;
  }
  if (progress.cancelled) return 'The build was cancelled; no image was tagged. Run again to rebuild.';

  const vertex = failingVertex(progress);
  const errorText = [vertex?.error ?? '', ...lastLines(progress.textLines)].join('\n');
  const logText = vertex === undefined ? '' : vertexTail(vertex, 50).join('\n');
  const everything = `${errorText}\n${logText}`;

  if (
    /Cannot connect to the Docker daemon|Is the docker daemon running|connect ENOENT .*docker\.sock|ECONNREFUSED|error during connect/i.test(
      errorText,
    )
  ) {
    return 'The Docker engine is not reachable: start it (e.g. `sudo systemctl start docker`) or point DOCKER_HOST at a running one.';
  }
  if (/unknown command:? .*buildx|'buildx' is not a docker command/i.test(errorText)) {
    return 'The docker CLI has no buildx plugin: install it (package docker-buildx), or let oh-tui fall back to the classic builder.';
  }
  if (/no space left on device/i.test(everything)) {
    return 'The disk is full: free space (e.g. `docker builder prune`, `docker image prune`) and build again.';
  }
  const base = baseImageFailure(vertex?.name, errorText);
  if (base !== undefined) {
    // A docker-container buildx builder cannot see the engine's local images at all.
    return `The base image ${base} is not in the local image store and cannot be pulled: \`docker pull\` or \`docker load\` it, or set [sandbox] base_container_image to a local image. If it is local, your buildx builder may not see local images: \`docker buildx use default\`.`;
  }
  if (NO_NETWORK.test(everything)) {
    return 'The build needs the network and cannot reach it: check the connection, proxy and DNS.';
  }
  const run = runFailure(errorText);
  if (run !== undefined) {
    const step = vertex === undefined ? 'A RUN step' : shorten(vertex.name, 60);
    const extra = progress.buildxMissing ? ' (built with the classic builder: buildx is not installed)' : '';
    return `${step} exited with code ${run}: its log is above; fix the command or the files it uses${extra}.`;
  }
  if (progress.buildxMissing) {
    return 'buildx is not installed, so the classic builder was used: install the docker-buildx plugin (package docker-buildx) for BuildKit builds.';
  }
  return `The build failed (exit code ${progress.exitCode ?? 'unknown'}): see the log above.`;
}

const RUN_FAILURES = [
  // buildkit >= 0.11
  /process "[\s\S]*" did not complete successfully: exit code: (\d+)/,
  // buildkit 0.8 (Docker 20.10's builder)
  /executor failed running \[[\s\S]*\]: exit code: (\d+)/,
  // the classic builder
  /The command '[\s\S]*' returned a non-zero code: (\d+)/,
];

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function runFailure(text: string): number | undefined {
  for (const pattern of RUN_FAILURES) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return undefined;
}

const NO_NETWORK =
  /Temporary failure resolving|Could not resolve|Network is unreachable|dial tcp: lookup|no such host|i\/o timeout|Connection timed out/i;
const PULL_FAILED = /pull access denied|failed to resolve source metadata|manifest unknown|repository does not exist|not found/i;

/** The image name when the step that failed is the one that looks up or pulls the FROM image. */
function baseImageFailure(stepName: string | undefined, errorText: string): string | undefined {
  if (runFailure(errorText) !== undefined) return undefined;
  const fromStep = /^\[internal\] load metadata for (\S+)/.exec(stepName ?? '') ?? /^\[[^\]]*\] FROM (\S+)/i.exec(stepName ?? '');
  if (fromStep?.[1] !== undefined && (PULL_FAILED.test(errorText) || NO_NETWORK.test(errorText))) return fromStep[1];
  const named = /(?:failed to resolve source metadata for|pull access denied for) ([^\s,]+)/.exec(errorText);
  if (named?.[1] !== undefined) return named[1].replace(/:$/, '');
  return undefined;
}
