// Deterministic generators: large realistic init scripts and an /etc tree of LSB init scripts.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG, so every run generates the same files. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

const DAEMONS = ['httpd', 'named', 'sshd', 'postfix', 'crond', 'ntpd', 'snmpd', 'nginx', 'redis', 'memcached', 'squid', 'haproxy'];
const PLAIN = [
  (r, v) => `echo -n $"Checking ${v}: "`,
  (r, v) => `mkdir -p /var/run/${v}`,
  (r, v) => `chown ${v}:${v} /var/run/${v}`,
  (r, v) => `rm -f /var/run/${v}/${v}.pid`,
  (r, v) => `[ -f /etc/sysconfig/${v} ] && . /etc/sysconfig/${v}`,
  (r, v) => `touch /var/lock/subsys/${v}`,
  (r, v) => `logger -t ${v} "state changed"`,
  (r, v) => `ulimit -n ${1024 * (1 + Math.floor(r() * 8))}`,
  (r, v) => `sleep ${1 + Math.floor(r() * 3)}`,
  (r, v) => `RETVAL=$?`,
  (r, v) => `${v.toUpperCase()}_OPTS="\${${v.toUpperCase()}_OPTS} -d"`,
  (r, v) => `ip addr add 10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.1/24 brd + dev eth${Math.floor(r() * 3)}`,
  (r, v) => `sysctl -q -w net.ipv4.ip_forward=1`,
  (r, v) => `pidofproc -p /var/run/${v}.pid /usr/sbin/${v} >/dev/null`,
];

function block(r, v, indent, depth) {
  const pad = ' '.repeat(indent);
  const out = [];
  const n = 2 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const k = r();
    if (depth < 2 && k < 0.15) {
      out.push(`${pad}if [ -x /usr/sbin/${v} ]; then`, ...block(r, v, indent + 4, depth + 1), `${pad}else`, `${pad}    echo "${v} is not installed" >&2`, `${pad}    return 5`, `${pad}fi`);
    } else if (depth < 2 && k < 0.22) {
      out.push(`${pad}for f in /etc/${v}/*.conf; do`, `${pad}    [ -r "$f" ] || continue`, `${pad}    grep -q '^include' "$f" && echo "including $f"`, `${pad}done`);
    } else if (depth < 2 && k < 0.28) {
      out.push(`${pad}case "$${v.toUpperCase()}_MODE" in`, `${pad}    fast|quick)`, ...block(r, v, indent + 8, depth + 1), `${pad}        ;;`, `${pad}    *)`, `${pad}        : nothing to do`, `${pad}        ;;`, `${pad}esac`);
    } else if (k < 0.36) {
      out.push(`${pad}while read -r line; do`, `${pad}    echo "$line" | cut -d: -f1`, `${pad}done < /etc/${v}/${v}.list`);
    } else {
      out.push(pad + pick(r, PLAIN)(r, v));
    }
  }
  return out;
}

/** A Red Hat style init script of about `lines` lines: helper functions, then the dispatcher. */
export function largeInitScript(lines, seed = lines) {
  const r = rng(seed);
  const name = 'bigsvc';
  const out = [
    '#!/bin/bash', '#', `# ${name}        Generated benchmark service (${lines} lines)`, '#',
    '# chkconfig: 2345 55 25', `# description: A generated service script used by npm run bench.`, '#',
    '### BEGIN INIT INFO', `# Provides: ${name}`, '# Required-Start: $local_fs $network $syslog', '# Required-Stop: $local_fs $network $syslog',
    '# Default-Start: 2 3 4 5', '# Default-Stop: 0 1 6', `# Short-Description: ${name} benchmark service`, '# Description: Generated.', '### END INIT INFO', '',
    '# Source function library.', '. /etc/rc.d/init.d/functions', '',
    `exec=/usr/sbin/${name}`, `prog=${name}`, `config=/etc/${name}/${name}.conf`, `lockfile=/var/lock/subsys/$prog`, `pidfile=/var/run/$prog.pid`, '',
  ];
  const dispatcherLines = 90;
  let fn = 0;
  const helpers = [];
  while (out.length < lines - dispatcherLines) {
    const v = pick(r, DAEMONS);
    const fname = `helper_${fn++}_${v}`;
    helpers.push(fname);
    out.push(`${fname}() {`, `    local rc=0`, ...block(r, v, 4, 0), `    return $rc`, '}', '');
  }
  out.push(
    'start() {', '    [ -x $exec ] || exit 5', '    [ -f $config ] || exit 6', '    echo -n $"Starting $prog: "',
    '    daemon --pidfile=$pidfile $exec', '    retval=$?', '    echo', '    [ $retval -eq 0 ] && touch $lockfile', '    return $retval', '}', '',
    'stop() {', '    echo -n $"Stopping $prog: "', '    killproc -p $pidfile $prog', '    retval=$?', '    echo', '    [ $retval -eq 0 ] && rm -f $lockfile', '    return $retval', '}', '',
    'case "$1" in', '    start)', '        start', `        ${helpers[0] ?? ':'}`, '        ;;', '    stop)', '        stop', '        ;;',
    '    restart|force-reload)', '        stop', '        start', '        ;;', '    reload)', `        killproc -p $pidfile $prog -HUP`, '        ;;',
    '    status)', '        status -p $pidfile $prog', '        ;;', '    condrestart|try-restart)', '        [ -f $lockfile ] || exit 0', '        stop', '        start', '        ;;',
  );
  for (let i = 1; i < helpers.length && out.length < lines - 6; i += 7) out.push(`    ${helpers[i]})`, `        ${helpers[i]}`, '        ;;');
  out.push('    *)', '        echo $"Usage: $0 {start|stop|status|restart|condrestart|try-restart|reload|force-reload}"', '        exit 2', 'esac', 'exit $?', '');
  return out.join('\n');
}

/** A Debian style LSB init script for service `i` of `n`, depending on up to 3 earlier ones. */
function treeScript(i, n, r) {
  const name = `svc${String(i).padStart(4, '0')}`;
  const deps = new Set();
  const k = i === 0 ? 0 : Math.floor(r() * 4);
  for (let j = 0; j < k; j++) deps.add(`svc${String(Math.floor(r() * i)).padStart(4, '0')}`);
  const should = i > 10 && r() < 0.3 ? ` svc${String(Math.floor(r() * i)).padStart(4, '0')}` : '';
  const v = pick(r, DAEMONS);
  // A few deliberate cross-file faults, so the workspace checks have something to find:
  // a missing dependency, a duplicate Provides and a two-script loop.
  if (i === n - 1) deps.add('svc-missing');
  if (i === 20) deps.add('svc0021');
  if (i === 21) deps.add('svc0020');
  const provides = i === n - 2 ? `${name} svc${String(n - 1).padStart(4, "0")}` : name;
  const lines = [
    '#!/bin/sh', '### BEGIN INIT INFO', `# Provides:          ${provides}`, `# Required-Start:    $local_fs $network $remote_fs${[...deps].map((d) => ` ${d}`).join('')}`,
    `# Required-Stop:     $local_fs $network $remote_fs${[...deps].map((d) => ` ${d}`).join('')}`,
    ...(should ? [`# Should-Start:      ${should.trim()}`] : []),
    '# Default-Start:     2 3 4 5', '# Default-Stop:      0 1 6', `# Short-Description: ${name} generated service`,
    `# Description:       Generated by npm run bench (${v} flavour).`, '### END INIT INFO', '',
    `NAME=${name}`, `DAEMON=/usr/sbin/${name}`, `PIDFILE=/var/run/${name}.pid`, '', '[ -x "$DAEMON" ] || exit 0', '', '. /lib/lsb/init-functions', '',
    'do_start() {', ...block(r, v, 4, 1), '    start-stop-daemon --start --quiet --pidfile $PIDFILE --exec $DAEMON -- $DAEMON_ARGS || return 2', '}', '',
    'do_stop() {', '    start-stop-daemon --stop --quiet --retry=TERM/30/KILL/5 --pidfile $PIDFILE --name $NAME', '    RETVAL="$?"', '    rm -f $PIDFILE', '    return "$RETVAL"', '}', '',
    'case "$1" in', '  start)', '    log_daemon_msg "Starting $NAME" "$NAME"', '    do_start', '    log_end_msg $?', '    ;;',
    '  stop)', '    log_daemon_msg "Stopping $NAME" "$NAME"', '    do_stop', '    log_end_msg $?', '    ;;',
    '  status)', '    status_of_proc "$DAEMON" "$NAME" && exit 0 || exit $?', '    ;;',
    '  restart|force-reload)', '    do_stop', '    do_start', '    ;;',
    '  *)', '    echo "Usage: /etc/init.d/$NAME {start|stop|status|restart|force-reload}" >&2', '    exit 3', '    ;;', 'esac', '', 'exit 0', '',
  ];
  return { name, text: lines.join('\n') };
}

/** Writes ROOT/etc/init.d/svc0000…, mode 0755, plus an inittab; returns the scripts' paths. */
export function generateEtcTree(root, count) {
  const r = rng(4242);
  const initd = join(root, 'etc', 'init.d');
  mkdirSync(initd, { recursive: true });
  writeFileSync(join(root, 'etc', 'inittab'), [
    'id:2:initdefault:', 'si::sysinit:/etc/init.d/rcS', '~~:S:wait:/sbin/sulogin',
    ...[0, 1, 2, 3, 4, 5, 6].map((l) => `l${l}:${l}:wait:/etc/init.d/rc ${l}`),
    'ca:12345:ctrlaltdel:/sbin/shutdown -t1 -a -r now', '1:2345:respawn:/sbin/getty 38400 tty1', '',
  ].join('\n'));
  const paths = [];
  for (let i = 0; i < count; i++) {
    const { name, text } = treeScript(i, count, r);
    const p = join(initd, name);
    writeFileSync(p, text);
    chmodSync(p, 0o755);
    paths.push(p);
  }
  return paths;
}
