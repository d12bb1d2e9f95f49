import {Text} from 'ink';
import {useContext} from 'react';
import type {TranscriptItem} from '../../events/transcript-items.js';
import {confirmHints} from '../keys/confirm-hints.js';
import {ColorContext, palette} from '../theme.js';

/** What the action waiting for confirmation would do, in a few words. */
export function describeAwaiting(item: TranscriptItem | undefined): string {
  switch (item?.kind) {
    case 'command':
      return `${item.shell === 'bash' ? '❯' : '»'} ${item.command.split('\n')[0] ?? ''}`;
    case 'file-edit':
      return `${item.operation} ${item.path}`;
    case 'file-read':
      return `read ${item.path}`;
    default:
      return 'the next action';
  }
}

/**
 * The line above the composer while the agent waits for a confirmation: the action, then the keys
 * (from the key table) that answer it.
 */
export function ConfirmPrompt({item, columns}: {item: TranscriptItem | undefined; columns: number}) {
  const color = useContext(ColorContext);
  return (
    <Text wrap="truncate-middle">
      <Text color={color ? palette.warning : undefined} bold>
        {'? run '}
      </Text>
      <Text>{describeAwaiting(item).slice(0, Math.max(10, columns - 45))}</Text>
      <Text color={color ? palette.muted : undefined}>{`   ${confirmHints()}`}</Text>
    </Text>
  );
}
