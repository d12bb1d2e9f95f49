import {Box, Text} from 'ink';
import {useReducer, useRef} from 'react';
import {type ComposerAction, type ComposerState, composerReducer, initialComposerState} from '../composer/composer-state.js';
import {composerView, type VisualRow} from '../composer/composer-view.js';
import {bufferText, composerFacts, isEmpty, nextBoundary} from '../composer/text-buffer.js';
import type {ConfirmationAnswer} from '../../agent/agent-api.js';
import {useKeys} from '../hooks/use-keys.js';
import {type BindingId, scopeOf} from '../keys/bindings.js';
import {type Pressed, readPressed} from '../keys/chord.js';
import {matchPressed} from '../keys/match-key.js';
import {isMouseReport} from '../mouse-wheel.js';
import {palette as theme} from '../theme.js';

export const COMPOSER_PLACEHOLDER = '!cmd runs a shell command · /help';
export const BUSY_HINT = 'typing goes to the running command: Enter sends a line';

export interface ComposerProps {
  /** Keys reach the composer only while it has the focus. */
  focused: boolean;
  /** A command is running: Enter sends the line (even an empty one) to its input, unrecorded. */
  busy: boolean;
  columns: number;
  /** Text rows shown at most; a longer text scrolls with the cursor (default 8). */
  maxRows?: number;
  /** The session's earlier inputs, oldest first; read when the composer mounts. */
  history?: readonly string[];
  /** The text as typed (not trimmed); `toRunningCommand` when it is meant for the command's input. */
  onSubmit: (text: string, meta: {toRunningCommand: boolean}) => void;
  /** The history after an input was recorded, to persist it. */
  onHistoryChange?: (entries: readonly string[]) => void;
  /** The agent waits for a confirmation: y/n/a typed into the empty composer answer it. */
  awaitingConfirmation?: boolean;
  onConfirm?: (answer: ConfirmationAnswer) => void;
}

const ANSWERS: Partial<Record<BindingId, ConfirmationAnswer>> = {'confirm.yes': 'yes', 'confirm.no': 'no', 'confirm.all': 'all'};

const PROMPT = '❯ ';

const isPlainReturn = (pressed: Pressed): boolean => pressed.key === 'return' && !pressed.shift && !pressed.meta && !pressed.ctrl;
const isText = (pressed: Pressed): boolean => pressed.key === undefined && !pressed.ctrl && !pressed.meta && pressed.text !== '';

/**
 * The multi-line input: editing and history come from the key table and the pure composer
 * reducer; a paste arrives whole (bracketed paste) and is inserted in one step. Only the rows
 * around the cursor are laid out and drawn, so a 100 KB text costs no more to show than a line.
 */
export function Composer({
  focused,
  busy,
  columns,
  maxRows = 8,
  history,
  onSubmit,
  onHistoryChange,
  awaitingConfirmation = false,
  onConfirm,
}: ComposerProps) {
  // The state lives in a ref, updated synchronously: several keys (or paste chunks) can arrive
  // before React renders again, and each must see the edits of the one before.
  const state = useRef<ComposerState | undefined>(undefined);
  state.current ??= initialComposerState(history);
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const apply = (action: ComposerAction) => {
    const next = composerReducer(state.current!, action);
    if (next === state.current) return;
    state.current = next;
    repaint();
  };

  const submit = () => {
    const text = bufferText(state.current!.buffer);
    if (!busy && text.trim() === '') return;
    const before = state.current!.history.entries;
    apply({type: 'sent', remember: !busy});
    onSubmit(text, {toRunningCommand: busy});
    const after = state.current!.history.entries;
    if (after !== before) onHistoryChange?.(after);
  };

  useKeys(
    (event) => {
      if (event.type === 'paste') return apply({type: 'insert', text: event.text});
      // Mouse reports (the wheel, in full screen) are the conversation's, never text.
      if (isMouseReport(event.input)) return;
      const pressed = readPressed(event.input, event.key);
      const facts = composerFacts(state.current!.buffer);
      const id = matchPressed(pressed, {
        focus: 'composer',
        commandRunning: busy,
        runtimeLost: false,
        awaitingConfirmation,
        composer: facts,
      });
      const answer = id === undefined ? undefined : ANSWERS[id];
      if (answer !== undefined) return onConfirm?.(answer);
      if (id === undefined) {
        if (isText(pressed)) apply({type: 'insert', text: pressed.text});
        return;
      }
      if (scopeOf(id) !== 'composer') return;
      if (id === 'composer.submit') return submit();
      if (id === 'composer.newline' && isPlainReturn(pressed)) return apply({type: 'newlineForBackslash'});
      apply({type: 'binding', id});
    },
    {isActive: focused},
  );

  const {buffer} = state.current;
  const width = Math.max(1, columns - PROMPT.length);
  const promptColor = busy ? theme.warning : focused ? theme.accent : theme.muted;
  const view = composerView(buffer, {width, maxRows});
  return (
    <Box flexDirection="column" width={Math.max(1, columns)}>
      {busy && (
        <Text wrap="truncate-end" color={theme.warning}>
          {BUSY_HINT}
        </Text>
      )}
      {view.hiddenAbove > 0 && <More count={view.hiddenAbove} where="above" />}
      {isEmpty(buffer) && !busy ? (
        <Text wrap="truncate-end">
          <Text color={promptColor}>{PROMPT}</Text>
          {focused && <Text inverse> </Text>}
          <Text color={theme.muted}>{COMPOSER_PLACEHOLDER}</Text>
        </Text>
      ) : (
        view.rows.map((row, index) => (
          <Row
            key={index}
            row={row}
            prompt={row.line === 0 && row.startsLine ? PROMPT : '  '}
            promptColor={promptColor}
            focused={focused}
          />
        ))
      )}
      {view.hiddenBelow > 0 && <More count={view.hiddenBelow} where="below" />}
    </Box>
  );
}

function Row({row, prompt, promptColor, focused}: {row: VisualRow; prompt: string; promptColor: string; focused: boolean}) {
  // A tab is one column here, as the layout counted it.
  const text = row.text.replaceAll('\t', ' ');
  if (row.cursor === undefined || !focused) {
    return (
      <Text wrap="truncate-end">
        <Text color={promptColor}>{prompt}</Text>
        {text}
      </Text>
    );
  }
  const end = nextBoundary(text, row.cursor);
  return (
    <Text wrap="truncate-end">
      <Text color={promptColor}>{prompt}</Text>
      {text.slice(0, row.cursor)}
      <Text inverse>{end > row.cursor ? text.slice(row.cursor, end) : ' '}</Text>
      {text.slice(end)}
    </Text>
  );
}

function More({count, where}: {count: number; where: 'above' | 'below'}) {
  return (
    <Text wrap="truncate-end" color={theme.muted}>
      {'  '}
      {where === 'above' ? '↑' : '↓'} {count} more {count === 1 ? 'line' : 'lines'} {where}
    </Text>
  );
}
