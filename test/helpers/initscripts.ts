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
