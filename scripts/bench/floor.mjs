// The floor: raw web-tree-sitter + tree-sitter-bash, loaded straight from node_modules, in this
// process. Full parse of a text, and incremental re-parse after a one-character edit (tree.edit).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Edit, Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

export async function loadFloor(repo) {
  const t0 = performance.now();
  const runtime = require.resolve('web-tree-sitter/web-tree-sitter.wasm', { paths: [repo] });
  await Parser.init({ locateFile: () => runtime, wasmBinary: readFileSync(runtime) });
  const language = await Language.load(readFileSync(join(repo, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm')));
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, loadMs: performance.now() - t0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median full-parse time (ms) of `text` over `reps` runs after one warm-up. */
export function fullParse(parser, text, reps) {
  parser.parse(text).delete();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const tree = parser.parse(text);
    times.push(performance.now() - t0);
    tree.delete();
  }
  return median(times);
}

/**
 * Median incremental re-parse time (ms) after inserting one character at `offset` (a UTF-16
 * offset at `row`/`column`): tree.edit on a copy of the old tree, then parse(newText, oldTree).
 */
export function incrementalParse(parser, text, offset, row, column, reps) {
  const base = parser.parse(text);
  const next = `${text.slice(0, offset)}x${text.slice(offset)}`;
  const edit = new Edit({
    startIndex: offset, oldEndIndex: offset, newEndIndex: offset + 1,
    startPosition: { row, column }, oldEndPosition: { row, column }, newEndPosition: { row, column: column + 1 },
  });
  const times = [];
  for (let i = 0; i < reps + 1; i++) {
    const old = base.copy();
    old.edit(edit);
    const t0 = performance.now();
    const tree = parser.parse(next, old);
    const ms = performance.now() - t0;
    if (i > 0) times.push(ms);
    tree.delete();
    old.delete();
  }
  base.delete();
  return median(times);
}
