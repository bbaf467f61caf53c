/**
 * Editor edits over the whole corpus, judged by the analysis itself: a suppression quick fix
 * silences its diagnostic and changes nothing else (every other finding stays, one line
 * lower after an inserted comment line); Format Document changes blanks only, the formatted file
 * analyses the same (findings, outline, inlay hints, modulo positions), and formatting again
 * changes nothing.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { applyEdits } from '../helpers/fixture';
import { REPO } from '../helpers/golden';

const CORPUS = process.env['SYSV_HA_CORPUS'] ?? join(REPO, '..', 'shared', 'corpus');
const KIND_LANGUAGE: Record<string, svc.LanguageId> = {
  inittab: 'inittab', initscripts: 'initscript', hacf: 'hacf', haresources: 'haresources', authkeys: 'authkeys', xinetd: 'xinetd',
};
const rows = existsSync(CORPUS)
  ? readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => ({ kind: l.split('\t')[0]!, file: l.split('\t')[1]! }))
  : [];
/** Where a corpus file is analysed: init scripts in an init.d, as in an image. */
const pathOf = (kind: string, file: string) => (kind === 'initscripts' ? `/corpus/etc/init.d/${file}` : `/corpus/${file}`);

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

describe('editor edits over the corpus', { skip: rows.length === 0 && `no corpus at ${CORPUS}` }, () => {
  it('every suppression fix silences its diagnostic and changes no other finding', () => {
    const failures: string[] = [];
    let applied = 0;
    for (const r of rows) {
      const language = KIND_LANGUAGE[r.kind]!;
      const text = readFileSync(join(CORPUS, r.kind, r.file), 'utf8');
      const path = pathOf(r.kind, r.file);
      const a = svc.analyze({ path, text, language });
      const seen = new Set<string>();
      for (const p of a.problems) {
        for (const f of svc.getFixes(a, p.range, [p.code]).filter((x) => x.title.startsWith('Disable '))) {
          const file = f.title.endsWith('for this file');
          const key = `${f.title}@${file ? '' : p.range.start.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const after = svc.analyze({ path, text: applyEdits(text, f.edits), language });
          svc.disposeAnalysis(after);
          const inserted = f.edits[0]!.newText.endsWith('\n') ? f.edits[0]!.range.start.line : Infinity;
          // Findings about the whole file stay on line 1 when a comment goes above it.
          const k = (x: svc.Problem, shift: number) => `${x.code}@${x.range.start.line - (x.range.start.line >= shift && x.range.start.line > 0 ? 1 : 0)}:${x.range.start.character}`;
          const want = a.problems.filter((x) => !(x.code === p.code && (file || x.range.start.line === p.range.start.line))).map((x) => k(x, Infinity)).sort();
          const got = after.problems.map((x) => k(x, inserted)).sort();
          applied++;
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            const extra = got.filter((x) => !want.includes(x));
            const missing = want.filter((x) => !got.includes(x));
            failures.push(`${r.kind}/${r.file}: ${f.title} (line ${p.range.start.line + 1}): new ${extra.join(' ')}; gone ${missing.join(' ')}`);
          }
        }
      }
      svc.disposeAnalysis(a);
    }
    assert.ok(applied > 200, `only ${applied} fixes applied`);
    assert.deepEqual(failures, []);
  });

  it('Format Document: blanks only, the same analysis modulo positions, and stable', () => {
    const failures: string[] = [];
    let changed = 0;
    const ALL = svc.range(0, 0, 0, 1_000_000);
    /** What the file means to the analysis: findings (code and message without numbers), outline, inlay hints. */
    const meaning = (a: svc.Analysis) => JSON.stringify({
      problems: a.problems.map((p) => `${p.code} ${p.message.replace(/\d+/g, '#')}`).sort(),
      symbols: svc.getSymbols(a).map(function name(x: svc.SymbolEntry): string { return `${x.name}|${x.detail ?? ''}[${(x.children ?? []).map(name).join(',')}]`; }),
      hints: svc.getInlayHints(a, ALL).map((h) => h.label),
    });
    for (const r of rows.filter((x) => x.kind !== 'initscripts')) {
      const language = KIND_LANGUAGE[r.kind]!;
      const text = readFileSync(join(CORPUS, r.kind, r.file), 'utf8');
      const path = pathOf(r.kind, r.file);
      const a = svc.analyze({ path, text, language });
      const edits = svc.getFormatEdits(a);
      if (edits.length === 0) continue;
      changed++;
      const formatted = applyEdits(text, edits);
      const b = svc.analyze({ path, text: formatted, language });
      if (text.replace(/[ \t\r\n]/g, '') !== formatted.replace(/[ \t\r\n]/g, '')) failures.push(`${r.kind}/${r.file}: changed more than blanks`);
      if (meaning(a) !== meaning(b)) failures.push(`${r.kind}/${r.file}: the analysis changed:\n  ${meaning(a)}\n  ${meaning(b)}`);
      const again = svc.getFormatEdits(b);
      if (again.length > 0) failures.push(`${r.kind}/${r.file}: not stable, a second pass edits ${again.map((e) => e.range.start.line + 1).join(',')}`);
    }
    assert.ok(changed > 20, `only ${changed} files formatted`);
    assert.deepEqual(failures, []);
  });
});
