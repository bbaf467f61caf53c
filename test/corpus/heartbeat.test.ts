/**
 * The heartbeat files of ../shared/corpus (ha.cf, haresources, authkeys): no error or warning
 * on a working file (templates and non-heartbeat files excluded, as MANIFEST.tsv notes say),
 * findings on known-broken files, and the CLI's output over each folder as a reviewed golden.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { assertGolden, REPO } from '../helpers/golden';

const CORPUS = process.env['SYSV_HA_CORPUS'] ?? join(REPO, '..', 'shared', 'corpus');
const KINDS: Record<string, svc.LanguageId> = { hacf: 'hacf', haresources: 'haresources', authkeys: 'authkeys' };

interface Row { kind: string; file: string; notes: string }

function manifest(): Row[] {
  return readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
    const c = l.split('\t');
    return { kind: c[0]!, file: c[1]!, notes: c[6] ?? '' };
  }).filter((r) => KINDS[r.kind]);
}

/**
 * Findings on working files, each one what heartbeat 3.0.6 itself does with the file (the
 * oracle, test/oracle/heartbeat.sh, runs the same files). Anything else is a false alarm.
 */
const REVIEWED: Record<string, { codes: string[]; why: string }> = {
  'EPNMiguel__Distribuidas__ha.cf': { codes: ['hacf/auto-failback-legacy'], why: 'No auto_failback line: heartbeat logs "Deprecated \'legacy\' auto_failback option selected."' },
  'ivpusic__server_configs__heartbeat__ha.cf': { codes: ['hacf/setting-after-media'], why: '`udpport 696` after `bcast`: the bcast medium keeps port 694 (HBcomm reads the port when the medium is declared).' },
  'ljproyectoasir__LB04__heartbeat__ha.cf': { codes: ['hacf/initdead-short'], why: 'initdead 4: heartbeat warns "Initial dead time [4000 ms] may be too small!" (MANIFEST notes it too).' },
  'linux-ha-japan__pm_diskd__doc__ha.cf__at-2000': { codes: ['hacf/no-media', 'hacf/no-nodes', 'hacf/nice-failback-obsolete'], why: 'The 2000 documentation sample: every node and medium is commented out (heartbeat: "No heartbeat media defined", "no nodes defined"), and nice_failback is obsolete.' },
  'linux-ha-japan__pm_diskd__doc__ha.cf__at-2003': { codes: ['hacf/no-media', 'hacf/no-nodes'], why: 'A documentation sample with every node and medium commented out: heartbeat refuses it.' },
  'linux-ha-japan__pm_diskd__doc__ha.cf__at-2006': { codes: ['hacf/no-media', 'hacf/no-nodes'], why: 'A documentation sample with every node and medium commented out: heartbeat refuses it.' },
  'vyos-legacy__heartbeat__doc__ha.cf': { codes: ['hacf/no-media', 'hacf/no-nodes'], why: 'A documentation sample with every node and medium commented out: heartbeat refuses it.' },
  'vyos-legacy__heartbeat__doc__authkeys': { codes: ['authkeys/missing-auth'], why: 'The documentation sample has every line commented out: heartbeat says "Missing auth directive in keyfile".' },
  'easytzb__ops-notes__ha.d__authkeys': { codes: ['authkeys/crc-insecure'], why: '`1 crc`: accepted, but crc does not authenticate anything.' },
  'maxencecolmant__asterrisk-project__authkeys': { codes: ['authkeys/crc-insecure'], why: '`auth 2` selects `2 crc`: accepted, but crc does not authenticate anything.' },
};

/**
 * The seed's advice (warnings by the catalogue's choice, on files heartbeat accepts): each is
 * allowed on any working file whose text shows its premise, read here independently of the
 * checks: no `stonith`/`stonith_host` line in an R1 cluster; one device on all media lines.
 */
const ADVICE: Record<string, (text: string) => boolean> = {
  'hacf/no-stonith': (text) => !/^[ \t]*stonith(_host)?[ \t]/m.test(text) && !/^[ \t]*(crm|pacemaker)[ \t]+(on|yes|true|respawn|1)\b/im.test(text),
  'hacf/single-path': (text) => {
    const devices = new Set<string>();
    for (const m of text.matchAll(/^[ \t]*(bcast|serial|mcast6?|ucast6?)[ \t]+([^#\n]*)/gm)) {
      const words = m[2]!.trim().split(/[ \t]+/);
      for (const w of m[1] === 'bcast' || m[1] === 'serial' ? words : words.slice(0, 1)) devices.add(w);
    }
    return devices.size === 1;
  },
};

const excluded = (r: Row) => /\bTEMPLATE\b|NEGATIVE/.test(r.notes);

describe('heartbeat corpus', { skip: !existsSync(CORPUS) && `no corpus at ${CORPUS}` }, () => {
  const rows = existsSync(CORPUS) ? manifest() : [];

  it('the manifest lists heartbeat files of each kind', () => {
    for (const k of Object.keys(KINDS)) assert.ok(rows.filter((r) => r.kind === k).length >= 15, k);
  });

  it('no error or warning on a working file; findings on known-broken ones', () => {
    const falseAlarms: string[] = [];
    const stale: string[] = [];
    for (const r of rows) {
      if (excluded(r)) continue;
      const text = readFileSync(join(CORPUS, r.kind, r.file), 'utf8');
      const a = svc.analyze({ path: `/corpus/${r.file}`, text, language: KINDS[r.kind]! });
      const serious = a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
      if (/KNOWN BUG/.test(r.notes)) {
        assert.ok(serious.length > 0, `${r.file} is marked broken but gets nothing`);
        continue;
      }
      const allowed = REVIEWED[r.file]?.codes ?? [];
      for (const p of serious) if (!allowed.includes(p.code) && !ADVICE[p.code]?.(text)) falseAlarms.push(`${r.file}:${p.range.start.line + 1}: ${p.code}: ${p.message}`);
      for (const c of allowed) if (!serious.some((p) => p.code === c)) stale.push(`${r.file}: ${c}`);
    }
    assert.deepEqual(falseAlarms, []);
    assert.deepEqual(stale, [], 'reviewed expectations that no longer fire');
  });

  it('heartbeat 2.1.3 settings give no crash and no new error on working files without pacemaker', () => {
    for (const r of rows) {
      if (excluded(r)) continue;
      const text = readFileSync(join(CORPUS, r.kind, r.file), 'utf8');
      const a = svc.analyze({ path: `/corpus/${r.file}`, text, language: KINDS[r.kind]! }, { ...svc.DEFAULT_SETTINGS, heartbeatVersion: 2 });
      if (/^\s*pacemaker\b/m.test(text)) continue;
      const allowed = REVIEWED[r.file]?.codes ?? [];
      const extra = a.problems.filter((p) => p.severity === 'error' && !allowed.includes(p.code) && !/KNOWN BUG/.test(r.notes));
      assert.deepEqual(extra.map((p) => `${r.file}: ${p.code}`), []);
    }
  });

  for (const kind of Object.keys(KINDS)) {
    it(`the CLI output over the ${kind} corpus matches the reviewed golden file`, () => {
      const dir = join(CORPUS, kind);
      const files = readdirSync(dir).sort();
      const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--lang', kind, ...files], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assertGolden(`corpus/${kind}.txt`, r.stdout);
    });
  }
});
