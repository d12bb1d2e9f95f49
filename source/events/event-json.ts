import {type Action, type ActionType, REQUIRED_ACTION_ARGS} from './actions.js';
import type {Event} from './event.js';
import {EVENT_SOURCES} from './event-fields.js';
import {OBSERVATION_TYPES, type Observation, type ObservationType} from './observations.js';

/** A value that is not 0.15 event JSON; the message names the field. */
export class EventFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventFormatError';
  }
}

type JsonObject = Record<string, unknown>;

/** 0.15's event_to_dict writes these first, in this order, when they are set (TOP_KEYS); `llm_metrics` is later OpenHands'. */
const TOP_KEYS = ['id', 'timestamp', 'source', 'message', 'cause', 'action', 'observation', 'tool_call_metadata', 'llm_metrics'] as const;

/**
 * An event as 0.15's event_to_dict writes it: the top keys in their order (unset ones and an id of
 * -1 left out), then `args` and `timeout` for an action or `content` and `extras` for an
 * observation; an unset `security_risk` is dropped from the args. Keys 0.15 does not know are dropped.
 */
export function toEventJson(event: Event): JsonObject {
  const source = event as unknown as JsonObject;
  const json: JsonObject = {};
  for (const key of TOP_KEYS) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    if (key === 'id' && value === -1) continue;
    json[key] = value;
  }
  if ('action' in event) {
    const {security_risk: risk, ...args} = event.args as JsonObject;
    json.args = risk === undefined || risk === null ? args : {...args, security_risk: risk};
    if (event.timeout !== undefined && event.timeout !== null) json.timeout = event.timeout;
  } else {
    json.content = event.content;
    json.extras = event.extras;
  }
  return json;
}

/**
 * Reads event JSON (one line of events.jsonl, an observation from a runtime, an action sent to our
 * server) into a typed event, as 0.15's event_from_dict does: a `timestamp` inside args is dropped,
 * the legacy `is_confirmed` and `images_urls` args are renamed. Anything else that is off is an
 * EventFormatError naming the field.
 */
export function parseEvent(value: unknown): Event {
  if (!isObject(value)) throw new EventFormatError(`An event must be a JSON object, got ${describe(value)}.`);
  const hasAction = value.action !== undefined;
  const hasObservation = value.observation !== undefined;
  if (hasAction === hasObservation) {
    throw new EventFormatError('An event must have exactly one of "action" and "observation".');
  }
  checkTopFields(value);
  return hasAction ? readAction(value) : readObservation(value);
}

export function parseAction(value: unknown): Action {
  const event = parseEvent(value);
  if (!('action' in event)) throw new EventFormatError(`Expected an action, got the observation "${event.observation}".`);
  return event;
}

export function parseObservation(value: unknown): Observation {
  const event = parseEvent(value);
  if (!('observation' in event)) throw new EventFormatError(`Expected an observation, got the action "${event.action}".`);
  return event;
}

function readAction(value: JsonObject): Action {
  const kind = value.action;
  if (typeof kind !== 'string' || !Object.hasOwn(REQUIRED_ACTION_ARGS, kind)) {
    throw new EventFormatError(`"action" must be a 0.15 action type, got ${describe(kind)}.`);
  }
  const rawArgs = value.args ?? {};
  if (!isObject(rawArgs)) throw new EventFormatError(`"args" must be a JSON object, got ${describe(rawArgs)}.`);
  const {timestamp: _dropped, is_confirmed: isConfirmed, images_urls: imagesUrls, ...args} = rawArgs;
  if (isConfirmed !== undefined && args.confirmation_state === undefined) args.confirmation_state = isConfirmed;
  if (imagesUrls !== undefined && args.image_urls === undefined) args.image_urls = imagesUrls;
  for (const [name, type] of Object.entries(REQUIRED_ACTION_ARGS[kind as ActionType])) {
    const actual = args[name];
    if (typeof actual !== type || actual === null) {
      throw new EventFormatError(
        `"args.${name}" of a ${kind} action must be a${type === 'object' ? 'n object' : ' string'}, got ${describe(actual)}.`,
      );
    }
  }
  const timeout = value.timeout;
  if (timeout !== undefined && timeout !== null && typeof timeout !== 'number') {
    throw new EventFormatError(`"timeout" must be a number of seconds, got ${describe(timeout)}.`);
  }
  return {...pickTop(value), action: kind, args, ...(typeof timeout === 'number' ? {timeout} : {})} as Action;
}

function readObservation(value: JsonObject): Observation {
  const kind = value.observation;
  if (typeof kind !== 'string' || !OBSERVATION_TYPES.includes(kind as ObservationType)) {
    throw new EventFormatError(`"observation" must be a 0.15 observation type, got ${describe(kind)}.`);
  }
  const content = value.content ?? '';
  if (typeof content !== 'string') throw new EventFormatError(`"content" must be a string, got ${describe(content)}.`);
  const extras = value.extras ?? {};
  if (!isObject(extras)) throw new EventFormatError(`"extras" must be a JSON object, got ${describe(extras)}.`);
  return {...pickTop(value), observation: kind, content, extras} as Observation;
}

function checkTopFields(value: JsonObject): void {
  const {id, timestamp, source, message, cause, tool_call_metadata: metadata} = value;
  if (!isAbsent(id) && !Number.isInteger(id)) throw new EventFormatError(`"id" must be an integer, got ${describe(id)}.`);
  if (!isAbsent(timestamp) && typeof timestamp !== 'string') {
    throw new EventFormatError(`"timestamp" must be an ISO date string, got ${describe(timestamp)}.`);
  }
  if (!isAbsent(source) && !EVENT_SOURCES.includes(source as never)) {
    throw new EventFormatError(`"source" must be one of ${EVENT_SOURCES.join(', ')}, got ${describe(source)}.`);
  }
  if (!isAbsent(message) && typeof message !== 'string')
    throw new EventFormatError(`"message" must be a string, got ${describe(message)}.`);
  if (!isAbsent(cause) && !Number.isInteger(cause)) throw new EventFormatError(`"cause" must be an integer, got ${describe(cause)}.`);
  if (!isAbsent(metadata) && !isObject(metadata)) {
    throw new EventFormatError(`"tool_call_metadata" must be a JSON object, got ${describe(metadata)}.`);
  }
}

/** The top keys that are set (0.15 treats null as unset). */
function pickTop(value: JsonObject): JsonObject {
  const top: JsonObject = {};
  for (const key of TOP_KEYS) {
    if (key === 'action' || key === 'observation') continue;
    if (!isAbsent(value[key])) top[key] = value[key];
  }
  return top;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
