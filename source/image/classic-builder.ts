import {readdir} from 'node:fs/promises';
import {relative, resolve} from 'node:path';
import {StringDecoder} from 'node:string_decoder';
import type Dockerode from 'dockerode';
import type {BuildEvent} from './build-progress.js';
import {classicOptionsFromArgs, createClassicStreamMapper} from './classic-stream.js';
import {createRawJsonParser, type RawJsonItem} from './rawjson-parser.js';
import {describeDockerError, splitImageRef} from './tag-guard.js';

export interface ClassicBuildRequest {
  docker: Dockerode;
  contextDir: string;
  tags: readonly string[];
  platform?: string;
  extraArgs?: readonly string[];
  signal?: AbortSignal;
  emit: (events: BuildEvent[]) => void;
}

export interface BuilderRun {
  exitCode: number;
}

/**
 * The fallback when buildx is missing: the Engine API's classic builder through dockerode
 * (`POST /build`, version 1), with its stream mapped onto the same progress events.
 * The first tag is applied by the engine, the others with `image.tag` after a successful build.
 */
export async function runClassicBuild(request: ClassicBuildRequest): Promise<BuilderRun> {
  const {docker, contextDir, tags, signal, emit} = request;
  const [firstTag] = tags;
  if (firstTag === undefined) throw new Error('runClassicBuild needs at least one tag');
  const options = classicOptionsFromArgs(request.extraArgs ?? []);
  if (options.ignored.length > 0) {
    emit([{type: 'raw', line: `classic builder: ignoring build arguments it does not support: ${options.ignored.join(' ')}`}]);
  }

  const mapper = createClassicStreamMapper();
  const parser = createRawJsonParser();
  const decoder = new StringDecoder('utf8');
  // JSON messages go through the mapper; lines that are not JSON go to the raw log as they are.
  const toEvents = (items: readonly RawJsonItem[], at: number): BuildEvent[] =>
    items.flatMap((item): BuildEvent[] => (item.kind === 'json' ? mapper.map(item.value, at) : [{type: 'raw', line: item.line}]));
  const consume = (text: string) => {
    const events = toEvents(parser.feed(text), Date.now());
    if (events.length > 0) emit(events);
  };

  try {
    // dockerode tars the listed entries (tar-fs walks directories) and honours .dockerignore.
    const entries = await readdir(contextDir);
    const stream = await docker.buildImage({context: contextDir, src: entries}, {
      t: firstTag,
      version: '1',
      rm: true,
      // Without forcerm a failed step leaves its stopped container behind.
      forcerm: true,
      abortSignal: signal,
      ...(request.platform === undefined ? {} : {platform: request.platform}),
      ...(Object.keys(options.buildargs).length > 0 ? {buildargs: options.buildargs} : {}),
      ...(Object.keys(options.labels).length > 0 ? {labels: options.labels} : {}),
      ...(options.nocache === true ? {nocache: true} : {}),
      ...(options.pull === true ? {pull: true} : {}),
      ...(options.target === undefined ? {} : {target: options.target}),
      ...(options.networkmode === undefined ? {} : {networkmode: options.networkmode}),
      ...(options.dockerfile === undefined ? {} : {dockerfile: relative(contextDir, resolve(contextDir, options.dockerfile))}),
    } satisfies Dockerode.ImageBuildOptions);
    for await (const chunk of stream as AsyncIterable<Buffer>) consume(decoder.write(chunk));
    consume(decoder.end());
  } catch (error) {
    // A cancel aborts the request; it ends like an interrupted stream, not as an error.
    if (signal?.aborted !== true) {
      emit([{type: 'text', line: `ERROR: ${describeDockerError(error)}`}]);
      return {exitCode: 1};
    }
  }
  const interrupted = signal?.aborted === true;
  const tail = toEvents(parser.end(), Date.now());
  tail.push(...mapper.finish(Date.now(), interrupted));
  emit(tail);

  if (interrupted) return {exitCode: 1};
  if (mapper.failed) return {exitCode: 1};
  const imageId = mapper.imageId;
  if (imageId === undefined) {
    emit([{type: 'text', line: 'ERROR: the classic build ended without an image id'}]);
    return {exitCode: 1};
  }
  for (const tag of tags.slice(1)) {
    try {
      await docker.getImage(imageId).tag(splitImageRef(tag));
      emit([{type: 'raw', line: `Successfully tagged ${tag}`}]);
    } catch (error) {
      emit([{type: 'text', line: `ERROR: tagging ${tag}: ${describeDockerError(error)}`}]);
      return {exitCode: 1};
    }
  }
  return {exitCode: 0};
}
