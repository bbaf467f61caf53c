#!/usr/bin/env bash
# The real insserv judges the insserv planner (sysv-ha links --tool insserv) on generated
# init.d trees. Installs Debian's insserv if missing; runs it in dry-run mode (-s), and for real
# only inside its scratch folders (-p, -i, -c, -o all point there), so nothing on the machine changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! [ -x /usr/sbin/insserv ] && ! [ -x /sbin/insserv ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 insserv >/dev/null
  else
    echo "insserv is not installed and we are not root: skipped (LOUDLY: the oracle did not run)"
    echo "0 passed, 0 failed"
    exit 0
  fi
fi
node test/oracle/insserv-oracle.mjs "$@"
