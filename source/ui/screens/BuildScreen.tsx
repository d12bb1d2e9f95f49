import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {lastLines} from '../../image/bounded-lines.js';
import {failureReport} from '../../image/build-hints.js';
import {formatSeconds, isBuildOk, type BuildProgress} from '../../image/build-progress.js';
import type {ImagePlan} from '../../image/plan.js';
import {stepRows, type StepRow} from '../build-step-rows.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {stepGlyph, themeFor, type Theme} from '../theme.js';

export interface BuildScreenProps {
  plan: ImagePlan;
  progress: BuildProgress;
  showRawLog: boolean;
  now: number;
  /** False with [core] disable_color or NO_COLOR: no style at all, so no escape code is written. */
  color: boolean;
}

const HEADER_ROWS = 5;
const FOOTER_ROWS = 2;

/**
 * The build screen: what is built and why, a live step tree (or the raw log), and on failure the
 * failing step's log with a hint. Renders state only; keys and timers live in the container.
 */
export function BuildScreen({plan, progress, showRawLog, now, color}: BuildScreenProps) {
  const theme = themeFor(color);
  const {columns, rows} = useTerminalSize();
  const width = Math.max(20, columns);
  const treeHeight = rows === undefined ? undefined : Math.max(3, rows - HEADER_ROWS - FOOTER_ROWS - 1);
  return (
    <Box flexDirection="column" width={width}>
      <Header plan={plan} progress={progress} now={now} theme={theme} />
      {showRawLog ? (
        <RawLog progress={progress} height={treeHeight ?? 40} />
      ) : (
        <StepTree rows={stepRows(progress, {now, height: progress.finished ? undefined : treeHeight})} width={width} theme={theme} />
      )}
      {progress.finished ? (
        <Outcome plan={plan} progress={progress} theme={theme} />
      ) : (
        <Footer progress={progress} showRawLog={showRawLog} theme={theme} />
      )}
    </Box>
  );
}

function Header({plan, progress, now, theme}: {plan: ImagePlan; progress: BuildProgress; now: number; theme: Theme}) {
  const builder =
    progress.builder === 'classic'
      ? `classic builder${progress.buildxMissing ? ' (buildx not found)' : ''}`
      : (progress.builder ?? 'starting');
  const elapsed = progress.startedAt === undefined ? '' : `  ${formatSeconds((progress.endedAt ?? now) - progress.startedAt)}`;
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text wrap="truncate-end">
        <Text {...theme.strong}>Building {plan.image}</Text>
        <Text {...theme.muted}>
          {'  '}
          {builder}
          {elapsed}
        </Text>
      </Text>
      <Text wrap="truncate-end" {...theme.muted}>
        tags: {plan.tags.source} {plan.tags.lock} {plan.tags.versioned}
      </Text>
      <Text wrap="truncate-end">
        <Text {...theme.accent}>strategy {plan.strategy}</Text>
        <Text {...theme.muted}>: {plan.reason}</Text>
      </Text>
    </Box>
  );
}

function StepTree({rows, width, theme}: {rows: StepRow[]; width: number; theme: Theme}) {
  return (
    <Box flexDirection="column">
      {rows.map((row) => (
        <Row key={row.key} row={row} width={width} theme={theme} />
      ))}
    </Box>
  );
}

function Row({row, width, theme}: {row: StepRow; width: number; theme: Theme}) {
  switch (row.kind) {
    case 'step': {
      const {glyph, style} = stepGlyph[row.state];
      return (
        <Box width={width}>
          <Box width={2} flexShrink={0}>
            <Text {...theme[style]}>{glyph}</Text>
          </Box>
          <Box flexGrow={1} flexShrink={1}>
            <Text wrap="truncate-end" {...(row.dim || row.state === 'waiting' ? theme.faint : {})}>
              {row.name}
            </Text>
          </Box>
          <Box flexShrink={0} marginLeft={1}>
            <Text {...(row.state === 'cached' ? theme.accent : theme.muted)}>{row.right}</Text>
          </Box>
        </Box>
      );
    }
    case 'log':
      return (
        <Box paddingLeft={4} width={width}>
          <Text wrap="truncate-end" {...theme.faint}>
            {row.text === '' ? ' ' : row.text}
          </Text>
        </Box>
      );
    case 'bar':
      return (
        <Box paddingLeft={4} width={width}>
          <Text wrap="truncate-end" {...theme.muted}>
            {row.label} {row.fraction === undefined ? '' : `${bar(row.fraction, 20)} `}
            {row.amount}
          </Text>
        </Box>
      );
    case 'summary':
      return (
        <Text {...theme.muted} wrap="truncate-end">
          {row.text}
        </Text>
      );
  }
}

const bar = (fraction: number, cells: number) => {
  const full = Math.round(fraction * cells);
  return `${'█'.repeat(full)}${'░'.repeat(cells - full)}`;
};

function RawLog({progress, height}: {progress: BuildProgress; height: number}) {
  const lines = lastLines(progress.rawLog, height);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

function Footer({progress, showRawLog, theme}: {progress: BuildProgress; showRawLog: boolean; theme: Theme}) {
  return (
    <Box marginTop={1}>
      {progress.cancelRequested ? (
        <Text {...theme.warning}>Cancelling the build…</Text>
      ) : (
        <Text {...theme.muted}>
          <Text {...theme.strong}>l</Text> {showRawLog ? 'steps' : 'raw log'} · <Text {...theme.strong}>Esc</Text> cancel
        </Text>
      )}
    </Box>
  );
}

function Outcome({plan, progress, theme}: {plan: ImagePlan; progress: BuildProgress; theme: Theme}) {
  // A finished build can still repaint live (the `l` key) before its final frame is printed.
  const {step, errors, hint} = useMemo(() => failureReport(progress), [progress]);
  if (progress.cancelled) {
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text {...theme.warning}>⊘ Build cancelled (exit code {progress.exitCode}): no image was tagged.</Text>
      </Box>
    );
  }
  if (isBuildOk(progress)) {
    return (
      <Box marginTop={1}>
        <Text {...theme.success}>✔ Built {plan.image}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" marginTop={1}>
      {step !== undefined && (
        <Box flexDirection="column" marginBottom={1}>
          <Text {...theme.strong} wrap="truncate-end">
            Log of {step.name}
          </Text>
          {step.log.elided > 0 && <Text {...theme.muted}>… {step.log.elided} earlier lines not shown</Text>}
          {step.log.lines.map((line, i) => (
            <Text key={i} wrap="truncate-end">
              {line === '' ? ' ' : line}
            </Text>
          ))}
          {step.log.lines.length === 0 && <Text {...theme.muted}>(the step printed nothing)</Text>}
        </Box>
      )}
      {/* Errors and the hint wrap: their ends ("exit code: 3") matter most. */}
      {errors.map((line, i) => (
        <Text key={i} {...theme.error}>
          {line}
        </Text>
      ))}
      {hint !== undefined && <Text {...theme.warning}>hint: {hint}</Text>}
      <Text {...theme.error}>✖ Build failed (exit code {progress.exitCode})</Text>
    </Box>
  );
}
