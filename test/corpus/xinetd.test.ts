/**
 * The xinetd corpus (../shared/corpus/xinetd): no error or warning on a working file, the
 * findings that remain reviewed against the real xinetd 2.3.15.3 (test/oracle/xinetd.sh judges
 * every one of these services the same way), and the CLI output kept as a golden file.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { assertGolden, REPO } from '../helpers/golden';

const CORPUS = process.env['SYSV_HA_CORPUS'] ?? join(REPO, '..', 'shared', 'corpus');
const DIR = join(CORPUS, 'xinetd');

interface Row { file: string; notes: string }

function rows(): Row[] {
  return readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean)
    .map((l) => l.split('\t')).filter((c) => c[0] === 'xinetd').map((c) => ({ file: c[1]!, notes: c[6] ?? '' }));
}

/**
 * Findings on files the manifest does not call templates or negative cases. Each one is what
 * the real xinetd does with the file (run by test/oracle/xinetd.sh with `disable = yes` turned
 * into `no`); anything not listed here is a false alarm.
 */
const REVIEWED: Record<string, { codes: string[]; why: string }> = {
  'distcc__distcc__doc__example__xinetd': {
    codes: ['xinetd/missing-required-attribute'],
    why: 'type = UNLISTED with no port: disabled as shipped, and once enabled xinetd refuses it ("Unlisted service: distcc must have a port entry").',
  },
  'openSUSE__xinetd__contrib__empty.conf': {
    codes: ['xinetd/missing-required-attribute', 'xinetd/invalid-value', 'xinetd/wrong-value-count', 'xinetd/empty-only-from', 'xinetd/unknown-attribute'],
    why: 'A skeleton with every attribute left empty: xinetd warns about each empty single-value attribute ("expects 1 values and 0 values were specified"), "bad service attribute: mdns", and disables the service ("Error parsing attribute type").',
  },
  'openSUSE__xinetd__src__sample.conf': {
    codes: ['xinetd/not-in-services'],
    why: 'The upstream sample names `name`/udp and `irc`/tcp, which Debian\'s /etc/services does not have: xinetd refuses both ("service/protocol combination not in /etc/services").',
  },
  'openSUSE__xinetd__contrib__xinetd.d__servers': {
    codes: ['xinetd/unknown-internal-service'],
    why: 'xinetd 2.3.15.3 has no built-in \'servers\' any more: "No such internal service: servers/stream - DISABLING" (test/oracle/xinetd.sh agrees).',
  },
  'openSUSE__xinetd__contrib__xinetd.d__services': {
    codes: ['xinetd/unknown-internal-service'],
    why: 'Same as servers: no built-in \'services\' in 2.3.15.3, so xinetd disables it.',
  },
  'zmanda__amanda__example__xinetd.amandaclient': {
    codes: ['xinetd/duplicate-attribute'],
    why: 'flags = IPv4 then flags = IPv6: xinetd warns "attribute already set: flags" and keeps IPv4 (the manifest notes the upstream quirk).',
  },
};

describe('xinetd corpus', { skip: !existsSync(DIR) && `no corpus at ${DIR}` }, () => {
  const list = existsSync(DIR) ? rows() : [];

  it('the manifest lists the xinetd files on disk', () => {
    assert.ok(list.length >= 30);
    for (const r of list) assert.ok(existsSync(join(DIR, r.file)), r.file);
  });

  it('no error or warning on a working file; every reviewed finding still happens', () => {
    const falseAlarms: string[] = [];
    let checked = 0;
    for (const r of list) {
      // Templates carry @VAR@ placeholders; a negative case is not an xinetd file at all.
      if (/\bTEMPLATE\b/.test(r.notes) || /role=NEGATIVE/.test(r.notes)) continue;
      checked++;
      const text = readFileSync(join(DIR, r.file), 'utf8');
      const a = svc.analyze({ path: `/corpus/${r.file}`, text, language: 'xinetd' });
      svc.getSymbols(a);
      svc.getFoldingRanges(a);
      const serious = a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
      const allowed = REVIEWED[r.file]?.codes ?? [];
      for (const p of serious) if (!allowed.includes(p.code)) falseAlarms.push(`${r.file}:${p.range.start.line + 1}: ${p.code}: ${p.message}`);
      for (const code of allowed) assert.ok(serious.some((p) => p.code === code), `${r.file}: the reviewed ${code} is gone; update REVIEWED`);
    }
    assert.deepEqual(falseAlarms, []);
    assert.ok(checked >= 25);
  });

  it('the CLI output over the xinetd corpus matches the reviewed golden file', () => {
    const files = readdirSync(DIR).sort();
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--lang', 'xinetd', ...files], { cwd: DIR, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assertGolden('corpus/xinetd.txt', r.stdout);
  });
});
