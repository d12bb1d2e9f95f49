import {StringDecoder} from 'node:string_decoder';
import type {BuildEvent} from './build-progress.js';

/**
 * Turns buildx rawjson values (buildkit `client.SolveStatus`, see buildkit client/graph.go) into
 * progress events. Stateful only for one reason: a vertex's log arrives as base64 byte chunks that
 * may split a UTF-8 character, so each vertex keeps its own StringDecoder.
 */
export interface SolveStatusDecoder {
  decode(value: unknown): BuildEvent[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringField = (object: Json, key: string): string | undefined =>
  typeof object[key] === 'string' ? (object[key] as string) : undefined;
const numberField = (object: Json, key: string): number | undefined =>
  typeof object[key] === 'number' ? (object[key] as number) : undefined;
const arrayField = (object: Json, key: string): unknown[] => (Array.isArray(object[key]) ? (object[key] as unknown[]) : []);

/** buildkit timestamps carry nanoseconds; Date.parse keeps milliseconds, which is all we show. */
export function parseTimestamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function createSolveStatusDecoder(): SolveStatusDecoder {
  const decoders = new Map<string, StringDecoder>();

  function decodeLog(vertex: string, base64: string): string {
    let decoder = decoders.get(vertex);
    if (decoder === undefined) {
      decoder = new StringDecoder('utf8');
      decoders.set(vertex, decoder);
    }
    return decoder.write(Buffer.from(base64, 'base64'));
  }

  function decode(value: unknown): BuildEvent[] {
    if (!isObject(value)) return [];
    const events: BuildEvent[] = [];
    for (const vertex of arrayField(value, 'vertexes')) {
      if (!isObject(vertex)) continue;
      const digest = stringField(vertex, 'digest');
      if (digest === undefined) continue;
      events.push({
        type: 'vertex',
        digest,
        name: stringField(vertex, 'name') ?? digest,
        startedAt: parseTimestamp(stringField(vertex, 'started')),
        completedAt: parseTimestamp(stringField(vertex, 'completed')),
        cached: vertex.cached === true,
        error: stringField(vertex, 'error') || undefined,
      });
    }
    for (const status of arrayField(value, 'statuses')) {
      if (!isObject(status)) continue;
      const digest = stringField(status, 'vertex');
      const id = stringField(status, 'id');
      if (digest === undefined || id === undefined) continue;
      events.push({
        type: 'byte-status',
        digest,
        status: {
          id,
          name: stringField(status, 'name') ?? id,
          current: numberField(status, 'current') ?? 0,
          total: numberField(status, 'total'),
          completed: stringField(status, 'completed') !== undefined,
        },
      });
    }
    for (const log of arrayField(value, 'logs')) {
      if (!isObject(log)) continue;
      const digest = stringField(log, 'vertex');
      const data = stringField(log, 'data');
      if (digest === undefined || data === undefined) continue;
      const text = decodeLog(digest, data);
      if (text !== '') events.push({type: 'log', digest, text});
    }
    for (const warning of arrayField(value, 'warnings')) {
      if (!isObject(warning)) continue;
      const short = stringField(warning, 'short');
      if (short === undefined) continue;
      const text = Buffer.from(short, 'base64').toString('utf8').trim();
      events.push({type: 'warning', digest: stringField(warning, 'vertex'), text});
    }
    return events;
  }

  return {decode};
}
