/**
 * Rows before which a comment line cannot be inserted without changing what the script means:
 * the row starts inside a token that spans lines (a string, a here-document, a command continued
 * over lines, …). The suppression quick fix (`fixes/suppress.ts`) asks it of the tree; where the
 * tree lives in the parser worker, the worker computes these rows per top-level statement and
 * sends them with the body model.
 */
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';

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
  const cursor = top.walk();
  try {
    return rowsAt(cursor, out);
  } finally {
    cursor.delete();
  }
}

/**
 * `noCommentRows` of the node at `cursor`, read with the cursor (no node object per child: on a
 * full parse of a 5k-line script the node objects took most of the worker's time for these
 * rows). The cursor is back on that node afterwards. Rows come in document order.
 */
function rowsAt(cursor: TreeCursor, out: number[]): number[] {
  // A node's rows are (start.row, end.row], the last one only when the node ends after its first column.
  let depth = 1;
  for (;;) {
    const start = cursor.startPosition.row;
    const endPos = cursor.endPosition;
    const last = endPos.column > 0 ? endPos.row : endPos.row - 1;
    let into = false;
    if (last > start) {
      const type = cursor.nodeType;
      if (depth >= MAX_DEPTH || NO_COMMENT_INSIDE.has(type) || type.startsWith('heredoc')) {
        for (let r = start + 1; r <= last; r++) out.push(r);
      } else into = true;
    }
    if (into && cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 1) return out;
      if (cursor.gotoNextSibling()) break;
      cursor.gotoParent();
      depth--;
    }
  }
}

/** Past this many statements new to a version, `commentRows` reads the root's children in one call. */
const FEW_FRESH = 16;

/**
 * The rows before which a comment line cannot go (`noCommentRows`), per top-level statement,
 * reused from `previous` (by statement key, moved to the statement's row) for a clean tree.
 * `starts`: each named top-level statement's row (the body reader's fragments). When only a few
 * statements are new (an edit), only those are looked up in the tree: making a node object for
 * every child of the root and asking each its position cost 1.5 ms per edit of a 20k-line
 * script. The root's other children are separators (`;`, `&`, newlines), on one row each: they
 * add no row.
 */
export function commentRows(tree: Tree, keys: readonly string[] | undefined, starts: readonly number[], previous: Map<string, { row: number; rows: number[] }> | undefined) {
  const cache = new Map<string, { row: number; rows: number[] }>();
  const all: number[] = [];
  if (keys && previous && keys.length === starts.length) {
    let fresh = 0;
    for (const key of keys) if (!previous.has(key) && ++fresh > FEW_FRESH) break;
    if (fresh <= FEW_FRESH) {
      const root = tree.rootNode;
      keys.forEach((key, i) => {
        const row = starts[i]!;
        const before = cache.get(key) ?? previous.get(key);
        let rows: number[];
        if (before) rows = before.row === row ? before.rows : before.rows.map((r) => r + row - before.row);
        else {
          const node = root.namedChild(i);
          rows = node ? noCommentRows(node) : [];
        }
        cache.set(key, { row, rows });
        for (const r of rows) all.push(r);
      });
      return { cache, all };
    }
  }
  // The root's children with one cursor (no node object each).
  let named = 0;
  const cursor = tree.walk();
  try {
    if (cursor.gotoFirstChild()) {
      do {
        const key = cursor.nodeIsNamed ? keys?.[named++] : undefined;
        const row = cursor.startPosition.row;
        const before = key !== undefined ? (cache.get(key) ?? previous?.get(key)) : undefined;
        const rows = before ? (before.row === row ? before.rows : before.rows.map((r) => r + row - before.row)) : rowsAt(cursor, []);
        if (key !== undefined) cache.set(key, { row, rows });
        for (const r of rows) all.push(r);
      } while (cursor.gotoNextSibling());
    }
  } finally {
    cursor.delete();
  }
  return { cache, all };
}
