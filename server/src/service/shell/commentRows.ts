/**
 * Rows before which a comment line cannot be inserted without changing what the script means:
 * the row starts inside a token that spans lines (a string, a here-document, a command continued
 * over lines, …). The suppression quick fix (`fixes/suppress.ts`) asks it of the tree; where the
 * tree lives in the parser worker, the worker computes these rows per top-level statement and
 * sends them with the body model.
 */
import type { Node } from 'web-tree-sitter';

/** Node types whose text a comment line cannot be put into. */
export const NO_COMMENT_INSIDE = new Set([
  'command', 'string', 'raw_string', 'ansi_c_string', 'translated_string', 'heredoc_body', 'heredoc_content', 'heredoc_redirect',
  'concatenation', 'word', 'variable_assignment', 'declaration_command', 'test_command', 'unset_command', 'expansion', 'arithmetic_expansion',
]);

/** How deep the search goes; a row deeper than this counts as inside a token (as the quick fix's own search does). */
const MAX_DEPTH = 400;

/**
 * The rows of `top` (a child of the root) that start inside a token: those a search from the
 * root down the children spanning the row's start meets such a token for (`splitsShellToken`).
 * Only nodes spanning several rows are looked into.
 */
export function noCommentRows(top: Node, out: number[] = []): number[] {
  // [node, depth] pairs to look into; a node's rows are (start.row, end.row], the last one only
  // when the node ends after its first column.
  const stack: [Node, number][] = [[top, 1]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    const start = n.startPosition.row;
    const endPos = n.endPosition;
    const last = endPos.column > 0 ? endPos.row : endPos.row - 1;
    if (last <= start) continue;
    if (depth >= MAX_DEPTH || NO_COMMENT_INSIDE.has(n.type) || n.type.startsWith('heredoc')) {
      for (let r = start + 1; r <= last; r++) out.push(r);
      continue;
    }
    for (const c of n.children) if (c) stack.push([c, depth + 1]);
  }
  return out;
}
