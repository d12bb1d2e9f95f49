import {Text} from 'ink';
import {memo, useContext} from 'react';
import type {Span, StyledLine} from '../styled-line.js';
import {ColorContext} from '../theme.js';

/** One row of styled spans; the spans are already cut to the pane's width. */
export const StyledRow = memo(function StyledRow({line}: {line: StyledLine}) {
  const color = useContext(ColorContext);
  if (line.length === 0) return <Text> </Text>;
  // No colour: one plain text, no escape code at all (bold and dim are escapes too).
  if (!color) return <Text wrap="truncate">{line.map((span) => span.text).join('') || ' '}</Text>;
  if (line.length === 1) return <SpanText span={line[0] as Span} />;
  return (
    <Text wrap="truncate">
      {line.map((span, index) => (
        <SpanText key={index} span={span} />
      ))}
    </Text>
  );
});

function SpanText({span}: {span: Span}) {
  return (
    <Text
      wrap="truncate"
      color={span.color}
      backgroundColor={span.backgroundColor}
      bold={span.bold}
      dimColor={span.dim}
      italic={span.italic}
      underline={span.underline}
      strikethrough={span.strikethrough}
      inverse={span.inverse}
    >
      {span.text === '' ? ' ' : span.text}
    </Text>
  );
}
