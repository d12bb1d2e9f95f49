import {INPUT_FORMS, SLASH_COMMANDS} from '../commands/slash-commands.js';
import {SCOPE_LABELS, type Scope} from '../keys/bindings.js';
import {keyRows} from './key-rows.js';

const SCOPES: readonly Scope[] = ['global', 'composer', 'pane', 'picker'];
const KEY_COLUMN = 22;

/** Backticks mark code in the README; /help is plain text. */
const plain = (text: string): string => text.replaceAll('`', '');

function columns(left: string, right: string, width: number): string {
  return left.length < width ? `${left.padEnd(width)}${right}` : `${left}\n${' '.repeat(width)}${right}`;
}

/** The text of /help, generated from the key table and the command table. */
export function helpText(): string {
  const lines = ['Keys'];
  const rows = keyRows();
  for (const scope of SCOPES) {
    lines.push(`  ${SCOPE_LABELS[scope]}`);
    for (const row of rows.filter((r) => r.scope === scope)) {
      lines.push(columns(`    ${plain(row.keys.join(', '))}`, plain(row.description), KEY_COLUMN + 4));
    }
  }
  lines.push('', 'Input');
  for (const command of SLASH_COMMANDS) lines.push(columns(`  /${command.name}`, command.description, KEY_COLUMN + 4));
  for (const form of INPUT_FORMS) lines.push(columns(`  ${form.form}`, form.description, KEY_COLUMN + 4));
  return lines.join('\n');
}
