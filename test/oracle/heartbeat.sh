#!/usr/bin/env bash
# The real heartbeat as the judge of sysv-ha's heartbeat checks.
#
#   bash test/oracle/heartbeat.sh            (as root; `npm run test:oracle:heartbeat` builds first)
#   HB_ORACLE_ONLY=REGEX                     only the cases whose name matches
#   HB_ORACLE_WAIT=SECS                      how long heartbeat runs before it is stopped (4)
#   HB_ORACLE_JOBS=N                         cases run at the same time (4)
#
# For every case, the real daemon (Debian's heartbeat 3.0.6) is started on the configuration
# inside namespaces (test/oracle/heartbeat-sandbox.sh: its own network with only lo and veth
# pairs, its own mounts, never the host's /etc/ha.d), stopped by PID after it has read its
# configuration, and classified accepted/refused from its exit and log. The assertion, per case:
#
#   heartbeat refuses  <=>  `sysv-ha check --format json` reports at least one error
#
# Cases: test/oracle/heartbeat-cases.txt (generated), and the working and known-broken files of
# ../shared/corpus/{hacf,authkeys,haresources} (templates and non-heartbeat files excluded, per
# MANIFEST.tsv), each completed with default companions.
#
# Documented exceptions (real-program quirks, not sysv-ha bugs):
#  1. Takeover-time errors. heartbeat's start-up reads haresources only for node names (and
#     continuations); resource scripts and their arguments run at takeover. So these codes are
#     not part of the prediction: haresources/missing-resource-args,
#     haresources/duplicate-group-key, ipaddr/*, workspace/missing-resource-script.
#  2. haresources must exist in R1 mode: 3.0.6 refuses to start without one ("Cannot open
#     resources file"). The catalogue has no code for it, so every case gets an (empty)
#     haresources unless it brings its own.
#  3. The local node: the sandbox's host name is the case's etc/hostname when it has one (the
#     name sysv-ha checks with hacf/local-node-missing), else the first `node`. Interfaces named
#     by media exist, node and peer names resolve, missing respawn programs and Pacemaker
#     daemons are faked: the verdict is for a host set up for the file, not for this machine.
#  4. Debian's build has no rds, tipc or hbaping plugin ("Illegal directive"): no case uses them.
#  5. Refusals the catalogue has no code for (a gap, reported to the catalogue's owner):
#     `ucast IFACE` without a peer ("ucast: [eth1] missing target IP address/hostname"). Such
#     cases are listed in KNOWN_GAPS: they must disagree in exactly this way (heartbeat
#     refuses, sysv-ha reports no error), and count as passed with a note. (`stonith` without
#     a type was one until hacf/bad-stonith.)
# Any other disagreement is a failure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CORPUS=${SYSV_HA_CORPUS:-$REPO/../shared/corpus}
WAIT=${HB_ORACLE_WAIT:-4}
CLI="$REPO/dist/cli.js"
HB=/usr/libexec/heartbeat/heartbeat

skip() {
  echo "############################################################"
  echo "# SKIPPED: heartbeat oracle: $*"
  echo "############################################################"
  echo "0 passed, 0 failed (skipped: $*)"
  exit 0
}

[ "$(id -u)" = 0 ] || skip "needs root for namespaces"
unshare -m -u -n -p --fork --mount-proc true 2>/dev/null || skip "namespaces (unshare -m -u -n -p) are not available here"
[ -f "$CLI" ] || { echo "dist/cli.js missing: run npm run build" >&2; exit 2; }

if [ ! -x "$HB" ]; then
  echo "installing Debian's heartbeat (the daemon is not started: policy-rc.d)"
  created_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created_policy=1
  fi
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq heartbeat >/dev/null
  [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ -x "$HB" ] || { echo "could not install heartbeat" >&2; exit 2; }
fi

WORK=$(mktemp -d /tmp/hb-oracle.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------- materialise the cases
python3 - "$HERE/heartbeat-cases.txt" "$CORPUS" "$WORK" <<'PY'
import os, re, sys
cases_file, corpus, work = sys.argv[1:4]
cases, name, section, mode = {}, None, None, None
for line in open(cases_file, encoding='utf-8').read().split('\n'):
    if line.startswith('=== '):
        name = line[4:].strip(); cases[name] = {}; section = None; continue
    if name is None: continue
    m = re.match(r'^--- (ha\.cf|authkeys|haresources|hostname)(?: (\d+))?$', line)
    if m:
        section = m.group(1); cases[name][section] = ['', int(m.group(2), 8) if m.group(2) else None]; continue
    if section: cases[name][section][0] += line + '\n'
default = cases.pop('default')
for k in cases.values():
    for s in k.values(): s[0] = s[0].rstrip('\n') + '\n' if s[0].strip() else s[0].strip('\n')

def write(case, files):
    d = os.path.join(work, case, 'etc', 'ha.d'); os.makedirs(d)
    for fname in ('ha.cf', 'authkeys', 'haresources'):
        text, mode = files.get(fname) or default.get(fname) or ['', None]
        p = os.path.join(d, fname)
        with open(p, 'w', encoding='utf-8') as f: f.write(text)
        os.chmod(p, mode if mode is not None else (0o600 if fname == 'authkeys' else 0o644))
    if files.get('hostname'):
        with open(os.path.join(work, case, 'etc', 'hostname'), 'w', encoding='utf-8') as f: f.write(files['hostname'][0])

for n, files in cases.items(): write(n, files)

# Corpus files, completed with default companions.
rows = [l.split('\t') for l in open(os.path.join(corpus, 'MANIFEST.tsv'), encoding='utf-8').read().split('\n')[1:] if l]
for r in rows:
    kind, fname, notes = r[0], r[1], r[6] if len(r) > 6 else ''
    if kind not in ('hacf', 'authkeys', 'haresources') or re.search(r'\bTEMPLATE\b|NEGATIVE', notes): continue
    text = open(os.path.join(corpus, kind, fname), encoding='utf-8', errors='replace').read()
    target = {'hacf': 'ha.cf', 'authkeys': 'authkeys', 'haresources': 'haresources'}[kind]
    files = {target: [text, 0o600 if kind == 'authkeys' else None]}
    if kind == 'haresources':
        nodes = []
        joined = re.sub(r'\\\n', ' ', text)
        for l in joined.split('\n'):
            l = l.strip()
            if l and not l.startswith('#'):
                w = l.split()[0].lower()
                if w not in nodes: nodes.append(w)
        hacf = default['ha.cf'][0].replace('node alpha beta', 'node ' + ' '.join(nodes or ['alpha', 'beta']))
        files['ha.cf'] = [hacf, None]
    write('corpus-' + kind + '-' + fname, files)
PY

KNOWN_GAPS='^(x-ucast-no-peer)$'
TAKEOVER='^(haresources/missing-resource-args|haresources/duplicate-group-key|ipaddr/.*|workspace/missing-resource-script)$'
passed=0; failed=0; failures=()
# Run heartbeat on every case, several at a time (each in namespaces of its own).
JOBS=${HB_ORACLE_JOBS:-4}
for dir in "$WORK"/*/; do
  case=$(basename "$dir")
  [[ "$case" =~ ${HB_ORACLE_ONLY:-.} ]] && printf '%s\0' "$case"
done | xargs -0 -P "$JOBS" -I{} bash -c 'bash "$1/heartbeat-sandbox.sh" --wait "$2" "$3/{}/etc/ha.d" > "$3/{}.out" 2>&1' _ "$HERE" "$WAIT" "$WORK"

for dir in "$WORK"/*/; do
  case=$(basename "$dir")
  [[ "$case" =~ ${HB_ORACLE_ONLY:-.} ]] || continue
  out=$(cat "$WORK/$case.out" 2>/dev/null)
  verdict=$(printf '%s\n' "$out" | awk '$1 == "VERDICT" { print $2 }')
  json=$(cd "$dir" && node "$CLI" check --format json "$dir" 2>&1)
  errors=$(printf '%s' "$json" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const re = new RegExp(process.argv[1]);
    console.log(d.filter((x) => x.severity === "error" && !re.test(x.code)).map((x) => x.code).join(","));' "$TAKEOVER" 2>/dev/null || echo PARSE-ERROR)
  takeover=$(printf '%s' "$json" | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const re = new RegExp(process.argv[1]);
    console.log(d.filter((x) => x.severity === "error" && re.test(x.code)).map((x) => x.code).join(","));' "$TAKEOVER" 2>/dev/null)
  predicted=accepted; [ -n "$errors" ] && predicted=refused
  if [[ "$case" =~ $KNOWN_GAPS ]] && [ "$verdict" = refused ] && [ "$predicted" = accepted ]; then
    passed=$((passed + 1))
    printf 'ok   %-70s %s [exception 5, no catalogue code: %s]\n' "$case" "$verdict" "$(printf '%s\n' "$out" | grep -m1 -E '^MSG ERROR' | sed 's/^MSG ERROR: //')"
  elif [ "$verdict" = "$predicted" ]; then
    passed=$((passed + 1))
    printf 'ok   %-70s %s%s%s\n' "$case" "$verdict" "${errors:+ ($errors)}" "${takeover:+ [exception 1, takeover-time: $takeover]}"
  else
    failed=$((failed + 1))
    failures+=("$case")
    printf 'FAIL %-70s heartbeat %s, sysv-ha %s%s\n' "$case" "${verdict:-unknown}" "$predicted" "${errors:+ ($errors)}"
    printf '%s\n' "$out" | grep -E '^(MSG|SETUP|EXIT)' | sed 's/^/       /'
  fi
done

echo
[ "$failed" -gt 0 ] && printf 'disagreements: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
