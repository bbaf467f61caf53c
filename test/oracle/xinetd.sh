#!/usr/bin/env bash
# Real xinetd as the judge: xinetd rejects a service ⇔ sysv-ha reports an error in it.
#   bash test/oracle/xinetd.sh [--verbose]        (root; npm run test:oracle:xinetd builds first)
# Installs Debian's xinetd when it is missing, without starting it (a policy-rc.d that denies
# every start, removed again if this script created it), builds dist/cli.js when missing, and
# runs test/oracle/xinetd-oracle.mjs, which starts xinetd by hand in a network namespace it
# creates (loopback only) and stops it by PID. Prints "N passed, N failed" last.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" != 0 ]; then
  echo "test/oracle/xinetd.sh needs root (network and mount namespaces)" >&2
  exit 2
fi

if [ ! -x /usr/sbin/xinetd ]; then
  # While installing, a policy-rc.d that denies every start (any existing one is put back after).
  policy=/usr/sbin/policy-rc.d
  backup=
  if [ -e "$policy" ]; then backup="$policy.sysv-ha-oracle"; mv "$policy" "$backup"; fi
  restore() { rm -f "$policy"; if [ -n "$backup" ]; then mv "$backup" "$policy"; fi; }
  trap restore EXIT
  printf '#!/bin/sh\n# sysv-ha oracle: start no service while installing\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends xinetd
  restore
  trap - EXIT
fi

if [ ! -f dist/cli.js ]; then npm run -s build; fi

exec node test/oracle/xinetd-oracle.mjs "$@"
