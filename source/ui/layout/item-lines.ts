import type {ActionStatus, CommandItem, FileEditItem, FileReadItem, OtherItem, TranscriptItem} from '../../events/transcript-items.js';
import {formatBytes, formatSeconds} from '../../image/build-progress.js';
import type {Span, TextStyle} from '../styled-line.js';
import {palette} from '../theme.js';
import {displayLines} from './clean-text.js';
import type {LogicalLine} from './wrap-line.js';

const INDENT = '  ';
/** A file the agent read can be long; the pane previews it (the agent saw it all). */
const READ_PREVIEW_LINES = 10;
const OTHER_DETAIL_LINES = 20;

const blank: LogicalLine = {spans: []};
const quiet: TextStyle = {color: palette.muted};

/** How each kind of item looks, as unwrapped styled lines. Every kind has a rendering. */
export function itemLines(item: TranscriptItem): LogicalLine[] {
  switch (item.kind) {
    case 'user-message':
      return [
        blank,
        ...prose(item.text, {text: '› ', color: palette.accent, bold: true}, {bold: true}),
        ...(item.imageCount > 0 ? [line(`${INDENT}[${item.imageCount} image${item.imageCount === 1 ? '' : 's'} attached]`, quiet)] : []),
      ];
    case 'agent-message':
      return [blank, ...prose(item.text, {text: '◆ ', color: palette.warning, bold: true}, {})];
    case 'agent-draft':
      // Streaming: the same shape as the message it becomes, with a cursor where the text grows.
      return [blank, ...prose(`${item.text}▍`, {text: '◆ ', color: palette.warning, bold: true}, {})];
    case 'thought':
      return [blank, ...prose(item.text, {text: '… ', color: palette.muted}, {color: palette.muted, italic: true})];
    case 'finish':
      return [
        blank,
        ...prose(item.text === '' ? 'finished' : item.text, {text: '✔ ', color: palette.success, bold: true}, {}),
        ...previewLines(item.outputs, OTHER_DETAIL_LINES),
      ];
    case 'command':
      return commandLines(item);
    case 'file-edit':
      return fileEditLines(item);
    case 'file-read':
      return fileReadLines(item);
    case 'error':
      return [blank, ...prose(item.text, {text: '✖ ', color: palette.error, bold: true}, {color: palette.error})];
    case 'state': {
      const reason = item.reason ? ` (${item.reason})` : '';
      const said = `· agent state${item.requested ? ' requested' : ''}: ${item.state.replaceAll('_', ' ')}${reason}`;
      return [line(said, item.state === 'error' ? {color: palette.error} : quiet)];
    }
    case 'runtime-note':
      return [blank, ...prose(item.text, {text: '! ', color: palette.warning, bold: true}, {color: palette.warning})];
    case 'other':
      return otherLines(item);
  }
}

function commandLines(item: CommandItem): LogicalLine[] {
  const prompt: Span = {text: item.shell === 'bash' ? '❯ ' : '» ', bold: true, ...(item.hidden ? quiet : {})};
  const commandStyle: TextStyle = item.hidden ? quiet : {color: palette.success};
  const commandRows = displayLines(item.command).map((text, row) => ({
    spans: [row === 0 ? prompt : {text: INDENT}, {text, ...commandStyle}],
    hang: 2,
    wrap: 'char' as const,
  }));
  const {skipped, text} = shownOutput(item.output ?? '');
  const output = commandOutput(item, text, skipped > 0).map((line) => block(line, item.hidden ? quiet : {}));
  const note = skipped > 0 ? [block(`… ${formatBytes(skipped)} of earlier output not shown here (the event log keeps it all)`, quiet)] : [];
  return [blank, ...thoughtLines(item.thought), ...commandRows, ...note, ...output, commandStatus(item)];
}

/**
 * The most of an output the pane lays out: its end, from a line start. A flood of 20 MB is 270,000
 * lines to split and wrap (a stall of a few hundred ms when it lands) that nobody pages through
 * here; `oh-tui sessions show` prints all of it.
 */
export const SHOWN_OUTPUT = 256 * 1024;

function shownOutput(output: string): {skipped: number; text: string} {
  if (output.length <= SHOWN_OUTPUT) return {skipped: 0, text: output};
  const from = output.length - SHOWN_OUTPUT;
  const newline = output.indexOf('\n', from);
  const start = newline === -1 ? from : newline + 1;
  return {skipped: start, text: output.slice(start)};
}

/** The output as a terminal showed it, without the echo of the command (when it is there) and 0.15's prompt lines. */
function commandOutput(item: CommandItem, output: string, cut: boolean): string[] {
  if (!output) return [];
  const lines = displayLines(output);
  const echo = displayLines(item.command);
  if (!cut && echo.every((text, index) => lines[index] === text)) lines.splice(0, echo.length);
  while (lines.length > 0) {
    const last = lines.at(-1) as string;
    if (last.trim() === '' || last.startsWith('openhands@') || last.startsWith('[Python Interpreter')) lines.pop();
    else break;
  }
  return lines;
}

function commandStatus(item: CommandItem): LogicalLine {
  const took = item.durationMs === undefined ? '' : ` · ${formatSeconds(item.durationMs)}`;
  if (item.status !== 'done') return statusLine(item.status, took);
  if (item.exitCode === undefined) return line(`${INDENT}✔ done${took}`, {color: palette.success});
  if (item.exitCode === 0) return line(`${INDENT}✔ exit 0${took}`, {color: palette.success});
  // 0.15's -1: the command did not finish within the soft timeout and goes on running.
  if (item.exitCode === -1) return line(`${INDENT}⋯ still running (exit -1)${took}`, {color: palette.warning});
  return line(`${INDENT}✖ exit ${item.exitCode}${took}`, {color: palette.error, bold: true});
}

function statusLine(status: Exclude<ActionStatus, 'done'>, took: string): LogicalLine {
  switch (status) {
    case 'running':
      return line(`${INDENT}⋯ running`, {color: palette.warning});
    case 'awaiting-confirmation':
      return line(`${INDENT}? waiting for your confirmation`, {color: palette.warning, bold: true});
    case 'confirmed':
      return line(`${INDENT}✔ confirmed (sent again below)`, quiet);
    case 'rejected':
      return line(`${INDENT}✖ rejected`, {color: palette.error});
    case 'not-run':
      return line(`${INDENT}■ not run: the agent stopped before you answered`, quiet);
    case 'failed':
      return line(`${INDENT}✖ failed${took}`, {color: palette.error, bold: true});
  }
}

function fileEditLines(item: FileEditItem): LogicalLine[] {
  const header: LogicalLine = {
    spans: [{text: '✎ ', color: palette.accent, bold: true}, {text: `${item.operation} `, bold: true}, {text: item.path}],
    hang: 2,
    wrap: 'char',
  };
  const lines = [blank, ...thoughtLines(item.thought), header];
  if (item.diff !== undefined && item.diff !== '') lines.push(...displayLines(item.diff.replace(/\n$/, '')).map(diffLine));
  else if (
    item.written !== undefined &&
    item.status !== 'rejected' &&
    item.status !== 'awaiting-confirmation' &&
    item.status !== 'not-run'
  ) {
    lines.push(...displayLines(item.written.replace(/\n$/, '')).map((text) => block(`+${text}`, {color: palette.success})));
  } else if (item.status === 'done' && item.operation === 'edit') lines.push(line(`${INDENT}(no changes)`, quiet));
  if (item.status !== 'done')
    lines.push(statusLine(item.status, item.durationMs === undefined ? '' : ` · ${formatSeconds(item.durationMs)}`));
  return lines;
}

function diffLine(text: string): LogicalLine {
  if (text.startsWith('+++') || text.startsWith('---')) return block(text, {bold: true});
  if (text.startsWith('+')) return block(text, {color: palette.success});
  if (text.startsWith('-')) return block(text, {color: palette.error});
  if (text.startsWith('@@')) return block(text, {color: palette.accent});
  return block(text, {});
}

function fileReadLines(item: FileReadItem): LogicalLine[] {
  const header: LogicalLine = {
    spans: [{text: '▤ ', color: palette.accent, bold: true}, {text: 'read ', bold: true}, {text: item.path}],
    hang: 2,
    wrap: 'char',
  };
  const lines = [blank, ...thoughtLines(item.thought), header];
  if (item.status !== 'done') {
    lines.push(statusLine(item.status, item.durationMs === undefined ? '' : ` · ${formatSeconds(item.durationMs)}`));
    return lines;
  }
  const content = item.content ?? '';
  if (content.startsWith('data:'))
    return [...lines, line(`${INDENT}[${content.slice(5, content.indexOf(';')) || 'binary'} data, ${content.length} characters]`, quiet)];
  lines.push(...previewLines(content, READ_PREVIEW_LINES));
  return lines;
}

function otherLines(item: OtherItem): LogicalLine[] {
  const title = item.message === '' ? item.label : `${item.label}: ${item.message}`;
  const from = item.source === '' ? '' : ` (${item.source})`;
  return [line(`· ${title}${from}`, quiet), ...thoughtLines(item.thought), ...previewLines(item.detail, OTHER_DETAIL_LINES)];
}

function previewLines(text: string, limit: number): LogicalLine[] {
  if (text === '') return [];
  const lines = displayLines(text.replace(/\n$/, ''));
  const shown = lines.slice(0, limit).map((row) => block(row, quiet));
  if (lines.length > limit) shown.push(line(`${INDENT}… ${lines.length - limit} more lines`, quiet));
  return shown;
}

function thoughtLines(thought: string): LogicalLine[] {
  if (thought.trim() === '') return [];
  return displayLines(thought.trim()).map((text) => ({spans: [{text, color: palette.muted, italic: true}], wrap: 'word' as const}));
}

/** Paragraph text after a prefix; wrapped rows line up under the text, not the prefix. */
function prose(text: string, prefix: Span, style: TextStyle): LogicalLine[] {
  const indent: Span = {text: ' '.repeat(prefix.text.length)};
  return displayLines(text).map((row, index) => ({
    spans: [index === 0 ? prefix : indent, {text: row, ...style}],
    hang: prefix.text.length,
    wrap: 'word',
  }));
}

/** Output-like text: indented, wrapped at the edge. */
function block(text: string, style: TextStyle): LogicalLine {
  return {spans: [{text: INDENT}, {text, ...style}], hang: INDENT.length, wrap: 'char'};
}

function line(text: string, style: TextStyle): LogicalLine {
  return {spans: [{text, ...style}], wrap: 'word'};
}
