import fs from 'node:fs/promises';
import path from 'node:path';
import {errorObservation, fileEditObservation, fileReadObservation, type Observation} from '../../events/observations.js';
import type {EditAction} from '../protocol/parse-action.js';
import {catN, countLines, insertAfterLine, lineRange, occurrenceLines} from './editor-text.js';
import {giveTo, makeDirectoryFor, type FileOwner} from './file-owner.js';
import {listTwoLevels} from './list-two-levels.js';
import {resolveAgainst} from './resolve-path.js';
import {unifiedDiff} from './unified-diff.js';
import {decodeUtf8} from './utf8.js';

const COMMANDS = ['view', 'create', 'str_replace', 'insert', 'undo_edit'] as const;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_HISTORY_PER_FILE = 10;

/** A mistake in the tool call; it becomes an error observation the agent can act on. */
class ToolError extends Error {}

function invalid(parameter: string, value: unknown, hint: string): ToolError {
  return new ToolError(`Invalid \`${parameter}\` parameter: ${String(value)}. ${hint}`);
}

function missing(command: string, parameter: string): ToolError {
  return new ToolError(`Parameter \`${parameter}\` is required for command: ${command}.`);
}

/**
 * The `edit` action with the str_replace editor's commands (view, create, str_replace, insert,
 * undo_edit), with its messages. Edits answer with an `edit` observation whose content is a unified
 * diff; view answers with a `read` observation. Undo history is kept per file, in memory.
 */
export class StrReplaceEditor {
  /** Earlier contents per file; null means the file did not exist. */
  private readonly history = new Map<string, Array<string | null>>();

  constructor(private readonly owner: FileOwner) {}

  async run(action: EditAction, cwd: string): Promise<Observation> {
    const filePath = resolveAgainst(cwd, action.path);
    try {
      return await this.dispatch(action, filePath);
    } catch (error) {
      if (error instanceof ToolError) return errorObservation(error.message);
      throw error;
    }
  }

  private async dispatch(action: EditAction, filePath: string): Promise<Observation> {
    const command = action.command;
    if (!(COMMANDS as readonly string[]).includes(command)) {
      throw new ToolError(
        `Unrecognized command ${command}. The allowed commands for the str_replace_editor tool are: ${COMMANDS.join(', ')}`,
      );
    }
    const kind = await pathKind(filePath);
    if (command === 'create' && kind !== 'missing') {
      throw invalid('path', filePath, `File already exists at: ${filePath}. Cannot overwrite files using command \`create\`.`);
    }
    if (command !== 'create' && kind === 'missing') {
      throw invalid('path', filePath, `The path ${filePath} does not exist. Please provide a valid path.`);
    }
    if (command !== 'view' && kind === 'directory') {
      throw invalid('path', filePath, `The path ${filePath} is a directory and only the \`view\` command can be used on directories.`);
    }
    switch (command) {
      case 'view':
        return kind === 'directory' ? this.viewDirectory(filePath, action.viewRange) : this.viewFile(filePath, action.viewRange);
      case 'create':
        if (action.fileText === undefined) throw missing(command, 'file_text');
        return this.create(filePath, action.fileText);
      case 'str_replace':
        if (action.oldStr === undefined) throw missing(command, 'old_str');
        return this.strReplace(filePath, action.oldStr, action.newStr ?? '');
      case 'insert':
        if (action.insertLine === undefined) throw missing(command, 'insert_line');
        if (action.newStr === undefined) throw missing(command, 'new_str');
        return this.insert(filePath, action.insertLine, action.newStr);
      default:
        return this.undo(filePath);
    }
  }

  private async viewDirectory(dirPath: string, viewRange: number[] | undefined): Promise<Observation> {
    if (viewRange && viewRange.length > 0) {
      throw invalid(
        'view_range',
        JSON.stringify(viewRange),
        'The `view_range` parameter is not allowed when `path` points to a directory.',
      );
    }
    const {entries, hiddenCount} = await listTwoLevels(dirPath);
    let output = `Here's the files and directories up to 2 levels deep in ${dirPath}, excluding hidden items:\n${entries.join('\n')}`;
    if (hiddenCount > 0) {
      output += `\n\n${hiddenCount} hidden files/directories in this directory are excluded. You can use 'ls -la ${dirPath}' to see them.`;
    }
    return fileReadObservation(dirPath, output);
  }

  private async viewFile(filePath: string, viewRange: number[] | undefined): Promise<Observation> {
    const text = await readText(filePath);
    if (!viewRange || viewRange.length === 0) return fileReadObservation(filePath, catN(stripFinalNewline(text), filePath));
    const [first, requestedLast] = viewRange;
    if (viewRange.length !== 2 || first === undefined || requestedLast === undefined) {
      throw invalid('view_range', JSON.stringify(viewRange), 'It should be a list of two integers.');
    }
    const lineCount = countLines(text);
    if (first < 1 || first > lineCount) {
      throw invalid(
        'view_range',
        JSON.stringify(viewRange),
        `Its first element \`${first}\` should be within the range of lines of the file: [1, ${lineCount}].`,
      );
    }
    let last = requestedLast === -1 ? lineCount : requestedLast;
    let note = '';
    if (last > lineCount) {
      note = `\nNOTE: We only show up to ${lineCount} since there's only ${lineCount} lines in this file\n`;
      last = lineCount;
    }
    if (last < first) {
      throw invalid(
        'view_range',
        JSON.stringify(viewRange),
        `Its second element \`${requestedLast}\` should be greater than or equal to the first element \`${first}\`.`,
      );
    }
    return fileReadObservation(filePath, catN(lineRange(text, first, last), filePath, first) + note);
  }

  private async create(filePath: string, fileText: string): Promise<Observation> {
    await makeDirectoryFor(this.owner, path.dirname(filePath));
    await fs.writeFile(filePath, fileText, {flag: 'wx'});
    await giveTo(this.owner, filePath);
    this.remember(filePath, null);
    return edited(filePath, null, fileText);
  }

  private async strReplace(filePath: string, oldStr: string, newStr: string): Promise<Observation> {
    if (oldStr === newStr) {
      throw invalid('new_str', newStr, 'No replacement was performed. `new_str` and `old_str` must be different.');
    }
    const text = await readText(filePath);
    const lines = occurrenceLines(text, oldStr);
    if (lines.length === 0) {
      throw new ToolError(`No replacement was performed, old_str \`${oldStr}\` did not appear verbatim in ${filePath}.`);
    }
    if (lines.length > 1) {
      throw new ToolError(
        `No replacement was performed. Multiple occurrences of old_str \`${oldStr}\` in lines [${lines.join(', ')}]: it occurs ${lines.length} times. Please ensure it is unique.`,
      );
    }
    const at = text.indexOf(oldStr);
    return this.replaceContent(filePath, text, text.slice(0, at) + newStr + text.slice(at + oldStr.length));
  }

  private async insert(filePath: string, insertLine: number, newStr: string): Promise<Observation> {
    const text = await readText(filePath);
    const lineCount = countLines(text);
    if (insertLine < 0 || insertLine > lineCount) {
      throw invalid('insert_line', insertLine, `It should be within the range of lines of the file: [0, ${lineCount}]`);
    }
    return this.replaceContent(filePath, text, insertAfterLine(text, insertLine, newStr));
  }

  private async undo(filePath: string): Promise<Observation> {
    const earlier = this.history.get(filePath);
    const previous = earlier?.pop();
    if (previous === undefined) throw new ToolError(`No edit history found for ${filePath}.`);
    const current = await readText(filePath);
    if (previous === null) await fs.rm(filePath);
    else await fs.writeFile(filePath, previous);
    return edited(filePath, current, previous);
  }

  private async replaceContent(filePath: string, oldText: string, newText: string): Promise<Observation> {
    await fs.writeFile(filePath, newText);
    this.remember(filePath, oldText);
    return edited(filePath, oldText, newText);
  }

  private remember(filePath: string, content: string | null): void {
    const earlier = this.history.get(filePath) ?? [];
    earlier.push(content);
    if (earlier.length > MAX_HISTORY_PER_FILE) earlier.shift();
    this.history.set(filePath, earlier);
  }
}

/** The edit observation of a change from `before` to `after`; null means the file did not (or no longer does) exist. */
function edited(filePath: string, before: string | null, after: string | null): Observation {
  return fileEditObservation({
    path: filePath,
    prevExist: before !== null,
    oldContent: before,
    newContent: after,
    diff: unifiedDiff(filePath, before, after ?? ''),
  });
}

async function pathKind(filePath: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await fs.stat(filePath)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
}

async function readText(filePath: string): Promise<string> {
  const stat = await fs.stat(filePath);
  if (stat.size > MAX_FILE_BYTES) {
    throw new ToolError(
      `File validation failed for ${filePath}: File is too large (${(stat.size / 1024 / 1024).toFixed(1)}MB). Maximum allowed size is ${MAX_FILE_BYTES / 1024 / 1024}MB.`,
    );
  }
  const bytes = await fs.readFile(filePath);
  const text = decodeUtf8(bytes);
  if (text === undefined || text.includes('\0')) {
    throw new ToolError(
      `File validation failed for ${filePath}: File appears to be binary and this file type cannot be read or edited by this tool.`,
    );
  }
  return text;
}

function stripFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
