#!/usr/bin/env bash
# The real systemd-sysv-generator judges the systemd unit model (sysv-ha unit --out) on every
# corpus init script and on generated trees; systemd-analyze verify judges the native units
# (sysv-ha unit --native). Installs Debian's systemd if missing (the package
# only: nothing is started); the generator runs unprivileged on scratch folders, with
# SYSTEMD_SYSVINIT_PATH, SYSTEMD_SYSVRCND_PATH and SYSTEMD_UNIT_PATH pointing there.
set -euo pipefail
cd "$(dirname "$0")/../.."
gen=/lib/systemd/system-generators/systemd-sysv-generator
if ! [ -x "$gen" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 systemd >/dev/null
  else
    echo "systemd is not installed and we are not root: skipped (LOUDLY: the oracle did not run)"
    echo "0 passed, 0 failed"
    exit 0
  fi
fi
status=0
node test/oracle/systemd-oracle.mjs "$@" || status=1
# The native units sysv-ha proposes: systemd-analyze verify, offline in a scratch root.
node test/oracle/systemd-native.mjs || status=1
exit $status
