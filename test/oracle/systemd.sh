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

# The newest systemd Debian offers (Debian 13's 257) judges the model's 257 profile the same way.
# Not installed: its packages (systemd, libsystemd-shared, their libraries and Debian 13's libc)
# are fetched from Debian's archive with a private apt list, extracted into a cache folder, and
# the generator runs through that libc's own ld.so. Kept in ~/.cache/sysv-ha-systemd257.
sd257() {
  local cache="${SYSV_HA_SYSTEMD257_CACHE:-$HOME/.cache/sysv-ha-systemd257}" root lib
  root="$cache/root"
  if ! [ -x "$root/usr/lib/systemd/system-generators/systemd-sysv-generator" ]; then
    rm -rf "$cache" && mkdir -p "$cache/lists/partial" "$cache/cache/archives/partial" "$cache/debs" "$root" || return 1
    echo "deb http://deb.debian.org/debian trixie main" > "$cache/sources.list"
    local apto=(-o "Dir::Etc::SourceList=$cache/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$cache/lists"
      -o "Dir::Cache=$cache/cache" -o Dir::State::status=/dev/null -o Acquire::Languages=none
      -o Acquire::IndexTargets::deb::Contents-deb::DefaultEnabled=false -o APT::Sandbox::User=root)
    apt-get "${apto[@]}" update -qq >/dev/null 2>&1 || return 1
    local deps
    deps=$(apt-cache "${apto[@]}" show libsystemd-shared | awk '/^Depends:/ { sub(/^Depends: /, ""); print; exit }' | sed 's/([^)]*)//g; s/|[^,]*//g; s/,/ /g')
    (cd "$cache/debs" && apt-get "${apto[@]}" download -qq systemd libsystemd-shared $deps >/dev/null 2>&1) || return 1
    for d in "$cache"/debs/*.deb; do dpkg-deb -x "$d" "$root" || return 1; done
  fi
  lib="$root/usr/lib/x86_64-linux-gnu"
  for prog in system-generators/systemd-sysv-generator systemd; do
    printf '#!/bin/sh\nexec %s --library-path %s %s "$@"\n' "$lib/ld-linux-x86-64.so.2" "$lib/systemd:$lib:$root/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu" "$root/usr/lib/systemd/$prog" > "$cache/$(basename "$prog")"
    chmod +x "$cache/$(basename "$prog")"
  done
  "$cache/systemd" --version 2>/dev/null | head -1 | grep -q '^systemd 257' || return 1
  echo "$cache"
}
if [ "$(uname -m)" = x86_64 ] && [ "$(id -u)" = 0 ] && cache257=$(sd257); then
  SYSV_HA_ORACLE_PROFILE=257 SYSV_HA_ORACLE_GENERATOR="$cache257/systemd-sysv-generator" SYSV_HA_ORACLE_SYSTEMD="$cache257/systemd" \
    node test/oracle/systemd-oracle.mjs "$@" || status=1
else
  echo "systemd 257 (Debian 13) could not be fetched or run here: its oracle was skipped (LOUDLY: only systemd 252 judged the model)"
fi
# The native units sysv-ha proposes: systemd-analyze verify, offline in a scratch root.
node test/oracle/systemd-native.mjs || status=1
exit $status
