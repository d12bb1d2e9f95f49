import {Box, Text, useInput} from 'ink';
import {useContext, useState} from 'react';
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

/** The /sessions picker, in the events pane's place: Up/Down move, Enter switches, Esc goes back. */
export function SessionPicker(props: SessionPickerProps) {
  const color = useContext(ColorContext);
  const [state, setState] = useState(props.picker);
  useInput((_input, key) => {
    if (key.upArrow) setState((current) => movePicker(current, -1));
    else if (key.downArrow) setState((current) => movePicker(current, 1));
    else if (key.escape) props.onClose();
    else if (key.return) {
      const entry = selectedEntry(state);
      if (entry) props.onPick(entry.sid);
      else props.onClose();
    }
  });
  const now = props.now ?? new Date();
  const {start, end} = visibleRange(state, props.height - 2);
  return (
    <Box flexDirection="column" height={props.height} overflow="hidden">
      <Text bold>{truncate(`Sessions in this workspace (${state.entries.length}) · ● this session`, props.width)}</Text>
      {state.entries.length === 0 && <Text>No sessions recorded in this workspace yet.</Text>}
      {state.entries.slice(start, end).map((entry, offset) => {
        const selected = start + offset === state.selected;
        return (
          <Text key={entry.sid} inverse={selected} color={color && entry.current ? palette.accent : undefined}>
            {truncate(`${selected ? '›' : ' '} ${pickerRowText(entry, now)}`, props.width)}
          </Text>
        );
      })}
      <Text color={color ? palette.muted : undefined}>{truncate('↑/↓ move · Enter switch to it · Esc back', props.width)}</Text>
    </Box>
  );
}
