/** The CLI as a user runs it: the built dist/cli.js, and the same code in-process. */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/main';
import { assertGolden, REPO } from '../helpers/golden';

const CLI = join(REPO, 'dist', 'cli.js');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(args: string[], cwd = REPO) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, color: false });
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmp, 'root-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

describe('sysv-ha check on the bundled sample tree', () => {
  // The sample authkeys is deliberately readable by others; pin its mode (a clone's umask varies).
  before(() => chmodSync(join(REPO, 'examples/etc/ha.d/authkeys'), 0o644));

  it('text output (golden), exit 1 for errors', async () => {
    const r = run(['check', 'examples/etc']);
    assert.equal(r.code, 1);
    assertGolden('examples.check.txt', r.stdout.split(REPO).join('<repo>'));
  });

  it('JSON output (golden) with absolute paths and the catalogue fields', async () => {
    const r = run(['check', '--format', 'json', 'examples']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(json.length > 0);
    for (const d of json) {
      assert.deepEqual(Object.keys(d), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
      assert.ok(String(d['file']).startsWith('/'));
    }
    assertGolden('examples.check.json', r.stdout.split(REPO).join('<repo>'));
  });

  it('--exit-zero and --severity change the exit status', async () => {
    assert.equal(run(['check', '--exit-zero', 'examples/etc']).code, 0);
    const root = tree({ 'etc/inittab': 'id:3:initdefault:\nx:5:respwn:/bin/x\n' });
    assert.equal((await inProcess(['check', root])).code, 1);
    assert.equal((await inProcess(['check', '--severity', 'inittab/unknown-action=warning', root])).code, 0);
    assert.equal((await inProcess(['check', '--severity=inittab/unknown-action=off', '--format=json', root])).stdout, '[]\n');
  });
});

describe('sysv-ha check: files and formats', () => {
  it('an image root is recognised by its etc/ folder; other names are skipped', async () => {
    const root = tree({ 'etc/inittab': 'id:3:initdefault:\n', 'etc/passwd': 'root:x:0:0::/root:/bin/sh\n', 'etc/init.d/S50foo': '#!/bin/sh\ncase "$1" in\n start) ;;\n stop) ;;\n *) exit 2 ;;\nesac\n' });
    chmodSync(join(root, 'etc/init.d/S50foo'), 0o755);
    const r = (await inProcess(['check', root]));
    assert.equal(r.stdout, 'No problems in 2 files.\n');
    chmodSync(join(root, 'etc/init.d/S50foo'), 0o644);
    assert.match((await inProcess(['check', root])).stdout, /initscript\/not-executable/);
    assert.equal((await inProcess(['check', '--no-file-modes', root])).stdout, 'No problems in 2 files.\n');
    assert.equal(r.code, 0);
  });

  it('--local-node names the machine the heartbeat files are for', async () => {
    const root = tree({
      'etc/ha.d/ha.cf': 'node alpha beta\nbcast eth0 eth1\nauto_failback on\nlogfacility local0\nstonith_host * suicide\n',
      'etc/ha.d/authkeys': 'auth 1\n1 sha1 secret\n',
      'etc/ha.d/haresources': 'alpha 10.0.0.10/24/eth0\n',
    });
    chmodSync(join(root, 'etc/ha.d/authkeys'), 0o600);
    assert.equal((await inProcess(['check', root])).code, 0);
    const r = await inProcess(['check', '--format', 'json', '--local-node', 'gamma', root]);
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.stdout).map((d: { code: string; line: number }) => [d.code, d.line]), [['hacf/local-node-missing', 1]]);
    assert.equal((await inProcess(['check', '--local-node=Beta', root])).code, 0);
  });

  it('an explicit file is matched by name, or by --lang', async () => {
    const root = tree({ 'inittab': 'id:0:initdefault:\n', 'my.tab.txt': 'id:0:initdefault:\n' });
    assert.equal((await inProcess(['check', join(root, 'inittab')])).code, 1);
    const unknown = (await inProcess(['check', join(root, 'my.tab.txt')]));
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^sysv-ha: .*not a file sysv-ha recognises.*--lang\n$/);
    assert.equal((await inProcess(['check', '--lang', 'inittab', join(root, 'my.tab.txt')])).code, 1);
  });

  it('empty JSON array when clean; SARIF 2.1.0 with rules', async () => {
    const root = tree({ 'etc/inittab': 'id:3:initdefault:\n' });
    assert.equal((await inProcess(['check', '--format', 'json', root])).stdout, '[]\n');
    const bad = tree({ 'etc/inittab': 'id:3:initdefault:\nx:5:respwn:/bin/x\n' });
    const sarif = JSON.parse((await inProcess(['check', '--format', 'sarif', bad])).stdout);
    assert.equal(sarif.version, '2.1.0');
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'inittab/unknown-action');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 2);
    assert.equal(sarif.runs[0].tool.driver.rules[result.ruleIndex].id, 'inittab/unknown-action');
  });

  it('text output has file:line:col, the source line and a caret underline', async () => {
    const root = tree({ 'etc/inittab': 'id:3:initdefault:\n\tx:5:respwn:/bin/x\n' });
    const r = (await inProcess(['check', root], root));
    assert.equal(r.stdout.split('\n').slice(0, 3).join('\n'), [
      "etc/inittab:2:6: error inittab/unknown-action: Unknown action 'respwn': did you mean 'respawn'? init skips this line. Known actions: respawn, wait, once, boot, bootwait, off, ondemand, initdefault, sysinit, powerwait, powerfail, powerokwait, powerfailnow, ctrlaltdel, kbrequest.",
      '    2 | \tx:5:respwn:/bin/x',
      '      | \t    ^^^^^^',
    ].join('\n'));
  });

  it('symlink loops are skipped', async () => {
    const root = tree({ 'etc/inittab': 'id:3:initdefault:\n' });
    symlinkSync(join(root, 'etc'), join(root, 'etc', 'loop'));
    assert.equal((await inProcess(['check', root])).code, 0);
  });
});

describe('sysv-ha check on an image root: problems of the tree itself', () => {
  it('workspace/dangling-rc-link on the link, once even when etc/rc3.d is a link to etc/rc.d/rc3.d; not counted as a file', async () => {
    const root = tree({});
    mkdirSync(join(root, 'etc/rc.d/init.d'), { recursive: true });
    mkdirSync(join(root, 'etc/rc.d/rc3.d'));
    symlinkSync('../init.d/gone', join(root, 'etc/rc.d/rc3.d/S50gone'));
    symlinkSync('rc.d/rc3.d', join(root, 'etc/rc3.d'));
    const r = await inProcess(['check', '--format', 'json', root]);
    const found = JSON.parse(r.stdout) as { file: string; code: string; line: number; severity: string; message: string }[];
    assert.deepEqual(found.map((f) => [f.file.slice(root.length), f.code, f.line, f.severity]), [['/etc/rc.d/rc3.d/S50gone', 'workspace/dangling-rc-link', 1, 'warning']]);
    assert.match(found[0]!.message, /points to \.\.\/init\.d\/gone/);
    const text = await inProcess(['check', root]);
    assert.match(text.stdout, /S50gone:1:1: warning workspace\/dangling-rc-link/);
    assert.match(text.stdout, /in 0 files\.\n$/);
    // Severity settings apply; a link to a script that exists is fine.
    assert.equal((await inProcess(['check', '--severity', 'workspace/dangling-rc-link=off', '--format', 'json', root])).stdout.trim(), '[]');
    writeFileSync(join(root, 'etc/rc.d/init.d/gone'), '#!/bin/sh\n# chkconfig: 3 50 50\n');
    assert.ok(!(await inProcess(['check', '--format', 'json', root])).stdout.includes('dangling'));
  });
});

describe('sysv-ha: usage errors are one line and exit 2', () => {
  const cases: [string[], RegExp][] = [
    [[], /Usage:/],
    [['frobnicate'], /^sysv-ha: unknown command 'frobnicate' \(sysv-ha --help lists them\)\n$/],
    [['check'], /^sysv-ha: check needs at least one PATH \(or - for standard input\); sysv-ha check --help\n$/],
    [['check', '/nonexistent/path'], /^sysv-ha: \/nonexistent\/path: no such file or directory\n$/],
    [['check', '--format', 'xml', 'examples'], /^sysv-ha: --format must be text, json or sarif, not 'xml'\n$/],
    [['check', '--severity', 'nonsense', 'examples'], /^sysv-ha: --severity expects CODE=LEVEL/],
    [['check', '--severity', 'inittab/nope=off', 'examples'], /^sysv-ha: --severity: unknown code 'inittab\/nope'/],
    [['check', '--severity', 'inittab/crlf=loud', 'examples'], /^sysv-ha: severity\.inittab\/crlf: "loud" is not one of/],
    [['check', '--profile', 'gentoo', 'examples'], /^sysv-ha: profile: "gentoo" is not one of/],
    [['check', '--bogus', 'examples'], /^sysv-ha: unknown option --bogus\n$/],
    [['check', '--lang', 'perl', 'examples'], /^sysv-ha: --lang must be one of/],
  ];
  for (const [args, re] of cases) {
    it(`sysv-ha ${args.join(' ')}`, () => {
      const r = run(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, re);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  it('an unreadable file', { skip: process.getuid?.() === 0 && 'root can read anything' }, () => {
    const root = tree({ 'etc/inittab': 'id:3:initdefault:\n' });
    chmodSync(join(root, 'etc/inittab'), 0);
    const r = run(['check', root]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /permission denied/);
  });

  it('--version and --help', async () => {
    assert.match(run(['--version']).stdout, /^sysv-ha \d+\.\d+\.\d+\n$/);
    assert.equal(run(['--help']).code, 0);
  });
});

describe('dist/cli.js run as a program (its first lines are a shell script)', () => {
  const launch = JSON.parse(readFileSync(join(REPO, 'server/src/lsp/serverLaunch.json'), 'utf8')) as { nodeFlags: string[]; env: Record<string, string> };

  it('checks files like `node dist/cli.js` does', () => {
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^sysv-ha \d+\.\d+\.\d+/);
    const args = ['check', '--exit-zero', join(REPO, 'examples')];
    assert.equal(spawnSync(CLI, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout, run(args).stdout);
  });

  it('`lsp` starts node with the flags and environment the VS Code client gives the server', async () => {
    const child = spawn(CLI, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      // sh execs node in place: the same process, once its command line says node.
      let argv: string[] = [];
      for (let i = 0; i < 100; i++) {
        try {
          argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        } catch {
          argv = [];
        }
        if (argv[0]?.endsWith('node')) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.ok(argv[0]?.endsWith('node'), argv.join(' '));
      for (const f of launch.nodeFlags) assert.ok(argv.includes(f), `${f} in ${argv.join(' ')}`);
      assert.deepEqual(argv.slice(-2), ['lsp', '--stdio']);
      const env = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
      for (const [k, v] of Object.entries(launch.env)) assert.ok(env.includes(`${k}=${v}`), `${k}=${v} in the environment`);
    } finally {
      child.kill();
    }
  });
});

describe('sysv-ha check --jobs: whole files checked on worker threads', () => {
  const status = (s: string) => `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: $NAME\n# Required-Start: $local_fs\n# Required-Stop: $local_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: x\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|force-reload) ;;\n${s}  *) echo "Usage: $0 {start|stop|restart|force-reload|status}"; exit 3 ;;\nesac\n`;
  const files: Record<string, string> = {
    'etc/ha.d/ha.cf': 'bcast eth0\nnode n1\nnode n2\nauto_failback on\n',
    'etc/ha.d/haresources': 'n1 web db quiet\n',
  };
  // Scripts with and without problems (a missing status branch, one that prints nothing, a bad case).
  for (let i = 0; i < 32; i++) files[`etc/init.d/svc${i}`] = status(i % 3 === 0 ? '' : '  status) echo "running" ;;\n').replace('$NAME', `svc${i}`) + (i % 5 === 0 ? 'echo )\n' : '');
  files['etc/init.d/web'] = status('').replace('$NAME', 'web');
  files['etc/init.d/db'] = status('  status) echo "db is running" ;;\n').replace('$NAME', 'db');
  files['etc/init.d/quiet'] = status('  status) exit 0 ;;\n').replace('$NAME', 'quiet');

  it('prints the same as one thread, in the same order, text and JSON, in-process and as a program', async () => {
    const root = tree(files);
    for (const name of Object.keys(files)) if (name.startsWith('etc/init.d/')) chmodSync(join(root, name), 0o755);
    for (const format of ['text', 'json']) {
      const one = run(['check', '--format', format, '--jobs', '1', root]);
      assert.equal(one.code, 1, one.stderr);
      for (const jobs of ['2', '5']) {
        assert.deepEqual(run(['check', '--format', format, '--jobs', jobs, root]), one, `--jobs ${jobs} --format ${format}`);
        assert.deepEqual(await inProcess(['check', '--format', format, `--jobs=${jobs}`, root]), one);
      }
    }
    // The resource scripts' bodies were read too (by whichever thread checked haresources).
    const codes = run(['check', '--format', 'json', '--jobs', '3', root]).stdout;
    for (const code of ['workspace/resource-script-no-status', 'workspace/resource-status-output', 'initscript/syntax-error']) assert.ok(codes.includes(code), code);
  });

  it('an installation without the check worker says so and checks every file in its own thread', () => {
    const root = tree(files);
    for (const name of Object.keys(files)) if (name.startsWith('etc/init.d/')) chmodSync(join(root, name), 0o755);
    // A copy of dist/ without checkWorker.js, as a package that left it out would be.
    const dist = mkdtempSync(join(tmp, 'dist-'));
    for (const f of ['cli.js', 'web-tree-sitter.wasm', 'tree-sitter-bash.wasm', 'parser.info']) copyFileSync(join(REPO, 'dist', f), join(dist, f));
    const full = run(['check', '--jobs', '2', '--format', 'json', root]);
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), 'check', '--jobs', '2', '--format', 'json', root], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^sysv-ha: the check worker did not start \(.*checkWorker\.js.*\); checking with this thread only, as with --jobs 1 .*\n$/);
    // The same result as the full installation: every body was checked (body checks among them).
    assert.equal(r.stdout, full.stdout);
    assert.ok(r.stdout.includes('initscript/syntax-error') && r.stdout.includes('workspace/resource-script-no-status'));
    // One thread parses in itself and needs no worker: no warning.
    const one = spawnSync(process.execPath, [join(dist, 'cli.js'), 'check', '--jobs', '1', '--format', 'json', root], { encoding: 'utf8' });
    assert.equal(one.stdout, full.stdout);
    assert.equal(one.stderr, '');
  });

  it('--jobs takes a number of threads', () => {
    for (const bad of ['0', 'x', '-1', '1000']) {
      const r = run(['check', '--jobs', bad, 'examples']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^sysv-ha: --jobs needs a number of threads from 1 to 999/);
    }
  });
});
