// The body reader (initscript/body.ts) reads the tree in one cursor pass into typed arrays
// (issue 18, session 7). These inputs are the ones where that can go wrong: here-documents,
// nesting, defused comment runs (texts of blanked parts), NULs, very deep nesting, CRLF,
// UTF-16 offsets. Each is checked against known values and against the old Node-API reader
// (test/helpers/bodyReference.ts), through the raw runtime entry points and the public TreeCursor.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { bodyReaderOptions, extractBody, fragmentAt, NO_ASSIGNMENTS, NONE, readStatements, type BodyModel, type Word } from '../../server/src/service/languages/initscript/body';
import { FragmentDecoder, FragmentEncoder } from '../../server/src/service/shell/bodyTransfer';
import { createBashParser, findWasm, MAX_COMMENT_RUN, parseBash, wasmRuntime } from '../../server/src/service/shell/treeSitter';
import * as reference from '../helpers/bodyReference';

let parser: Parser;
before(async () => {
  parser = await createBashParser(findWasm(join(__dirname, 'nowhere')));
});
after(() => {
  bodyReaderOptions.raw = true;
});

const strip = (m: BodyModel & { cache?: unknown }): BodyModel => {
  const rest = { ...m };
  delete rest.cache;
  return rest;
};

/** The model, checked equal through both cursors, the worker transfer and the old reader. */
function read(text: string): BodyModel {
  const tree = parseBash(parser, text)!;
  try {
    bodyReaderOptions.raw = true;
    const raw = strip(extractBody(tree));
    bodyReaderOptions.raw = false;
    const pub = strip(extractBody(tree));
    bodyReaderOptions.raw = true;
    const old = strip(reference.extractBody(tree));
    assert.deepStrictEqual(raw, old, 'raw cursor vs the Node API reader');
    assert.deepStrictEqual(pub, old, 'public cursor vs the Node API reader');
    const r = readStatements(tree);
    const viaWorker = new FragmentDecoder().decode(structuredClone(new FragmentEncoder(((n) => () => ++n)(0)).encode(r.fragments, r.keys, r.cache !== undefined)));
    assert.deepStrictEqual(viaWorker, old, 'fragments through the worker transfer');
    return raw;
  } finally {
    tree.delete();
  }
}

const at = (line: number, character: number, endCharacter: number, endLine = line) => ({ start: { line, character }, end: { line: endLine, character: endCharacter } });
const words = (ws: Word[]) => ws.map((w) => [w.text, w.raw, w.range.start.line, w.range.start.character, w.range.end.line, w.range.end.character, w.dynamic]);
const command = (m: BodyModel, name: string, nth = 0) => m.commands.filter((c) => c.name === name)[nth]!;

describe('body reader: one cursor pass (issue 18)', () => {
  it('uses the runtime raw entry points when this thread loaded web-tree-sitter', () => {
    assert.ok(wasmRuntime(), 'the raw cursor path is available');
  });

  it('here-documents: the body is not read as commands; what follows keeps its rows', () => {
    const m = read('cat <<EOF >/var/tmp/out\nrm -rf /var/lib/x $HOME\nEOF\necho "done $1" \'/var/run/a\'\n');
    assert.deepEqual(m.commands.map((c) => c.name), ['cat', 'echo']);
    assert.deepEqual(command(m, 'cat').range, at(0, 0, 3));
    const echo = command(m, 'echo');
    assert.deepEqual(echo.nameRange, at(3, 0, 4));
    assert.deepEqual(words(echo.args), [
      ['done $1', '"done $1"', 3, 5, 3, 14, true],
      ['/var/run/a', "'/var/run/a'", 3, 15, 3, 27, false],
    ]);
    // The redirect target is a /var word; the here-document's text is not.
    assert.deepEqual(m.varPaths, [at(0, 11, 23), at(3, 15, 27)]);
  });

  it('nested case / if / function: dispatcher, functions, guards, blocks', () => {
    const text = [
      'f() {',
      '  if [ -r /etc/default/f ]; then',
      '    . /etc/default/f',
      '  fi',
      '  case "$x" in a) g ;; esac',
      '}',
      'ACTION=$1',
      'case "$ACTION" in',
      '  start|restart)',
      '    if [ ! -x /usr/sbin/f ]; then exit 0; fi',
      '    f',
      '    ;;',
      '  *) echo "usage" ;;',
      'esac',
      '',
    ].join('\n');
    const m = read(text);
    assert.deepEqual(m.functions, [{ name: 'f', nameRange: at(0, 0, 1), range: at(0, 0, 1, 5) }]);
    assert.deepEqual(m.dispatcher?.headRange, at(7, 0, 17));
    assert.deepEqual(m.dispatcher?.branches.map((b) => [words(b.patterns), b.line]), [
      [[['start', 'start', 8, 2, 8, 7, false], ['restart', 'restart', 8, 8, 8, 15, false]], 8],
      [[['*', '*', 12, 2, 12, 3, false]], 12],
    ]);
    assert.ok(m.argVariables.has('ACTION'));
    const dot = command(m, '.');
    assert.equal(dot.inFunction, 'f');
    assert.equal(dot.guarded, true);
    assert.equal(command(m, 'g').inFunction, 'f');
    assert.deepEqual(m.exitGuards, [{ text: '[ ! -x /usr/sbin/f ]', line: 9 }]);
    assert.equal(command(m, 'f').inBranch, 0);
    assert.equal(command(m, 'echo').inBranch, 1);
    // `f` and the `if` run in the branch's list; `exit` only when the test fails.
    assert.notEqual(command(m, 'f').block, undefined);
    assert.notEqual(command(m, 'exit').block, command(m, 'f').block);
  });

  it('defused comment runs: blanked texts stay blank, rows and columns do not move', () => {
    const run = Array.from({ length: MAX_COMMENT_RUN + 100 }, (_, i) => `# comment ${i} /var/x`).join('\n');
    // A run inside a command substitution is comments (blanked in its middle); the word after it keeps its place.
    const text = `x=$(\n${run}\necho in)\necho after /var/run/y\n`;
    const m = read(text);
    const value = m.assignments.get('x')!.value;
    assert.ok(value.startsWith(`$(\n# comment 0 /var/x`));
    assert.ok(value.includes(`\n${' '.repeat('# comment 300 /var/x'.length)}\n`), 'a blanked line is blanks');
    assert.ok(!value.includes('# comment 300 '));
    const line = MAX_COMMENT_RUN + 100 + 2;
    assert.deepEqual(command(m, 'echo', 1).nameRange, at(line, 0, 4));
    assert.deepEqual(words(command(m, 'echo', 1).args), [['after', 'after', line, 5, line, 10, false], ['/var/run/y', '/var/run/y', line, 11, line, 21, false]]);
    // Inside a here-document the run is text: put back as written.
    const doc = read(`cat <<EOF\n${run}\nEOF\necho after\n`);
    assert.deepEqual(command(doc, 'echo').nameRange, at(MAX_COMMENT_RUN + 102, 0, 4));
  });

  it('NULs are parsed as blanks: words split there, offsets unchanged', () => {
    const m = read('echo a\0b /var/run/c\0\nexit 0\n');
    assert.deepEqual(words(command(m, 'echo').args), [
      ['a', 'a', 0, 5, 0, 6, false],
      ['b', 'b', 0, 7, 0, 8, false],
      ['/var/run/c', '/var/run/c', 0, 9, 0, 19, false],
    ]);
    assert.deepEqual(command(m, 'exit').range, at(1, 0, 6));
  });

  it('very deep nesting: no recursion, the innermost command is found', () => {
    const depth = 3000;
    const text = `${'if true; then\n'.repeat(depth)}echo deep "$x"\n${'fi\n'.repeat(depth)}`;
    const m = read(text);
    const echo = command(m, 'echo');
    assert.deepEqual(echo.nameRange, at(depth, 0, 4));
    assert.deepEqual(words(echo.args), [['deep', 'deep', depth, 5, depth, 9, false], ['$x', '"$x"', depth, 10, depth, 14, true]]);
    const braces = 350;
    const m2 = read(`${'{\n'.repeat(braces)}echo in\n${'}\n'.repeat(braces)}`);
    assert.deepEqual(command(m2, 'echo').nameRange, at(braces, 0, 4));
    assert.equal(command(m2, 'echo').block, braces);
  });

  it('CRLF: a CR is part of the line (columns count it), rows do not double', () => {
    const m = read('start() {\r\n  echo hi /var/run/x\r\n}\r\ncase "$1" in\r\n  start) start ;;\r\nesac\r\n');
    assert.deepEqual(m.functions.map((f) => [f.name, f.range]), [['start', at(0, 0, 1, 2)]]);
    assert.deepEqual(words(command(m, 'echo').args), [['hi', 'hi', 1, 7, 1, 9, false], ['/var/run/x', '/var/run/x', 1, 10, 1, 20, false]]);
    assert.deepEqual(m.dispatcher?.branches.map((b) => b.range), [at(4, 2, 17)]);
  });

  it('non-ASCII: columns are UTF-16 code units (an astral character counts 2)', () => {
    const m = read('echo "é😀" x # ü\nname=\'ü😀\' ; echo $name z\n');
    assert.deepEqual(words(command(m, 'echo').args), [['é😀', '"é😀"', 0, 5, 0, 10, false], ['x', 'x', 0, 11, 0, 12, false]]);
    assert.deepEqual(m.assignments.get('name'), { value: 'ü😀', range: at(1, 0, 10), topLevel: true });
    assert.deepEqual(words(command(m, 'echo', 1).args), [['$name', '$name', 1, 18, 1, 23, true], ['z', 'z', 1, 24, 1, 25, false]]);
  });

  it('syntax errors: ERROR and MISSING nodes as before', () => {
    const m = read('case "$1" in\n  start) echo x ;;\n');
    assert.ok(m.errors.length > 0);
    const m2 = read('if true; then\n  echo x\n');
    assert.ok(m2.errors.length > 0);
    assert.deepEqual(command(m2, 'echo').nameRange, at(1, 2, 6));
  });

  it('corpus scripts and a generated script read the same through both cursors', () => {
    const dir = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'initscripts');
    for (const f of ['functions', 'network', 'sshd', 'httpd', 'heartbeat']) {
      const path = join(dir, f);
      if (existsSync(path)) read(readFileSync(path, 'utf8'));
    }
    const lines = ['#!/bin/sh'];
    for (let i = 0; i < 200; i++) lines.push(`f${i}() {`, `  [ -r /etc/f${i} ] && . /etc/f${i}`, `  echo "$1" | grep -q x${i} || return 1`, '}');
    const m = read(`${lines.join('\n')}\n`);
    assert.equal(m.functions.length, 200);
    assert.deepEqual(command(m, '.', 199).range, at(798, 22, 33));
  });

  it('incremental: statements reused from the previous version are moved, the model is a fresh read', () => {
    const v1 = 'a=1\nstart() {\n  echo /var/run/a\n}\ncase "$1" in start) start ;; esac\n';
    const v2 = `b=2\n\n${v1}`;
    const t1 = parseBash(parser, v1)!;
    const t2 = parseBash(parser, v2)!;
    try {
      const first = extractBody(t1);
      const next = strip(extractBody(t2, first.cache));
      assert.deepStrictEqual(next, strip(reference.extractBody(t2)));
      assert.deepEqual(command(next, 'echo').args[0]!.range, at(4, 7, 17));
    } finally {
      t1.delete();
      t2.delete();
    }
  });

  it('a statement with none of a kind shares one empty value, which no read, move or transfer writes to', () => {
    const text = '# a comment\nexit 0\nstart() {\n  a=1\n  echo /var/run/x\n}\ncase "$1" in start) start ;; esac\n';
    const tree = parseBash(parser, text)!;
    try {
      const { fragments } = readStatements(tree);
      const [comment, exit] = fragments;
      for (const k of ['functions', 'commands', 'argVariables', 'cases', 'errors', 'exitGuards', 'varPaths', 'blocks'] as const) assert.equal(comment![k], NONE, k);
      assert.equal(comment!.assignments, NO_ASSIGNMENTS);
      assert.equal(exit!.functions, NONE);
      assert.equal(exit!.assignments, NO_ASSIGNMENTS);
      assert.equal(fragmentAt(exit!, 9).functions, NONE, 'moved');
    } finally {
      tree.delete();
    }
    // Reads that add to a fragment's kinds after the pass (MISSING nodes), moves, the transfer, assembling.
    read('if true; then\n  echo x\n');
    read('case "$1" in\n  start) echo x ;;\n');
    read(text);
    const t1 = parseBash(parser, text)!;
    const t2 = parseBash(parser, `\n\n${text}`)!;
    try {
      extractBody(t2, extractBody(t1).cache);
    } finally {
      t1.delete();
      t2.delete();
    }
    assert.equal(NONE.length, 0);
    assert.equal(NO_ASSIGNMENTS.size, 0);
  });

  it('keeps nothing of what it read: the tree can be collected after the read (no walker of a real cursor or runtime is kept)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const refs: WeakRef<object>[] = [];
    const readOnce = (raw: boolean) => {
      bodyReaderOptions.raw = raw;
      const tree = parseBash(parser, 'start() {\n  echo /var/run/x\n}\ncase "$1" in start) start ;; esac\n')!;
      extractBody(tree);
      refs.push(new WeakRef(tree));
      tree.delete();
    };
    // The public cursor last: a kept walker of it held the cursor, and the cursor its tree (a
    // kept raw walker held the runtime, with its wasm memory, after the runtime was recycled).
    readOnce(true);
    readOnce(false);
    bodyReaderOptions.raw = true;
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    assert.deepEqual(refs.map((r) => r.deref() === undefined), [true, true]);
  });

  it('of the statement lists, only if_statement has a condition field (the reader asks fields of a few types only)', () => {
    const types = JSON.parse(readFileSync(join(dirname(require.resolve('tree-sitter-bash/package.json')), 'src', 'node-types.json'), 'utf8')) as { type: string; fields?: Record<string, unknown> }[];
    const asked = new Set(['function_definition', 'case_statement', 'case_item', 'variable_assignment', 'command', 'redirected_statement', 'if_statement']);
    const readFields = ['name', 'value', 'argument', 'body', 'condition'];
    const lists = new Set(['program', 'compound_statement', 'do_group', 'case_item', 'if_statement', 'elif_clause', 'else_clause', 'subshell']);
    for (const t of types) {
      const fields = Object.keys(t.fields ?? {});
      if (lists.has(t.type) && fields.includes('condition')) assert.ok(asked.has(t.type), t.type);
      // Every type the reader reads a field of is asked.
      if (asked.has(t.type)) assert.ok(fields.some((f) => readFields.includes(f)), t.type);
    }
  });
});

