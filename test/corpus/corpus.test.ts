/**
 * The CLI over the real files in ../shared/corpus (present beside the repository in CI, not
 * in a user's clone; SYSV_HA_CORPUS points elsewhere). No crash on any file; no error or
 * warning on a working file; the findings on the others are reviewed in a golden file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { assertGolden, REPO } from '../helpers/golden';

const CORPUS = process.env['SYSV_HA_CORPUS'] ?? join(REPO, '..', 'shared', 'corpus');
const KIND_LANGUAGE: Record<string, svc.LanguageId> = {
  inittab: 'inittab', initscripts: 'initscript', hacf: 'hacf', haresources: 'haresources', authkeys: 'authkeys', xinetd: 'xinetd',
};

interface ManifestRow { kind: string; file: string; notes: string }

function manifest(): ManifestRow[] {
  return readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
    const cols = l.split('\t');
    return { kind: cols[0]!, file: cols[1]!, notes: cols[6] ?? '' };
  });
}

/**
 * Findings on files the manifest does not call broken, each checked against the real
 * program's behaviour. Anything not listed here is a false alarm.
 */
const REVIEWED: Record<string, { codes: string[]; why: string }> = {
  'sourcejedi__sysvinit__inittab.tst': {
    codes: ['inittab/no-initdefault'],
    why: 'A 1993 sysvinit test sample with no initdefault entry: init really does prompt "Enter runlevel:" with it.',
  },
};

describe('corpus', { skip: !existsSync(CORPUS) && `no corpus at ${CORPUS}` }, () => {
  const rows = existsSync(CORPUS) ? manifest() : [];

  it('the manifest lists the files on disk', () => {
    for (const r of rows) assert.ok(existsSync(join(CORPUS, r.kind, r.file)), `${r.kind}/${r.file}`);
    assert.ok(rows.length > 200);
  });

  it('no crash on any file, through the service, with every profile', () => {
    let n = 0;
    for (const r of rows) {
      const language = KIND_LANGUAGE[r.kind]!;
      const text = readFileSync(join(CORPUS, r.kind, r.file), 'utf8');
      for (const profile of svc.PROFILES) {
        const a = svc.analyze({ path: `/corpus/${r.file}`, text, language }, { ...svc.DEFAULT_SETTINGS, profile });
        svc.getSymbols(a);
        svc.getCodeLenses(a);
        n++;
      }
    }
    assert.ok(n > 1000);
  });

  it('no error or warning on a working inittab file', () => {
    const falseAlarms: string[] = [];
    for (const r of rows.filter((x) => x.kind === 'inittab')) {
      const broken = /KNOWN BUG/.test(r.notes);
      // Templates carry @VAR@ or Jinja placeholders: findings there are not false alarms.
      if (/\bTEMPLATE\b/.test(r.notes)) continue;
      const text = readFileSync(join(CORPUS, r.kind, r.file), 'utf8');
      const a = svc.analyze({ path: `/corpus/${r.file}`, text, language: 'inittab' });
      const serious = a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
      if (broken) {
        assert.ok(serious.length > 0, `${r.file} is marked broken but gets no error`);
        continue;
      }
      const allowed = REVIEWED[r.file]?.codes ?? [];
      for (const p of serious) if (!allowed.includes(p.code)) falseAlarms.push(`${r.file}:${p.range.start.line + 1}: ${p.code}: ${p.message}`);
    }
    assert.deepEqual(falseAlarms, []);
  });

  it('the CLI output over the inittab corpus matches the reviewed golden file', () => {
    const dir = join(CORPUS, 'inittab');
    const files = readdirSync(dir).sort();
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--lang', 'inittab', ...files], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assertGolden('corpus/inittab.txt', r.stdout);
  });
});
