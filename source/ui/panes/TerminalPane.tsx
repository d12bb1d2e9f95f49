import {Box} from 'ink';
import {useEffect, useMemo} from 'react';
import {type ReadableSnapshot, useThrottledSnapshot} from '../hooks/use-throttled-snapshot.js';
import type {TerminalEmulator, TerminalScreen} from '../terminal/terminal-emulator.js';
import {StyledRow} from './StyledRow.js';

export interface TerminalPaneProps {
  emulator: TerminalEmulator;
  width: number;
  height: number;
  /** How often the screen is read back; ~30 a second by default, whatever the output rate. */
  refreshMs?: number;
}

const clockStill = () => false;

/**
 * The live output of the running command as the terminal emulator shows it, at the pane's size
 * (the emulator is resized with the pane). Its escape sequences never reach our screen: the pane
 * draws the emulator's cells as styled text.
 */
export function TerminalPane({emulator, width, height, refreshMs = 33}: TerminalPaneProps) {
  useEffect(() => emulator.resize(width, height), [emulator, width, height]);
  const screens = useMemo<ReadableSnapshot<TerminalScreen>>(
    () => ({
      get: () => emulator.screen(),
      get version() {
        return emulator.version;
      },
    }),
    [emulator],
  );
  const {value: screen} = useThrottledSnapshot(screens, refreshMs, clockStill);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {screen.lines.slice(0, height).map((line, index) => (
        <StyledRow key={index} line={line} />
      ))}
    </Box>
  );
}
