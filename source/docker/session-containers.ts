import {labelKeys} from './labels.js';
import type {ContainerApi} from './container-api.js';
import {prefixNameFilter} from './containers.js';

/** How OpenHands 0.15 names a runtime container (it puts no labels on it). */
export const openHandsContainerPrefix = 'openhands-runtime-';

/**
 * The state of every container whose name starts with `prefix`, by name, from one list call: what
 * `oh-tui sessions` shows for many sessions at once without inspecting each.
 */
export async function containerStatesByName(api: ContainerApi, prefix: string): Promise<Map<string, string>> {
  const listed = await api.list({name: [prefixNameFilter(prefix)]});
  const states = new Map<string, string>();
  for (const container of listed) {
    for (const name of container.Names) states.set(name.replace(/^\//, ''), container.State ?? 'unknown');
  }
  return states;
}

export type Ownership = {ours: true} | {ours: false; reason: string};

/**
 * Whether the container named `name` is session `sid`'s, before anything removes it: ours carry
 * the oh-tui.session label with this sid; one OpenHands made has no labels and its own naming.
 * A name match alone is not enough (prefix `a-` with sid `b-c` is also prefix `a-b-` with sid `c`).
 */
export function sessionOwnership(labels: Record<string, string> | null | undefined, name: string, sid: string): Ownership {
  const label = labels?.[labelKeys.session];
  if (label !== undefined) {
    return label === sid ? {ours: true} : {ours: false, reason: `its ${labelKeys.session} label says session "${label}"`};
  }
  if (name === `${openHandsContainerPrefix}${sid}`) return {ours: true};
  return {ours: false, reason: `it has no ${labelKeys.session} label and is not named ${openHandsContainerPrefix}${sid}`};
}
