import {formatAgo} from '../lib/age.js';
import type {TextStyle} from './text-style.js';
import {displayWidth, fitWidth, padToWidth} from './text-width.js';

/** One session as `oh-tui sessions` shows it; also the shape of each `--json` entry. */
export interface SessionRow {
  sid: string;
  title: string;
  workspace: string;
  /** ISO timestamps, as meta.json has them. */
  created: string;
  last_active: string;
  events: number;
  container: string;
  /** The engine's state (running, exited, created, paused, ...), `absent`, or `unknown` without an engine. */
  container_state: string;
}

export interface TableOptions {
  now: Date;
  style: TextStyle;
  /** Add a WORKSPACE column (`--all`). */
  workspaceColumn: boolean;
  /** Terminal columns: the title is cut to fit. Undefined (not a terminal): nothing is cut. */
  width?: number;
  /** The home folder, shown as `~` in workspace paths. */
  home?: string;
}

interface Column {
  header: string;
  align?: 'right';
  cell(row: SessionRow): string;
  paint?(text: string, row: SessionRow): string;
}

const gap = '  ';
const minTitleWidth = 10;

/** The rows as an aligned table (title last, so cutting it never shifts another column). */
export function sessionsTable(rows: readonly SessionRow[], options: TableOptions): string[] {
  const {style} = options;
  const columns: Column[] = [
    {header: 'SID', cell: (row) => row.sid},
    {header: 'CREATED', cell: (row) => formatLocalMinute(row.created)},
    {header: 'LAST ACTIVE', cell: (row) => ago(row.last_active, options.now)},
    {header: 'EVENTS', align: 'right', cell: (row) => String(row.events)},
    {header: 'CONTAINER', cell: (row) => row.container_state, paint: (text, row) => paintState(style, row.container_state, text)},
  ];
  if (options.workspaceColumn) columns.push({header: 'WORKSPACE', cell: (row) => homeRelative(row.workspace, options.home)});
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...cells.map((line) => displayWidth(line[index] ?? ''))),
  );
  const fixed = widths.reduce((sum, width) => sum + width + gap.length, 0);
  const titleWidth = options.width === undefined ? Number.POSITIVE_INFINITY : Math.max(minTitleWidth, options.width - fixed);

  const header = [...columns.map((column, index) => padToWidth(column.header, widths[index] ?? 0, column.align)), 'TITLE'].join(gap);
  const lines = [style.bold(header)];
  rows.forEach((row, rowIndex) => {
    const line = columns.map((column, index) => {
      const padded = padToWidth(cells[rowIndex]?.[index] ?? '', widths[index] ?? 0, column.align === 'right' ? 'right' : 'left');
      return column.paint ? column.paint(padded, row) : padded;
    });
    const title = row.title === '' ? style.dim(fitWidth('(no message yet)', titleWidth)) : fitWidth(row.title, titleWidth);
    lines.push([...line, title].join(gap));
  });
  return lines;
}

function paintState(style: TextStyle, state: string, text: string): string {
  if (state === 'running') return style.green(text);
  if (state === 'unknown') return style.yellow(text);
  if (state === 'absent' || state === 'exited' || state === 'created') return style.dim(text);
  return style.yellow(text);
}

/** `2026-01-02 03:04` in local time; the stored text itself when it is not a date. */
export function formatLocalMinute(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || '?';
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

function ago(iso: string, now: Date): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso || '?' : formatAgo(now.getTime() - time);
}

function homeRelative(folder: string, home: string | undefined): string {
  if (!home || home === '/') return folder;
  if (folder === home) return '~';
  return folder.startsWith(`${home}/`) ? `~${folder.slice(home.length)}` : folder;
}
