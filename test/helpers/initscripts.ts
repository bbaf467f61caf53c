import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/** Clean init scripts the tests start from: a Red Hat one and a Debian one. */

export const RH = `#!/bin/bash
#
# foo          Starts foo.
#
# chkconfig: 345 40 60
# description: Foo daemon.
### BEGIN INIT INFO
# Provides: foo
# Required-Start: $local_fs $network
# Required-Stop: $local_fs $network
# Default-Start: 3 4 5
# Default-Stop: 0 1 2 6
# Short-Description: Foo daemon
### END INIT INFO

. /etc/rc.d/init.d/functions

prog=foo
lockfile=/var/lock/subsys/$prog

start() {
	daemon --pidfile=/var/run/foo.pid /usr/sbin/food
	RETVAL=$?
	[ $RETVAL -eq 0 ] && touch $lockfile
	return $RETVAL
}

stop() {
	killproc -p /var/run/foo.pid /usr/sbin/food
	RETVAL=$?
	[ $RETVAL -eq 0 ] && rm -f $lockfile
	return $RETVAL
}

case "$1" in
  start)
	start
	;;
  stop)
	stop
	;;
  restart|force-reload)
	stop
	start
	;;
  status)
	status -p /var/run/foo.pid food
	;;
  *)
	echo "Usage: $0 {start|stop|restart|force-reload|status}"
	exit 2
esac
`;

export const DEB = `#!/bin/sh
### BEGIN INIT INFO
# Provides:          bar
# Required-Start:    $remote_fs $syslog
# Required-Stop:     $remote_fs $syslog
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Bar daemon
### END INIT INFO

DAEMON=/usr/sbin/bard
NAME=bar
[ -r /etc/default/$NAME ] && . /etc/default/$NAME
. /lib/lsb/init-functions

case "$1" in
  start)
	start-stop-daemon --start --quiet --oknodo --exec $DAEMON
	;;
  stop)
	start-stop-daemon --stop --quiet --oknodo --exec $DAEMON
	;;
  restart|force-reload)
	$0 stop
	$0 start
	;;
  status)
	status_of_proc $DAEMON $NAME
	;;
  *)
	echo "Usage: $0 {start|stop|restart|force-reload|status}" >&2
	exit 2
	;;
esac
exit 0
`;

/** A minimal LSB script: its Provides and Required-Start, every action implemented. */
export const lsbScript = (provides: string, requires: string) =>
  `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: ${provides}\n# Required-Start: ${requires}\n# Required-Stop:\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|force-reload|status) ;;\n  *) exit 2 ;;\nesac\n`;

/** A scratch image root with etc/init.d/web (Required-Start: db) and etc/init.d/store, both executable. */
export function webStoreRoot(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'etc/init.d'), { recursive: true });
  writeFileSync(join(root, 'etc/init.d/web'), lsbScript('web', 'db'), { mode: 0o755 });
  writeFileSync(join(root, 'etc/init.d/store'), lsbScript('store', ''), { mode: 0o755 });
  return root;
}
