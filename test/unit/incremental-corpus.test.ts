/**
 * The analysis of an edited version, made from the previous one (re-parse from the previous
 * tree, top-level statements reused, per-statement findings kept), gives exactly the
 * diagnostics of an analysis of the final text from scratch: random edit sequences on the
 * corpus's init scripts, with pieces that change what the body checks look at (library
 * sources, ip commands, pid files, subsys locks, exits, functions, the dispatcher).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/src/lsp/incremental';
import * as svc from '../../server/src/service';
import { SourceText, splitLines } from '../../server/src/service/core/text';
import { commandIndex } from '../../server/src/service/languages/initscript/notes';
import type { BodyModel } from '../../server/src/service/languages/initscript/body';
import { REPO } from '../helpers/golden';

const DIR = join(REPO, '..', 'shared', 'corpus', 'initscripts');
const SCRIPTS = readdirSync(DIR).sort().map((f) => ({ name: f.replace(/[^A-Za-z0-9_.-]/g, ''), text: readFileSync(join(DIR, f), 'latin1') }));

/** Whole lines and fragments that the body checks read (inserted at any offset, so also mid-word). */
const PIECES = [
  '\n', ' ', ';', '"', "'", '#', '\\\n', '{', '}', '$(', ')', 'fi\n', 'esac\n', ';;\n',
  '. /etc/rc.d/init.d/functions\n', '. /lib/lsb/init-functions\n', '[ -r /etc/default/x ] && . /etc/default/x\n', '. $CONF\n', 'source /etc/sysconfig/network\n',
  'ip addr add 10.0.0.1/24 dev eth0\n', 'ip addr del 10.0.0.1/24 dev eth0\n', '/sbin/ip -4 addr add 192.168.1.5/16 dev eth1 label eth1:0\n', 'ifdown eth0\n',
  'daemon --pidfile /var/run/x.pid x\n', 'daemon --foo x\n', 'daemon sleep 5\n', 'killproc -p /var/run/y.pid x\n', 'status -p /run/x.pid x\n', 'killproc -b x -p y\n',
  'touch /var/lock/subsys/other\n', 'rm -f /var/lock/subsys/$prog\n', 'exit 9\n', 'exit 300\n', 'return 0\n', 'set -e\n',
  'start() {\n  echo start\n}\n', 'f() { pidofproc x; }\n', 'case "$1" in\n  start) start ;;\n  stop) stop ;;\n  *) echo "Usage: $0 {start|stop}"; exit 0 ;;\nesac\n',
  '# chkconfig: 345 10 90\n', '### BEGIN INIT INFO\n', '### END INIT INFO\n', '# Default-Start: 2 3\n', '# Default-Stop: 0 1 6\n', '# description: x \\\n', '# pidfile: /var/run/q.pid\n', '# Provides: q\n',
  'pidfile=/var/run/z.pid\n', 'prog=other\n', 'action "x" true\n', 'log_daemon_msg x\n', 'start-stop-daemon --start --pidfile /run/q.pid --exec /bin/q\n',
];

describe('incremental analysis of corpus scripts', () => {
  before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

  it('gives exactly the diagnostics of a fresh analysis after random edit sequences', () => {
    const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
    const edit = fc.record({
      // At a line's start (whole statements in, or the start of one out), or at any offset.
      lineStart: fc.boolean(), at: fc.nat(), len: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
      text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
    });
    const script = fc.record({ index: fc.nat({ max: SCRIPTS.length - 1 }), folder: fc.constantFrom('/etc/init.d/', '/etc/rc.d/init.d/') });
    fc.assert(fc.property(script, fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), ({ index, folder }, rounds) => {
      const { name, text } = SCRIPTS[index]!;
      const path = `${folder}${name}`;
      let doc = TextDocument.create(`file://${path}`, 'shellscript', 1, text);
      let analysis = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings);
      let version = 1;
      try {
        for (const round of rounds) {
          // Each change is relative to the text after the previous one, as LSP sends them.
          let applied: ReturnType<typeof applyChanges> = { document: doc, edits: [] };
          for (const e of round) {
            const current = applied.document;
            const size = current.getText().length;
            const from = e.lineStart ? current.offsetAt({ line: e.at % current.lineCount, character: 0 }) : e.at % (size + 1);
            const range = { start: current.positionAt(from), end: current.positionAt(Math.min(size, from + e.len)) };
            applied = applyChanges(current, [{ range, text: e.text }], version + 1, applied.edits);
          }
          version++;
          doc = applied.document;
          const next = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings, undefined, { analysis, edits: applied.edits! });
          svc.disposeAnalysis(analysis);
          analysis = next;
          // Every version (a wrong reuse could heal at the next full read).
          const fresh = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings);
          try {
            assert.deepEqual(analysis.problems, fresh.problems, `${path} at version ${version}`);
            assert.deepEqual(analysis.info, fresh.info);
            // The header model kept from the previous version (an edit below it) equals a fresh read.
            assert.deepEqual((analysis.model as { header?: unknown } | undefined)?.header, (fresh.model as { header?: unknown } | undefined)?.header);
            // The command index made from the previous version's equals one made in full.
            const body = (analysis.model as { body?: BodyModel } | undefined)?.body;
            if (body) {
              const seeded = commandIndex(body);
              const full = commandIndex({ ...body });
              assert.deepEqual([...seeded.byName].sort(), [...full.byName].sort());
              assert.equal(seeded.sources.length, full.sources.length);
              seeded.sources.forEach((c, i) => assert.equal(c, full.sources[i]));
            }
          } finally {
            svc.disposeAnalysis(fresh);
          }
        }
      } finally {
        svc.disposeAnalysis(analysis);
      }
    }), { numRuns: 150 });
  });

  it('keeps the diagnostics of every version equal to a fresh analysis while typing in a long script', () => {
    // Character by character, as an editor sends them, in a script long enough to have many statements.
    const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
    const longest = [...SCRIPTS].sort((a, b) => b.text.length - a.text.length)[0]!;
    const path = `/etc/init.d/${longest.name}`;
    const typed = 'ip addr add 10.1.1.1/24 dev eth0\nip addr add 10.1.1.1/24 dev eth0\ndaemon sleep 1\nexit 300\n';
    // At the end, on a line of its own: top-level statements of the script's own list.
    const start = longest.text.endsWith('\n') ? longest.text : `${longest.text}\n`;
    let doc = TextDocument.create(`file://${path}`, 'shellscript', 1, start);
    let analysis = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings);
    let pos = doc.positionAt(start.length);
    let version = 1;
    try {
      for (const ch of typed) {
        const applied = applyChanges(doc, [{ range: { start: pos, end: pos }, text: ch }], ++version, []);
        doc = applied.document;
        pos = ch === '\n' ? { line: pos.line + 1, character: 0 } : { line: pos.line, character: pos.character + 1 };
        const next = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings, undefined, { analysis, edits: applied.edits! });
        svc.disposeAnalysis(analysis);
        analysis = next;
        const fresh = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings);
        assert.deepEqual(analysis.problems, fresh.problems, `version ${version}`);
        svc.disposeAnalysis(fresh);
      }
      // The two identical adds on one path are reported once the second is complete.
      assert.ok(analysis.problems.some((p) => p.code === 'ipaddr/duplicate-address'), 'the typed duplicate add is found');
    } finally {
      svc.disposeAnalysis(analysis);
    }
  });

  it('reads the lines of an edited text as a full read does (CR, LF, CRLF and lone CRs across the edits)', () => {
    const chunk = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '#', '\n\n', '\r\r'), { maxLength: 12 }).map((a) => a.join(''));
    const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 6 }), text: chunk });
    fc.assert(fc.property(chunk, fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (initial, rounds) => {
      let doc = TextDocument.create('file:///x', 'shellscript', 1, initial);
      let src = new SourceText(initial);
      for (const round of rounds) {
        let applied: ReturnType<typeof applyChanges> = { document: doc, edits: [] };
        for (const e of round) {
          const current = applied.document;
          const size = current.getText().length;
          const from = e.at % (size + 1);
          applied = applyChanges(current, [{ range: { start: current.positionAt(from), end: current.positionAt(Math.min(size, from + e.len)) }, text: e.text }], 2, applied.edits);
        }
        doc = applied.document;
        const text = doc.getText();
        src = SourceText.edited(src, text, applied.edits!);
        const full = new SourceText(text);
        assert.equal(src.lineCount, full.lineCount, JSON.stringify(text));
        for (let i = -1; i <= full.lineCount; i++) {
          assert.equal(src.lineText(i), full.lineText(i));
          assert.equal(src.offsetAt(i, 3), full.offsetAt(i, 3));
        }
        assert.deepEqual(src.lines, splitLines(text));
      }
    }), { numRuns: 2000 });
    // Edits that do not lead to the text (same length): the lines are read in full.
    const wrong = SourceText.edited(new SourceText('a\nb\nc\n'), 'a\nbc\n\n', [{ startIndex: 0, oldEndIndex: 0, newEndIndex: 0 }]);
    assert.deepEqual(wrong.lines, splitLines('a\nbc\n\n'));
  });

  it('keeps the header model only for an edit below it that adds or removes plain lines', () => {
    const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
    const script = '#!/bin/sh\n\n# chkconfig: 345 10 90\n# description: a \\\n#   service\n\n### BEGIN INIT INFO\n# Provides: q\n# Default-Start: 3 4 5\n# Default-Stop: 0 1 2 6\n### END INIT INFO\n\n. /etc/rc.d/init.d/functions\n\ncase "$1" in\n  start) daemon q ;;\n  stop) killproc q ;;\nesac\n';
    const path = '/etc/rc.d/init.d/q';
    const lines = script.split('\n');
    // Each: a line to insert at, and the text.
    const cases: [number, string][] = [];
    for (let line = 0; line < lines.length; line++) for (const text of ['fi\n', '\n', 'x', '# Required-Start: $network\n', '# chkconfig: 2 1 1\n']) cases.push([line, text]);
    for (const [line, text] of cases) {
      const doc = TextDocument.create(`file://${path}`, 'shellscript', 1, script);
      const before = svc.analyze({ path, text: script, language: 'initscript' }, settings);
      const at = { line, character: 0 };
      const applied = applyChanges(doc, [{ range: { start: at, end: at }, text }], 2, []);
      const next = svc.analyze({ path, text: applied.document.getText(), language: 'initscript' }, settings, undefined, { analysis: before, edits: applied.edits! });
      const fresh = svc.analyze({ path, text: applied.document.getText(), language: 'initscript' }, settings);
      assert.deepEqual((next.model as { header?: unknown }).header, (fresh.model as { header?: unknown }).header, `${JSON.stringify(text)} at line ${line}`);
      assert.deepEqual(next.problems, fresh.problems, `${JSON.stringify(text)} at line ${line}`);
      for (const a of [before, next, fresh]) svc.disposeAnalysis(a);
    }
    // A description ending in `\` whose next non-blank line is code: removing that code makes the
    // comment after it the continuation (chkconfig looks past blank lines).
    const dropped = '#!/bin/sh\n# chkconfig: 345 10 90\n# description: a \\\n\nfoo=1\n# more\n. /etc/rc.d/init.d/functions\n';
    const doc = TextDocument.create(`file://${path}`, 'shellscript', 1, dropped);
    const before = svc.analyze({ path, text: dropped, language: 'initscript' }, settings);
    const applied = applyChanges(doc, [{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 5 } }, text: '' }], 2, []);
    const next = svc.analyze({ path, text: applied.document.getText(), language: 'initscript' }, settings, undefined, { analysis: before, edits: applied.edits! });
    const fresh = svc.analyze({ path, text: applied.document.getText(), language: 'initscript' }, settings);
    assert.deepEqual((next.model as { header?: unknown }).header, (fresh.model as { header?: unknown }).header);
    for (const a of [before, next, fresh]) svc.disposeAnalysis(a);
  });
});
