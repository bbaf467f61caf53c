/**
 * The CLI's first hour (issue #15): per-command help, standard input, "nothing checked",
 * --lang on a directory, a closed output pipe. The built dist/cli.js, as a user runs it.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SUBCOMMANDS } from '../../server/src/cli/main';
import { REPO } from '../helpers/golden';

const CLI = join(REPO, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-usage-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(CLI, args, { cwd: options.cwd ?? tmp, input: options.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmp, 'd-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(d, p, '..'), { recursive: true });
    writeFileSync(join(d, p), text);
  }
  return d;
}

const BAD_INITTAB = 'id:3:initdefault:\nx:5:respwn:/bin/x\n';

describe('help: sysv-ha --help and every subcommand\'s own help on stdout, exit 0', () => {
  it('the overview lists every subcommand of the table', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    for (const c of SUBCOMMANDS) assert.match(r.stdout, new RegExp(`^  ${c.name} +\\S`, 'm'), c.name);
    // No arguments at all: the same overview, on stderr, as a usage error.
    const none = run([]);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, r.stdout);
  });

  for (const c of SUBCOMMANDS) {
    for (const flag of ['--help', '-h']) {
      it(`${c.name} ${flag}`, () => {
        const r = run([c.name, flag]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        assert.equal(r.stdout, c.help);
        assert.ok(r.stdout.startsWith(`Usage: sysv-ha ${c.name}`), r.stdout);
        assert.match(r.stdout, /-h, --help/);
      });
    }
    it(`help ${c.name}, and --help after other options`, () => {
      assert.equal(run(['help', c.name]).stdout, c.help);
      assert.equal(run([c.name, '--format', 'json', '--help']).stdout, c.help);
    });
  }

  it('lsp --help prints help and exits; it does not start the server (which would wait on stdin)', () => {
    // Standard input stays open: a started server would never exit and the timeout would kill it.
    const r = spawnSync(CLI, ['lsp', '--help'], { cwd: tmp, encoding: 'utf8', timeout: 20_000, stdio: ['pipe', 'pipe', 'pipe'] });
    assert.equal(r.signal, null, 'killed by the timeout: the server started');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: sysv-ha lsp/);
    assert.doesNotMatch(r.stdout, /Content-Length/);
  });

  it('an unknown option is still a usage error; a file named -h is reachable after --', () => {
    const r = run(['check', '--frobnicate', '.']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --frobnicate/);
    const d = dir({ '-h': BAD_INITTAB });
    const named = run(['check', '--lang', 'inittab', '--', '-h'], { cwd: d });
    assert.equal(named.code, 1, named.stderr);
    assert.match(named.stdout, /^-h:2:5: error inittab\/unknown-action/m);
  });
});

describe('check: standard input', () => {
  it('- with --lang reads standard input, reported as <stdin>', () => {
    const r = run(['check', '--lang', 'inittab', '-'], { input: BAD_INITTAB });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^<stdin>:2:5: error inittab\/unknown-action: /m);
    assert.match(r.stdout, /^ +2 \| x:5:respwn:\/bin\/x$/m);
    assert.match(r.stdout, /1 problem \(1 error\) in 1 file\.\n$/);
  });

  it('- with --stdin-filename: the name tells the language and names the output', () => {
    const d = dir({});
    const r = run(['check', '--format', 'json', '--stdin-filename', 'etc/ha.d/ha.cf', '-'], { cwd: d, input: 'keepalive 2\ndeadtime 4\n' });
    const diags = JSON.parse(r.stdout) as { file: string; code: string }[];
    assert.ok(diags.some((x) => x.code === 'hacf/deadtime-too-small'), r.stdout);
    assert.ok(diags.every((x) => x.file === join(d, 'etc/ha.d/ha.cf')), r.stdout);
    // An init script is recognised by its header when the name does not tell.
    const s = run(['check', '--stdin-filename', 'myservice', '-'], { cwd: d, input: '#!/bin/sh\n# chkconfig: 2345 10\n# description: x\n' });
    assert.match(s.stdout, /^myservice:2:\d+: error initscript\/chkconfig-invalid/m);
  });

  it('- and files together; the refusals say what is missing', () => {
    const d = dir({ 'etc/inittab': BAD_INITTAB });
    const both = run(['check', '--stdin-filename', 'x/inittab', join(d, 'etc/inittab'), '-'], { cwd: d, input: BAD_INITTAB });
    assert.match(both.stdout, /2 problems \(2 errors\) in 2 files\./);
    const bare = run(['check', '-'], { input: BAD_INITTAB });
    assert.equal(bare.code, 2);
    assert.equal(bare.stdout, '');
    assert.match(bare.stderr, /^sysv-ha: standard input \('-'\) needs --lang LANGUAGE or --stdin-filename PATH/);
    const unknown = run(['check', '--stdin-filename', 'notes.txt', '-'], { input: BAD_INITTAB });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /notes\.txt: not a file name sysv-ha recognises; name the language of standard input with --lang/);
    assert.match(run(['check', '--stdin-filename', 'inittab', join(d, 'etc/inittab')]).stderr, /give '-' as a PATH too/);
    assert.match(run(['check', '--lang', 'inittab', '-', '-']).stderr, /only once/);
  });
});

describe('check: nothing checked is not a pass', () => {
  it('a directory with no file sysv-ha recognises: says so on stderr, exit 2, in every format', () => {
    const d = dir({ 'notes/a.cf': 'keepalive 2\n', 'notes/b.cf': 'deadtime 4\n' });
    for (const format of ['text', 'json', 'sarif']) {
      const r = run(['check', '--format', format, join(d, 'notes')]);
      assert.equal(r.code, 2, format);
      assert.match(r.stderr, /^sysv-ha: nothing checked: no file under '.*notes' is one sysv-ha recognises .*--lang LANGUAGE\.\n$/, format);
      assert.doesNotMatch(r.stdout, /No problems/, format);
      if (format === 'json') assert.equal(r.stdout, '[]\n');
      if (format === 'sarif') assert.deepEqual(JSON.parse(r.stdout).runs[0].results, []);
    }
    // --exit-zero is about problems found, not about having checked nothing.
    assert.equal(run(['check', '--exit-zero', join(d, 'notes')]).code, 2);
  });

  it('--lang applies to every file of a directory given with it', () => {
    const d = dir({ 'notes/a.cf': 'keepalive 2\ndeadtime 4\nnode a\n', 'notes/sub/b.cf': 'keepalive 2\n' });
    const r = run(['check', '--format', 'json', '--lang', 'hacf', join(d, 'notes')]);
    const files = new Set((JSON.parse(r.stdout) as { file: string }[]).map((x) => x.file));
    assert.ok(files.has(join(d, 'notes/a.cf')), r.stdout);
    const text = run(['check', '--lang', 'hacf', join(d, 'notes')]);
    assert.match(text.stdout, / in 2 files\.\n$/);
    assert.equal(text.code, 1);
  });
});

describe('a closed output pipe', () => {
  it('check … | head ends quietly: no stack trace, the SIGPIPE status', async () => {
    // Enough output to outlast the pipe buffer: many files with problems.
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`t/f${i}/inittab`] = BAD_INITTAB.repeat(5);
    const d = dir(files);
    const child = spawn(CLI, ['check', join(d, 't')], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolveExit) => {
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('exit', (c) => resolveExit(c));
    });
    assert.equal(stderr, '');
    assert.equal(code, 141);
  });
});

describe('templates and Debian\'s guarded source (issue #15 point 9), through the CLI', () => {
  const LSB = (provides: string, start: string) => `#!/bin/sh\n### BEGIN INIT INFO\n# Provides:          ${provides}\n# Required-Start:    $remote_fs\n# Required-Stop:     $remote_fs\n# Default-Start:     ${start}\n# Default-Stop:      0 1 6\n# Short-Description: x\n### END INIT INFO\n`;
  const BODY = 'case "$1" in\n  start|stop|restart|force-reload|status) : ;;\n  *) echo "Usage: $0 {start|stop|restart|force-reload|status}"; exit 3 ;;\nesac\n';
  it('hwclock.sh\'s [ ! -r F ] || . F is no unguarded source; a template is said once; a placeholder left in an installed script is said as one', () => {
    const d = dir({
      'etc/init.d/hw': `${LSB('hw', 'S')}[ ! -r /etc/default/hw ] || . /etc/default/hw\n${BODY}`,
      'src/foo.init.in': `${LSB('@NAME@', '%%DEFAULTSTART%%')}${BODY}`,
      'etc/init.d/left': `${LSB('left', '%%DEFAULTSTART%%')}${BODY}`,
    });
    const root = run(['check', '--format', 'json', '--exit-zero', '--no-file-modes', d]);
    const found = (JSON.parse(root.stdout) as { file: string; line: number; code: string; message: string }[]).map((p) => ({ ...p, file: p.file.slice(d.length + 1) }));
    assert.deepEqual(found.filter((p) => p.file === 'etc/init.d/hw'), [], JSON.stringify(found));
    const left = found.filter((p) => p.file === 'etc/init.d/left');
    assert.deepEqual(left.map((p) => `${p.line}:${p.code}`), ['6:initscript/packed-runlevels'], JSON.stringify(left));
    assert.match(left[0]!.message, /template placeholder the build did not replace/);
    assert.doesNotMatch(left[0]!.message, /% % D/);
    const tmpl = run(['check', '--format', 'json', '--exit-zero', '--lang', 'initscript', join(d, 'src/foo.init.in')]);
    assert.deepEqual((JSON.parse(tmpl.stdout) as { code: string }[]).map((p) => p.code), ['initscript/template']);
  });
});
