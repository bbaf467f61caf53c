// The systemd/... diagnostics: a failing and a passing fixture per code. Each behaviour was
// checked with the real systemd-sysv-generator 252 (Debian 12) on a scratch tree.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { checkDiagnostics, coveredCodes, type CheckOptions } from '../helpers/fixture';

const CODES = svc.allProblems().filter((d) => d.code.startsWith('systemd/')).map((d) => d.code);
const DEB: CheckOptions = { language: 'initscript', path: '/etc/init.d/foo', only: CODES };
const RH: CheckOptions = { language: 'initscript', path: '/etc/rc.d/init.d/foo', only: CODES };
const lsb = (lines: string) => `#!/bin/sh\n### BEGIN INIT INFO\n${lines}\n### END INIT INFO\n. /lib/lsb/init-functions\ncase "$1" in\n  start) : ;;\n  stop) : ;;\n  *) echo "Usage: $0 {start|stop}"; exit 2 ;;\nesac\n`;

/** An in-memory host with links (readLink) and modes. */
function host(files: Record<string, string>, links: Record<string, string> = {}): svc.WorkspaceHost {
  const dirs = new Set<string>(['/']);
  for (const p of [...Object.keys(files), ...Object.keys(links)]) for (let d = p.slice(0, p.lastIndexOf('/')); d; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
  const target = (p: string) => {
    const t = links[p];
    if (t === undefined) return p;
    return t.startsWith('/') ? t : `${p.slice(0, p.lastIndexOf('/'))}/${t}`.replace(/\/[^/]+\/\.\.\//, '/');
  };
  return {
    readFile: (p) => files[target(p)],
    stat: (p) => {
      const r = target(p);
      return r in files ? { isFile: true, isDirectory: false, mode: 0o755, size: files[r]!.length } : dirs.has(r) ? { isFile: false, isDirectory: true, size: 0 } : undefined;
    },
    listDir: (p) => {
      if (!dirs.has(p)) return undefined;
      const names = new Set<string>();
      for (const f of [...Object.keys(files), ...Object.keys(links), ...dirs]) if (f !== '/' && f.startsWith(`${p}/`)) names.add(f.slice(p.length + 1).split('/')[0]!);
      return [...names].sort();
    },
    readLink: (p) => links[p],
  };
}

function codesIn(path: string, files: Record<string, string>, links: Record<string, string> = {}, settings: Partial<svc.Settings> = {}): string[] {
  const a = svc.analyze({ path, text: files[path]!, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, ...settings }, host(files, links));
  for (const p of a.problems) assert.ok(!p.message.includes('\n'));
  return a.problems.filter((p) => p.code.startsWith('systemd/')).map((p) => p.code);
}

describe('systemd/ diagnostics', () => {
  it('systemd/invalid-unit-name: a script named @x stops the whole generator', () => {
    checkDiagnostics('#!/bin/sh\n^^^^^^^^^ systemd/invalid-unit-name\n# chkconfig: 2345 10 90\n', { ...RH, path: '/etc/rc.d/init.d/@x', settings: { systemdVersion: '252' } });
    checkDiagnostics('#!/bin/sh\n# chkconfig: 2345 10 90\n', { ...RH, path: '/etc/rc.d/init.d/x@y', settings: { systemdVersion: '252' } });
    // 219 appends .service to any name: RHEL 7 makes @x.service.
    checkDiagnostics('#!/bin/sh\n# chkconfig: 2345 10 90\n', { ...RH, path: '/etc/rc.d/init.d/@x' });
    checkDiagnostics(`#!/bin/sh\n^^^^^^^^^ systemd/invalid-unit-name\n`, { ...DEB, path: `/etc/init.d/${'x'.repeat(248)}` });
    checkDiagnostics(`#!/bin/sh\n`, { ...DEB, path: `/etc/init.d/${'x'.repeat(247)}` });
  });

  it('systemd/relative-pidfile: an absolute path is kept, a placeholder is a template', () => {
    checkDiagnostics('#!/bin/sh\n# chkconfig: 2345 10 90\n# pidfile: run/foo.pid\n           ^^^^^^^^^^^ systemd/relative-pidfile\n', RH);
    checkDiagnostics('#!/bin/sh\n# chkconfig: 2345 10 90\n# pidfile: /run/foo.pid\n', RH);
    checkDiagnostics('#!/bin/sh\n# chkconfig: 2345 10 90\n# pidfile: @localstatedir@/run/foo.pid\n', RH);
    checkDiagnostics('#!/bin/sh\n# chkconfig: 2345 10 90\n# pidfile: run/foo.pid\n', { ...RH, settings: { systemdVersion: 'off' } });
  });

  it('systemd/ignored-word: names systemd cannot build are dropped; commas are initscript/comma-in-list', () => {
    checkDiagnostics(lsb('# Provides: foo\n# Required-Start: $local_fs $foo@bar\n                            ^^^^^^^^ systemd/ignored-word\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6'), DEB);
    checkDiagnostics(lsb('# Provides: foo foo.socket\n                ^^^^^^^^^^ systemd/ignored-word\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6'), DEB);
    checkDiagnostics(lsb('# Provides: foo\n# Required-Start: $local_fs $remote_fs $network $all\n# Should-Start: /usr bar\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6'), DEB);
    checkDiagnostics(lsb('# Provides: foo\n# Required-Start: $local_fs,$remote_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6'), DEB);
    checkDiagnostics(lsb('# Provides: @@NAME@@\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6'), DEB);
  });

  it('systemd/native-unit: a native unit (or a mask) of the same name; information', () => {
    const s = lsb('# Provides: ntp\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6');
    assert.deepEqual(codesIn('/r/etc/init.d/ntp', { '/r/etc/init.d/ntp': s, '/r/lib/systemd/system/ntp.service': '[Unit]\n' }), ['systemd/native-unit']);
    assert.deepEqual(codesIn('/r/etc/init.d/ntp', { '/r/etc/init.d/ntp': s }, { '/r/etc/systemd/system/ntp.service': '/dev/null' }), ['systemd/native-unit']);
    assert.deepEqual(codesIn('/r/etc/init.d/ntp', { '/r/etc/init.d/ntp': s, '/r/lib/systemd/system/ntpsec.service': '[Unit]\n' }), []);
    assert.deepEqual(codesIn('/r/etc/init.d/ntp', { '/r/etc/init.d/ntp': s, '/r/lib/systemd/system/ntp.service': '[Unit]\n' }, {}, { systemdVersion: 'off' }), []);
    assert.equal(svc.problemDef('systemd/native-unit')?.severity, 'information');
    coveredCodes.add('systemd/native-unit');
  });

  it('systemd/alias-shadowed: a Provides name that is a native unit on the root', () => {
    const s = lsb('# Provides: mariadb mysql\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6');
    assert.deepEqual(codesIn('/r/etc/init.d/mariadb', { '/r/etc/init.d/mariadb': s, '/r/usr/lib/systemd/system/mysql.service': '[Unit]\n' }), ['systemd/alias-shadowed']);
    assert.deepEqual(codesIn('/r/etc/init.d/mariadb', { '/r/etc/init.d/mariadb': s }), []);
    // Not where the generator writes no alias: Debian's console-setup.sh provides console-setup.sh,
    // which is its own unit (console-setup.service, "an alias for itself" is ignored)...
    const sh = lsb('# Provides: console-setup.sh\n# Default-Start: S\n# Default-Stop:');
    assert.deepEqual(codesIn('/r/etc/init.d/console-setup.sh', { '/r/etc/init.d/console-setup.sh': sh, '/r/lib/systemd/system/console-setup.service': '[Unit]\n' }), ['systemd/native-unit']);
    // ...nor for a script it skips for its own native unit.
    assert.deepEqual(codesIn('/r/etc/init.d/mariadb', { '/r/etc/init.d/mariadb': s, '/r/lib/systemd/system/mariadb.service': '[Unit]\n', '/r/lib/systemd/system/mysql.service': '[Unit]\n' }), ['systemd/native-unit']);
    coveredCodes.add('systemd/alias-shadowed');
  });

});

after(() => {
  const missing = CODES.filter((c) => !coveredCodes.has(c));
  assert.deepEqual(missing, [], `systemd codes without a failing fixture: ${missing.join(', ')}`);
});
