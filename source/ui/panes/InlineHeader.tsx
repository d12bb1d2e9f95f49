import {Text} from 'ink';
import {useContext} from 'react';
import {ColorContext, palette as theme, runtimeStateStyle} from '../theme.js';
import {type HeaderInfo, headerLines} from './header-layout.js';

/**
 * `--inline`'s header: one line (session, runtime state, container), redrawn with the live part.
 * The VS Code link is printed into the scrollback once known, where it can be copied whole.
 */
export function InlineHeader({columns, ...info}: HeaderInfo & {columns: number}) {
  const color = useContext(ColorContext);
  const [first = []] = headerLines(info, Math.max(1, columns));
  return (
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
  );
}
