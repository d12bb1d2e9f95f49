import {Box, Text} from 'ink';
import {footerText} from '../keys/footer-hints.js';
import type {KeyContext} from '../keys/key-context.js';
import type {Notice} from '../notices/notice.js';
import {noticeColor, palette as theme} from '../theme.js';

export interface FooterProps {
  /** Focus and state: the hints are those of the focused part, generated from the key table. */
  context: Omit<KeyContext, 'composer'>;
  /** A transient line above the hints ("Press Ctrl+C again to quit", a link to open by hand). */
  notice: Notice | undefined;
  columns: number;
}

/**
 * The footer: the notice (when there is one; it wraps, as it may carry a link to copy) and one
 * line of key hints that fits the width.
 */
export function Footer({context, notice, columns}: FooterProps) {
  const width = Math.max(1, columns);
  return (
    <Box flexDirection="column" width={width}>
      {notice && <Text color={noticeColor[notice.tone]}>{notice.text}</Text>}
      <Text wrap="truncate-end" color={theme.muted}>
        {footerText(context, width)}
      </Text>
    </Box>
  );
}
