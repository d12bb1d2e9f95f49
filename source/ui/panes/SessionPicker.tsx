import {Box, Text} from 'ink';
import {useContext, useRef, useState} from 'react';
import {useKeys} from '../hooks/use-keys.js';
import {matchKey} from '../keys/match-key.js';
import {movePicker, type PickerState, pickerRowText, selectedEntry, visibleRange} from '../sessions/session-picker.js';
import {truncate} from '../text/truncate.js';
import {ColorContext, palette} from '../theme.js';

export interface SessionPickerProps {
  picker: PickerState;
  width: number;
  height: number;
  /** Enter on a row: the screen switches to that session (or just closes the picker for the current one). */
  onPick: (sid: string) => void;
  onClose: () => void;
  now?: Date;
}

// Only the picker's own bindings matter here; the screen-wide keys are the screen's.
const PICKER_CONTEXT = {focus: 'composer', commandRunning: false, runtimeLost: false, pickerOpen: true} as const;

/** The /sessions picker, in the events pane's place; its keys (the key table's `picker` scope) are in the footer. */
export function SessionPicker(props: SessionPickerProps) {
  const color = useContext(ColorContext);
  const [state, setState] = useState(props.picker);
  // Enter may arrive after a frame is drawn but before the key handler sees that render's state.
  const latest = useRef(state);
  latest.current = state;
  useKeys((event) => {
    if (event.type === 'paste') return;
    switch (matchKey(event.input, event.key, PICKER_CONTEXT)) {
      case 'picker.up':
        return setState((current) => movePicker(current, -1));
      case 'picker.down':
        return setState((current) => movePicker(current, 1));
      case 'picker.close':
        return props.onClose();
      case 'picker.pick': {
        const entry = selectedEntry(latest.current);
        return entry ? props.onPick(entry.sid) : props.onClose();
      }
    }
  });
  const now = props.now ?? new Date();
  const {start, end} = visibleRange(state, props.height - 1);
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold>
        {truncate(`Sessions in this workspace (${state.entries.length}) · ● this session · Enter switches, Esc goes back`, props.width)}
      </Text>
      {state.entries.length === 0 && <Text>No sessions recorded in this workspace yet.</Text>}
      {state.entries.slice(start, end).map((entry, offset) => {
        const selected = start + offset === state.selected;
        return (
          <Text key={entry.sid} inverse={selected} color={color && entry.current ? palette.accent : undefined}>
            {truncate(`${selected ? '›' : ' '} ${pickerRowText(entry, now)}`, props.width)}
          </Text>
        );
      })}
    </Box>
  );
}
