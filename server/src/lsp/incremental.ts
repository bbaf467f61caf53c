/**
 * Incremental sync: applies LSP content changes one by one and records each as a
 * tree-sitter edit (UTF-16 offsets and row/column points, computed against the text as it
 * was just before that change), so the next analysis can re-parse from the previous tree.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TreeEditInfo } from '../service';

/** The point (row, column) just after `text` inserted at `start`. */
function endAfter(start: { line: number; character: number }, text: string): { row: number; column: number } {
  const lines = text.split('\n');
  return lines.length === 1
    ? { row: start.line, column: start.character + text.length }
    : { row: start.line + lines.length - 1, column: lines[lines.length - 1]!.length };
}

/**
 * `edits` is what was pending before these changes (`null` once a full-text change made
 * incremental re-parsing impossible until the next analysis).
 */
export function applyChanges(
  doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number, edits: TreeEditInfo[] | null,
): { document: TextDocument; edits: TreeEditInfo[] | null } {
  let current = doc;
  let out = edits === null ? null : [...edits];
  for (const change of changes) {
    if ('range' in change && out !== null) {
      const startIndex = current.offsetAt(change.range.start);
      const oldEndIndex = current.offsetAt(change.range.end);
      // offsetAt clamps positions past the end; use the clamped ones for the points too.
      const start = current.positionAt(startIndex);
      const oldEnd = current.positionAt(oldEndIndex);
      out.push({
        startIndex, oldEndIndex, newEndIndex: startIndex + change.text.length,
        startPosition: { row: start.line, column: start.character },
        oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
        newEndPosition: endAfter(start, change.text),
      });
    } else {
      out = null;
    }
    current = TextDocument.update(current, [change], version);
  }
  return { document: current, edits: out };
}
