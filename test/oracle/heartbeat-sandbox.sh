#!/usr/bin/env bash
# Runs the real heartbeat 3.0.6 on one configuration directory, inside namespaces, and prints
# its verdict. Called by test/oracle/heartbeat.sh; can be run alone (as root):
#
#   test/oracle/heartbeat-sandbox.sh [--wait SECS] HA_D_DIR
#
# HA_D_DIR holds ha.cf, authkeys (copied with its mode) and optionally haresources.
#
# Sandbox: `unshare -m -u -n -p --fork`, so
#   - network: a fresh namespace with only lo; each interface named on a bcast/mcast/ucast
#     line is created inside it as a veth pair with a 10.x.y.1/24 address (never any outside
#     address);
#   - UTS: the host name is HA_D_DIR/../hostname (an image's etc/hostname) when there is one,
#     else the first `node` of ha.cf (lower-cased), else node1;
#   - mounts (private to the namespace): /etc/ha.d <- a scratch copy plus the package's harc,
#     shellfuncs, rc.d and do-nothing resource.d stubs; /etc/init.d <- empty; /etc/hosts <- a
#     copy naming every node, ucast peer and ping host with a fake 10.254.x.y address;
#     /run, /var/log, /var/lib/heartbeat <- scratch; /dev <- a tmpfs whose ttyS0-3 are
#     pseudo-terminals of a private devpts and whose watchdog is a /dev/null clone; missing respawn/failfast programs and Pacemaker daemons
#     are do-nothing executables through overlay mounts (what the target host would have).
#   - heartbeat runs in the foreground (`-f -d -l`); after --wait seconds it is sent SIGTERM,
#     then SIGKILL, by PID; the PID namespace ends with the shell.
#
# Output (stdout): `VERDICT accepted|refused`, `EXIT n|running`, then `MSG text` lines (its
# stderr, timestamps removed).
set -u

WAIT=4
if [ "${1:-}" = "--wait" ]; then WAIT=$2; shift 2; fi
SRC=$1
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "${HB_SANDBOX_INNER:-}" != 1 ]; then
  T=$(mktemp -d /tmp/hb-sandbox.XXXXXX)
  env HB_SANDBOX_INNER=1 HB_SANDBOX_T="$T" unshare -m -u -n -p --fork --mount-proc bash "$HERE/heartbeat-sandbox.sh" --wait "$WAIT" "$(cd "$SRC" && pwd)"
  rc=$?
  rmdir "$T" 2>/dev/null
  exit $rc
fi

# ---------------------------------------------------------------- inside the namespaces
mount --make-rprivate /
T=$HB_SANDBOX_T
mount -t tmpfs tmpfs "$T"
mkdir -p "$T/ha.d" "$T/initd" "$T/run" "$T/log" "$T/lib" "$T/dev" "$T/over"

cp -p "$SRC"/* "$T/ha.d/" 2>/dev/null
for f in harc shellfuncs README.config; do [ -e "/etc/ha.d/$f" ] && cp -a "/etc/ha.d/$f" "$T/ha.d/"; done
[ -d /etc/ha.d/rc.d ] && cp -a /etc/ha.d/rc.d "$T/ha.d/"
mkdir -p "$T/ha.d/resource.d"
for f in /etc/ha.d/resource.d/*; do
  printf '#!/bin/sh\necho "RESOURCE $0 $*" >&2\ncase "$*" in *status) echo stopped;; esac\nexit 0\n' > "$T/ha.d/resource.d/$(basename "$f")"
  chmod 755 "$T/ha.d/resource.d/$(basename "$f")"
done
cp -a /var/lib/heartbeat/. "$T/lib/" 2>/dev/null

mount --bind "$T/ha.d" /etc/ha.d
mount --bind "$T/initd" /etc/init.d
mount -t tmpfs tmpfs /run
mkdir -p /run/heartbeat /run/resource-agents /run/lock
chown hacluster:haclient /run/heartbeat 2>/dev/null
mount -t tmpfs tmpfs /var/log
mount --bind "$T/lib" /var/lib/heartbeat

# /dev: only harmless nodes; serial ports and the watchdog are /dev/null clones.
mount -t tmpfs tmpfs "$T/dev"
for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0 ttyS0:1:3 ttyS1:1:3 ttyS2:1:3 ttyS3:1:3 watchdog:1:3; do
  IFS=: read -r name maj min <<<"$n"
  mknod -m 666 "$T/dev/$name" c "$maj" "$min"
done
mkdir -p "$T/dev/shm" "$T/dev/pts"
mount --move "$T/dev" /dev 2>/dev/null || mount --bind "$T/dev" /dev
mount -t tmpfs tmpfs /dev/shm
# Serial ports: pseudo-terminals of a private devpts (a /dev/null clone is not a tty, and
# heartbeat's serial medium dies on it after start-up). A helper holds the master sides.
if mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts 2>/dev/null; then
  ln -sf pts/ptmx /dev/ptmx
  python3 -c '
import os, sys, time
names = []
for _ in range(4):
    m, s = os.openpty(); names.append(os.ttyname(s))
print(" ".join(names), flush=True)
sys.stdout.close()
time.sleep(3600)' > "$T/ptys" &
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$T/ptys" ] && break; sleep 0.1; done
  k=0
  for pty in $(cat "$T/ptys"); do mount --bind "$pty" "/dev/ttyS$k" && k=$((k + 1)); done
fi

CF=/etc/ha.d/ha.cf
# Words of ha.cf lines (comments removed), one directive per line.
directives() { sed -e 's/#.*//' "$CF" 2>/dev/null | tr ',\t' '  ' | awk 'NF > 0'; }

# Host name: the image's etc/hostname next to etc/ha.d (first line, as written: heartbeat
# compares case-insensitively), else the first node, lower-cased, if the kernel takes it.
NODE=
[ -f "$SRC/../hostname" ] && NODE=$(head -n 1 "$SRC/../hostname" | tr -d ' \t\r')
[ -n "$NODE" ] || NODE=$(directives | awk '$1 == "node" { print tolower($2); exit }')
[ -n "$NODE" ] || NODE=node1
printf '%s' "$NODE" > /proc/sys/kernel/hostname 2>/dev/null || { NODE=node1; printf node1 > /proc/sys/kernel/hostname; }
echo "NODE $NODE"

# Network: lo, and a veth pair per interface the media lines name.
ip link set lo up
i=0
for dev in $(directives | awk '$1 == "bcast" { for (k = 2; k <= NF; k++) print $k } $1 ~ /^(mcast|mcast6|ucast|ucast6)$/ && NF >= 2 { print $2 }' | sort -u); do
  base=${dev%%:*}
  ip link show "$base" >/dev/null 2>&1 || {
    i=$((i + 1))
    ip link add "$base" type veth peer name "hbp$i" 2>/dev/null || continue
    ip addr add "10.$((i / 250)).$((i % 250)).1/24" dev "$base"
    ip link set "$base" up; ip link set "hbp$i" up
  }
done
echo "IFACES $(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')"

# /etc/hosts: nodes, ucast peers and ping hosts that are names, with fake addresses.
cp /etc/hosts "$T/hosts" 2>/dev/null || : > "$T/hosts"
j=0
for h in $(directives | awk '$1 == "node" || $1 == "ping" { for (k = 2; k <= NF; k++) print $k } $1 == "ucast" && NF >= 3 { print $3 } $1 == "ping_group" { for (k = 3; k <= NF; k++) print $k }' | sort -u); do
  case "$h" in *[!0-9.]*) j=$((j + 1)); printf '10.254.%d.%d %s\n' $((j / 250)) $((j % 250 + 1)) "$h" >> "$T/hosts";; esac
done
mount --bind "$T/hosts" /etc/hosts

# Programs the target host would have: respawn/failfast commands and Pacemaker daemons.
fake() {
  local path=$1 dir anc k
  [ -e "$path" ] && return
  dir=$(dirname "$path"); anc=$dir
  while [ ! -d "$anc" ]; do anc=$(dirname "$anc"); done
  k=$(echo "$anc" | md5sum | cut -c1-8)
  if [ ! -d "$T/over/$k" ]; then
    mkdir -p "$T/over/$k/up" "$T/over/$k/work"
    mount -t overlay overlay -o "lowerdir=$anc,upperdir=$T/over/$k/up,workdir=$T/over/$k/work" "$anc" || return
  fi
  mkdir -p "$dir" && printf '#!/bin/sh\nexec sleep 1000\n' > "$path" && chmod 755 "$path" && echo "SETUP faked $path"
}
for p in $(directives | awk '($1 == "respawn" || $1 == "failfast") && NF >= 3 { print $3 }'); do
  case "$p" in /*) fake "$p";; esac
done
if directives | awk '($1 == "crm" || $1 == "pacemaker") && $2 !~ /^(false|off|no|n|0)$/ { found = 1 } END { exit !found }'; then
  crmdir=$(directives | awk '$1 == "crm_daemon_dir" { d = $2 } END { print d }')
  for d in ${crmdir:-/usr/lib/heartbeat /usr/lib/pacemaker /usr/libexec/pacemaker}; do
    for p in ccm cib stonithd lrmd attrd crmd pengine; do [ "$p" = ccm ] && [ -e "/usr/libexec/heartbeat/ccm" ] || fake "$d/$p"; done
  done
fi

# Run heartbeat; stop it by PID after it has read its configuration.
/usr/libexec/heartbeat/heartbeat -f -d -l > "$T/out" 2>&1 &
PID=$!
waited=0
while [ "$waited" -lt $((WAIT * 10)) ] && kill -0 "$PID" 2>/dev/null; do sleep 0.1; waited=$((waited + 1)); done
if kill -0 "$PID" 2>/dev/null; then
  EXIT=running
  kill -TERM "$PID" 2>/dev/null; sleep 0.5; kill -KILL "$PID" 2>/dev/null
  wait "$PID" 2>/dev/null
else
  wait "$PID"; EXIT=$?
fi

if [ "$EXIT" = running ] && ! grep -qE 'heartbeat not started|Heartbeat not started' "$T/out"; then
  echo "VERDICT accepted"
else
  echo "VERDICT refused"
fi
echo "EXIT $EXIT"
sed -E -e 's/^[A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [^ ]+ [a-zA-Z_]+: \[[0-9]+\]: //' -e 's/^[a-z_]+\[[0-9]+\]: [0-9\/_: -]+//' -e 's/0x[0-9a-f]+/0xPTR/g' "$T/out" \
  | grep -vE 'Core dumps could be lost|core_pattern|core_uses_pid' | grep -E 'ERROR|WARN|CRIT|error|ERR|Invalid|invalid|Illegal|not |Bad |must|Deprecated|obsolete|RESOURCE|configuration' | head -80 | sed 's/^/MSG /'
