import {Box, Text} from 'ink';
import type {AgentStatus} from '../../agent/agent-api.js';
import {agentStateStyle, palette as theme, runtimeStateStyle} from '../theme.js';
import {agentLine, type HeaderInfo, headerLines, type Part} from './header-layout.js';
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
  /** The agent's status; undefined when there is no agent (no LLM configured). */
  agent?: AgentStatus | undefined;
}

/**
 * The session screen's header: session id, runtime state (coloured), container, workspace, image,
 * the agent (state, model, tokens, cost, confirmation mode), then the VS Code link. Status lines
 * are fitted to the width and never wrap; the link is never
 * cut: in a terminal narrower than the link it continues on the next line.
 */
export function Header({vscodeUrl, vscodeNote, columns, compact, agent, ...info}: HeaderProps) {
  const width = Math.max(1, columns);
  if (compact) {
    const reason = vscodeUrl === undefined && isDown(info.state) ? (vscodeNote ?? '') : '';
    return (
      <Box flexDirection="column" width={width}>
        <InlineHeader {...info} reason={reason} columns={columns} />
        {agent && (
          <Text wrap="truncate-end">
            {agentLine(agent, width).map((part, at) => (
              <PartText key={at} part={part} color={colorOf(part, info.state, agent)} />
            ))}
          </Text>
        )}
      </Box>
    );
  }
  const lines = [...headerLines(info, width), agentLine(agent, width)];
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((parts, index) => (
        <Text key={index} wrap="truncate-end">
          {parts.map((part, at) => (
            <PartText key={at} part={part} color={colorOf(part, info.state, agent)} />
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
    <Text color={color} bold={part.role === 'sid' || part.role === 'state' || part.role === 'agentState'}>
      {part.text}
    </Text>
  );
}

function colorOf(part: Part, state: HeaderInfo['state'], agent: AgentStatus | undefined): string | undefined {
  if (part.role === 'state') return runtimeStateStyle[state].color;
  if (part.role === 'agentState') return agent ? agentStateStyle[agent.state]?.color : undefined;
  if (part.role === 'label') return theme.muted;
  if (part.role === 'sid') return theme.accent;
  return undefined;
}
