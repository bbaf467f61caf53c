/** "Disable CODE for this line / for this file" on every diagnostic, never where a comment changes meaning. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { applyEdits } from '../helpers/fixture';
import { REPO } from '../helpers/golden';

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

const analyze = (text: string, language: svc.LanguageId, path = '/x/etc/file') => svc.analyze({ path, text, language });
const suppressions = (a: svc.Analysis, p: svc.Problem) => svc.getFixes(a, p.range, [p.code]).filter((f) => f.title.startsWith('Disable '));
const titles = (a: svc.Analysis, p: svc.Problem) => suppressions(a, p).map((f) => f.title.replace(p.code, 'CODE'));

/** Applies a fix; the problem is gone and every other problem is still there (one line lower after an inserted line). */
export function checkFix(text: string, language: svc.LanguageId, code: string, kind: 'line' | 'file', path?: string, line?: number): string {
  const a = analyze(text, language, path);
  const p = a.problems.find((x) => x.code === code && (line === undefined || x.range.start.line === line));
  assert.ok(p, `${code} in ${a.problems.map((x) => x.code).join(',')}`);
  const f = suppressions(a, p).find((x) => x.title.endsWith(kind === 'line' ? 'for this line' : 'for this file'));
  assert.ok(f, `${kind} fix for ${code}`);
  const after = applyEdits(text, f.edits);
  const b = analyze(after, language, path);
  const insertedAt = f.edits[0]!.newText.endsWith('\n') ? f.edits[0]!.range.start.line : Infinity;
  const key = (x: svc.Problem, shift: number) => `${x.code}@${x.range.start.line - (x.range.start.line >= shift && x.range.start.line > 0 ? 1 : 0)}:${x.range.start.character}`;
  const want = a.problems.filter((x) => !(x.code === code && (kind === 'file' || x.range.start.line === p.range.start.line))).map((x) => key(x, Infinity)).sort();
  assert.deepEqual(b.problems.map((x) => key(x, insertedAt)).sort(), want);
  return after;
}

const SCRIPT = [
  '#!/bin/sh',
  '### BEGIN INIT INFO',
  '# Provides: foo',
  '# Required-Start:',
  '# Required-Stop:',
  '# Default-Start: 2 3 4 5',
  '# Default-Stop: 0 1 6 2',
  '### END INIT INFO',
  'cat <<EOT',
  '$(ip addr add 10.0.0.1 dev eth0)',
  'EOT',
  'ip addr add \\',
  '  10.0.0.2/33 dev eth0',
  'x="a',
  '$(ip addr add 10.0.0.3/40 dev eth0)"',
  'ip addr add 10.0.0.4/99 dev eth0',
  'case "$1" in',
  '  start|stop|restart|force-reload|status) ;;',
  '  *) exit 2 ;;',
  'esac',
  '',
].join('\n');

describe('suppression quick fixes', () => {
  it('inittab: the comment at column 1, never indented (BusyBox reads an indented line as an entry)', () => {
    const text = 'id:3:initdefault:\n  x:2345:respwn:/sbin/getty tty1\n';
    const after = checkFix(text, 'inittab', 'inittab/unknown-action', 'line');
    assert.equal(after.split('\n')[1], '# sysv-ha-disable-next-line inittab/unknown-action');
    const bb = '::sysinit:/etc/init.d/rcS\ntty1::respwn:/sbin/getty 38400 tty1\n';
    assert.equal(checkFix(bb, 'inittab', 'inittab/unknown-action', 'line').split('\n')[1], '# sysv-ha-disable-next-line inittab/unknown-action');
    assert.equal(checkFix(bb, 'inittab', 'inittab/unknown-action', 'file').split('\n')[0], '# sysv-ha-disable-file inittab/unknown-action');
  });

  it('adds the code to a directive already above the line, or already in the file', () => {
    const text = 'id:3:initdefault:\n# sysv-ha-disable-next-line inittab/respawn-backgrounded\nx:2345:respwn:/bin/x &\n';
    const a = analyze(text, 'inittab');
    const p = a.problems.find((x) => x.code === 'inittab/unknown-action')!;
    const line = suppressions(a, p)[0]!;
    assert.deepEqual(line.edits, [{ range: svc.range(1, 56, 56), newText: ',inittab/unknown-action' }]);
    assert.deepEqual(analyze(applyEdits(text, line.edits), 'inittab').problems.map((x) => x.code), []);
    const f = '# sysv-ha-disable-file inittab/no-initdefault\nx:2345:respwn:/bin/x\n';
    const b = analyze(f, 'inittab');
    assert.deepEqual(suppressions(b, b.problems[0]!)[1]!.edits[0]!.newText, ',inittab/unknown-action');
  });

  it('init script: after the shebang, never inside the LSB block, a string, a here-document or a \\ continuation', () => {
    const path = '/x/etc/init.d/foo';
    const a = analyze(SCRIPT, 'initscript', path);
    const lines = a.problems.map((p) => `${p.code}@${p.range.start.line}`);
    for (const line of [6, 9, 12, 14]) {
      const ps = a.problems.filter((x) => x.range.start.line === line);
      assert.ok(ps.length > 0, `a problem on line ${line}: ${lines.join(', ')}`);
      for (const p of ps) assert.deepEqual(titles(a, p), ['Disable CODE for this file'], `${p.code}@${line}`);
    }
    const plain = a.problems.find((p) => p.range.start.line === 15)!;
    assert.deepEqual(titles(a, plain), ['Disable CODE for this line', 'Disable CODE for this file']);
    assert.equal(checkFix(SCRIPT, 'initscript', plain.code, 'line', path, 15).split('\n')[15], `# sysv-ha-disable-next-line ${plain.code}`);
    assert.equal(checkFix(SCRIPT, 'initscript', plain.code, 'file', path).split('\n')[1], `# sysv-ha-disable-file ${plain.code}`);
  });

  it('init script: indented like the line it silences', () => {
    const text = '#!/bin/sh\n# chkconfig: 345 10 90\nstart() {\n\tip addr add 10.0.0.4/99 dev eth0\n}\ncase "$1" in\n  start|stop|restart|status) ;;\n  *) exit 2 ;;\nesac\n';
    const path = '/x/etc/rc.d/init.d/foo';
    const a = analyze(text, 'initscript', path);
    const p = a.problems.find((x) => x.range.start.line === 3)!;
    assert.equal(checkFix(text, 'initscript', p.code, 'line', path).split('\n')[3], `\t# sysv-ha-disable-next-line ${p.code}`);
  });

  it('haresources: not inside a \\ continued group (a # would cut the rest of it)', () => {
    const text = '# groups\nnode1 IPaddr::10.0.0.1/33 \\\n  IPaddr::10.0.0.2/44\nnode1 IPaddr::10.0.0.9/55\n';
    const a = analyze(text, 'haresources');
    const second = a.problems.find((p) => p.range.start.line === 2)!;
    assert.deepEqual(titles(a, second), ['Disable CODE for this file']);
    const first = a.problems.find((p) => p.range.start.line === 1)!;
    assert.deepEqual(titles(a, first), ['Disable CODE for this line', 'Disable CODE for this file']);
    checkFix(text, 'haresources', first.code, 'file');
    checkFix(text, 'haresources', first.code, 'line', undefined, 1);
  });

  it('ha.cf, authkeys, xinetd: line and file', () => {
    const hacf = 'keepalive 2\ndeadtime 1\nnode a\nbcast eth0\n';
    checkFix(hacf, 'hacf', 'hacf/deadtime-too-small', 'line');
    // On line 1 (often a finding about the whole file, which stays there): the file comment only.
    const a = analyze(hacf, 'hacf');
    assert.deepEqual(titles(a, a.problems.find((p) => p.range.start.line === 0)!), ['Disable CODE for this file']);
    const ak = '# keys\nauth 3\n1 crc\n';
    checkFix(ak, 'authkeys', firstCode(ak, 'authkeys'), 'line');
    const xi = 'service tftp\n{\n\tsocket_type = dgram\n\tprotocol = udp\n\twait = maybe\n\tuser = root\n\tserver = /usr/sbin/in.tftpd\n}\n';
    checkFix(xi, 'xinetd', firstCode(xi, 'xinetd'), 'line');
    checkFix(xi, 'xinetd', firstCode(xi, 'xinetd'), 'file');
  });
});

function firstCode(text: string, language: svc.LanguageId): string {
  const a = analyze(text, language);
  assert.ok(a.problems.length > 0, `a problem in ${text}`);
  return a.problems[0]!.code;
}
