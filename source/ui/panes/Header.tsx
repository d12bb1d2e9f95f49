import {Box, Text} from 'ink';
import {palette as theme, runtimeStateStyle} from '../theme.js';
import {type HeaderInfo, headerLines, type Part} from './header-layout.js';
import {InlineHeader} from './InlineHeader.js';

const isDown = (state: HeaderInfo['state']) => state === 'stopped' || state === 'lost';

export interface HeaderProps extends HeaderInfo {
  /** The VS Code link; printed alone on its own line so it can be selected and copied whole. */
  vscodeUrl: string | undefined;
  /** Shown in the link's place while there is none (default: waiting for the runtime). */
  vscodeNote?: string;
  columns: number;
  /** `--inline`: one status line (and why, while the runtime is down); the link goes to the scrollback. */
  compact?: boolean;
}

/**
 * The session screen's header: session id, runtime state (coloured), container, workspace, image,
 * then the VS Code link. Status lines are fitted to the width and never wrap; the link is never
 * cut: in a terminal narrower than the link it continues on the next line.
 */
export function Header({vscodeUrl, vscodeNote, columns, compact, ...info}: HeaderProps) {
  if (compact)
    return <InlineHeader {...info} reason={vscodeUrl === undefined && isDown(info.state) ? (vscodeNote ?? '') : ''} columns={columns} />;
  const width = Math.max(1, columns);
  const lines = headerLines(info, width);
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((parts, index) => (
        <Text key={index} wrap="truncate-end">
          {parts.map((part, at) => (
            <PartText key={at} part={part} color={colorOf(part, info.state)} />
          ))}
        </Text>
      ))}
      {vscodeUrl === undefined ? (
        <Text wrap="truncate-end" color={theme.muted}>
          {vscodeNote ?? 'VS Code: waiting for the runtime'}
        </Text>
      ) : (
        <Text>{vscodeUrl}</Text>
      )}
    </Box>
  );
}

function PartText({part, color}: {part: Part; color: string | undefined}) {
  return (
    <Text color={color} bold={part.role === 'sid' || part.role === 'state'}>
      {part.text}
    </Text>
  );
}

function colorOf(part: Part, state: HeaderInfo['state']): string | undefined {
  if (part.role === 'state') return runtimeStateStyle[state].color;
  if (part.role === 'label') return theme.muted;
  if (part.role === 'sid') return theme.accent;
  return undefined;
}
