/**
 * `sysv-ha check --jobs N` checks whole files on N threads (this one and N-1 check workers): the
 * output must be byte for byte what one thread prints, in every format, with the same exit
 * status, on a tree with every kind of file (the bench's generated scripts, heartbeat's files with
 * a secret, xinetd, an rcN.d link to nothing, a binary file, a link out of the tree, standard input).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BATCH_INTERRUPT_BUDGET, cliV8Flags, runCli } from '../../server/src/cli/main';
import { REPO } from '../helpers/golden';

const CLI = join(REPO, 'dist', 'cli.js');
const SECRET = 'Sup3rS3cretJobsKey';

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(args: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: REPO, color: false,
    readStdin: async () => Buffer.from(stdin ?? ''),
  });
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-jobs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let root = '';

before(() => {
  root = join(tmp, 'image');
  // The tree `npm run bench` checks (scripts/bench/generate.mjs), smaller.
  const gen = spawnSync(process.execPath, ['--input-type=module', '-e', `import { generateEtcTree } from ${JSON.stringify(join(REPO, 'scripts/bench/generate.mjs'))}; generateEtcTree(${JSON.stringify(root)}, 48);`], { encoding: 'utf8' });
  assert.equal(gen.status, 0, gen.stderr);
  const files: Record<string, string> = {
    'etc/ha.d/ha.cf': 'bcast eth0\nnode n1\nnode n2\nauto_failback on\nkeepalive 2\ndeadtime 30\n',
    'etc/ha.d/haresources': 'n1 IPaddr::10.0.0.10/24/eth0 broken svc0003 Filesystem::/dev/sdb1::/data::ext4\n',
    'etc/ha.d/authkeys': `auth 1\n1 sha1 ${SECRET}\n2 md5 ${SECRET}2\n`,
    'etc/xinetd.d/tftp': 'service tftp\n{\n  socket_type = dgram\n  protocol = udp\n  wait = yes\n  user = root\n  server = /usr/sbin/in.tftpd\n  disable = no\n  bogus_attr = 1\n}\n',
    // A script with a body the parser cannot fully read, and one that is large (taken first).
    'etc/init.d/broken': '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: broken\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\ncase "$1" in\n  start) echo ) ;;\nesac\n',
    'etc/init.d/large': `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: large\n# Required-Start: $local_fs\n# Required-Stop: $local_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\n${Array.from({ length: 1500 }, (_, i) => `f${i}() { if [ -n "$X${i}" ]; then echo "${i}" > /var/run/large.pid; fi; }\n`).join('')}case "$1" in\n  start|stop|restart|force-reload|status) ;;\n  *) echo "Usage: $0 {start|stop}"; exit 3 ;;\nesac\n`,
    // Binary: skipped with a note.
    'etc/init.d/blob': `\x7fELF${'\0'.repeat(200)}`,
  };
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  chmodSync(join(root, 'etc/ha.d/authkeys'), 0o644);
  for (const name of ['broken', 'large', 'blob']) chmodSync(join(root, 'etc/init.d', name), 0o755);
  // A link out of the tree (not read: exit 3) and an rcN.d link to a missing script (a per-tree problem).
  writeFileSync(join(tmp, 'outside'), 'secret outside the tree\n');
  symlinkSync(join(tmp, 'outside'), join(root, 'etc/init.d/escape'));
  mkdirSync(join(root, 'etc/rc2.d'), { recursive: true });
  symlinkSync('../init.d/svc0001', join(root, 'etc/rc2.d/S20svc0001'));
  symlinkSync('../init.d/gone', join(root, 'etc/rc2.d/S30gone'));
});

describe('sysv-ha check --jobs: whole files on every thread, the output of one thread', () => {
  it('prints the same bytes, the same notes and the same exit status as --jobs 1, text, JSON and SARIF', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const one = run(['check', '--format', format, '--jobs', '1', root]);
      assert.equal(one.code, 3, one.stderr);
      assert.ok(one.stdout.length > 1000, format);
      assert.ok(!one.stdout.includes(SECRET) && !one.stderr.includes(SECRET), `no secret in ${format}`);
      for (const jobs of [[], ['--jobs', '3']]) {
        assert.deepEqual(run(['check', '--format', format, ...jobs, root]), one, `${jobs.join(' ') || 'default'} --format ${format}`);
      }
    }
  });

  it('the per-file, cross-file and per-tree checks all ran (and once each)', () => {
    const json = JSON.parse(run(['check', '--format', 'json', '--jobs', '2', root]).stdout) as { file: string; code: string }[];
    const codes = new Set(json.map((d) => d.code));
    for (const code of ['initscript/syntax-error', 'xinetd/unknown-attribute']) assert.ok(codes.has(code), `${code} in ${[...codes].join(' ')}`);
    assert.ok(json.some((d) => d.file.endsWith('/etc/rc2.d/S30gone')), 'the rcN.d link to a missing script');
    assert.ok(json.some((d) => d.file.endsWith('/etc/ha.d/haresources')), 'haresources checked against its scripts');
    const keys = json.map((d) => JSON.stringify(d));
    assert.equal(new Set(keys).size, keys.length, 'no problem reported twice');
  });

  it('standard input and --severity, in-process as from the program', async () => {
    const script = readFileSync(join(root, 'etc/init.d/broken'), 'utf8');
    const args = (jobs: string) => ['check', '--format', 'json', '--severity', 'initscript/syntax-error=warning', '--jobs', jobs, '--stdin-filename', 'etc/init.d/piped', '-', root];
    const one = run(args('1'), script);
    assert.equal(one.code, 3, one.stderr);
    assert.ok(one.stdout.includes('etc/init.d/piped'));
    assert.deepEqual(run(args('3'), script), one);
    assert.deepEqual(await inProcess(args('2'), script), one);
    assert.deepEqual(await inProcess(args('1'), script), one);
  });
});

describe('sysv-ha check: V8 flags for a batch run', () => {
  it('a batch command raises V8\'s interrupt budget (TurboFan compiles less on the cores the checks need); lsp and a budget on node\'s command line do not', () => {
    assert.deepEqual(cliV8Flags('check', []), ['--liftoff-only', `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`]);
    assert.deepEqual(cliV8Flags('links', []), ['--liftoff-only', `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`]);
    assert.deepEqual(cliV8Flags('lsp', []), ['--liftoff-only']);
    assert.deepEqual(cliV8Flags('check', ['--interrupt-budget=5000']), ['--liftoff-only']);
  });

  it('the program sets them before it checks (its check workers share them)', () => {
    // A preload that records what the bundle gives v8.setFlagsFromString.
    const preload = join(tmp, 'flags-preload.cjs');
    const seen = join(tmp, 'flags-seen.txt');
    writeFileSync(preload, `const v8 = require('node:v8'); const fs = require('node:fs'); const set = v8.setFlagsFromString;
v8.setFlagsFromString = (f) => { fs.appendFileSync(${JSON.stringify(seen)}, f + '\\n'); return set(f); };`);
    const r = spawnSync(process.execPath, ['-r', preload, CLI, 'check', '--format', 'json', '--jobs', '2', root], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(r.status === 1 || r.status === 3, r.stderr);
    const flags = readFileSync(seen, 'utf8').trim().split('\n');
    assert.ok(flags.includes(`--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`), flags.join(' '));
    assert.ok(flags.includes('--liftoff-only'), flags.join(' '));
  });
});
