/** Generated files are up to date, and the snippets are valid inittab files. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderDiagnosticsDoc, DIAGNOSTICS_DOC } from '../../scripts/gen-docs';
import { renderInittabGrammar, INITTAB_GRAMMAR_PATH } from '../../scripts/gen-grammar';
import { HEARTBEAT_GRAMMAR_PATHS, renderHeartbeatGrammar, type HeartbeatGrammar } from '../../scripts/gen-grammar-heartbeat';
import { renderXinetdGrammar, XINETD_GRAMMAR_PATH } from '../../scripts/gen-grammar-xinetd';
import * as svc from '../../server/src/service';
import { analyzeText } from '../helpers/fixture';

const ROOT = join(__dirname, '..', '..', '..');

describe('generated files', () => {
  it(`${DIAGNOSTICS_DOC} matches the registry (npm run docs)`, () => {
    assert.equal(readFileSync(join(ROOT, DIAGNOSTICS_DOC), 'utf8'), renderDiagnosticsDoc());
  });

  it(`${INITTAB_GRAMMAR_PATH} matches the spec table (node out/scripts/gen-grammar.js)`, () => {
    assert.equal(readFileSync(join(ROOT, INITTAB_GRAMMAR_PATH), 'utf8'), renderInittabGrammar());
  });

  for (const [which, path] of Object.entries(HEARTBEAT_GRAMMAR_PATHS)) {
    it(`${path} matches the spec table (node out/scripts/gen-grammar-heartbeat.js)`, () => {
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), renderHeartbeatGrammar(which as HeartbeatGrammar));
    });
  }

  it(`${XINETD_GRAMMAR_PATH} matches the spec table (node out/scripts/gen-grammar-xinetd.js)`, () => {
    assert.equal(readFileSync(join(ROOT, XINETD_GRAMMAR_PATH), 'utf8'), renderXinetdGrammar());
  });

  it('package.json contributes every file it names', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const paths = [
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
      ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
    ];
    for (const p of paths) assert.ok(existsSync(join(ROOT, p)), p);
  });
});

/** A snippet body with every placeholder replaced by its default (choices: the first). */
function expand(body: string[]): string {
  return body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

describe('snippets', () => {
  const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets/inittab.json'), 'utf8')) as Record<string, { body: string[]; prefix: string | string[] }>;
  for (const [name, s] of Object.entries(snippets)) {
    it(`"${name}" is a valid inittab for its dialect`, () => {
      const dialect = /busybox/i.test(name) ? 'busybox' : 'sysvinit';
      const text = expand(s.body).replace(/\n*$/, '\n');
      const a = analyzeText(text, { settings: { inittabDialect: dialect } });
      // A single entry cannot carry the file's initdefault.
      const problems = a.problems.filter((p) => p.code !== 'inittab/no-initdefault');
      assert.deepEqual(problems.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`), []);
    });
  }
});

describe('the catalogue (../shared/spec/checks.md, when present)', () => {
  const catalogue = join(ROOT, '..', 'shared', 'spec', 'checks.md');
  it('every registered code is in the catalogue with the same severity and core flag', { skip: !existsSync(catalogue) && 'no ../shared here' }, () => {
    const rows = new Map<string, { severity: string; core: boolean }>();
    for (const line of readFileSync(catalogue, 'utf8').split('\n')) {
      const m = /^\| `([a-z]+\/[a-z0-9-]+)` \| (\w+) \| (core|later) \|/.exec(line);
      if (m) rows.set(m[1]!, { severity: m[2]!, core: m[3] === 'core' });
    }
    for (const d of svc.allProblems()) {
      const row = rows.get(d.code);
      // A code of the project's own (checks.md "New codes"): documented like the others, never a catalogue name.
      if (d.projectCode) {
        assert.ok(!row, `${d.code} is in the catalogue: drop projectCode`);
        assert.ok(d.detects && d.behaviour && d.source, `${d.code}: a new code needs its docs`);
        continue;
      }
      assert.ok(row, `${d.code} is not in the catalogue (a new code of the project says projectCode)`);
      // A default re-derived from the real programs may differ from the catalogue's, with its reason in the docs.
      if (d.severity !== row.severity) assert.ok(d.severityWhy, `${d.code}: default ${d.severity} differs from the catalogue's ${row.severity} without a severityWhy`);
      assert.equal(d.core, row.core, d.code);
    }
    // Every core catalogue code of a language we support is implemented.
    const supported = svc.LANGUAGE_IDS.filter((l) => svc.isSupported(l));
    const missing = [...rows.keys()].filter((c) => rows.get(c)!.core && supported.some((l) => c.startsWith(`${l}/`)) && !svc.problemDef(c));
    assert.deepEqual(missing, []);
  });
});
