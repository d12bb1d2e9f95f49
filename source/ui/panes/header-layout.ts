import type {AgentStatus} from '../../agent/agent-api.js';
import type {RuntimeState} from '../runtime-state.js';
import {textWidth} from '../text/char-width.js';
import {type TruncateAt, truncate} from '../text/truncate.js';
import {agentStateStyle, runtimeStateStyle} from '../theme.js';

export interface HeaderInfo {
  sid: string;
  container: string;
  state: RuntimeState;
  /** The runtime image (repository:tag), once known. */
  image: string | undefined;
  workspace: string;
}

export type PartRole = 'title' | 'sid' | 'state' | 'agentState' | 'label' | 'value';

export interface Part {
  text: string;
  role: PartRole;
}

export interface Field {
  parts: Part[];
  /** The part that gives way when the line is too wide; lower `order` gives way first. */
  shrink?: {part: number; at: TruncateAt; min: number; order: number};
}

const GAP = '  ';

const partsWidth = (parts: readonly Part[]): number => parts.reduce((sum, part) => sum + textWidth(part.text), 0);
const lineWidth = (fields: readonly Field[]): number =>
  fields.reduce((sum, f) => sum + partsWidth(f.parts), 0) + GAP.length * Math.max(0, fields.length - 1);

/**
 * Fits fields on one line of `width` columns: shrinkable parts give way first (lowest order
 * first, down to their minimum); when that is not enough, fields are left out from the end (and
 * the rest tried again at full length); a lone field still too wide is cut. The line is never
 * wider than `width`, so Ink never wraps it.
 */
export function fitLine(fields: readonly Field[], width: number): Part[] {
  for (let count = fields.length; count > 1; count--) {
    const shrunk = shrinkToFit(fields.slice(0, count), width);
    if (lineWidth(shrunk) <= width) return joinFields(shrunk);
  }
  return cutParts(joinFields(shrinkToFit(fields.slice(0, 1), width)), width);
}

function shrinkToFit(fields: readonly Field[], width: number): Field[] {
  const copies: Field[] = fields.map((f) => ({...f, parts: [...f.parts]}));
  const shrinkable = copies.filter((f) => f.shrink).sort((a, b) => a.shrink!.order - b.shrink!.order);
  for (const f of shrinkable) {
    const over = lineWidth(copies) - width;
    if (over <= 0) break;
    const {part: index, at, min} = f.shrink!;
    const part = f.parts[index]!;
    f.parts[index] = {...part, text: truncate(part.text, Math.max(min, textWidth(part.text) - over), at)};
  }
  return copies;
}

const joinFields = (fields: readonly Field[]): Part[] =>
  fields.flatMap((f, i) => (i === 0 ? f.parts : [{text: GAP, role: 'label' as const}, ...f.parts]));

function cutParts(parts: readonly Part[], width: number): Part[] {
  if (partsWidth(parts) <= width) return [...parts];
  const cut: Part[] = [];
  let room = width;
  for (const part of parts) {
    if (room <= 0) break;
    const text = truncate(part.text, room, 'end');
    cut.push({...part, text});
    room -= textWidth(text);
  }
  return cut;
}

/**
 * The header's two status lines for `width` columns: who and what state, then where and which
 * image. The VS Code link is not among them: it gets a line of its own and is never cut.
 */
export function headerLines(info: HeaderInfo, width: number): Part[][] {
  const style = runtimeStateStyle[info.state];
  const first = fitLine(
    [
      {
        parts: [
          {text: 'session ', role: 'label'},
          {text: info.sid, role: 'sid'},
        ],
        shrink: {part: 1, at: 'middle', min: 8, order: 2},
      },
      {parts: [{text: `${style.glyph} ${info.state}`, role: 'state'}]},
      {parts: [{text: info.container, role: 'value'}], shrink: {part: 0, at: 'middle', min: 16, order: 1}},
    ],
    width,
  );
  const second = fitLine(
    [
      {
        parts: [
          {text: 'workspace ', role: 'label'},
          {text: info.workspace, role: 'value'},
        ],
        shrink: {part: 1, at: 'start', min: 12, order: 2},
      },
      {
        parts: [
          {text: 'image ', role: 'label'},
          {text: info.image ?? '(resolving)', role: 'value'},
        ],
        shrink: {part: 1, at: 'middle', min: 20, order: 1},
      },
    ],
    width,
  );
  return [first, second];
}

/** 1234 → 1.2k, 2500000 → 2.5M: token counts at a glance. */
export function formatTokens(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
  return `${(count / 1_000_000).toFixed(1)}M`;
}

/** USD to four places ($0.0123), enough for a cheap model's single call to show. */
export function formatCost(usd: number): string {
  return `$${usd.toFixed(4)}`;
}

/**
 * The header's agent line: its state, the model, tokens in/out, the cost so far and whether
 * confirmation mode is on; without an agent, that none is configured. The model gives way first.
 */
export function agentLine(agent: AgentStatus | undefined, width: number): Part[] {
  if (agent === undefined) {
    return fitLine(
      [
        {
          parts: [
            {text: 'agent ', role: 'label'},
            {text: 'none', role: 'value'},
          ],
        },
        {parts: [{text: 'no LLM configured: !cmd runs commands, /help says how to add one', role: 'label'}]},
      ],
      width,
    );
  }
  const style = agentStateStyle[agent.state] ?? {glyph: '·'};
  const reason =
    agent.reason && (agent.state === 'error' || agent.state === 'stopped' || agent.state === 'paused') ? ` (${agent.reason})` : '';
  const {inputTokens, outputTokens} = agent.usage;
  return fitLine(
    [
      {
        parts: [
          {text: 'agent ', role: 'label'},
          {text: `${style.glyph} ${agent.state.replaceAll('_', ' ')}${reason}`, role: 'agentState'},
        ],
        shrink: {part: 1, at: 'end', min: 12, order: 3},
      },
      {
        parts: [
          {text: 'model ', role: 'label'},
          {text: agent.model ?? '(none)', role: 'value'},
        ],
        shrink: {part: 1, at: 'middle', min: 12, order: 1},
      },
      {
        parts: [
          {text: 'tokens ', role: 'label'},
          {text: `${formatTokens(inputTokens)} in / ${formatTokens(outputTokens)} out`, role: 'value'},
        ],
      },
      {parts: [{text: agent.cost === undefined ? 'cost ?' : formatCost(agent.cost), role: 'value'}]},
      {
        parts: [
          {text: 'confirm ', role: 'label'},
          {text: agent.confirmationMode ? 'on' : 'off', role: 'value'},
        ],
      },
    ],
    width,
  );
}
