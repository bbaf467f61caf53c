/** Checks across the scripts of one init.d, with related information pointing at the others. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { join } from 'node:path';
import { REPO } from '../helpers/golden';
import { memHost } from '../helpers/memHost';

const script = (provides: string, rs: string, extra = '') => `#!/bin/sh
### BEGIN INIT INFO
# Provides: ${provides}
# Required-Start: ${rs}
# Required-Stop:
# Default-Start: 2 3 4 5
# Default-Stop: 0 1 6
${extra}### END INIT INFO
case "$1" in
  start|stop|restart|force-reload|status) ;;
  *) exit 2 ;;
esac
`;

function check(files: Record<string, string>, path: string, profile: svc.Profile = 'auto') {
  const host = memHost(files);
  return svc.analyze({ path, text: files[path]!, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, profile }, host).problems;
}

describe('workspace checks between init scripts', () => {
  it('missing-dependency on the word, for a name no script provides', () => {
    // A whole image (sbin/init): only there is a name nothing provides really missing.
    const files = { '/r/sbin/init': '', '/r/etc/init.d/web': script('web', '$remote_fs db'), '/r/etc/init.d/cache': script('cache', '$remote_fs') };
    const p = check(files, '/r/etc/init.d/web');
    assert.deepEqual(p.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]), [['workspace/missing-dependency', 3, 29, 31]]);
    assert.equal(p[0]!.severity, 'error');
    assert.deepEqual(check({ ...files, '/r/etc/init.d/postgresql': script('db', '$remote_fs') }, '/r/etc/init.d/web'), []);
    // rhel: a warning, and a script's file name counts as what it provides.
    const rh = { '/r/bin/sh': '', '/r/etc/rc.d/init.d/web': script('web', 'db'), '/r/etc/rc.d/init.d/other': script('other', '') };
    assert.deepEqual(check(rh, '/r/etc/rc.d/init.d/web', 'rhel').map((x) => `${x.code}=${x.severity}`), ['workspace/missing-dependency=warning']);
    assert.deepEqual(check({ ...rh, '/r/etc/rc.d/init.d/db': '#!/bin/sh\n# chkconfig: 345 10 90\ncase "$1" in\n start|stop|restart|status) ;;\n *) exit 2;;\nesac\n' }, '/r/etc/rc.d/init.d/web', 'rhel').map((x) => x.code), []);
  });

  it('missing-dependency outside a whole image (a package\'s files, a repository) is information: another package may provide the name', () => {
    const files = { '/pkg/etc/init.d/web': script('web', '$remote_fs db'), '/pkg/etc/init.d/cache': script('cache', '$remote_fs') };
    const p = check(files, '/pkg/etc/init.d/web');
    assert.deepEqual(p.map((x) => `${x.code}=${x.severity}`), ['workspace/missing-dependency=information']);
    assert.match(p[0]!.message, /not provided in this folder/);
    assert.deepEqual(check(files, '/pkg/etc/init.d/web', 'rhel').map((x) => `${x.code}=${x.severity}`), ['workspace/missing-dependency=information']);
  });

  it('missing-dependency in Required-Stop says what insserv 1.24 does: nothing (it checks start requirements only)', () => {
    const files = { '/r/etc/init.d/web': script('web', '$remote_fs').replace('# Required-Stop:', '# Required-Stop: db'), '/r/etc/init.d/cache': script('cache', '$remote_fs') };
    const p = check({ ...files, '/r/sbin/init': '' }, '/r/etc/init.d/web');
    assert.deepEqual(p.map((x) => [x.code, x.range.start.line, x.severity]), [['workspace/missing-dependency', 4, 'information']]);
    assert.match(p[0]!.message, /insserv 1\.24 says nothing and ignores the name/);
    assert.doesNotMatch(p[0]!.message, /insserv stops/);
    // The planner agrees: the tree is not refused for it.
    const tree = svc.boot.loadInitTree('/r', memHost(files))!;
    assert.deepEqual(svc.boot.planInsserv(tree).errors.filter((e) => /has to be enabled/.test(e.message)), []);
  });

  it('dependency-loop on every script of the cycle, with the others as related information', () => {
    const files = {
      '/r/etc/init.d/a': script('a', 'b'),
      '/r/etc/init.d/b': script('b', 'c'),
      '/r/etc/init.d/c': script('c', 'a'),
    };
    for (const n of ['a', 'b', 'c']) {
      const p = check(files, `/r/etc/init.d/${n}`);
      assert.deepEqual(p.map((x) => x.code), ['workspace/dependency-loop'], n);
      assert.equal(p[0]!.range.start.line, 3);
      assert.equal(p[0]!.related!.length, 2);
    }
    assert.match(check(files, '/r/etc/init.d/a')[0]!.message, /a → b → c → a/);
    // X-Start-Before agrees with Required-Start here (b before a)…
    const xs = { '/r/etc/init.d/a': script('a', 'b'), '/r/etc/init.d/b': script('b', '', '# X-Start-Before: a\n') };
    assert.deepEqual(check(xs, '/r/etc/init.d/a').map((x) => x.code), []);
    // …and closes a loop when it contradicts it.
    const loop = { '/r/etc/init.d/a': script('a', 'b', '# X-Start-Before: b\n'), '/r/etc/init.d/b': script('b', '') };
    assert.deepEqual(check(loop, '/r/etc/init.d/a').map((x) => x.code), ['workspace/dependency-loop']);
  });

  it('dependency-loop only on the scripts of a loop: not on those that lead into one or depend on themselves, through facilities too', () => {
    const files = {
      '/r/etc/insserv.conf': '$web f\n',
      '/r/etc/init.d/x': script('x', 'a'),
      '/r/etc/init.d/a': script('a', 'b'),
      '/r/etc/init.d/b': script('b', 'a'),
      '/r/etc/init.d/c': script('c', 'd'),
      '/r/etc/init.d/d': script('d', ''),
      '/r/etc/init.d/f': script('f', 'g'),
      '/r/etc/init.d/g': script('g', '', '# Should-Start: $web\n'),
      '/r/etc/init.d/s': script('s', 's'),
    };
    const codes = Object.fromEntries(Object.keys(files).filter((p) => p.includes('/init.d/')).map((p) => [p.slice(p.lastIndexOf('/') + 1), check(files, p).map((x) => x.code)]));
    const loop = ['workspace/dependency-loop'];
    assert.deepEqual(codes, { x: [], a: loop, b: loop, c: [], d: [], f: loop, g: loop, s: [] });
    assert.match(check(files, '/r/etc/init.d/a')[0]!.message, /: a → b → a\./);
    assert.match(check(files, '/r/etc/init.d/g')[0]!.message, /: g → \$web \(f\) → g\./);
  });

  it('duplicate-provides on the later script (C-locale order)', () => {
    const files = { '/r/etc/init.d/mta-a': script('mail-transport-agent', ''), '/r/etc/init.d/mta-b': script('mail-transport-agent', '') };
    assert.deepEqual(check(files, '/r/etc/init.d/mta-a'), []);
    const p = check(files, '/r/etc/init.d/mta-b');
    assert.deepEqual(p.map((x) => x.code), ['workspace/duplicate-provides']);
    assert.equal(p[0]!.related![0]!.path, '/r/etc/init.d/mta-a');
  });

  it('off for BusyBox trees', () => {
    const files = { '/r/etc/init.d/S50web': script('web', 'db') };
    assert.deepEqual(check(files, '/r/etc/init.d/S50web'), []);
  });
});

describe('haresources resources that are init scripts', () => {
  it('resource-script-no-status when the script has no status branch', async () => {
    await svc.initialize({ wasmDir: join(REPO, 'dist') });
    const noStatus = '#!/bin/sh\ncase "$1" in\n  start|stop|restart) ;;\n  *) exit 2 ;;\nesac\n';
    const files: Record<string, string> = {
      '/r/etc/ha.d/ha.cf': 'bcast eth0\nnode n1\nnode n2\nauto_failback on\n',
      '/r/etc/ha.d/authkeys': 'auth 1\n1 sha1 secret\n',
      '/r/etc/ha.d/haresources': 'n1 web db\n',
      '/r/etc/init.d/web': noStatus,
      '/r/etc/init.d/db': noStatus.replace('restart)', 'restart) ;;\n  status) echo "db is running"'),
    };
    const host = memHost(files, { '/r/etc/ha.d/authkeys': 0o600 });
    const p = svc.analyze({ path: '/r/etc/ha.d/haresources', text: files['/r/etc/ha.d/haresources']!, language: 'haresources' }, svc.DEFAULT_SETTINGS, host).problems;
    assert.deepEqual(p.map((x) => [x.code, x.range.start.character, x.range.end.character]), [['workspace/resource-script-no-status', 3, 6]]);
    assert.equal(p[0]!.related![0]!.path, '/r/etc/init.d/web');
  });
});

describe('what a resource init script prints for status', () => {
  const script = (status: string, extra = '') => `#!/bin/sh\n${extra}case "$1" in\n  start|stop|restart) ;;\n  status) ${status} ;;\n  *) exit 2 ;;\nesac\n`;
  const run = (web: string, haresources = 'n1 web\n') => {
    const files: Record<string, string> = {
      '/r/etc/ha.d/ha.cf': 'bcast eth0\nnode n1\nnode n2\nauto_failback on\n',
      '/r/etc/ha.d/authkeys': 'auth 1\n1 sha1 secret\n',
      '/r/etc/ha.d/haresources': haresources,
      '/r/etc/init.d/web': web,
    };
    const host = memHost(files, { '/r/etc/ha.d/authkeys': 0o600 });
    return svc.analyze({ path: '/r/etc/ha.d/haresources', text: haresources, language: 'haresources' }, svc.DEFAULT_SETTINGS, host).problems;
  };
  const codes = (web: string, haresources?: string) => run(web, haresources).map((p) => p.code);

  it('workspace/resource-status-output when the whole status path prints neither running nor OK', async () => {
    await svc.initialize({ wasmDir: join(REPO, 'dist') });
    const p = run(script('exit 0'));
    assert.deepEqual(p.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character, x.severity]), [['workspace/resource-status-output', 0, 3, 6, 'warning']]);
    assert.deepEqual(p[0]!.related!.map((r) => [r.path, r.range.start.line]), [['/r/etc/init.d/web', 3]]);
    assert.deepEqual(codes(script('echo "status not supported"; exit 3')), ['workspace/resource-status-output']);
    assert.deepEqual(codes(script('')), ['workspace/resource-status-output']);
    // The script's own function, followed.
    assert.deepEqual(codes(script('check', 'check() {\n  [ -f /var/run/web.pid ] || return 3\n  return 0\n}\n')), ['workspace/resource-status-output']);
    // The same branch ended by ;; (not a fall-through).
    assert.deepEqual(codes('#!/bin/bash\ncase "$1" in\n  status) exit 0 ;;\n  start) echo running ;;\nesac\n'), ['workspace/resource-status-output']);
    // The commands after the case run too.
    assert.deepEqual(codes(`${script('RETVAL=0')}exit $RETVAL\n`), ['workspace/resource-status-output']);
  });

  it('nothing when it prints running/OK, or when what it prints cannot be seen', async () => {
    await svc.initialize({ wasmDir: join(REPO, 'dist') });
    const quiet: [string, string][] = [
      ['prints running', script('echo "web is running"')],
      ['prints OK', script("printf 'OK\\n'")],
      ['not running counts as printing it', script('echo "web is not running"; exit 3')],
      ['a dynamic echo', script('echo "$NAME: $STATE"')],
      ['the Red Hat helper', script('status -p /var/run/web.pid web')],
      ['the LSB helper', script('status_of_proc "$DAEMON" "$NAME" && exit 0 || exit $?')],
      ['pidofproc', script('pidofproc /usr/sbin/web')],
      ['the daemon itself', script('$DAEMON status')],
      ['ps', script('ps -C web')],
      ['a function calling a helper', script('rh_status', 'rh_status() {\n  status web\n}\n')],
      ['a function the script does not define', script('my_status')],
      ['output after the case', `${script('')}echo OK\n`],
      ['a sourced file after the case', `${script('')}. /etc/web/status.sh\n`],
      ['a fall-through branch', '#!/bin/bash\ncase "$1" in\n  status) exit 0 ;&\n  start) echo running ;;\nesac\n'],
      ['a dispatcher in a function', '#!/bin/sh\nmain() {\n  case "$1" in\n    start|stop) ;;\n    status) exit 0 ;;\n  esac\n}\nmain "$@"\n'],
      ['a syntax error', `${script('exit 0')}if then fi\n`],
      ['no status branch (resource-script-no-status instead)', '#!/bin/sh\ncase "$1" in\n  start|stop) ;;\nesac\n'],
    ];
    for (const [why, web] of quiet) assert.ok(!codes(web).includes('workspace/resource-status-output'), why);
    assert.deepEqual(codes('#!/bin/sh\ncase "$1" in\n  start|stop) ;;\nesac\n'), ['workspace/resource-script-no-status']);
    // With arguments the script's $1 is the argument, not the action.
    // (pacemaker/init-script-args is the migration's advice about the arguments, not about status.)
    assert.deepEqual(codes(script('exit 0'), 'n1 web::a\n').filter((c) => !c.startsWith('pacemaker/')), []);
  });
});

describe('one folder per node', () => {
  it('workspace/haresources-differs on the first differing line, pointing at the other copy', () => {
    const hacf = 'bcast eth0\nnode n1\nnode n2\nauto_failback on\n';
    const files: Record<string, string> = {
      '/ws/node1/etc/ha.d/ha.cf': hacf,
      '/ws/node2/etc/ha.d/ha.cf': hacf,
      '/ws/node1/etc/ha.d/haresources': '# the web group\nn1 192.168.1.10/24/eth0\n',
      '/ws/node2/etc/ha.d/haresources': 'n1 192.168.1.11/24/eth0   # typo on node2\n',
    };
    const host = memHost(files);
    const run = (p: string) => svc.analyze({ path: p, text: files[p]!, language: 'haresources' }, svc.DEFAULT_SETTINGS, host).problems.filter((x) => x.code.startsWith('workspace/'));
    const one = run('/ws/node1/etc/ha.d/haresources');
    assert.deepEqual(one.map((x) => [x.code, x.range.start.line]), [['workspace/haresources-differs', 1]]);
    assert.equal(one[0]!.related![0]!.path, '/ws/node2/etc/ha.d/haresources');
    assert.equal(run('/ws/node2/etc/ha.d/haresources').length, 1);
    const same: Record<string, string> = { ...files, '/ws/node2/etc/ha.d/haresources': 'n1 192.168.1.10/24/eth0\n' };
    assert.deepEqual(svc.analyze({ path: '/ws/node1/etc/ha.d/haresources', text: same['/ws/node1/etc/ha.d/haresources']!, language: 'haresources' }, svc.DEFAULT_SETTINGS, memHost(same)).problems.filter((x) => x.code.startsWith('workspace/')), []);
  });
});

describe('links present and $all', () => {
  it('workspace/depends-on-all-indirectly on Debian trees', () => {
    const files = { '/r/etc/init.d/late': script('late', '$all'), '/r/etc/init.d/web': script('web', '$remote_fs late') };
    const p = check(files, '/r/etc/init.d/web', 'debian');
    assert.deepEqual(p.map((x) => x.code), ['workspace/depends-on-all-indirectly']);
    assert.equal(p[0]!.related![0]!.path, '/r/etc/init.d/late');
    assert.deepEqual(check(files, '/r/etc/init.d/web', 'rhel').map((x) => x.code).filter((c) => c.startsWith('workspace/')), []);
  });

  it('workspace/required-not-enabled when a required script misses some of the dependent\'s levels', () => {
    const withLevels = (provides: string, rs: string, start: string) => script(provides, rs).replace('# Default-Start: 2 3 4 5', `# Default-Start: ${start}`);
    const files = { '/r/etc/init.d/network': withLevels('network', '', '2 3 5'), '/r/etc/init.d/mysql': withLevels('mysql', '$remote_fs network', '2 3 4 5') };
    const p = check(files, '/r/etc/init.d/mysql', 'suse');
    assert.deepEqual(p.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character]), [['workspace/required-not-enabled', 'error', 3, 29]]);
    assert.match(p[0]!.message, /missed in the runlevels 4 to use service mysql/);
    assert.equal(p[0]!.related![0]!.path, '/r/etc/init.d/network');
    assert.equal(p[0]!.related![0]!.range.start.line, 5);
    // The same levels, a provider started at boot (S), a $facility, or Red Hat: nothing.
    assert.deepEqual(check({ ...files, '/r/etc/init.d/network': withLevels('network', '', '2 3 4 5') }, '/r/etc/init.d/mysql', 'debian'), []);
    assert.deepEqual(check({ ...files, '/r/etc/init.d/network': withLevels('network', '', 'S') }, '/r/etc/init.d/mysql', 'debian'), []);
    assert.deepEqual(check({ ...files, '/r/etc/init.d/mysql': withLevels('mysql', '$network', '2 3 4 5') }, '/r/etc/init.d/mysql', 'debian'), []);
    assert.deepEqual(check(files, '/r/etc/init.d/mysql', 'rhel').map((x) => x.code).filter((c) => c === 'workspace/required-not-enabled'), []);
    // A provider enabled nowhere.
    const none = check({ ...files, '/r/etc/init.d/network': withLevels('network', '', '') }, '/r/etc/init.d/mysql', 'debian');
    assert.deepEqual(none.map((x) => x.code), ['workspace/required-not-enabled']);
    assert.match(none[0]!.message, /has to be enabled/);
  });

  it('workspace/rc-link-mismatch when present links differ from the header\'s', () => {
    const rh = '#!/bin/sh\n# chkconfig: 345 40 60\ncase "$1" in\n start|stop|restart|status|force-reload) touch /var/lock/subsys/x; rm -f /var/lock/subsys/x ;;\n *) exit 2;;\nesac\n';
    const base = { '/r/etc/rc.d/init.d/x': rh };
    const links = (names: string[]) => Object.fromEntries(names.map((n) => [`/r/etc/rc.d/${n}`, '']));
    const all = ['rc0.d/K60x', 'rc1.d/K60x', 'rc2.d/K60x', 'rc3.d/S40x', 'rc4.d/S40x', 'rc5.d/S40x', 'rc6.d/K60x'];
    assert.deepEqual(check({ ...base, ...links(all) }, '/r/etc/rc.d/init.d/x', 'rhel'), []);
    assert.deepEqual(check(base, '/r/etc/rc.d/init.d/x', 'rhel'), [], 'not added yet: nothing to compare');
    // Only S or K, two ASCII digits and exactly the script's name are its links.
    const others = ['rc3.d/S40xy', 'rc3.d/s40x', 'rc3.d/S4x', 'rc3.d/Sa0x', 'rc3.d/S4\u0660x', 'rc3.d/S40', 'rc3.d/x', 'rc2.d/K60X'];
    assert.deepEqual(check({ ...base, ...links([...all, ...others]) }, '/r/etc/rc.d/init.d/x', 'rhel'), []);
    const extra = check({ ...base, ...links([...all, ...others, 'rc2.d/S99x']) }, '/r/etc/rc.d/init.d/x', 'rhel');
    assert.match(extra[0]!.message, /The rcN\.d links \(rc2\.d\/S99x\) differ/);
    const p = check({ ...base, ...links([...all.filter((l) => l !== 'rc3.d/S40x'), 'rc3.d/S20x']) }, '/r/etc/rc.d/init.d/x', 'rhel');
    assert.deepEqual(p.map((x) => [x.code, x.severity]), [['workspace/rc-link-mismatch', 'information']]);
    assert.match(p[0]!.message, /rc3\.d\/S20x/);
    assert.match(p[0]!.message, /rc3\.d\/S40x/);
  });
});
