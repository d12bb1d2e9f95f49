/** Reading and parsing a config file; a syntax error names file:line:column and shows the line. */
import fs from 'node:fs';
import {parse, TomlError, type TomlTable} from 'smol-toml';
import {UserError} from '../lib/errors.js';

export function readConfigText(file: string, label: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read config file ${label}: ${(error as Error).message}`, {cause: error});
  }
}

/** The offending line with a caret under the column (tabs kept so the caret lines up). */
function excerpt(text: string, line: number, column: number): string {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined) return '';
  const pad = source.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  return `\n  ${source}\n  ${pad}^`;
}

export function parseConfigText(text: string, label: string): TomlTable {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message is "Invalid TOML document: <reason>\n\n<code block>"; keep the reason only.
    const reason = error.message.replace(/^Invalid TOML document: /, '').split('\n\n')[0];
    throw new UserError(`${label}:${error.line}:${error.column}: ${reason}${excerpt(text, error.line, error.column)}`, {
      cause: error,
    });
  }
}
