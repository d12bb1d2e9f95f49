/** The fields of a recorded event this needs (0.15 JSON). */
interface Recorded {
  id?: unknown;
  action?: unknown;
  cause?: unknown;
}

/** Actions that run something in the runtime and so always get an observation back. */
const answeredKinds = new Set(['run', 'run_ipython', 'read', 'write', 'edit', 'browse', 'browse_interactive']);

/**
 * The ids of the runtime actions in `events` that no observation answers (by `cause`): what a
 * client that died mid-command (kill -9, a crash) leaves behind, in order.
 */
export function unansweredActions(events: readonly Recorded[]): number[] {
  const answered = new Set<unknown>();
  for (const event of events) if (event.cause !== undefined) answered.add(event.cause);
  const ids: number[] = [];
  for (const event of events) {
    if (typeof event.id === 'number' && typeof event.action === 'string' && answeredKinds.has(event.action) && !answered.has(event.id)) {
      ids.push(event.id);
    }
  }
  return ids;
}
