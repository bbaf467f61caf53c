// Issue 18, session 9 (edit): what a keystroke in a large script costs was cut in three places
// that read the whole text. Each new reading is checked here against the one it replaced (kept
// below as the reference): the header signature (server, every keystroke), the nesting refusal
// (before every parse) and the rows a comment line cannot go before (parser worker, per version),
// and the text is handed to the parser in pieces (same trees).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import type { Node, Parser } from 'web-tree-sitter';
import { headerSignature } from '../../server/src/service/boot/scripts';
import { readStatements } from '../../server/src/service/languages/initscript/body';
import { commentRows, NO_COMMENT_INSIDE } from '../../server/src/service/shell/commentRows';
import { parseShell } from '../../server/src/service/shell/parse';
import { createBashParser, findWasm, keepsNesting, MAX_NESTING, parseBash, shellRefusal } from '../../server/src/service/shell/treeSitter';
import { REPO } from '../helpers/golden';

/** The signature as it was read before (split into lines, a pattern per line). */
function signatureByLines(text: string): string {
  const out: string[] = [];
  for (const line of text.split('\n')) if (/^[ \t]*#/.test(line)) out.push(line);
  return out.join('\n');
}

/** The refusal as it was read before (one character at a time, with the line state), at any depth limit. */
function refusalByCharacters(text: string, max: number): boolean {
  let depth = 0;
  let lineStart = true;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (lineStart) {
      if (c === 32 || c === 9) continue;
      lineStart = false;
      if (c === 35) {
        comment = true;
        continue;
      }
    }
    if (c === 123 || c === 40) {
      if (++depth > max) return true;
    } else if ((c === 125 || c === 41) && depth > 0) depth--;
  }
  return false;
}

const pieces = fc.constantFrom('#', ' ', '\t', '\n', '\r', '\r\n', 'a', '{', '}', '(', ')', '# x', '  #', 'é', '\u2028', '😀');
const text = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(''));

/** The bench's generated init script of about `lines` lines (scripts/bench/generate.mjs). */
function largeInitScript(lines: number): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { largeInitScript } from ${JSON.stringify(join(REPO, 'scripts/bench/generate.mjs'))}; process.stdout.write(largeInitScript(${lines}));`], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The comment rows as they were read before session 10 (node objects, every child of the root), sorted. */
function commentRowsByNodes(root: Node): number[] {
  const out: number[] = [];
  for (const child of root.children) {
    if (!child) continue;
    const stack: [Node, number][] = [[child, 1]];
    while (stack.length > 0) {
      const [n, depth] = stack.pop()!;
      const start = n.startPosition.row;
      const endPos = n.endPosition;
      const last = endPos.column > 0 ? endPos.row : endPos.row - 1;
      if (last <= start) continue;
      if (depth >= 400 || NO_COMMENT_INSIDE.has(n.type) || n.type.startsWith('heredoc')) {
        for (let r = start + 1; r <= last; r++) out.push(r);
        continue;
      }
      for (const c of n.children) if (c) stack.push([c, depth + 1]);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Files under `dir` (recursively), when it exists. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

let parser: Parser;
before(async () => {
  parser = await createBashParser(findWasm(join(__dirname, 'nowhere')));
});

describe('a keystroke reads only what it needs (issue 18)', () => {
  it('headerSignature is the comment lines, as splitting into lines gives them', () => {
    fc.assert(fc.property(text, (t) => assert.equal(headerSignature(t), signatureByLines(t))), { numRuns: 3000 });
    const big = largeInitScript(2000);
    assert.equal(headerSignature(big), signatureByLines(big));
    assert.equal(headerSignature('#'), '#');
    assert.equal(headerSignature('\n\n  #a\r\nb # c\n\t# d'), '  #a\r\n\t# d');
  });

  it('shellRefusal refuses exactly what the character-by-character reading refused', () => {
    // Deep texts: MAX_NESTING openers in runs, with comment lines and CRs that reset nothing but the line.
    const deep = fc.array(fc.constantFrom('{'.repeat(60), '('.repeat(60), '{ ( '.repeat(20), '}'.repeat(30), ')', '\n', '\r', '\n# ((((((', '\n  # {{{{', 'a', ' '), { minLength: 10, maxLength: 40 }).map((p) => p.join(''));
    let refused = 0;
    fc.assert(fc.property(fc.oneof(text, deep), (t) => {
      const was = refusalByCharacters(t, MAX_NESTING);
      if (was) refused++;
      assert.equal(shellRefusal(t) !== undefined, was);
    }), { numRuns: 3000 });
    assert.ok(refused > 0, 'some texts were deep enough to be refused');
  });

  it('keepsNesting: an insertion it lets skip the refusal never makes an accepted text refused', () => {
    // Texts near the limit: one opener more anywhere that counts would refuse them.
    const near = fc.array(fc.constantFrom('{'.repeat(100), '('.repeat(100), '{ '.repeat(20), '}', ')', '\n', '\r', '\n# ((((', '\n  #{{', 'a', ' ', '\t', '#'), { minLength: 5, maxLength: 30 }).map((p) => p.join(''));
    const inserted = fc.array(fc.constantFrom('x', ' ', '\t', '}', ')', '{', '(', '#', '\n', 'é'), { maxLength: 4 }).map((p) => p.join(''));
    let skipped = 0;
    fc.assert(fc.property(near, inserted, fc.nat(), (old, ins, n) => {
      if (shellRefusal(old) !== undefined) return;
      const at = n % (old.length + 1);
      const text = old.slice(0, at) + ins + old.slice(at);
      if (!keepsNesting(text, { startIndex: at, oldEndIndex: at, newEndIndex: at + ins.length })) return;
      skipped++;
      assert.equal(shellRefusal(text), undefined, JSON.stringify({ old, at, ins }));
    }), { numRuns: 20000 });
    assert.ok(skipped > 1000, `many insertions skip the reading (${skipped})`);
    // Not for a deletion, an opener, or a character before a comment's '#'.
    assert.equal(keepsNesting('ab', { startIndex: 0, oldEndIndex: 1, newEndIndex: 0 }), false);
    assert.equal(keepsNesting('a{b', { startIndex: 1, oldEndIndex: 1, newEndIndex: 2 }), false);
    assert.equal(keepsNesting('x# ((', { startIndex: 0, oldEndIndex: 0, newEndIndex: 1 }), false);
    assert.equal(keepsNesting('# x((', { startIndex: 2, oldEndIndex: 2, newEndIndex: 3 }), true);
  });

  it('a text handed to the parser in pieces gives the same tree, astral characters across pieces included', () => {
    const astral = `#!/bin/sh\n${Array.from({ length: 300 }, (_, i) => `echo "${'x'.repeat(i % 7)}😀é${'y'.repeat(i % 5)}" # 😀\n`).join('')}`;
    for (const t of [astral, largeInitScript(1000)]) {
      const tree = parseBash(parser, t)!;
      const whole = parser.parse(t)!;
      assert.equal(tree.rootNode.toString(), whole.rootNode.toString());
      // Node texts after the parse come from the whole text.
      assert.equal(tree.rootNode.text, t);
      assert.equal(tree.rootNode.lastChild?.text, whole.rootNode.lastChild?.text);
      tree.delete();
      whole.delete();
    }
  });

  it('commentRows read with a cursor gives the rows the node objects gave (examples, corpus, generated and hostile texts)', () => {
    const texts = [
      ...filesUnder(join(REPO, 'examples')), ...filesUnder(join(REPO, '..', 'shared', 'corpus', 'initscripts')), ...filesUnder(join(REPO, '..', 'shared', 'corpus-debian', 'files')),
    ].filter((f) => statSync(f).size < 512 * 1024).map((f) => readFileSync(f, 'utf8'));
    texts.push(largeInitScript(5000), 'cat <<EOF\na\n  $(b\nc)\nEOF\necho "x\ny" \\\n  z\nf() {\n  a=\'1\n2\'\n}\n', 'if [ a ]; then\n  (\n   b\n  )\nfi\n', '{ ( "a\n', 'case $1 in\n a) x=$((1 +\n 2)) ;;\nesac\n');
    let rows = 0;
    for (const t of texts) {
      const tree = parseBash(parser, t);
      if (!tree) continue;
      const read = readStatements(tree);
      const got = commentRows(tree, read.keys, read.fragments.map((f) => f.row), undefined).all;
      const want = commentRowsByNodes(tree.rootNode);
      assert.deepEqual([...got].sort((a, b) => a - b), want);
      rows += want.length;
      tree.delete();
    }
    assert.ok(texts.length > 20 && rows > 100, `texts ${texts.length}, rows ${rows}`);
  });

  it('commentRows after an edit (only new statements looked up) equals reading every statement', () => {
    const t = largeInitScript(1000);
    const base = parseShell(parser, t).tree!;
    const read = readStatements(base);
    const rows = commentRows(base, read.keys, read.fragments.map((f) => f.row), undefined);
    const inserts = ['x', ' ', '\n', '\n\n', 'echo "a\nb"\n', 'cat <<EOF\nhere\nEOF\n', '# c\n', '\\\n'];
    let seed = 5;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const point = (s: string, i: number) => {
      const before = s.slice(0, i);
      return { row: before.split('\n').length - 1, column: i - (before.lastIndexOf('\n') + 1) };
    };
    let fast = 0;
    for (let k = 0; k < 60; k++) {
      // An edit at the end of a line, as typing does.
      const at = t.indexOf('\n', next(t.length));
      if (at < 0) continue;
      const ins = inserts[next(inserts.length)]!;
      const nt = t.slice(0, at) + ins + t.slice(at);
      const edit = { startIndex: at, oldEndIndex: at, newEndIndex: at + ins.length, startPosition: point(t, at), oldEndPosition: point(t, at), newEndPosition: point(nt, at + ins.length) };
      const old = base.copy();
      const o2 = parseShell(parser, nt, { tree: old, edits: [edit], stopped: false });
      old.delete();
      const r2 = readStatements(o2.tree!, read.cache);
      const starts = r2.fragments.map((f) => f.row);
      const got = commentRows(o2.tree!, r2.keys, starts, r2.cache !== undefined ? rows.cache : undefined);
      if (r2.cache) fast++;
      assert.deepEqual(got.all, commentRows(o2.tree!, r2.keys, starts, undefined).all);
      o2.tree?.delete();
    }
    base.delete();
    assert.ok(fast > 20, `most edits took the path that reuses rows (${fast})`);
  });
});
