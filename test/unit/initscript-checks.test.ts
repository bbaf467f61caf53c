import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { FsHost, shellSyntax } from '../../server/src/host/fsHost';
import { analyzeText, applyEdits, checkDiagnostics, coveredCodes, type CheckOptions } from '../helpers/fixture';
import { REPO } from '../helpers/golden';
import { DEB, RH } from '../helpers/initscripts';
import { SourceText } from '../../server/src/service/core/text';
import { chkconfigRejection, parseHeader } from '../../server/src/service/languages/initscript/header';
import { chkconfigRefusal } from '../../server/src/service/boot/planner';
import { scriptInfo } from '../../server/src/service/boot/scripts';

const RH_OPTS: CheckOptions = { language: 'initscript', path: '/etc/rc.d/init.d/foo' };
const DEB_OPTS: CheckOptions = { language: 'initscript', path: '/etc/init.d/bar' };

/** The base script with `line` replaced by `replacement` (which may carry caret lines). */
function edit(base: string, line: string, replacement: string): string {
  assert.ok(base.includes(line), `fixture base has no line ${JSON.stringify(line)}`);
  return base.replace(line, replacement);
}

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

describe('initscript: clean scripts', () => {
  it('a Red Hat script and a Debian script get no diagnostics', () => {
    const a = checkDiagnostics(RH, RH_OPTS);
    assert.equal(a.info.profile, 'rhel');
    const b = checkDiagnostics(DEB, DEB_OPTS);
    assert.equal(b.info.profile, 'debian');
  });
});

describe('initscript: chkconfig line', () => {
  it('chkconfig-invalid: too few values, bad level, bad priority, last line without newline', () => {
    checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# chkconfig: 345 40
  ^^^^^^^^^^^^^^^^^ initscript/chkconfig-invalid
`), RH_OPTS);
    checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# chkconfig: 3457 40 60
             ^^^^ initscript/chkconfig-invalid
`), RH_OPTS);
    checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# chkconfig: 345 100 60
                 ^^^ initscript/chkconfig-invalid
`), RH_OPTS);
    checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# chkconfig:
  ^^^^^^^^^^ initscript/chkconfig-invalid
`), RH_OPTS);
    checkDiagnostics('#!/bin/sh\n# chkconfig: - 40 60\n  ^^^^^^^^^^^^^^^^^^ initscript/chkconfig-invalid', { ...RH_OPTS, only: ['initscript/chkconfig-invalid'] });
    const a = analyzeText('#!/bin/sh\n# chkconfig: - 40 60', RH_OPTS);
    assert.ok(a.problems.some((p) => p.code === 'initscript/chkconfig-invalid' && /no newline/.test(p.message)));
    // Accepted forms: no blanks, indented, '-', leading zero, extra words.
    for (const line of ['#chkconfig:345 40 60', '  # chkconfig: 345 40 60', '# chkconfig: - 40 60', '# chkconfig: 2345 08 090', '# chkconfig: 345 40 60 extra']) {
      const b = analyzeText(edit(RH, '# chkconfig: 345 40 60', line), RH_OPTS);
      assert.ok(!b.problems.some((p) => p.code === 'initscript/chkconfig-invalid'), line);
    }
  });

  it('chkconfig-wrong-case, with a fix', () => {
    const a = checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# Chkconfig: 345 40 60
  ^^^^^^^^^^ initscript/chkconfig-wrong-case
`), RH_OPTS);
    assert.match(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), /# chkconfig: 345 40 60/);
  });

  it('duplicate-chkconfig on the second line', () => {
    checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# chkconfig: 345 40 60
# chkconfig: 2345 10 90
^^^^^^^^^^^^^^^^^^^^^^^ initscript/duplicate-chkconfig
`), RH_OPTS);
  });

  it('chkconfig-lsb-levels-differ names the levels chkconfig really uses; the fix aligns them', () => {
    const a = checkDiagnostics(edit(RH, '# chkconfig: 345 40 60\n', `# chkconfig: - 40 60
             ^ initscript/chkconfig-lsb-levels-differ
`), RH_OPTS);
    assert.match(a.problems[0]!.message, /enable it in 3, 4, 5/);
    const fixed = applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits);
    assert.deepEqual(analyzeText(fixed, RH_OPTS).problems, []);
    assert.match(fixed, /# Default-Start: \n/);
    // Off for Debian scripts.
    checkDiagnostics(edit(DEB, '### BEGIN INIT INFO', '# chkconfig: 2 20 80\n### BEGIN INIT INFO'), DEB_OPTS);
  });

  it('description-continuation when the next line is not a comment', () => {
    checkDiagnostics(edit(RH, '# description: Foo daemon.\n', `# description: Foo daemon \\
                          ^ initscript/description-continuation
`).replace('### BEGIN INIT INFO', 'true\n### BEGIN INIT INFO'), { ...RH_OPTS, only: ['initscript/description-continuation'] });
    checkDiagnostics(edit(RH, '# description: Foo daemon.\n', '# description: Foo daemon \\\n#              continued.\n'), RH_OPTS);
  });
});

describe('initscript: header presence', () => {
  it('no-header is an error on rhel, a warning elsewhere, off on busybox; the fix adds one', () => {
    const bare = '#!/bin/sh\n. /etc/rc.d/init.d/functions\ncase "$1" in\n  start) touch /var/lock/subsys/foo ;;\n  stop) rm -f /var/lock/subsys/foo ;;\n  restart|force-reload) ;;\n  status) ;;\n  *) exit 2 ;;\nesac\n';
    const a = checkDiagnostics(`${bare.replace('#!/bin/sh\n', `#!/bin/sh
^^^^^^^^^ initscript/no-header
`)}`, RH_OPTS);
    assert.equal(a.problems[0]!.severity, 'error');
    const fixed = applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits);
    assert.ok(!analyzeText(fixed, RH_OPTS).problems.some((p) => p.code === 'initscript/no-header'));
    assert.equal(analyzeText('#!/bin/sh\necho\n', { language: 'initscript', path: '/etc/init.d/x' }).problems[0]!.severity, 'warning');
    assert.deepEqual(analyzeText('#!/bin/sh\necho\n', { language: 'initscript', path: '/etc/init.d/S50x' }).problems, []);
  });
});

describe('initscript: LSB block', () => {
  it('lsb-unterminated on the BEGIN line', () => {
    checkDiagnostics(edit(DEB, '### END INIT INFO\n', '').replace('### BEGIN INIT INFO\n', `### BEGIN INIT INFO
^^^^^^^^^^^^^^^^^^^ initscript/lsb-unterminated
`), DEB_OPTS);
  });

  it('lsb-duplicate-block on the later block', () => {
    checkDiagnostics(edit(DEB, '\nDAEMON=', `### BEGIN INIT INFO
^^^^^^^^^^^^^^^^^^^ initscript/lsb-duplicate-block
# Provides:          bar
# Required-Start:    $remote_fs
# Required-Stop:     $remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
### END INIT INFO

DAEMON=`), DEB_OPTS);
  });

  it('lsb-missing-keyword, one per keyword, on BEGIN; information on rhel', () => {
    checkDiagnostics(edit(DEB, '# Required-Stop:     $remote_fs $syslog\n', '').replace('# Default-Stop:      0 1 6\n', '').replace('### BEGIN INIT INFO\n', `### BEGIN INIT INFO
^^^^^^^^^^^^^^^^^^^ initscript/lsb-missing-keyword
^^^^^^^^^^^^^^^^^^^ initscript/lsb-missing-keyword
`), DEB_OPTS);
    const a = analyzeText(edit(RH, '# Default-Stop: 0 1 2 6\n', ''), RH_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/lsb-missing-keyword=information']);
  });

  it('lsb-bad-line: junk and non-comment lines; Description continuations are fine', () => {
    checkDiagnostics(edit(DEB, '# Short-Description: Bar daemon\n', `# Short-Description: Bar daemon
# this is not a keyword line
^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/lsb-bad-line
echo hi
^^^^^^^ initscript/lsb-bad-line
# Description: A long
#   description over
#\tthree lines.
#
`), DEB_OPTS);
  });

  it('lsb-keyword-format: no blank, letter case, blank before colon; the fix rewrites it', () => {
    const a = checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `#Default-Start:     2 3 4 5
^^^^^^^^^^^^^^^ initscript/lsb-keyword-format
`), DEB_OPTS);
    assert.match(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), /\n# Default-Start:     2 3 4 5\n/);
    checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# default-start:     2 3 4 5
^^^^^^^^^^^^^^^^ initscript/lsb-keyword-format
`), DEB_OPTS);
    checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start :    2 3 4 5
^^^^^^^^^^^^^^^^^ initscript/lsb-keyword-format
`), DEB_OPTS);
  });

  it('lsb-unknown-keyword with a did-you-mean fix; X- keywords are fine', () => {
    const a = checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Defalt-Start:     2 3 4 5
  ^^^^^^^^^^^^ initscript/lsb-unknown-keyword
^^^^^^^^^^^^^^^^^^^ initscript/lsb-missing-keyword
# X-Debian-Thing: yes
`).replace('### BEGIN INIT INFO\n', '### BEGIN INIT INFO\n^^^^^^^^^^^^^^^^^^^ initscript/lsb-missing-keyword\n').replace('^^^^^^^^^^^^^^^^^^^ initscript/lsb-missing-keyword\n# X-Debian', '# X-Debian'), DEB_OPTS);
    const fixed = applyEdits(a.src.text, a.problems.find((p) => p.code === 'initscript/lsb-unknown-keyword')!.fixes![0]!.edits);
    assert.deepEqual(analyzeText(fixed, DEB_OPTS).problems, []);
  });

  it('lsb-duplicate-keyword on the later one', () => {
    checkDiagnostics(edit(DEB, '# Short-Description: Bar daemon\n', `# Short-Description: Bar daemon
# Provides:          bar2
  ^^^^^^^^ initscript/lsb-duplicate-keyword
`), DEB_OPTS);
  });

  it('packed-runlevels and comma-in-list, with fixes', () => {
    const a = checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start:     2345
                     ^^^^ initscript/packed-runlevels
`), DEB_OPTS);
    assert.deepEqual(analyzeText(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), DEB_OPTS).problems, []);
    const b = checkDiagnostics(edit(DEB, '# Required-Start:    $remote_fs $syslog\n', `# Required-Start:    $remote_fs,$syslog
                     ^^^^^^^^^^^^^^^^^^ initscript/comma-in-list
`), DEB_OPTS);
    assert.deepEqual(analyzeText(applyEdits(b.src.text, b.problems[0]!.fixes![0]!.edits), DEB_OPTS).problems, []);
    checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start:     2,3,4,5
                     ^^^^^^^ initscript/comma-in-list
`), DEB_OPTS);
  });

  it('bad-runlevel: 7 is a warning, a letter is an error on Debian, S in Default-Stop', () => {
    const a = checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start:     2 3 4 5 7 B
                             ^ initscript/bad-runlevel
                               ^ initscript/bad-runlevel
`), DEB_OPTS);
    assert.deepEqual(a.problems.map((p) => p.severity), ['warning', 'error']);
    checkDiagnostics(edit(DEB, '# Default-Stop:      0 1 6\n', `# Default-Stop:      0 1 6 S
                           ^ initscript/bad-runlevel
`), DEB_OPTS);
    // SUSE accepts B (boot).
    checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', '# Default-Start:     B 3 5\n'), { ...DEB_OPTS, settings: { profile: 'suse' } });
  });

  it('runlevel-overlap on the Default-Stop line', () => {
    checkDiagnostics(edit(DEB, '# Default-Stop:      0 1 6\n', `# Default-Stop:      0 1 2 6
                     ^^^^^^^ initscript/runlevel-overlap
`), DEB_OPTS);
  });

  it('provides-facility on debian, off on rhel', () => {
    checkDiagnostics(edit(DEB, '# Provides:          bar\n', `# Provides:          bar $network
                         ^^^^^^^^ initscript/provides-facility
`), DEB_OPTS);
    checkDiagnostics(edit(RH, '# Provides: foo\n', '# Provides: foo $network\n'), RH_OPTS);
  });

  it('unknown-facility: error, warning on rhel; insserv.conf facilities of the image root count', () => {
    checkDiagnostics(edit(DEB, '# Required-Start:    $remote_fs $syslog\n', `# Required-Start:    $remote_fs $networking
                                ^^^^^^^^^^^ initscript/unknown-facility
`), DEB_OPTS);
    const a = analyzeText(edit(RH, '# Required-Start: $local_fs $network\n', '# Required-Start: $local_fs $networking\n'), RH_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/unknown-facility=warning']);
    const host: svc.WorkspaceHost = {
      readFile: (p) => (p === '/img/etc/insserv.conf' ? '$networking +networking\n$time hwclock\n' : undefined),
      stat: () => undefined,
      listDir: () => undefined,
    };
    const text = edit(DEB, '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $remote_fs $networking\n');
    assert.deepEqual(svc.analyze({ path: '/img/etc/init.d/bar', text, language: 'initscript' }, svc.DEFAULT_SETTINGS, host).problems, []);
  });

  it('x-interactive-value', () => {
    checkDiagnostics(edit(DEB, '# Short-Description: Bar daemon\n', `# Short-Description: Bar daemon
# X-Interactive:     yes
                     ^^^ initscript/x-interactive-value
`), DEB_OPTS);
    checkDiagnostics(edit(DEB, '# Short-Description: Bar daemon\n', '# Short-Description: Bar daemon\n# X-Interactive:     true\n'), DEB_OPTS);
  });
});

describe('initscript: the dispatcher', () => {
  it('missing-action, missing-status, missing-force-reload on the case line; fixes add branches', () => {
    const text = RH.replace('  restart|force-reload)\n\tstop\n\tstart\n\t;;\n', '').replace('  status)\n\tstatus -p /var/run/foo.pid food\n\t;;\n', '');
    const a = checkDiagnostics(text.replace('case "$1" in\n', `case "$1" in
^^^^^^^^^^^^ initscript/missing-action
^^^^^^^^^^^^ initscript/missing-status
^^^^^^^^^^^^ initscript/missing-force-reload
`), RH_OPTS);
    let fixed = a.src.text;
    for (const code of ['initscript/missing-action', 'initscript/missing-status', 'initscript/missing-force-reload']) {
      const cur = analyzeText(fixed, RH_OPTS);
      fixed = applyEdits(fixed, cur.problems.find((p) => p.code === code)!.fixes![0]!.edits);
    }
    assert.deepEqual(analyzeText(fixed, RH_OPTS).problems.map((p) => p.code), []);
    // A glob pattern counts; the catch-all does not.
    checkDiagnostics(RH.replace('  stop)', '  *stop)'), RH_OPTS);
  });

  it('busybox needs only start and stop', () => {
    checkDiagnostics('#!/bin/sh\ncase "$1" in\n  start) echo ;;\n  stop) echo ;;\n  *) exit 1 ;;\nesac\n', { language: 'initscript', path: '/etc/init.d/S50foo' });
  });

  it('no-default-branch, with a usage-branch fix', () => {
    const a = checkDiagnostics(RH.replace('  *)\n\techo "Usage: $0 {start|stop|restart|force-reload|status}"\n\texit 2\n', '').replace('case "$1" in\n', `case "$1" in
^^^^^^^^^^^^ initscript/no-default-branch
`), RH_OPTS);
    assert.deepEqual(analyzeText(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), RH_OPTS).problems, []);
  });

  it('usage-exit-zero, with a fix', () => {
    const a = checkDiagnostics(edit(RH, '\texit 2\n', `\texit 0
\t^^^^^^ initscript/usage-exit-zero
`), RH_OPTS);
    assert.deepEqual(analyzeText(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), RH_OPTS).problems, []);
  });

  it('bad-exit-code: above 255 anywhere, 8-99 in an action, 5-99 in status', () => {
    checkDiagnostics(edit(RH, '\tstatus -p /var/run/foo.pid food\n', `\tstatus -p /var/run/foo.pid food || exit 5
\t                                   ^^^^^^ initscript/bad-exit-code
`), RH_OPTS);
    checkDiagnostics(edit(RH, '  start)\n\tstart\n', `  start)
\tstart || exit 42
\t         ^^^^^^^ initscript/bad-exit-code
`), RH_OPTS);
    checkDiagnostics(edit(RH, 'prog=foo\n', `prog=foo
[ -x /usr/sbin/food ] || exit 256
                         ^^^^^^^^ initscript/bad-exit-code
`), RH_OPTS);
    checkDiagnostics(edit(RH, '  start)\n\tstart\n', '  start)\n\tstart || exit 7\n'), RH_OPTS);
  });

  it('scripts under /lib/init/init-d-script implement every action', () => {
    checkDiagnostics('#!/bin/sh /lib/init/init-d-script\n### BEGIN INIT INFO\n# Provides: x\n# Required-Start: $syslog\n# Required-Stop: $syslog\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\nDAEMON=/usr/sbin/x\ncase "$1" in\n  reload) ;;\nesac\n', DEB_OPTS);
  });
});

describe('initscript: Red Hat subsys lock', () => {
  it('subsys-lock-missing on the start branch', () => {
    checkDiagnostics(RH.replace('lockfile=/var/lock/subsys/$prog\n', 'lockfile=/var/run/foo.lock\n').replace('  start)', `  start)
  ^^^^^ initscript/subsys-lock-missing`), RH_OPTS);
  });

  it('subsys-lock-name after resolving assignments, with a fix', () => {
    const a = checkDiagnostics(RH.replace('prog=foo\n', 'prog=food\n').replace('\t[ $RETVAL -eq 0 ] && touch $lockfile\n', `\t[ $RETVAL -eq 0 ] && touch $lockfile
\t                           ^^^^^^^^^ initscript/subsys-lock-name
`), RH_OPTS);
    assert.equal(a.problems[0]!.fixes, undefined, 'no certain fix through a variable');
    const b = checkDiagnostics(RH.replace('\t[ $RETVAL -eq 0 ] && touch $lockfile\n', `\t[ $RETVAL -eq 0 ] && touch /var/lock/subsys/food
\t                           ^^^^^^^^^^^^^^^^^^^^^ initscript/subsys-lock-name
`), RH_OPTS);
    assert.deepEqual(analyzeText(applyEdits(b.src.text, b.problems[0]!.fixes![0]!.edits), RH_OPTS).problems, []);
    checkDiagnostics(RH.replace('lockfile=/var/lock/subsys/$prog', 'lockfile=${LOCKFILE-/var/lock/subsys/foo}'), RH_OPTS);
    checkDiagnostics(RH.replace('prog=foo', 'prog=$(basename $0)'), RH_OPTS);
  });

  it('subsys-lock-not-removed', () => {
    checkDiagnostics(RH.replace('\t[ $RETVAL -eq 0 ] && rm -f $lockfile\n', '').replace('\t[ $RETVAL -eq 0 ] && touch $lockfile\n', `\t[ $RETVAL -eq 0 ] && touch $lockfile
\t                           ^^^^^^^^^ initscript/subsys-lock-not-removed
`), RH_OPTS);
  });

  it('not on Debian scripts', () => {
    checkDiagnostics(DEB, DEB_OPTS);
  });
});

describe('initscript: functions library calls', () => {
  it('status-option-order', () => {
    checkDiagnostics(edit(RH, '\tstatus -p /var/run/foo.pid food\n', `\tstatus -l foo -p /var/run/foo.pid food
\t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/status-option-order
`), RH_OPTS);
    checkDiagnostics(edit(RH, '\tstatus -p /var/run/foo.pid food\n', `\tstatus food -p /var/run/foo.pid
\t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/status-option-order
`), RH_OPTS);
    checkDiagnostics(edit(RH, '\tstatus -p /var/run/foo.pid food\n', '\tstatus -p /var/run/foo.pid -l foo food\n'), RH_OPTS);
  });

  it('killproc-option-order: after the program, out of order, -b without -p; a signal after the program is fine', () => {
    checkDiagnostics(edit(RH, '\tkillproc -p /var/run/foo.pid /usr/sbin/food\n', `\tkillproc /usr/sbin/food -p /var/run/foo.pid
\t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/killproc-option-order
`), RH_OPTS);
    checkDiagnostics(edit(RH, '\tkillproc -p /var/run/foo.pid /usr/sbin/food\n', `\tkillproc -d 10 -p /var/run/foo.pid /usr/sbin/food
\t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/killproc-option-order
`), RH_OPTS);
    checkDiagnostics(edit(RH, '\tkillproc -p /var/run/foo.pid /usr/sbin/food\n', `\tkillproc -b /usr/sbin/food food
\t^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/killproc-option-order
`), RH_OPTS);
    checkDiagnostics(edit(RH, '\tkillproc -p /var/run/foo.pid /usr/sbin/food\n', '\tkillproc -p /var/run/foo.pid -d 10 /usr/sbin/food -HUP\n'), RH_OPTS);
  });

  it('daemon-unknown-option; a function the script defines itself is not checked', () => {
    checkDiagnostics(edit(RH, '\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food\n', `\tdaemon --name foo /usr/sbin/food
\t       ^^^^^^ initscript/daemon-unknown-option
`), RH_OPTS);
    checkDiagnostics(edit(RH, '\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food\n', '\tdaemon --user nobody --check food -5 /usr/sbin/food --foreground\n'), RH_OPTS);
    checkDiagnostics(edit(RH, 'start() {\n', 'daemon() { "$@"; }\nstart() {\n').replace('--pidfile=/var/run/foo.pid', '--weird'), RH_OPTS);
  });
});

describe('initscript: file name and mode', () => {
  it('init-suffix and ignored-name on line 1; nothing else for an ignored name', () => {
    checkDiagnostics(RH.replace('#!/bin/bash\n', `#!/bin/bash
^^^^^^^^^^^ initscript/init-suffix
`).replace(/\$prog/g, 'foo.init'), { language: 'initscript', path: '/etc/rc.d/init.d/foo.init' });
    checkDiagnostics(`#!/bin/sh
^^^^^^^^^ initscript/ignored-name
# chkconfig: bad
`, { language: 'initscript', path: '/etc/init.d/foo.rpmsave' });
    for (const name of ['foo~', '.foo', 'foo.dpkg-old', '_foo', 'foo.bak']) {
      assert.deepEqual(analyzeText('#!/bin/sh\n', { language: 'initscript', path: `/etc/init.d/${name}` }).problems.map((p) => p.code), ['initscript/ignored-name'], name);
    }
  });

  it('not-executable from the host file mode, unless sysvHa.checkFileModes is off', () => {
    const host = (mode: number | undefined): svc.WorkspaceHost => ({ readFile: () => undefined, stat: () => ({ isFile: true, isDirectory: false, mode, size: 1 }), listDir: () => undefined });
    const run = (mode: number | undefined, checkFileModes = true) => svc.analyze({ path: '/etc/rc.d/init.d/foo', text: RH, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, checkFileModes }, host(mode)).problems.map((p) => p.code);
    assert.deepEqual(run(0o644), ['initscript/not-executable']);
    coveredCodes.add('initscript/not-executable');
    assert.deepEqual(run(0o755), []);
    assert.deepEqual(run(undefined), []);
    assert.deepEqual(run(0o644, false), []);
  });
});

describe('initscript: sourcing and shell', () => {
  it('set-e-init-functions: set -e before the library, or a -e shebang', () => {
    checkDiagnostics(edit(DEB, 'DAEMON=/usr/sbin/bard\n', `set -e
^^^^^^ initscript/set-e-init-functions
DAEMON=/usr/sbin/bard
`), DEB_OPTS);
    checkDiagnostics(DEB.replace('#!/bin/sh\n', `#!/bin/sh -e
^^^^^^^^^^^^ initscript/set-e-init-functions
`), DEB_OPTS);
    checkDiagnostics(edit(DEB, 'case "$1" in', 'set -e\ncase "$1" in'), DEB_OPTS);
  });

  it('unguarded-source of the script\'s own defaults file, with a fix', () => {
    const a = checkDiagnostics(edit(DEB, '[ -r /etc/default/$NAME ] && . /etc/default/$NAME\n', `. /etc/default/bar
^^^^^^^^^^^^^^^^^^ initscript/unguarded-source
`), DEB_OPTS);
    assert.deepEqual(analyzeText(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), DEB_OPTS).problems, []);
    checkDiagnostics(edit(DEB, '[ -r /etc/default/$NAME ] && . /etc/default/$NAME\n', 'if [ -f /etc/default/bar ]; then\n\t. /etc/default/bar\nfi\n. /etc/default/rcS\n'), DEB_OPTS);
  });

  it('syntax-error only when the shell confirms it, at the line it names', () => {
    const host = new FsHost();
    const broken = edit(RH, '  stop)\n', '  stop)\n\tif true; then\n');
    const a = svc.analyze({ path: '/etc/rc.d/init.d/foo', text: broken, language: 'initscript' }, svc.DEFAULT_SETTINGS, host);
    const syntax = a.problems.filter((p) => p.code === 'initscript/syntax-error');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0]!.severity, 'error');
    coveredCodes.add('initscript/syntax-error');
    // bash accepts what tree-sitter-bash rejects (errata 9: the <> redirection).
    const valid = edit(RH, 'prog=foo\n', 'prog=foo\nexec 0<> /dev/console 1>&0 2>&0\n');
    const b = svc.analyze({ path: '/etc/rc.d/init.d/foo', text: valid, language: 'initscript' }, svc.DEFAULT_SETTINGS, host);
    assert.deepEqual(b.problems.filter((p) => p.code === 'initscript/syntax-error'), []);
    // Without a host to ask, a candidate is only a warning.
    const c = analyzeText(broken, RH_OPTS);
    assert.deepEqual(c.problems.filter((p) => p.code === 'initscript/syntax-error').map((p) => p.severity), ['warning']);
  });

  it('a long script with an early syntax error: the shell stops reading (EPIPE) and its verdict still counts', async () => {
    const text = `#!/bin/sh\n# ${process.pid} ${Date.now()}\nif true; then\n;;\n${'echo some text to make the script long\n'.repeat(20000)}`;
    const v = shellSyntax('sh', text);
    assert.equal(v?.ok, false);
    assert.equal(v && v.ok === false ? v.line : -1, 3);
  });

  it('in the server\'s background mode: pending while typing, one shell run for the latest text after a pause', async () => {
    const settled: string[] = [];
    const host = new FsHost(undefined, { delayMs: 30, onSettled: (p) => settled.push(p) });
    const path = '/etc/rc.d/init.d/foo';
    // Texts no earlier test has checked (verdicts are cached by text).
    const unique = `# ${process.pid} ${Date.now()}\n`;
    const run = (text: string) => svc.analyze({ path, text: text + unique, language: 'initscript' }, svc.DEFAULT_SETTINGS, host).problems.filter((p) => p.code === 'initscript/syntax-error');
    // Each keystroke's text: nothing reported yet, and only the last one is checked.
    for (const tail of ['\tif', '\tif true', '\tif true; then']) assert.deepEqual(run(edit(RH, '  stop)\n', `  stop)\n${tail}\n`)), []);
    assert.equal(host.shellPending(path), true);
    for (let i = 0; i < 200 && settled.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(settled, [path]);
    assert.equal(host.shellPending(path), false);
    assert.deepEqual(run(edit(RH, '  stop)\n', '  stop)\n\tif true; then\n')).map((p) => p.severity), ['error']);
    // The CLI's way (no background mode, or no path): the shell runs at once.
    assert.equal(new FsHost().shellSyntax('sh', 'if true; then\n', path)?.ok, false);
  });
});

describe('initscript: later header codes', () => {
  /** The Red Hat script without its chkconfig line, with these LSB levels. */
  const lsbOnly = (start: string, stop: string) => RH.replace('# chkconfig: 345 40 60\n', '').replace('# Default-Start: 3 4 5\n', `# Default-Start:${start}\n`).replace('# Default-Stop: 0 1 2 6\n', `# Default-Stop:${stop}\n`);

  it('no-chkconfig-levels: an LSB-only script whose levels give chkconfig no number (rhel only)', () => {
    const a = checkDiagnostics(lsbOnly(' S', '').replace('# Default-Start: S\n', `# Default-Start: S
  ^^^^^^^^^^^^^^^^ initscript/no-chkconfig-levels
`), RH_OPTS);
    assert.match(a.problems[0]!.message, /does not support chkconfig/);
    // Both empty: on the empty Default-Start (its keyword and colon).
    checkDiagnostics(lsbOnly('', '').replace('# Default-Start:\n', `# Default-Start:
  ^^^^^^^^^^^^^^ initscript/no-chkconfig-levels
`), RH_OPTS);
    // The same rule as the boot planner's.
    const h = parseHeader(new SourceText(lsbOnly(' S', '')));
    assert.equal(chkconfigRejection(h), 'no-levels');
    assert.match(chkconfigRefusal(scriptInfo('foo', '/etc/rc.d/init.d/foo', lsbOnly(' S', '')))!, /no Default-Start\/Default-Stop levels/);
  });

  it('the header is read from the text without making its line objects, the same with every line terminator', () => {
    const text = `${RH}\nfoo() {\n  echo hi\n}\n# Default-Stop: 3\n`;
    const src = new SourceText(text);
    const h = parseHeader(src);
    // Line objects for every line of a large script cost its first open (docs/performance.md, "Session 12, edit").
    assert.equal((src as unknown as { made?: unknown }).made, undefined);
    assert.ok(h.chkconfig && h.blocks.length === 1 && h.descriptions.length > 0);
    // The Default-Stop after the code is read too (chkconfig reads LSB keywords anywhere).
    assert.deepEqual(h.chkconfigLevels, [4, 5]);
    const plain = JSON.stringify(h);
    assert.equal(JSON.stringify(parseHeader(new SourceText(text.replace(/\n/g, '\r\n')))), plain);
    assert.equal(JSON.stringify(parseHeader(new SourceText(text.replace(/\n/g, '\r')))), plain);
    // The chkconfig line as the last line without a newline: rejected as chkconfig rejects it.
    const last = parseHeader(new SourceText('#!/bin/sh\n# chkconfig: 2345 10 90'));
    assert.match(last.chkconfigError!.reason, /last line/);
  });

  it('no-chkconfig-levels: not when a number is read, with a chkconfig line, off the rhel profile, or when the cause is reported already', () => {
    // A Default-Stop number makes the levels known (empty): chkconfig accepts the script (App. A).
    checkDiagnostics(lsbOnly(' S', ' 0 1 6'), RH_OPTS);
    checkDiagnostics(lsbOnly(' 3 4 5', ' 0 1 2 6'), RH_OPTS);
    // A chkconfig line sets the levels.
    checkDiagnostics(RH.replace('# Default-Start: 3 4 5\n', '# Default-Start: S\n').replace('# Default-Stop: 0 1 2 6\n', '# Default-Stop:\n'), { ...RH_OPTS, only: ['initscript/no-chkconfig-levels'] });
    // Off for Debian scripts (rcS scripts have only S).
    checkDiagnostics(edit(edit(DEB, '# Default-Start:     2 3 4 5\n', '# Default-Start:     S\n'), '# Default-Stop:      0 1 6\n', '# Default-Stop:\n'), DEB_OPTS);
    // A keyword chkconfig does not read is the cause: lsb-keyword-format says so.
    checkDiagnostics(lsbOnly(' 3 4 5', '').replace('# Default-Start: 3 4 5', '# default-start: 3 4 5'), { ...RH_OPTS, only: ['initscript/no-chkconfig-levels'] });
    // A wrong-case chkconfig line is the cause: chkconfig-wrong-case says so.
    checkDiagnostics(RH.replace('# chkconfig:', '# Chkconfig:').replace('# Default-Start: 3 4 5\n', '# Default-Start: S\n').replace('# Default-Stop: 0 1 2 6\n', '# Default-Stop:\n'), { ...RH_OPTS, only: ['initscript/no-chkconfig-levels'] });
  });

  it('start-in-halt-runlevel: 0 or 6 in Default-Start on debian, with a fix', () => {
    const text = edit(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start:     2 3 4 5 6
                             ^ initscript/start-in-halt-runlevel
`), '# Default-Stop:      0 1 6\n', '# Default-Stop:      1\n');
    const a = checkDiagnostics(text, DEB_OPTS);
    const fixed = applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits);
    assert.match(fixed, /# Default-Start: {5}2 3 4 5\n/);
    assert.deepEqual(analyzeText(fixed, DEB_OPTS).problems, []);
    checkDiagnostics(edit(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start:     0 2 3 4 5
                     ^ initscript/start-in-halt-runlevel
`), '# Default-Stop:      0 1 6\n', '# Default-Stop:      1\n'), DEB_OPTS);
    // Off on the other profiles.
    const halt = edit(edit(DEB, '# Default-Start:     2 3 4 5\n', '# Default-Start:     2 3 4 5 6\n'), '# Default-Stop:      0 1 6\n', '# Default-Stop:      1\n');
    checkDiagnostics(halt, { ...DEB_OPTS, settings: { profile: 'suse' } });
    const generic = analyzeText(halt.replace('. /lib/lsb/init-functions\n', '').replaceAll('start-stop-daemon', 'daemonize').replace(/^.*\/etc\/default\/.*\n/m, ''), DEB_OPTS);
    assert.equal(generic.info.profile, 'generic');
    assert.ok(!generic.problems.some((p) => p.code === 'initscript/start-in-halt-runlevel'));
  });

  it('non-virtual-facility: a script name where a facility exists, with fixes (debian)', () => {
    const a = checkDiagnostics(edit(DEB, '# Required-Start:    $remote_fs $syslog\n', `# Required-Start:    $remote_fs networking
                                ^^^^^^^^^^ initscript/non-virtual-facility
`), DEB_OPTS);
    assert.match(a.problems[0]!.message, /\$network\b/);
    const fixed = applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits);
    assert.match(fixed, /# Required-Start: {4}\$remote_fs \$network\n/);
    assert.deepEqual(analyzeText(fixed, DEB_OPTS).problems, []);
    // The facility is already there: the fix removes the name.
    const b = checkDiagnostics(DEB.replace('# Required-Stop:     $remote_fs $syslog\n', `# Required-Stop:     $remote_fs $syslog rsyslog
                                        ^^^^^^^ initscript/non-virtual-facility
# Should-Start:      bind9 hwclock portmap
                     ^^^^^ initscript/non-virtual-facility
                           ^^^^^^^ initscript/non-virtual-facility
                                   ^^^^^^^ initscript/non-virtual-facility
`), DEB_OPTS);
    const removed = applyEdits(b.src.text, b.problems.find((p) => p.message.includes("'rsyslog'"))!.fixes![0]!.edits);
    assert.match(removed, /# Required-Stop: {5}\$remote_fs \$syslog\n/);
  });

  it('non-virtual-facility: not for other names, not in Provides or X-Start-Before, off on other profiles', () => {
    checkDiagnostics(edit(DEB, '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $remote_fs $syslog checkroot network-manager\n# X-Start-Before:    networking\n'), DEB_OPTS);
    const named = edit(DEB, '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $remote_fs networking\n');
    for (const profile of ['rhel', 'suse'] as const) checkDiagnostics(named, { ...DEB_OPTS, settings: { profile }, only: ['initscript/non-virtual-facility'] });
    checkDiagnostics(named.replace('. /lib/lsb/init-functions\n', '').replaceAll('start-stop-daemon', 'daemonize').replace(/^.*\/etc\/default\/.*\n/m, ''), { ...DEB_OPTS, only: ['initscript/non-virtual-facility'] });
  });

  /** The Debian script with a pid file under /var. */
  const DEB_VAR = edit(DEB, 'NAME=bar\n', 'NAME=bar\nPIDFILE=/var/run/bar.pid\n');

  it('missing-local-fs-dependency: /var used, Required-Start/Stop without $local_fs (debian, suse), with a fix', () => {
    const a = checkDiagnostics(edit(DEB_VAR, '# Required-Start:    $remote_fs $syslog\n', `# Required-Start:    $syslog
  ^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/missing-local-fs-dependency
`), DEB_OPTS);
    assert.match(a.problems[0]!.message, /line 13/);
    const fixed = applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits);
    assert.match(fixed, /# Required-Start: {4}\$local_fs \$syslog\n/);
    assert.deepEqual(analyzeText(fixed, DEB_OPTS).problems, []);
    // Required-Stop too, and on suse.
    checkDiagnostics(edit(DEB_VAR, '# Required-Stop:     $remote_fs $syslog\n', `# Required-Stop:     $syslog
  ^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/missing-local-fs-dependency
`), { ...DEB_OPTS, settings: { profile: 'suse' } });
    // No Required-Stop line: on the BEGIN line, with lsb-missing-keyword.
    checkDiagnostics(edit(DEB_VAR, '### BEGIN INIT INFO\n# Provides:          bar\n', `### BEGIN INIT INFO
^^^^^^^^^^^^^^^^^^^ initscript/missing-local-fs-dependency
^^^^^^^^^^^^^^^^^^^ initscript/lsb-missing-keyword
# Provides:          bar
`).replace('# Required-Stop:     $remote_fs $syslog\n', ''), DEB_OPTS);
    // A /var path in a string, a redirection or an option counts.
    for (const use of ['echo "log in /var/log/bar"', 'echo x > /var/log/bar', 'bard --pidfile=/var/run/bar.pid']) {
      const p = analyzeText(edit(edit(DEB, 'NAME=bar\n', `NAME=bar\n${use}\n`), '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $syslog\n'), DEB_OPTS).problems;
      assert.deepEqual(p.map((x) => x.code), ['initscript/missing-local-fs-dependency'], use);
    }
  });

  it('missing-local-fs-dependency: not without /var, not with the facility, not for early-boot or fs scripts, off on rhel', () => {
    const noFs = (text: string) => edit(edit(text, '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $syslog\n'), '# Required-Stop:     $remote_fs $syslog\n', '# Required-Stop:     $syslog\n');
    // /var only in a comment, a here-document, or under another root.
    for (const use of ['# pid file: /var/run/bar.pid', 'cat <<EOF\n/var/run/bar.pid\nEOF', 'PIDFILE=$ROOT/var/run/bar.pid', 'PIDFILE=/run/bar.pid']) {
      checkDiagnostics(noFs(edit(DEB, 'NAME=bar\n', `NAME=bar\n${use}\n`)), DEB_OPTS);
    }
    // $local_fs, $all, or a Should- dependency; umountfs on the stop side.
    checkDiagnostics(edit(edit(DEB_VAR, '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $local_fs $syslog\n'), '# Required-Stop:     $remote_fs $syslog\n', '# Required-Stop:     umountfs\n'), DEB_OPTS);
    checkDiagnostics(edit(noFs(DEB_VAR), '# Default-Start:', '# Should-Start:      $local_fs\n# Should-Stop:       $remote_fs\n# Default-Start:'), DEB_OPTS);
    // No Default-Start/Stop levels: nothing to order.
    checkDiagnostics(edit(edit(noFs(DEB_VAR), '# Default-Start:     2 3 4 5\n', '# Default-Start:\n'), '# Default-Stop:      0 1 6\n', '# Default-Stop:\n'), DEB_OPTS);
    // Part of $local_fs itself, or an early-boot script that names only the scripts it follows.
    checkDiagnostics(edit(noFs(DEB_VAR), '# Provides:          bar', '# Provides:          mountall'), { ...DEB_OPTS, only: ['initscript/missing-local-fs-dependency'] });
    checkDiagnostics(edit(edit(edit(DEB_VAR, '# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    mountdevsubfs\n'), '# Default-Start:     2 3 4 5\n', '# Default-Start:     S\n'), '# Default-Stop:      0 1 6\n', '# Default-Stop:\n'), DEB_OPTS);
    // rhel and generic: off.
    checkDiagnostics(noFs(DEB_VAR), { ...DEB_OPTS, settings: { profile: 'rhel' }, only: ['initscript/missing-local-fs-dependency'] });
    const generic = analyzeText(noFs(DEB_VAR).replace('. /lib/lsb/init-functions\n', '').replaceAll('start-stop-daemon', 'daemonize').replace(/^.*\/etc\/default\/.*\n/m, ''), DEB_OPTS);
    assert.equal(generic.info.profile, 'generic');
    assert.ok(!generic.problems.some((p) => p.code === 'initscript/missing-local-fs-dependency'));
  });
});

describe('initscript: codes of the project (failing and passing fixtures; more in initscript-precision.test.ts)', () => {
  it('daemon-foreground', () => {
    checkDiagnostics(edit(RH, '\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food\n', `\tdaemon sleep 120
\t       ^^^^^ initscript/daemon-foreground
`), RH_OPTS);
    checkDiagnostics(RH, RH_OPTS);
  });
  it('library-not-sourced', () => {
    checkDiagnostics(edit(RH, '. /etc/rc.d/init.d/functions\n', `action "Loading" modprobe foo
^^^^^^ initscript/library-not-sourced
. /etc/rc.d/init.d/functions
`), RH_OPTS);
  });
  it('pidfile-mismatch', () => {
    checkDiagnostics(edit(RH, '\tkillproc -p /var/run/foo.pid /usr/sbin/food\n', `\tkillproc -p /var/run/food.pid /usr/sbin/food
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/pidfile-mismatch
`), RH_OPTS);
  });
  it('template', () => {
    checkDiagnostics(edit(DEB, '# Default-Start:     2 3 4 5\n', `# Default-Start:     %%DEFAULTSTART%%
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ initscript/template
`), { language: 'initscript', path: '/src/debian/bar.init' });
    checkDiagnostics(DEB, { language: 'initscript', path: '/src/debian/bar.init' });
  });
});

after(() => {
  const missing = svc.allProblems().filter((d) => d.code.startsWith('initscript/') && !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});
