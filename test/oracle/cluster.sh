#!/usr/bin/env bash
# The real Corosync 3, Pacemaker 2.1, pcs and crmsh judge `sysv-ha migrate` (issue #17): see
# test/oracle/cluster-oracle.py for what is checked.
#
#   bash test/oracle/cluster.sh [--cases N] [--seed S] [--only REGEX] [--keep] [--jobs N]
#                                  (as root; `npm run test:oracle:cluster` builds first)
#   CLUSTER_ORACLE_SCRIPT_EVERY=N  pcs.sh and crm.txt run for every corpus case, every generated
#                                  one that brings a kind of resource, fencing, connectivity or
#                                  failback seen less than twice, and every N-th (4)
#   CLUSTER_ORACLE_PCS_ZYGOTE=0    each pcs command as a new Python (default: pcs imported once,
#                                  each command in a fork of it: test/oracle/pcs-zygote.py)
#   CLUSTER_ORACLE_JOBS=N          cases at once (3)
#
# Installs what it needs from Debian if missing: corosync, pacemaker-cli-utils, pcs, crmsh, and
# the agents pcs and crmsh read metadata from (resource-agents, drbd-utils for ocf:linbit:drbd,
# cluster-glue for the stonith: plugins); heartbeat and net-tools for heartbeat's IPaddr, which
# judges the IPaddr arguments with IPaddr2 in a private network namespace. No daemon is started (policy-rc.d), nothing on the
# machine is changed: corosync -t runs with a private /etc/corosync, pcs and crmsh with a private
# /etc/init.d (namespaces), on files in a temporary folder.
set -u
cd "$(dirname "$0")/../.."

skip() {
  echo "############################################################"
  echo "# SKIPPED: cluster oracle: $*"
  echo "############################################################"
  echo "0 passed, 0 failed (skipped: $*)"
  exit 0
}

[ "$(id -u)" = 0 ] || skip "needs root for namespaces and bind mounts"
[ -f dist/cli.js ] || { echo "dist/cli.js missing: run npm run build" >&2; exit 2; }

need=()
command -v corosync >/dev/null || need+=(corosync)
command -v crm_verify >/dev/null && command -v crm_simulate >/dev/null || need+=(pacemaker-cli-utils)
command -v pcs >/dev/null || need+=(pcs)
command -v crm >/dev/null || need+=(crmsh)
[ -x /usr/lib/ocf/resource.d/heartbeat/IPaddr2 ] || need+=(resource-agents)
[ -x /usr/lib/ocf/resource.d/linbit/drbd ] || need+=(drbd-utils)
command -v stonith >/dev/null || need+=(cluster-glue)
# heartbeat's IPaddr (resource.d wrapper, C findif, ifconfig) judges the IPaddr arguments beside IPaddr2
[ -x /etc/ha.d/resource.d/IPaddr ] && [ -x /usr/libexec/heartbeat/findif ] || need+=(heartbeat)
command -v ifconfig >/dev/null || need+=(net-tools)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} (no daemon is started: policy-rc.d)"
  created_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created_policy=1
  fi
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}" >/dev/null
  rc=$?
  [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ $rc = 0 ] || { echo "could not install ${need[*]}" >&2; exit 2; }
fi
unshare --uts --mount true 2>/dev/null || skip "namespaces (unshare --uts --mount) are not available here"

exec python3 test/oracle/cluster-oracle.py "$@"
