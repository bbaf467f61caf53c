/**
 * Precision on Debian 12 packages sysv-ha had never seen (packages m–z, checked each as its own
 * root, every error and warning judged as ../shared/corpus-debian's were): each rule changed for
 * a false alarm or noise found there, with a failing and a passing fixture cut down to the
 * construct (not copies of the packages' files).
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText } from '../helpers/fixture';
import { REPO } from '../helpers/golden';
import { DEB } from '../helpers/initscripts';
import { memHost } from '../helpers/memHost';

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

const DEB_OPTS = { language: 'initscript' as const, path: '/etc/init.d/bar' };
const codes = (a: svc.Analysis) => a.problems.map((p) => `${p.range.start.line + 1}:${p.code}=${p.severity}`);

function inRoot(files: Record<string, string>, path: string) {
  return svc.analyze({ path, text: files[path]!, language: 'initscript' }, svc.DEFAULT_SETTINGS, memHost(files));
}

/** DEB with start, stop and status naming pid files (start-stop-daemon and status_of_proc). */
const withPids = (start: string, stop: string, status: string) => DEB
  .replace('\tstart-stop-daemon --start --quiet --oknodo --exec $DAEMON\n', `\tstart-stop-daemon --start --quiet --oknodo --pidfile ${start} --exec $DAEMON\n`)
  .replace('\tstart-stop-daemon --stop --quiet --oknodo --exec $DAEMON\n', `\tstart-stop-daemon --stop --quiet --oknodo --pidfile ${stop}\n`)
  .replace('\tstatus_of_proc $DAEMON $NAME\n', `\tstatus_of_proc -p ${status} $DAEMON $NAME\n`);

describe('initscript precision (m–z): pid files', () => {
  it('a real mismatch is still found', () => {
    const a = analyzeText(withPids('/run/bar.pid', '/run/bard.pid', '/run/bar.pid'), DEB_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/pidfile-mismatch=warning']);
  });

  it('/var/run/X and /run/X are one file (pimd: start /var/run, status /run)', () => {
    assert.deepEqual(codes(analyzeText(withPids('/var/run/bar.pid', '/run/bar.pid', '/run/bar.pid'), DEB_OPTS)), []);
    assert.deepEqual(codes(analyzeText(withPids('/run/lock/bar.pid', '/var/lock/bar.pid', '/run/lock/bar.pid'), DEB_OPTS)), []);
    // /var/runx is another folder.
    assert.deepEqual(analyzeText(withPids('/var/runx/bar.pid', '/run/bar.pid', '/run/bar.pid'), DEB_OPTS).problems.map((p) => p.code), ['initscript/pidfile-mismatch']);
  });

  it('the program\'s own options after -- do not make a start a stop (nslcd: k5start -K 60)', () => {
    // Two daemons: a helper started with its own pid file, whose program takes -K.
    const two = withPids('/run/bar.pid', '/run/bar.pid', '/run/bar.pid')
      .replace('case "$1" in\n  start)\n', `helper_start() {
	start-stop-daemon --start --pidfile /run/helper.pid --exec /usr/bin/helper -- -b -K 60
}
helper_stop() {
	start-stop-daemon --stop --pidfile /run/helper.pid
}
case "$1" in
  start)
	helper_start
`).replace('  stop)\n', '  stop)\n\thelper_stop\n');
    assert.deepEqual(codes(analyzeText(two, DEB_OPTS)), []);
    // The same script with the helper started under another pid file than it is stopped by.
    const wrong = two.replace('--start --pidfile /run/helper.pid', '--start --pidfile /run/helpers.pid');
    assert.deepEqual(analyzeText(wrong, DEB_OPTS).problems.map((p) => p.code), ['initscript/pidfile-mismatch']);
    // -K before -- is start-stop-daemon's own --stop: then nothing starts the helper's pid file.
    const stopByK = two.replace('--exec /usr/bin/helper -- -b -K 60', '-K --exec /usr/bin/helper');
    assert.deepEqual(analyzeText(stopByK, DEB_OPTS).problems.map((p) => p.code), ['initscript/pidfile-mismatch']);
  });

  it('a variable only functions assign, each its own value, is not resolved (psad: local pidfile in two functions)', () => {
    const psad = DEB.replace('case "$1" in\n', `is_running() {
	local pidfile="/run/bar/bar.pid"
	[ -r "$pidfile" ]
}
do_stop() {
	for p in bard barwatch; do
		pidfile="/run/bar/$p.pid"
		start-stop-daemon --stop --oknodo --pidfile "$pidfile"
	done
}
case "$1" in
`).replace('\tstart-stop-daemon --start --quiet --oknodo --exec $DAEMON\n', '\tstart-stop-daemon --start --quiet --pidfile /run/bar/bar --exec $DAEMON\n')
      .replace('\tstart-stop-daemon --stop --quiet --oknodo --exec $DAEMON\n', '\tdo_stop\n');
    assert.deepEqual(codes(analyzeText(psad, DEB_OPTS)), []);
    // One function's assignment alone still resolves: the mismatch is found.
    const one = psad.replace('\tlocal pidfile="/run/bar/bar.pid"\n', '').replace('pidfile="/run/bar/$p.pid"', 'pidfile="/run/bar/$NAME.pid"');
    assert.deepEqual(analyzeText(one, DEB_OPTS).problems.map((p) => p.code), ['initscript/pidfile-mismatch']);
    // A top-level assignment is the one used everywhere, as before.
    const top = one.replace('NAME=bar\n', 'NAME=bar\npidfile=/run/bar/bar.pid\n');
    assert.deepEqual(analyzeText(top, DEB_OPTS).problems.map((p) => p.code), ['initscript/pidfile-mismatch']);
  });
});

describe('initscript precision (m–z): usage-exit-zero', () => {
  const fallback = (body: string) => DEB.replace(/  \*\)\n[\s\S]*?\n\t;;\n/, `  *)\n${body}\t;;\n`);
  it('an exit 0 that runs on a condition of the *) branch is not the usage exit (setserial: *) starts)', () => {
    assert.deepEqual(codes(analyzeText(fallback('\taction=start\n\t[ -f /etc/bar.conf ] && exit 0\n'), DEB_OPTS)), []);
    assert.deepEqual(codes(analyzeText(fallback('\taction=start\n\ttest -f /etc/bar.conf || exit 0\n'), DEB_OPTS)), []);
  });
  it('the branch\'s own exit 0 is still one', () => {
    const a = analyzeText(fallback('\techo "Usage: $0 {start|stop}" >&2\n\texit 0\n'), DEB_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/usage-exit-zero=warning']);
  });
});

describe('initscript precision (m–z): profile of a multi-distribution script', () => {
  // pcp, rtirq, uruk, voms: a chkconfig line for Red Hat and an LSB header for insserv, no library
  // sourced by its literal path, a start that never creates /var/lock/subsys/NAME.
  const multi = `#!/bin/sh
# chkconfig: 2345 95 05
# description: Bar daemon
### BEGIN INIT INFO
# Provides:          bar
# Required-Start:    $remote_fs
# Required-Stop:     $remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Bar daemon
### END INIT INFO
case "$1" in
  start) /usr/sbin/bard ;;
  stop) pkill -x bard ;;
  restart|force-reload) $0 stop; $0 start ;;
  status) pgrep -x bard >/dev/null ;;
  *) echo "Usage: $0 {start|stop|restart|force-reload|status}" >&2; exit 2 ;;
esac
`;
  it('in etc/init.d of a root without etc/rc.d/init.d it is Debian\'s: no Red Hat subsys-lock warning', () => {
    const a = inRoot({ '/pkg/etc/init.d/bar': multi }, '/pkg/etc/init.d/bar');
    assert.equal(a.info.profile, 'debian');
    assert.match(a.info.reason, /insserv layout.*chkconfig line is for Red Hat's chkconfig/);
    assert.deepEqual(codes(a), []);
  });
  it('in a Red Hat root (etc/rc.d/init.d) it is Red Hat\'s, and the lock is asked for', () => {
    for (const [files, path] of [
      [{ '/r/etc/rc.d/init.d/bar': multi }, '/r/etc/rc.d/init.d/bar'],
      [{ '/r/etc/init.d/bar': multi, '/r/etc/rc.d/init.d/bar': multi }, '/r/etc/init.d/bar'],
    ] as const) {
      const a = inRoot(files, path);
      assert.equal(a.info.profile, 'rhel', path);
      assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/subsys-lock-missing=warning'], path);
    }
    // Without an LSB header the chkconfig line still says Red Hat.
    const noLsb = multi.replace(/### BEGIN INIT INFO[\s\S]*### END INIT INFO\n/, '');
    assert.equal(inRoot({ '/pkg/etc/init.d/bar': noLsb }, '/pkg/etc/init.d/bar').info.profile, 'rhel');
  });
  it('Red Hat\'s functions sourced only if present are a fallback there (mason), sourced outright a marker', () => {
    const guarded = multi.replace('case "$1" in', 'if [ -f /etc/rc.d/init.d/functions ]; then\n\t. /etc/rc.d/init.d/functions\nfi\ncase "$1" in');
    const a = inRoot({ '/pkg/etc/init.d/bar': guarded }, '/pkg/etc/init.d/bar');
    assert.equal(a.info.profile, 'debian');
    assert.match(a.info.reason, /sources \/etc\/rc\.d\/init\.d\/functions only if present/);
    assert.deepEqual(codes(a), []);
    const outright = multi.replace('case "$1" in', '. /etc/rc.d/init.d/functions\ncase "$1" in');
    const b = inRoot({ '/pkg/etc/init.d/bar': outright }, '/pkg/etc/init.d/bar');
    assert.equal(b.info.profile, 'rhel');
    assert.deepEqual(b.problems.map((p) => p.code), ['initscript/subsys-lock-missing']);
    // Outside an image root the guarded library still decides (nothing else says where it runs).
    assert.equal(analyzeText(guarded, { language: 'initscript', path: '/src/bar' }).info.profile, 'rhel');
  });
});

describe('initscript precision (m–z): an empty chkconfig line', () => {
  const optOut = `#!/bin/sh
# Not part of the rc framework: a wrapper for the other scripts.
# chkconfig:
### BEGIN INIT INFO
# Provides:          bar
# Required-Start:
# Required-Stop:
# Default-Start:
# Default-Stop:
# Short-Description: Bar wrapper
### END INIT INFO
case "$1" in
  start|stop|restart|force-reload|status) /etc/init.d/bard "$1" ;;
  *) echo "Usage: $0 {start|stop|restart|force-reload|status}" >&2; exit 2 ;;
esac
`;
  const pkg = (text: string) => inRoot({ '/pkg/etc/init.d/bar': text }, '/pkg/etc/init.d/bar');
  it('with an empty Default-Start the script opts out of every runlevel: information (pcp)', () => {
    assert.deepEqual(codes(pkg(optOut)), ['3:initscript/chkconfig-invalid=information']);
  });
  it('with runlevels in Default-Start it is still an error', () => {
    assert.deepEqual(codes(pkg(optOut.replace('# Default-Start:\n', '# Default-Start:     2 3 4 5\n'))), ['3:initscript/chkconfig-invalid=error']);
    // A line with values chkconfig cannot read is an error whatever Default-Start says.
    assert.deepEqual(codes(pkg(optOut.replace('# chkconfig:\n', '# chkconfig: 2345 10\n'))), ['3:initscript/chkconfig-invalid=error']);
  });
});

describe('initscript precision (m–z): library-not-sourced through a defaults file held in a variable', () => {
  // perlbal: the defaults file is sourced through a variable, then a log_* helper is called
  // before /lib/lsb/init-functions is sourced.
  const early = DEB.replace('[ -r /etc/default/$NAME ] && . /etc/default/$NAME\n. /lib/lsb/init-functions\n', `DEFAULTS=/etc/default/$NAME
[ -r $DEFAULTS ] && . $DEFAULTS
[ "$ENABLE" = true ] || { log_failure_msg "ENABLE is not true in $DEFAULTS"; exit 0; }
. /lib/lsb/init-functions
`);
  it('a variable holding a path in /etc/default is configuration: the early call is still said', () => {
    assert.deepEqual(codes(analyzeText(early, DEB_OPTS)), ['15:initscript/library-not-sourced=warning']);
    assert.deepEqual(codes(analyzeText(early.replace('DEFAULTS=/etc/default/$NAME', 'CONF=/etc/default\nDEFAULTS=${CONF}/$NAME'), DEB_OPTS)), ['16:initscript/library-not-sourced=warning']);
  });
  it('a variable holding another file may define the helper: not said', () => {
    assert.deepEqual(codes(analyzeText(early.replace('DEFAULTS=/etc/default/$NAME', 'DEFAULTS=/usr/share/bar/functions'), DEB_OPTS)), []);
    assert.deepEqual(codes(analyzeText(early.replace('DEFAULTS=/etc/default/$NAME\n', ''), DEB_OPTS)), []);
  });
});
