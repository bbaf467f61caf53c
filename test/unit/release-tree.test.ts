/**
 * `releaseTree` (the server keeps parse trees only for the documents edited last): an analysis
 * whose tree was let go answers every request as before, and its next version, parsed from
 * scratch, equals a fresh analysis of the same text.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/src/lsp/incremental';
import * as svc from '../../server/src/service';
import { REPO } from '../helpers/golden';

const PATH = '/etc/init.d/httpd';
const SCRIPT = readFileSync(join(REPO, 'examples/etc/rc.d/init.d/httpd'), 'utf8');
const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };

/** What an analysis answers, without the statement cache (what was reused, not what was read). */
function answers(a: svc.Analysis): unknown {
  const model = a.model as { body?: Record<string, unknown>; tree?: unknown } | undefined;
  const body = model?.body && Object.fromEntries(Object.entries(model.body).filter(([k]) => k !== 'cache'));
  const lines = a.src.text.split('\n').length;
  return {
    problems: a.problems,
    body,
    symbols: svc.getSymbols(a),
    lenses: svc.getCodeLenses(a),
    folding: svc.getFoldingRanges(a),
    hovers: Array.from({ length: lines }, (_, line) => svc.doHover(a, { line, character: 4 })),
    // The quick fixes of every problem, the suppression comment's place among them (read from the tree when there is one).
    fixes: a.problems.map((p) => svc.getFixes(a, p.range, [p.code])),
  };
}

describe('releaseTree', () => {
  before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

  it('keeps the suppression fixes where they were: a line comment offered outside strings and here-documents only', () => {
    // Problems on a plain line (5) and on lines inside a string (7) and a here-document (11).
    const text = '#!/bin/sh\n# chkconfig: 345 10 90\n# description: x\nstart() {\n\tip addr add 10.0.0.4/99 dev eth0\n\techo "a\n$(ip addr add 10.0.0.5/99 dev eth0)\nb"\n\tcat <<EOF\nx\n$(ip addr add 10.0.0.6/99 dev eth0)\nEOF\n}\ncase "$1" in\n  start|stop|restart|status) ;;\n  *) exit 2 ;;\nesac\n';
    const a = svc.analyze({ path: '/etc/init.d/svc', text, language: 'initscript' }, settings);
    const lineFix = (line: number) => {
      const p = a.problems.find((x) => x.range.start.line === line && x.code === 'ipaddr/invalid-prefix');
      assert.ok(p, `a problem on line ${line}`);
      return svc.getFixes(a, p.range, [p.code]).some((f) => f.title.endsWith('for this line'));
    };
    const before = [lineFix(4), lineFix(6), lineFix(10)];
    assert.deepEqual(before, [true, false, false]);
    const all = answers(a);
    svc.releaseTree(a);
    assert.deepEqual([lineFix(4), lineFix(6), lineFix(10)], before);
    assert.deepEqual(answers(a), all);
    svc.disposeAnalysis(a);
  });

  it('keeps the analysis answering; the next version is parsed from scratch and equals a fresh analysis', () => {
    const doc = TextDocument.create(`file://${PATH}`, 'shellscript', 1, SCRIPT);
    const analysis = svc.analyze({ path: PATH, text: doc.getText(), language: 'initscript' }, settings);
    const model = analysis.model as { tree?: unknown; body?: { cache?: unknown } };
    assert.ok(model.tree, 'parsed in this thread: the analysis holds a tree');
    const before = answers(analysis);
    svc.releaseTree(analysis);
    assert.equal(model.tree, undefined, 'the tree is gone');
    assert.equal(model.body?.cache, undefined, 'and the statement cache with it');
    assert.deepEqual(answers(analysis), before, 'the same answers without the tree');
    svc.releaseTree(analysis); // again: harmless

    // A keystroke in the body (inside the start function) and a header edit.
    const at = SCRIPT.indexOf('start()');
    assert.ok(at > 0);
    let current = doc;
    let previous = analysis;
    for (const [offset, text] of [[at, 'echo hi\n'], [0, '# chkconfig: 345 10 90\n']] as const) {
      const pos = current.positionAt(offset);
      const applied = applyChanges(current, [{ range: { start: pos, end: pos }, text }], current.version + 1, []);
      current = applied.document;
      const next = svc.analyze({ path: PATH, text: current.getText(), language: 'initscript' }, settings, undefined, { analysis: previous, edits: applied.edits! });
      svc.disposeAnalysis(previous);
      const fresh = svc.analyze({ path: PATH, text: current.getText(), language: 'initscript' }, settings);
      assert.deepEqual(answers(next), answers(fresh));
      svc.disposeAnalysis(fresh);
      svc.releaseTree(next);
      previous = next;
    }
    svc.disposeAnalysis(previous);
  });
});
