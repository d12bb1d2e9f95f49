import {type Key, useInput} from 'ink';
import {useRef} from 'react';
import {feedPaste, type KeyEvent, notPasting, type PasteState, splitTypeAhead} from '../keys/paste-assembler.js';

/**
 * useInput with bracketed paste: the handler gets each key (typed-ahead Enters split out), or a whole paste as one event. Every
 * subscriber assembles pastes itself, so none of them mistakes pasted text for keys.
 */
export function useKeys(handler: (event: KeyEvent) => void, options: {isActive?: boolean} = {}): void {
  const paste = useRef<PasteState>(notPasting);
  useInput(
    (input: string, key: Key) => {
      const fed = feedPaste(paste.current, input, key);
      paste.current = fed.state;
      if (fed.event) for (const event of splitTypeAhead(fed.event)) handler(event);
    },
    {isActive: options.isActive ?? true},
  );
}
