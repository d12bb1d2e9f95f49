import {useEffect, useState} from 'react';

/**
 * A value written from outside React (a build's progress callback, many times a second) and read
 * by a component at most once per interval, so a chatty build repaints ~10 times a second.
 */
export interface Snapshot<T> extends ReadableSnapshot<T> {
  set(value: T): void;
}

/** What the hook reads: the value, and a counter bumped on every change (to skip repaints when nothing changed). */
export interface ReadableSnapshot<T> {
  get(): T;
  readonly version: number;
}

export function createSnapshot<T>(initial: T): Snapshot<T> {
  let value = initial;
  let version = 0;
  return {
    get: () => value,
    set(next) {
      value = next;
      version++;
    },
    get version() {
      return version;
    },
  };
}

/** The snapshot's value plus the clock, refreshed every `intervalMs` while `ticking`. */
export function useThrottledSnapshot<T>(
  snapshot: ReadableSnapshot<T>,
  intervalMs: number,
  ticking: (value: T) => boolean,
): {value: T; now: number} {
  const [state, setState] = useState(() => ({value: snapshot.get(), version: snapshot.version, now: Date.now()}));
  useEffect(() => {
    const timer = setInterval(() => {
      setState((previous) => {
        // While something runs the clock moves (elapsed times); otherwise repaint only on change.
        if (previous.version === snapshot.version && !ticking(previous.value)) return previous;
        return {value: snapshot.get(), version: snapshot.version, now: Date.now()};
      });
    }, intervalMs);
    return () => clearInterval(timer);
  }, [snapshot, intervalMs, ticking]);
  return {value: state.value, now: state.now};
}
