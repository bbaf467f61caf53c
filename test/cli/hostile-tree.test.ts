/**
 * A hostile image root (issues 14.3, 15.2-15.4): links out of the root are reported and not
 * read, only regular files are read (a FIFO or /proc/kmsg never blocks the check), binary
 * files and files over the size limit are skipped with one line each in every format, one
 * unreadable file does not stop the others (exit 3), and an image root is checked by its
 * etc/ tree only (`check /` reads /etc, not the whole file system). The server reads other
 * files of a workspace folder the same way (a link out of the folder is not read).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';
import { TestClient } from '../helpers/lspClient';

const CLI = join(REPO, 'dist', 'cli.js');
const CANARY = 'SHADOWCANARY';
const GOOD = '#!/bin/sh\n# chkconfig: 345 10 90\n# description: good\ncase "$1" in start) touch /var/lock/subsys/good ;; stop) rm -f /var/lock/subsys/good ;; status) ;; restart) ;; *) exit 2 ;; esac\n';

function run(args: string[], asUser?: string) {
  const argv = asUser ? ['su', asUser, '-s', '/bin/sh', '-c', [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')] : [process.execPath, CLI, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

describe('check on a hostile image root', () => {
  let dir: string;
  let root: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sysv-ha-hostile-'));
    chmodSync(dir, 0o755);
    root = join(dir, 'root');
    mkdirSync(join(root, 'etc/ha.d'), { recursive: true });
    mkdirSync(join(root, 'etc/init.d'), { recursive: true });
    mkdirSync(join(root, 'srv'), { recursive: true });
    writeFileSync(join(dir, 'shadow'), `root:${CANARY}:19000:0:99999:7:::\n`);
    symlinkSync(join(dir, 'shadow'), join(root, 'etc/inittab'));
    symlinkSync(join(dir, 'shadow'), join(root, 'etc/hostname'));
    symlinkSync('/proc/kmsg', join(root, 'etc/init.d/kmsg'));
    execFileSync('mkfifo', [join(root, 'etc/init.d/fifo')]);
    copyFileSync('/bin/true', join(root, 'etc/init.d/elf')); // an ELF executable
    const noise = Buffer.alloc(3000);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
    writeFileSync(join(root, 'etc/ha.d/ha.cf'), noise);
    writeFileSync(join(root, 'etc/ha.d/haresources'), '');
    truncateSync(join(root, 'etc/ha.d/haresources'), 400 * 1024 * 1024); // sparse
    writeFileSync(join(root, 'etc/init.d/good'), GOOD, { mode: 0o755 });
    writeFileSync(join(root, 'srv/inittab'), 'this is not the image\'s inittab\n');
    writeFileSync(join(root, 'etc/ha.d/authkeys'), 'auth 1\n1 sha1 k\n', { mode: 0o600 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('text: each skipped file once, the rest checked, nothing of the target shown, exit 3', () => {
    const r = run(['check', root]);
    assert.ok(!r.all.includes(CANARY), r.all);
    const line = (path: string, what: RegExp) => {
      const lines = r.stdout.split('\n').filter((l) => l.startsWith(`${join(root, path)}:`) && what.test(l));
      assert.equal(lines.length, 1, `one line for ${path} matching ${what}:\n${r.stdout}`);
    };
    line('etc/inittab', /not read: a link to .*shadow, outside/);
    line('etc/init.d/kmsg', /not read: a link to \/proc\/kmsg, outside/);
    line('etc/init.d/fifo', /not read: not a regular file/);
    line('etc/init.d/elf', /skipped: binary$/);
    line('etc/ha.d/ha.cf', /skipped: binary$/);
    line('etc/ha.d/haresources', /skipped: larger than 2 MB \(400 MB\)/);
    assert.match(r.stdout, /good:/, 'the good script is still checked');
    assert.ok(!r.stdout.includes('srv/inittab'), 'only etc/ of an image root is walked');
    assert.match(r.stdout, /6 files not checked\./);
    assert.equal(r.code, 3);
  });

  it('JSON: diagnostics on stdout, one stderr line per skipped file, none analysed', () => {
    const r = run(['check', '--format', 'json', root]);
    const diags = JSON.parse(r.stdout) as { file: string }[];
    assert.ok(diags.every((d) => d.file.endsWith('/good') || d.file.endsWith('/authkeys')), r.stdout);
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('skipped: binary')).length, 2);
    assert.equal(r.stderr.split('\n').filter((l) => l.includes('etc/inittab: not read')).length, 1);
    assert.ok(!r.all.includes(CANARY));
    assert.equal(r.code, 3);
  });

  it('SARIF: one tool notification per skipped file; the run is not successful', () => {
    const r = run(['check', '--format', 'sarif', root]);
    const sarif = JSON.parse(r.stdout);
    const inv = sarif.runs[0].invocations[0];
    assert.equal(inv.executionSuccessful, false);
    const texts: string[] = inv.toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text);
    assert.equal(texts.length, 6);
    assert.equal(texts.filter((t) => t.endsWith('skipped: binary')).length, 2);
    assert.ok(!r.all.includes(CANARY));
  });

  it('one unreadable file (a root-owned authkeys 0600 read by another user) is reported; the others are checked', () => {
    const isRoot = process.getuid?.() === 0;
    if (isRoot) {
      const su = spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', 'true']);
      if (su.status !== 0) return; // no su here: the non-root path below covers it elsewhere
    } else {
      chmodSync(join(root, 'etc/ha.d/authkeys'), 0o000);
    }
    const r = run(['check', root], isRoot ? 'nobody' : undefined);
    assert.equal(r.stdout.split('\n').filter((l) => l.startsWith(`${join(root, 'etc/ha.d/authkeys')}: unreadable: permission denied`)).length, 1, r.all);
    assert.match(r.stdout, /good:/);
    assert.equal(r.code, 3);
  });
});

describe('check reads nothing outside the image roots it was given (cluster oracle finding)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sysv-ha-siblings-'));
    for (const [node, addr] of [['a', '10.0.0.5'], ['b', '10.0.0.6']]) {
      mkdirSync(join(dir, node!, 'etc/ha.d'), { recursive: true });
      writeFileSync(join(dir, node!, 'etc/ha.d/haresources'), `node1 ${addr} httpd\n`);
    }
    // A secret beside the root: never read, never shown.
    writeFileSync(join(dir, 'b', 'etc/ha.d/authkeys'), `auth 1\n1 sha1 ${CANARY}\n`, { mode: 0o600 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('one root given: its sibling tree is not compared (nor read), from the root or from a folder of its etc/', () => {
    for (const given of [join(dir, 'a'), join(dir, 'a/etc'), join(dir, 'a/etc/ha.d')]) {
      const r = run(['check', '--format', 'json', given]);
      assert.doesNotMatch(r.all, /haresources-differs|sysv-ha-siblings-[^/]*\/b\//, given);
      assert.doesNotMatch(r.all, new RegExp(CANARY));
    }
  });
  it('the folder holding both roots given: the two nodes are compared, as in a workspace of both', () => {
    const r = run(['check', '--format', 'json', dir]);
    assert.equal((r.stdout.match(/workspace\/haresources-differs/g) ?? []).length, 2, r.all);
    assert.doesNotMatch(r.all, new RegExp(CANARY));
  });
});

describe('the server: other files of a workspace folder are read only inside it', () => {
  // ha.cf's local-node check reads the image's etc/hostname and quotes its first line: with
  // etc/hostname a link to a file outside the workspace folder, that line must not be read.
  let dir: string;
  const client = new TestClient();
  const HACF = 'node alpha beta\nbcast eth0\nserial /dev/ttyS0\nauto_failback on\nlogfacility local0\nstonith_host * suicide\n';
  const images = ['inside', 'linked'];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sysv-ha-hostile-lsp-'));
    writeFileSync(join(dir, 'shadow'), `${CANARY}\n`);
    for (const name of images) {
      mkdirSync(join(dir, name, 'etc/ha.d'), { recursive: true });
      writeFileSync(join(dir, name, 'etc/ha.d/authkeys'), 'auth 1\n1 crc\n', { mode: 0o600 });
    }
    writeFileSync(join(dir, 'inside/etc/hostname'), 'gamma\n');
    symlinkSync(join(dir, 'shadow'), join(dir, 'linked/etc/hostname'));
    await client.initialize({}, undefined, images.map((name) => ({ uri: `file://${join(dir, name)}`, name })));
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('etc/hostname inside the folder is read; a link to a file outside it is not', async () => {
    const shown: string[] = [];
    for (const name of images) {
      const uri = `file://${join(dir, name, 'etc/ha.d/ha.cf')}`;
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'hacf', version: 1, text: HACF } });
      const p = await client.diagnostics(uri);
      const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      shown.push(JSON.stringify([p, hover]));
      const missing = p.diagnostics.filter((d) => d.code === 'hacf/local-node-missing');
      if (name === 'inside') assert.match(missing[0]?.message ?? '', /gamma/, JSON.stringify(p.diagnostics));
      else assert.deepEqual(missing, [], JSON.stringify(p.diagnostics));
    }
    assert.ok(!shown.join('').includes(CANARY), shown.join('\n'));
    assert.ok(!client.logs.join('\n').includes(CANARY));
  });

  it('a tree beside the workspace folders is not read: its haresources is not compared', async () => {
    mkdirSync(join(dir, 'beside/etc/ha.d'), { recursive: true });
    writeFileSync(join(dir, 'beside/etc/ha.d/haresources'), `alpha 10.0.0.6 ${CANARY}\n`);
    const uri = `file://${join(dir, 'inside/etc/ha.d/haresources')}`;
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'haresources', version: 1, text: 'alpha 10.0.0.5 httpd\n' } });
    const p = await client.diagnostics(uri);
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'workspace/haresources-differs'), [], JSON.stringify(p.diagnostics));
    assert.ok(!JSON.stringify(p).includes(CANARY));
  });
});
