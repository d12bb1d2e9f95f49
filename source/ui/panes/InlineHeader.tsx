import {Box, Text} from 'ink';
import {useContext} from 'react';
import {ColorContext, palette as theme, runtimeStateStyle} from '../theme.js';
import {type HeaderInfo, headerLines} from './header-layout.js';

/**
 * `--inline`'s header: one line (session, runtime state, container), redrawn with the live part;
 * a second one says why, while the runtime is stopped or lost.
 * The VS Code link is printed into the scrollback once known, where it can be copied whole.
 */
export function InlineHeader({columns, reason, ...info}: HeaderInfo & {columns: number; reason: string}) {
  const color = useContext(ColorContext);
  const [first = []] = headerLines(info, Math.max(1, columns));
  return (
    <Box flexDirection="column" width={Math.max(1, columns)}>
      <Text wrap="truncate-end">
        {first.map((part, at) => (
          <Text
            key={at}
            color={
              !color
                ? undefined
                : part.role === 'state'
                  ? runtimeStateStyle[info.state].color
                  : part.role === 'label'
                    ? theme.muted
                    : part.role === 'sid'
                      ? theme.accent
                      : undefined
            }
            bold={part.role === 'sid' || part.role === 'state'}
          >
            {part.text}
          </Text>
        ))}
      </Text>
      {/* Why a stopped or lost runtime is down. */}
      {reason !== '' && (
        <Text wrap="truncate-end" color={color ? theme.muted : undefined}>
          {reason}
        </Text>
      )}
    </Box>
  );
}
