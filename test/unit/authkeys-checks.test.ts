import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText, applyEdits, checkDiagnostics, coveredCodes, parseFixture, withCursor } from '../helpers/fixture';
import { REPO } from '../helpers/golden';

const AK = { language: 'authkeys' as const, path: '/etc/ha.d/authkeys' };
const check = (fixture: string) => checkDiagnostics(fixture, AK);

function hostWithMode(path: string, text: string, mode: number | undefined): svc.WorkspaceHost {
  return {
    readFile: (p) => (p === path ? text : undefined),
    stat: (p) => (p === path ? { isFile: true, isDirectory: false, mode, size: text.length } : undefined),
    listDir: () => undefined,
  };
}

describe('authkeys checks', () => {
  it('accepts sha1, md5 and crc keys with auth first; auth1 without a blank; comments', () => {
    check('# keys\nauth 1\n1 sha1 a-long-secret\n2 md5 other\n');
    check('auth1\n1 sha1 secret\n');
    check('  auth 2  \n2 sha1 secret\n');
    check('auth 15\n15 sha1 secret\n1sha1 glued\n');
  });

  it('missing-auth on line 1', () => {
    check(`1 sha1 secret
^^^^^^^^^^^^^ authkeys/missing-auth
`);
  });

  it('auth-after-key and undefined-key, on the auth line', () => {
    check(`1 sha1 secret
auth 1
^^^^^^ authkeys/auth-after-key
`);
    check(`auth 2
^^^^^^ authkeys/undefined-key
1 sha1 secret
`);
    // The last auth line counts; the key chosen while an earlier one was in effect stays chosen.
    check('auth 1\n1 sha1 secret\nauth 2\n');
  });

  it('invalid-auth-line: auth alone, auth sha1, auth: 1 (with a fix)', () => {
    const a = check(`auth: 1
^^^^^^^ authkeys/invalid-auth-line
auth sha1
^^^^^^^^^ authkeys/invalid-auth-line
1 sha1 secret
`);
    const text = parseFixture('auth: 1\n').text;
    assert.equal(applyEdits(text, a.problems[0]!.fixes![0]!.edits), 'auth 1\n');
  });

  it('invalid-authnum on auth and key lines', () => {
    check(`auth 16
     ^^ authkeys/invalid-authnum
16 sha1 secret
^^ authkeys/invalid-authnum
`);
  });

  it('unknown-method (a fix for the case)', () => {
    const a = check(`auth 1
1 SHA1 secret
  ^^^^ authkeys/unknown-method
2 sha256 secret
  ^^^^^^ authkeys/unknown-method
`);
    assert.equal(a.problems[0]!.fixes![0]!.edits[0]!.newText, 'sha1');
  });

  it('crc-with-key and missing-key; the refused key line is not reported again as not found', () => {
    check(`auth 1
1 crc secret
      ^^^^^^ authkeys/crc-with-key
2 sha1
  ^^^^ authkeys/missing-key
`);
  });

  it('key-with-blanks', () => {
    check(`auth 1
1 sha1 my secret phrase
          ^^^^^^^^^^^^^ authkeys/key-with-blanks
`);
  });

  it('invalid-line: method first, a lone number, a capital A', () => {
    check(`auth 1
1 sha1 secret
sha1 1 secret
^^^^^^^^^^^^^ authkeys/invalid-line
3
^ authkeys/invalid-line
Auth 1
^^^^^^ authkeys/invalid-line
`);
  });

  it('crc-insecure on every crc key', () => {
    check(`auth 1
1 crc
  ^^^ authkeys/crc-insecure
`);
  });

  it('bad-permissions from the real mode; off without modes, by setting, or for another name', () => {
    const text = 'auth 1\n1 sha1 secret\n';
    const run = (mode: number | undefined, settings: Partial<svc.Settings> = {}, path = '/etc/ha.d/authkeys') =>
      svc.analyze({ path, text, language: 'authkeys' }, { ...svc.DEFAULT_SETTINGS, ...settings }, hostWithMode(path, text, mode)).problems.map((p) => `${p.range.start.line}:${p.code}`);
    assert.deepEqual(run(0o644), ['0:authkeys/bad-permissions']);
    coveredCodes.add('authkeys/bad-permissions');
    assert.deepEqual(run(0o640), ['0:authkeys/bad-permissions']);
    assert.deepEqual(run(0o600), []);
    assert.deepEqual(run(0o400), []);
    assert.deepEqual(run(undefined), []);
    assert.deepEqual(run(0o644, { checkFileModes: false }), []);
    assert.deepEqual(run(0o644, {}, '/srv/templates/authkeys.j2'), []);
    // Not where heartbeat reads it: Debian's doc copy is 0644 and that is fine.
    assert.deepEqual(run(0o644, {}, '/usr/share/doc/heartbeat/authkeys'), []);
    assert.deepEqual(run(0o644, {}, '/srv/image/etc/ha.d/authkeys'), ['0:authkeys/bad-permissions']);
  });

  it('writable-by-others from the real mode (mode & 022), beside bad-permissions when both apply', () => {
    const text = 'auth 1\n1 sha1 secret\n';
    const analyze = (mode: number | undefined, settings: Partial<svc.Settings> = {}, path = '/etc/ha.d/authkeys') =>
      svc.analyze({ path, text, language: 'authkeys' }, { ...svc.DEFAULT_SETTINGS, ...settings }, hostWithMode(path, text, mode)).problems;
    const run = (mode: number | undefined, settings: Partial<svc.Settings> = {}, path?: string) => analyze(mode, settings, path).map((p) => `${p.range.start.line}:${p.code}`);
    assert.deepEqual(run(0o602), ['0:authkeys/writable-by-others']);
    coveredCodes.add('authkeys/writable-by-others');
    assert.deepEqual(run(0o620), ['0:authkeys/writable-by-others']);
    assert.deepEqual(run(0o666).sort(), ['0:authkeys/bad-permissions', '0:authkeys/writable-by-others']);
    assert.deepEqual(run(0o600), []);
    assert.deepEqual(run(0o700), []);
    assert.deepEqual(run(undefined), []);
    assert.deepEqual(run(0o622, { checkFileModes: false }), []);
    assert.deepEqual(run(0o622, {}, '/srv/templates/authkeys.j2'), []);
    const p = analyze(0o622)[0]!;
    assert.equal(p.severity, 'warning');
    assert.equal(p.fixes![0]!.command!.id, 'sysvHa.chmodKeyfile');
  });

  it('authnum-zero on key number 0 (auth line and key line)', () => {
    check(`auth 0
     ^ authkeys/authnum-zero
0 sha1 secret
^ authkeys/authnum-zero
1 md5 other
`);
    check('auth 1\n1 sha1 secret\n10 md5 other\n');
  });
});

const SECRET = 'Zq9xSecretKeyMaterial42';

describe('authkeys: key material is never shown', () => {
  const text = `auth 1\n1 sha1 ${SECRET} trailing words\n2 crc ${SECRET}\n3 md5 ${SECRET}\nsha1 4 ${SECRET}\n`;

  it('not in messages, hover, symbols or code lenses', () => {
    const a = analyzeText(text, AK);
    assert.ok(a.problems.length >= 3);
    for (const p of a.problems) assert.ok(!p.message.includes(SECRET), p.message);
    const hovers = [];
    for (let line = 0; line < 5; line++) for (let ch = 0; ch < 40; ch++) hovers.push(svc.doHover(a, { line, character: ch })?.markdown ?? '');
    assert.ok(hovers.some((h) => h.includes('••••••')));
    for (const h of hovers) assert.ok(!h.includes(SECRET));
    assert.ok(!JSON.stringify(svc.getSymbols(a)).includes(SECRET));
    const lenses = svc.getCodeLenses(a);
    assert.equal(lenses.length, 1);
    assert.ok(!JSON.stringify(lenses).includes(SECRET));
  });

  it('not in the CLI output, in text, json or sarif', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sysv-ha-keys-'));
    try {
      mkdirSync(join(dir, 'etc', 'ha.d'), { recursive: true });
      const file = join(dir, 'etc', 'ha.d', 'authkeys');
      writeFileSync(file, text);
      chmodSync(file, 0o644);
      for (const format of ['text', 'json', 'sarif']) {
        const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--format', format, dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        assert.equal(r.status, 1, r.stderr);
        assert.ok(r.stdout.includes('authkeys/'), `${format}: ${r.stdout}`);
        assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), `${format} output shows the key:\n${r.stdout}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('authkeys features', () => {
  it('completes methods and the auth line by the resulting text', () => {
    const { text, position } = withCursor('auth 1\n1 s┃\n');
    const items = svc.doComplete(analyzeText(text, AK), position);
    const sha1 = items.find((i) => i.label === 'sha1')!;
    assert.equal(applyEdits(text, [sha1.edit]), 'auth 1\n1 sha1 \n');
    const crc = items.find((i) => i.label === 'crc')!;
    assert.equal(applyEdits(text, [crc.edit]), 'auth 1\n1 crc\n');
    const first = withCursor('au┃\n1 sha1 x\n');
    const auth = svc.doComplete(analyzeText(first.text, AK), first.position).find((i) => i.label === 'auth')!;
    assert.equal(applyEdits(first.text, [auth.edit]), 'auth 1\n1 sha1 x\n');
  });

  it('hover: the auth line says which key signs, the method is explained', () => {
    const a = analyzeText('auth 1\n1 sha1 secret\n', AK);
    assert.match(svc.doHover(a, { line: 0, character: 2 })!.markdown, /signed with key 1 \(`sha1`/);
    assert.match(svc.doHover(a, { line: 1, character: 3 })!.markdown, /HMAC-SHA1/);
    assert.match(svc.doHover(a, { line: 1, character: 9 })!.markdown, /hidden/);
  });
});

after(() => {
  const missing = svc.allProblems().filter((d) => d.code.startsWith('authkeys/') && !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});
