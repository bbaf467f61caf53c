/**
 * authkeys keys are never shown (issue 14.2), in any channel: diagnostics, hover, symbols,
 * lenses, completion, code actions (test/helpers/secrets.ts, in-process, differential), the
 * CLI's text/JSON/SARIF (a real `dist/cli.js` run) and the server over stdio (its answers,
 * its log and its stderr). The keys below are unique words that occur in no other text, so a
 * plain search is enough outside the process.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';
import { TestClient } from '../helpers/lspClient';
import { displayText } from '../../server/src/service';
import { secretCandidates, secretLeaks } from '../helpers/secrets';

/** The review's cases, and the line-end and token-boundary variants of each. */
const KEY = 'Zk7SecretKeyQ';
const OTHER = 'Wm4OtherKeyJ';
const CASES: Record<string, string> = {
  'sha1=KEY (one word, unknown method)': `auth 1\n1 sha1=${KEY}\n`,
  'the method left out': `auth 1\n1 ${KEY}\n`,
  'NBSP between method and key': `auth 1\n1 sha1\u00a0${KEY}\n`,
  'no key number': `auth 1\nsha1 ${KEY}\n`,
  'lone CR line ends': `auth 1\r1 sha1 ${KEY}\r2 sha256 ${OTHER}\r`,
  'lone CR, an unknown method': `auth 1\r1 sha1=${KEY}\r`,
  'CR LF line ends': `auth 1\r\n1 SHA1 ${KEY}\r\n2 ${OTHER}\r\n`,
  'mixed line ends, no final newline': `auth 1\n1 md5 ${KEY}\r\n2 sha1\u00a0${OTHER}`,
  'a key with blanks': `auth 1\n1 sha1 ${KEY} ${OTHER}\n`,
  'crc with a key': `auth 1\n1 crc ${KEY}\n`,
  'key number out of range': `auth 1\n16 sha1 ${KEY}\n`,
  'auth line followed by a key': `auth ${KEY}\n1 sha1 ${OTHER}\n`,
  'a line that starts with a': `a${KEY}\n1 sha1 ${OTHER}\n`,
  'auth after the key': `1 sha1 ${KEY}\nauth 1\n`,
  'a numeric key': `auth 1\n1 sha1 98765432101234\n`,
  'tabs and form feeds': `auth\t1\n1\tsha1\f${KEY}\v\n`,
  'words after the key that look public (found by the fuzzer)': `auth 1\n1 md5 ${KEY} 98765432101234 2345\n`,
};

describe('authkeys secrets: the oracle', () => {
  it('finds the key of each case as a candidate', () => {
    for (const [name, text] of Object.entries(CASES)) {
      const found = secretCandidates(text).map((c) => c.secret);
      assert.ok(found.some((s) => s.includes(KEY) || s.includes('98765432101234') || s === KEY), `${name}: ${JSON.stringify(found)}`);
    }
  });
});

/**
 * Keys that look like public words, and public words that are no key (the fuzzer's
 * 'secret-shown' reports of 4-character words equal to a method name or `auth`). heartbeat
 * reads a key line with sscanf("%d%s%s") (spec/domain.md §6.4): after the number (glued to
 * the method or not) the first word is the method and the second the key, whatever it looks
 * like; an auth line is read with sscanf("auth %d") and nothing after the number is a key.
 */
const PUBLIC_LOOKING_KEYS: [string, string, string][] = [
  ['a key equal to a method name', 'auth 1\n1 md5 sha1\n', 'sha1'],
  ['a key equal to auth', 'auth 1\n1 sha1 auth\n', 'auth'],
  ['the number glued to the method, a key equal to a method name', 'auth 1\n1sha1 sha1\n', 'sha1'],
  ['the number glued to the method, a key equal to auth', 'auth 1\r1md5 auth\r', 'auth'],
  ['a key equal to a method name in capitals, a public-looking tail', 'auth 1\n+1 sha1 SHA1 md5x\n', 'SHA1'],
  ['a numeric key after crc', 'auth 1\n1 crc 2345\n', '2345'],
];

describe('authkeys secrets: keys that look like public words', () => {
  it('the oracle takes the word heartbeat reads as the key as a candidate, whatever it looks like', () => {
    for (const [name, text, key] of PUBLIC_LOOKING_KEYS) {
      assert.ok(secretCandidates(text).some((c) => c.secret === key), `${name}: ${JSON.stringify(secretCandidates(text))}`);
    }
  });

  it('the product masks it (displayText) and shows it in no in-process channel', () => {
    for (const [name, text, key] of PUBLIC_LOOKING_KEYS) {
      const keyLine = text.split(/\r\n|\r|\n/)[1]!;
      const shown = displayText('authkeys', text).split(/\r\n|\r|\n/)[1]!;
      assert.equal(shown.split(/\s+/).filter((w) => w === key).length, 0, `${name}: ${JSON.stringify(keyLine)} shown as ${JSON.stringify(shown)}`);
      assert.deepEqual(secretLeaks(text), [], name);
    }
  });

  it('public words heartbeat never reads as a key are no candidates (the auth of "auth 3auth")', () => {
    assert.deepEqual(secretCandidates('auth 3auth 1\n3 sha1 Zk7SecretKeyQ\n').map((c) => c.secret), ['Zk7SecretKeyQ']);
    assert.deepEqual(secretCandidates('auth 1\nsha1 auth\n1 sha1 Zk7SecretKeyQ\n').map((c) => c.secret), ['Zk7SecretKeyQ']);
    // What sscanf("auth %d") reads is cut off the line, glued to the rest or not (fuzz: seed 14 case 31272).
    assert.deepEqual(secretCandidates('authauth 1\nauth1auth\nauth 1\n1 sha1 Zk7SecretKeyQ\n').map((c) => c.secret), ['Zk7SecretKeyQ']);
    // ...and what follows it still is a candidate.
    assert.deepEqual(secretCandidates('authZk7Secret 1\nauth1Zk7Other\n').map((c) => c.secret), ['Zk7Secret', 'Zk7Other']);
    assert.deepEqual(secretLeaks('authZk7Secret 1\nauth1Zk7Other\nauthauth 1\n'), []);
  });
});

describe('authkeys secrets: in-process channels', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => assert.deepEqual(secretLeaks(text), []));
  }

  it('every authkeys file of the examples, the fixtures and the corpus', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      if (!existsSync(d)) return;
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) {
          if (n !== 'golden' && n !== 'node_modules') walk(p);
        } else if (n === 'authkeys' || /^authkeys[-_.]/.test(n) || (d.endsWith('/authkeys') && !n.endsWith('.json'))) files.push(p);
      }
    };
    for (const d of [join(REPO, 'examples'), join(REPO, 'test', 'fuzz'), join(REPO, '..', 'shared', 'corpus')]) walk(d);
    assert.ok(files.length > 0);
    for (const f of files) assert.deepEqual(secretLeaks(readFileSync(f, 'utf8')), [], f);
  });
});

describe('authkeys secrets: the CLI (text, JSON, SARIF)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sysv-ha-secrets-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => {
      const root = join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
      mkdirSync(join(root, 'etc/ha.d'), { recursive: true });
      writeFileSync(join(root, 'etc/ha.d/authkeys'), text, { mode: 0o644 });
      for (const format of ['text', 'json', 'sarif']) {
        const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--format', format, root], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        const out = r.stdout + r.stderr;
        assert.ok(out.length > 0);
        for (const k of [KEY, OTHER, '98765432101234']) assert.ok(!out.includes(k), `${format} output shows a key:\n${out}`);
      }
    });
  }
});

describe('authkeys secrets: the server over stdio (answers, log, stderr)', () => {
  const client = new TestClient();
  before(async () => {
    await client.initialize({ textDocument: { publishDiagnostics: {} } });
    await client.notify('workspace/didChangeConfiguration', { settings: { sysvHa: { trace: { server: 'verbose' } } } });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  for (const [name, text] of Object.entries(CASES)) {
    it(name, async () => {
      const uri = pathToFileURL(join(tmpdir(), `secrets-${name.replace(/[^a-z0-9]+/gi, '-')}`, 'etc/ha.d/authkeys')).toString();
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'ha-authkeys', version: 1, text } });
      const shown: unknown[] = [await client.diagnostics(uri)];
      const td = { uri };
      const lines = text.split(/\r\n|\r|\n/);
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line]!.length; character += 2) {
          shown.push(await client.request('textDocument/hover', { textDocument: td, position: { line, character } }));
        }
        shown.push(await client.request('textDocument/completion', { textDocument: td, position: { line, character: lines[line]!.length } }));
      }
      shown.push(await client.request('textDocument/documentSymbol', { textDocument: td }));
      shown.push(await client.request('textDocument/codeLens', { textDocument: td }));
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      const diags = (shown[0] as { diagnostics: unknown[] }).diagnostics;
      shown.push(await client.request('textDocument/codeAction', { textDocument: td, range: whole, context: { diagnostics: diags } }));
      shown.push(await client.request('sysvHa/documentInfo', { uri }));
      await client.notify('textDocument/didClose', { textDocument: td });
      const all = JSON.stringify(shown) + client.logs.join('\n');
      for (const k of [KEY, OTHER, '98765432101234']) assert.ok(!all.includes(k), `the server showed a key: ${all.slice(Math.max(0, all.indexOf(k) - 200), all.indexOf(k) + 50)}`);
    });
  }
});
