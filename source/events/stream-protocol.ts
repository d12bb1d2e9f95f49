import {parseObservation} from './event-json.js';
import type {Observation} from './observations.js';

/**
 * The live stream, our extension of the 0.15 protocol: a WebSocket at GET /stream (key in the
 * X-Session-API-Key header, or `?key=` for clients that cannot set headers). It lives here, beside
 * the event JSON, because both ends use it: the server inside the container and the runtime client.
 *
 * The server numbers every action it runs, from either HTTP or the socket, from 1 (`seq`); 0 stands
 * for shell output between actions (a background job, the rest of a command past its soft timeout).
 * Output travels as binary frames: byte 0 is the frame type (1 = output), bytes 1-4 the `seq`
 * (unsigned, big-endian), the rest the pty's bytes as they came, our prompt marker cut out. Control
 * messages are JSON text frames (ClientMessage, ServerMessage). A client ignores frame and message
 * types it does not know; a request id is the sender's own and only ever sent back to it.
 */
export const STREAM_PATH = '/stream';

export const OUTPUT_FRAME_TYPE = 1;
export const OUTPUT_HEADER_BYTES = 5;

/** Request ids are chosen by the client: any string or number, unique among its own requests. */
export type RequestId = string | number;

export type ClientMessage =
  /** Runs an action; answered by `started`, output frames and `observation` (or `error`). */
  | {type: 'execute'; request_id?: RequestId; action: unknown}
  /** SIGINT to the running command now, outside the action queue: only if it is that request's, when one is named. */
  | {type: 'interrupt'; request_id?: RequestId}
  /** Raw keys typed into the terminal of the running command. */
  | {type: 'input'; data: string};

export type ServerMessage =
  /** An action begins (to every client; `request_id` only to the one that sent it). */
  | {type: 'started'; seq: number; action: unknown; request_id?: RequestId; cause?: number}
  /** An action's observation (to every client, like `started`). */
  | {type: 'observation'; seq: number; observation: Observation; request_id?: RequestId; cause?: number}
  /** A request of this client was refused (malformed message or action), or the server failed it. */
  | {type: 'error'; detail: string; request_id?: RequestId}
  /** This client read too slowly: `bytes` bytes of the output of `seq` were not sent to it. */
  | {type: 'output_dropped'; seq: number; bytes: number};

export interface OutputFrame {
  seq: number;
  bytes: Buffer;
}

/** A broken stream message: the other end does not speak this protocol (or has a bug). */
export class StreamProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamProtocolError';
  }
}

/** One output frame of `seq` carrying `bytes` (pieces are joined in order). */
export function encodeOutputFrame(seq: number, bytes: Uint8Array | readonly Uint8Array[]): Buffer {
  const pieces = bytes instanceof Uint8Array ? [bytes] : bytes;
  let length = OUTPUT_HEADER_BYTES;
  for (const piece of pieces) length += piece.length;
  const frame = Buffer.allocUnsafe(length);
  frame[0] = OUTPUT_FRAME_TYPE;
  frame.writeUInt32BE(seq, 1);
  let offset = OUTPUT_HEADER_BYTES;
  for (const piece of pieces) {
    frame.set(piece, offset);
    offset += piece.length;
  }
  return frame;
}

/** The output in a binary frame (a view, not a copy); undefined for a frame type this side does not know. */
export function decodeOutputFrame(frame: Buffer): OutputFrame | undefined {
  if (frame.length === 0) throw new StreamProtocolError('an empty binary frame');
  if (frame[0] !== OUTPUT_FRAME_TYPE) return undefined;
  if (frame.length < OUTPUT_HEADER_BYTES)
    throw new StreamProtocolError(`an output frame of ${frame.length} bytes, shorter than its header`);
  return {seq: frame.readUInt32BE(1), bytes: frame.subarray(OUTPUT_HEADER_BYTES)};
}

/** A server's JSON text message; undefined for a message type this side does not know. */
export function parseServerMessage(text: string): ServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StreamProtocolError(`a text frame that is not JSON: ${text.slice(0, 200)}`);
  }
  if (!isObject(value)) throw new StreamProtocolError(`a message that is not a JSON object: ${text.slice(0, 200)}`);
  const requestId = optionalRequestId(value);
  const cause = Number.isInteger(value.cause) ? {cause: value.cause as number} : {};
  switch (value.type) {
    case 'started':
      return {type: 'started', seq: seqOf(value), action: value.action, ...requestId, ...cause};
    case 'observation':
      try {
        return {type: 'observation', seq: seqOf(value), observation: parseObservation(value.observation), ...requestId, ...cause};
      } catch (error) {
        throw new StreamProtocolError(`an observation message whose observation is not 0.15 JSON: ${(error as Error).message}`);
      }
    case 'error':
      if (typeof value.detail !== 'string')
        throw new StreamProtocolError(`an error message without a "detail" string: ${text.slice(0, 200)}`);
      return {type: 'error', detail: value.detail, ...requestId};
    case 'output_dropped':
      if (!isCount(value.bytes)) throw new StreamProtocolError(`an output_dropped message without a "bytes" count: ${text.slice(0, 200)}`);
      return {type: 'output_dropped', seq: seqOf(value), bytes: value.bytes};
    default:
      return undefined;
  }
}

function seqOf(value: Record<string, unknown>): number {
  if (!isCount(value.seq)) throw new StreamProtocolError(`a ${String(value.type)} message without a "seq" count`);
  return value.seq;
}

function optionalRequestId(value: Record<string, unknown>): {request_id?: RequestId} {
  const id = value.request_id;
  return typeof id === 'string' || typeof id === 'number' ? {request_id: id} : {};
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
