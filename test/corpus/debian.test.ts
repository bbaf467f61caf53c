/**
 * Debian 12's packaged init scripts, xinetd and heartbeat files (../shared/corpus-debian,
 * packages a–l, each package as its own image root, as a user checks a package's files), judged
 * with the verdicts made for issue #13 (verdicts.tsv: `true`, `false`, `noise`; `LAYOUT:` rows
 * come only from checking a package alone). The CLI runs in-process on every package.
 *
 * - Every error and warning is reviewed in test/corpus/debian-expected.tsv, with its reason; a
 *   new one fails until it is reviewed there, and a reviewed one that disappears fails too.
 * - No `false` row is an error or a warning; `LAYOUT:` rows are neither; at most a tenth of the
 *   106 `noise` rows of the first measurement are; every `true` row is still reported.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { REPO } from '../helpers/golden';

const CORPUS = process.env['SYSV_HA_CORPUS_DEBIAN'] ?? join(REPO, '..', 'shared', 'corpus-debian');
/** The noise rows reported as errors and warnings when the verdicts were made (issue #13). */
const NOISE_BEFORE = 106;

interface Finding { file: string; line: number; code: string; severity: string; message: string }
interface Row { file: string; line: number; code: string; severity: string; verdict: string; why: string }

const key = (x: { file: string; line: number; code: string }) => `${x.file}:${x.line}:${x.code}`;

function tsv(path: string, skipHeader: boolean): string[][] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0 && !l.startsWith('#')).slice(skipHeader ? 1 : 0).map((l) => l.split('\t'));
}

async function check(args: string[]): Promise<Finding[]> {
  let out = '';
  let err = '';
  const status = await runCli(['check', '--format', 'json', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: CORPUS, color: false });
  // A package whose only file is an example under usr/share/doc has nothing the walk recognises.
  if (status === 2 && /nothing checked/.test(err)) return [];
  assert.ok(status === 0 || status === 1, `${args.join(' ')}: exit ${status}: ${err}`);
  return (JSON.parse(out) as Finding[]).map((d) => ({ ...d, file: d.file.slice(CORPUS.length + 1) }));
}

describe('corpus: Debian 12 packages as their own roots', { skip: !existsSync(CORPUS) && `no corpus at ${CORPUS}` }, () => {
  const found: Finding[] = [];

  it('the CLI checks every package (and the documentation copies under usr/share/doc)', async () => {
    const packages = readdirSync(join(CORPUS, 'files')).sort();
    assert.ok(packages.length > 400, `${packages.length} packages`);
    for (const p of packages) found.push(...await check([join(CORPUS, 'files', p)]));
    // A root is checked in its etc/ only: documentation copies (usr/share/doc) are checked by name,
    // as a user would, the xinetd examples with --lang xinetd.
    for (const [, , path, kind] of tsv(join(CORPUS, 'MANIFEST.tsv'), true)) {
      if (!path!.includes('/usr/share/doc/')) continue;
      if (kind === 'xinetd-example') found.push(...await check(['--lang', 'xinetd', join(CORPUS, path!)]));
      else if (kind!.startsWith('heartbeat')) found.push(...await check([join(CORPUS, path!)]));
    }
    const checked = new Set(found.map((f) => f.file));
    assert.ok(found.length > 100 && checked.size > 50, `${found.length} findings in ${checked.size} files`);
  });

  it('every error and warning is reviewed in debian-expected.tsv, and every reviewed one is reported', () => {
    const expected: Row[] = tsv(join(REPO, 'test', 'corpus', 'debian-expected.tsv'), false).map((c) => ({ file: c[0]!, line: Number(c[1]), code: c[2]!, severity: c[3]!, verdict: c[4]!, why: c[5] ?? '' }));
    for (const r of expected) assert.ok(['true', 'noise'].includes(r.verdict) && r.why.length > 20, `${key(r)}: a verdict and a reason`);
    const serious = found.filter((f) => f.severity === 'error' || f.severity === 'warning');
    const got = serious.map((f) => `${key(f)} ${f.severity}`).sort();
    const want = expected.map((r) => `${key(r)} ${r.severity}`).sort();
    const unreviewed = serious.filter((f) => !want.includes(`${key(f)} ${f.severity}`)).map((f) => `${key(f)} ${f.severity}: ${f.message}`);
    assert.deepEqual(unreviewed, [], 'new errors or warnings: review each in test/corpus/debian-expected.tsv');
    assert.deepEqual(want.filter((w) => !got.includes(w)), [], 'reviewed findings no longer reported');
  });

  it('against the verdicts: no false alarm, no LAYOUT error, noise at most a tenth, every true finding kept', (t) => {
    const verdicts: Row[] = tsv(join(CORPUS, 'verdicts.tsv'), true).map((c) => ({ file: c[0]!, line: Number(c[1]), code: c[2]!, severity: c[3]!, verdict: c[5]!, why: c[6] ?? '' }));
    const serious = new Set(found.filter((f) => f.severity === 'error' || f.severity === 'warning').map(key));
    const any = new Map(found.map((f) => [key(f), f.severity]));
    const kind = (v: Row) => (v.verdict === 'noise' && v.why.startsWith('LAYOUT') ? 'layout' : v.verdict);
    const figures: Record<string, { rows: number; serious: number; reported: number }> = {};
    for (const v of verdicts) {
      const f = (figures[kind(v)] ??= { rows: 0, serious: 0, reported: 0 });
      f.rows++;
      if (serious.has(key(v))) f.serious++;
      if (any.has(key(v))) f.reported++;
    }
    t.diagnostic(`verdict rows (rows / still an error or warning / reported at any severity): ${JSON.stringify(figures)}`);
    t.diagnostic(`all findings: ${JSON.stringify(found.reduce<Record<string, number>>((m, f) => ((m[f.severity] = (m[f.severity] ?? 0) + 1), m), {}))}`);
    assert.deepEqual(verdicts.filter((v) => v.verdict === 'false' && serious.has(key(v))).map(key), [], 'false alarms');
    assert.deepEqual(verdicts.filter((v) => kind(v) === 'layout' && serious.has(key(v))).map(key), [], 'LAYOUT rows are errors or warnings');
    const noise = verdicts.filter((v) => kind(v) === 'noise' && serious.has(key(v))).map(key);
    assert.ok(noise.length <= NOISE_BEFORE / 10, `${noise.length} noise rows are still errors or warnings: ${noise.join(', ')}`);
    // A true finding stays reported; outside a whole image a cross-package one is information.
    assert.deepEqual(verdicts.filter((v) => v.verdict === 'true' && !any.has(key(v))).map(key), [], 'true findings lost');
  });
});
