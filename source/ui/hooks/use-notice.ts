import {useCallback, useEffect, useRef, useState} from 'react';
import type {Notice} from '../notices/notice.js';

/** The current notice and a function to show one (or clear it with undefined); each expires by itself. */
export function useNotice(): [Notice | undefined, (notice: Notice | undefined) => void] {
  const [current, setCurrent] = useState<Notice | undefined>(undefined);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const show = useCallback((next: Notice | undefined) => {
    clearTimeout(timer.current);
    setCurrent(next);
    if (next) timer.current = setTimeout(() => setCurrent((shown) => (shown === next ? undefined : shown)), next.ttlMs);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return [current, show];
}
