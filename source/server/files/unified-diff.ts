import {structuredPatch} from 'diff';

/**
 * A unified diff of one file (`--- path` / `+++ path`, hunks with 3 lines of context). A file that
 * did not exist before is diffed from /dev/null. Empty when nothing changed.
 */
export function unifiedDiff(filePath: string, oldText: string | null, newText: string): string {
  const patch = structuredPatch(filePath, filePath, oldText ?? '', newText, undefined, undefined, {context: 3});
  if (patch.hunks.length === 0) return '';
  const lines = [`--- ${oldText === null ? '/dev/null' : filePath}`, `+++ ${filePath}`];
  for (const hunk of patch.hunks) {
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}
