// Real xinetd as the judge (run by test/oracle/xinetd.sh, as root).
//
// For every generated case (xinetd-cases.mjs) and every corpus file, xinetd 2.3.15.3 is
// started in debug, no-fork mode (`xinetd -d -dontfork -f FILE`) inside a network namespace
// this script creates (loopback only) and a private mount namespace, stopped by PID once it
// has parsed its configuration ("Started working"), and its dump says which services it
// configured. sysv-ha (`node dist/cli.js check --format json`) runs on the same files.
// Assertion, per service entry: xinetd rejects it ⇔ sysv-ha reports an error in it.
//
// What describes the target host rather than this one is faked, only inside the mount
// namespace: every `server` path that is not executable here becomes a do-nothing executable
// (overlay mounts), unknown `user`/`group` names go into private copies of /etc/passwd and
// /etc/group, and the host's /etc/xinetd.d is hidden. The services database is this host's
// Debian /etc/services, the same file sysv-ha bundles. Corpus files are judged with every
// `disable = yes` turned into `disable = no` (as `chkconfig NAME on` would), so that every
// service is judged.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES } from './xinetd-cases.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CORPUS = process.env.SYSV_HA_CORPUS ?? join(REPO, '..', 'shared', 'corpus');
const XINETD = process.env.XINETD ?? '/usr/sbin/xinetd';
const VERBOSE = process.argv.includes('--verbose');

/**
 * Disagreements that are the real program's quirks, not sysv-ha bugs: case → service → why.
 * sysv-ha reports an error (the program misbehaves at run time, spec/checks.md's rule for
 * "error") where xinetd 2.3.15.3 still starts the service, or the reverse.
 */
const EXCEPTIONS = {
  'inline-comment': {
    finger: "'#' and 'welcome' become server arguments: xinetd starts the service and the program gets junk arguments (xinetd/inline-comment is an error because the result is wrong at run time).",
  },
  'dgram-nowait': {
    tftp: 'xinetd 2.3.15.3 (Debian 12) still accepts socket_type dgram with wait = no; 2.3.15.4 and later refuse it (openSUSE commit fe64857). xinetd/dgram-nowait follows the newer releases.',
    daytime: 'Same as tftp: accepted by 2.3.15.3 only.',
  },
  'env-minus': {
    ftp: "xinetd's env_parser refuses '-=' and disables the service; the catalogue files '-= on env' under xinetd/operator-not-allowed (a warning, \"ignored\"), so sysv-ha reports no error.",
  },
  'error-then-enable': {
    ftp: "An xinetd quirk: 'disable = no' after a value xinetd refused (instances = many) re-enables the service (svcdisable_parser calls SC_ENABLE), so it starts with the bad line ignored; sysv-ha reports the refused value as an error.",
  },
};

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

const T = mkdtempSync('/tmp/sysvha-xinetd-');
const NS = `sysvha-xinetd-${process.pid}`;
let nsCreated = false;
function cleanup() {
  if (nsCreated) {
    spawnSync('ip', ['netns', 'del', NS]);
    nsCreated = false;
  }
  rmSync(T, { recursive: true, force: true });
}
process.on('SIGINT', () => { cleanup(); process.exit(130); });
process.on('SIGTERM', () => { cleanup(); process.exit(143); });

/** Cases to judge: generated ones, then the corpus files (every disable = yes → no). */
function inputs() {
  const out = CASES.map((c) => (c.files ? { name: c.name, kind: 'image', files: c.files } : { name: c.name, kind: 'case', text: c.text }));
  const dir = join(CORPUS, 'xinetd');
  const manifest = existsSync(join(CORPUS, 'MANIFEST.tsv')) ? readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8') : '';
  const templates = new Set(manifest.split('\n').map((l) => l.split('\t')).filter((c) => c[0] === 'xinetd' && /\bTEMPLATE\b/.test(c[6] ?? '')).map((c) => c[1]));
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/^([ \t]*disable[ \t]*=[ \t]*)yes([ \t\r]*)$/gim, '$1no$2');
      out.push({ name: f, kind: 'corpus', text, template: templates.has(f) });
    }
  }
  return out;
}

/** The service entries of a file, as line spans (0-based), with what decides if xinetd skips them by choice. */
function blocks(text) {
  const lines = text.split('\n');
  const onlyClose = (l) => /^[ \t\r\f\v]*\}[ \t\r\f\v]*$/.test(l);
  const found = [];
  lines.forEach((l, i) => {
    const m = /^[ \t]*(?:(service)[ \t]+([^ \t\r]+)|(defaults))[ \t\r]*(?:\S.*)?$/i.exec(l);
    if (!m || !/^[ \t]*(service|defaults)\b/i.test(l)) return;
    let close = lines.length - 1;
    for (let j = i + 1; j < lines.length; j++) if (onlyClose(lines[j])) { close = j; break; }
    found.push({ kind: m[1] ? 'service' : 'defaults', name: m[2] ?? 'defaults', header: i, close });
  });
  let prev = -1;
  for (const b of found) {
    b.start = Math.min(prev + 1, b.header);
    if (b.close >= b.header) prev = b.close;
    const body = lines.slice(b.header + 1, b.close);
    const attr = (n) => body.map((l) => new RegExp(`^[ \\t]*${n}[ \\t]+\\+?=[ \\t]*(.*?)[ \\t\\r]*$`, 'i').exec(l)).filter(Boolean).map((m) => m[1]);
    b.id = attr('id')[0]?.split(/[ \t]+/)[0] ?? b.name;
    b.disabled = attr('disable').some((v) => /^yes$/i.test(v));
    b.disabledList = attr('disabled').flatMap((v) => v.split(/[ \t]+/));
    b.enabledList = attr('enabled').flatMap((v) => v.split(/[ \t]+/));
  }
  const defaults = found.filter((b) => b.kind === 'defaults');
  const disabledIds = new Set(defaults.flatMap((d) => d.disabledList));
  const enabledIds = defaults.flatMap((d) => d.enabledList);
  for (const b of found) {
    if (disabledIds.has(b.id)) b.disabled = true;
    if (enabledIds.length > 0 && !enabledIds.includes(b.id)) b.disabled = true;
  }
  return found;
}

/** Fake users, groups and servers for a set of texts: the shell lines that set them up. */
function fakes(texts, dir, xinetdD) {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const group = readFileSync('/etc/group', 'utf8');
  const users = new Set();
  const groups = new Set();
  const servers = new Set();
  for (const t of texts) {
    for (const m of t.matchAll(/^[ \t]*(user|group|server)[ \t]+=[ \t]*([^ \t\r\n]+)/gim)) {
      const [, what, v] = m;
      if (/^user$/i.test(what) && !/^\d+$/.test(v) && !new RegExp(`^${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm').test(passwd)) users.add(v);
      if (/^group$/i.test(what) && !/^\d+$/.test(v) && !new RegExp(`^${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm').test(group)) groups.add(v);
      if (/^server$/i.test(what) && v.startsWith('/') && !/[:\s]/.test(v)) {
        try { accessSync(v, constants.X_OK); } catch { servers.add(v); }
      }
    }
  }
  let uid = 60000;
  writeFileSync(join(dir, 'passwd'), passwd + [...users].map((u) => `${u}:x:${uid}:${uid++}::/nonexistent:/usr/sbin/nologin\n`).join(''));
  let gid = 60000;
  writeFileSync(join(dir, 'group'), group + [...new Set([...groups, ...users])].map((g) => `${g}:x:${gid++}:\n`).join(''));
  // The nearest existing ancestor of each missing server gets an overlay; nested ones collapse.
  const ancestor = (p) => { let d = dirname(p); while (!existsSync(d)) d = dirname(d); return d; };
  const roots = [...new Set([...servers].map(ancestor))].filter((d) => d !== '/').sort();
  const outer = roots.filter((d) => !roots.some((o) => o !== d && d.startsWith(`${o}/`)));
  const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
  const lines = [];
  outer.forEach((d, i) => {
    lines.push(`mkdir -p ${q(`${dir}/ov${i}/u`)} ${q(`${dir}/ov${i}/w`)}`);
    lines.push(`mount -t overlay overlay -o lowerdir=${q(d)},upperdir=${q(`${dir}/ov${i}/u`)},workdir=${q(`${dir}/ov${i}/w`)} ${q(d)}`);
  });
  for (const s of servers) {
    if (!outer.some((d) => s.startsWith(`${d}/`))) continue;
    lines.push(`mkdir -p ${q(dirname(s))} && printf '#!/bin/sh\\nexit 0\\n' > ${q(s)} && chmod 755 ${q(s)}`);
  }
  lines.push(`mount --bind ${q(join(dir, 'passwd'))} /etc/passwd`, `mount --bind ${q(join(dir, 'group'))} /etc/group`);
  // The host's /etc/xinetd.d is hidden; an image case puts its own etc/xinetd.d there.
  if (existsSync('/etc/xinetd.d')) lines.push(xinetdD ? `mount --bind ${q(xinetdD)} /etc/xinetd.d` : 'mount -t tmpfs -o size=1m none /etc/xinetd.d');
  return lines;
}

/** Runs xinetd on one file in the namespace; returns its log. */
function runXinetd(conf, log, setup) {
  writeFileSync(log, '');
  const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
  const script = [
    'set -e',
    ...setup,
    `mount --bind ${q(log)} /dev/tty`,
    `${q(XINETD)} -d -dontfork -f ${q(conf)} >>${q(log)} 2>&1 &`,
    'pid=$!',
    'i=0',
    `while [ $i -lt 200 ]; do grep -q -e 'Started working' -e 'Exiting' ${q(log)} && break; kill -0 $pid 2>/dev/null || break; sleep 0.05; i=$((i+1)); done`,
    'kill $pid 2>/dev/null || true',
    'wait $pid 2>/dev/null || true',
  ].join('\n');
  const r = spawnSync('ip', ['netns', 'exec', NS, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sandbox failed for ${conf}: ${r.stderr}`);
  return readFileSync(log, 'utf8');
}

/** (name, id) pairs xinetd configured, from its "Service configuration" dump. */
function configured(log) {
  const out = [];
  const lines = log.split('\n');
  lines.forEach((l, i) => {
    const m = /^Service configuration: (.*)$/.exec(l);
    if (!m) return;
    let id = m[1];
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const k = /^\tid = (.*)$/.exec(lines[j]);
      if (k) { id = k[1]; break; }
    }
    out.push(`${m[1]}\0${id}`);
  });
  return out;
}

function main() {
  if (process.getuid?.() !== 0) {
    console.error('the xinetd oracle needs root (network and mount namespaces)');
    return 2;
  }
  if (!existsSync(XINETD)) {
    console.error(`${XINETD} is missing (test/oracle/xinetd.sh installs Debian's xinetd)`);
    return 2;
  }
  sh('ip', ['netns', 'add', NS]);
  nsCreated = true;
  sh('ip', ['netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up']);

  const all = inputs();
  mkdirSync(join(T, 'files'));
  // Units: one xinetd run each. A case or corpus file is the main config itself; an image case
  // is a tree whose etc/xinetd.conf includes its etc/xinetd.d (bind-mounted over /etc/xinetd.d).
  const units = all.map((c, i) => {
    const base = join(T, 'files', `${String(i).padStart(3, '0')}-${c.name.replace(/[^A-Za-z0-9._-]/g, '_')}`);
    if (c.kind !== 'image') {
      writeFileSync(base, c.text);
      return { ...c, cliPath: base, conf: base, files: [{ path: base, text: c.text, read: true }] };
    }
    const files = Object.entries(c.files).map(([rel, text]) => {
      const path = join(base, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      const name = rel.slice(rel.lastIndexOf('/') + 1);
      const read = rel === 'etc/xinetd.conf' || (rel.startsWith('etc/xinetd.d/') && !name.includes('.') && !name.endsWith('~'));
      return { path, text, read };
    });
    return { ...c, cliPath: base, conf: join(base, 'etc', 'xinetd.conf'), xinetdD: join(base, 'etc', 'xinetd.d'), files };
  });

  // sysv-ha, once over every file and image root.
  const cli = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'check', '--format', 'json', '--lang', 'xinetd', '--exit-zero', ...units.map((u) => u.cliPath)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (cli.status !== 0) throw new Error(`sysv-ha failed: ${cli.stderr}`);
  const errorsByFile = new Map();
  for (const d of JSON.parse(cli.stdout)) {
    if (d.severity !== 'error') continue;
    if (!errorsByFile.has(d.file)) errorsByFile.set(d.file, []);
    errorsByFile.get(d.file).push(d);
  }

  let passed = 0;
  let failed = 0;
  let excepted = 0;
  let skipped = 0;
  let runs = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    const entries = u.files.flatMap((f) => blocks(f.text).filter((b) => b.kind === 'service').map((b) => ({ ...b, file: f })));
    if (u.template) {
      // @VAR@ placeholders stand for values a build substitutes: xinetd refuses them as paths and users.
      skipped += entries.length;
      console.log(`SKIP corpus ${u.name}: a template (MANIFEST), its placeholders are not values`);
      continue;
    }
    if (entries.length === 0) {
      if (VERBOSE) console.log(`-- ${u.name}: no service entry`);
      continue;
    }
    const dir = join(T, `run${i}`);
    mkdirSync(dir);
    const log = runXinetd(u.conf, join(dir, 'log'), fakes(u.files.map((f) => f.text), dir, u.xinetdD));
    runs++;
    const done = configured(log);
    const judged = entries.filter((b) => b.file.read && !b.disabled);
    for (const b of entries) {
      const where = u.kind === 'image' ? `${b.file.path.slice(u.cliPath.length + 1)}:${b.header + 1}` : `:${b.header + 1}`;
      const label = `${u.kind} ${u.name} ${where} service ${b.name}${b.id !== b.name ? ` (id ${b.id})` : ''}`;
      if (!b.file.read || b.disabled) {
        skipped++;
        if (VERBOSE) console.log(`SKIP ${label}: ${b.file.read ? 'disabled on purpose' : 'includedir does not read the file'}`);
        continue;
      }
      const key = `${b.name}\0${b.id}`;
      const same = judged.filter((x) => `${x.name}\0${x.id}` === key).length;
      const count = done.filter((k) => k === key).length;
      if (count !== 0 && count !== same) {
        skipped++;
        console.log(`SKIP ${label}: ${same} entries share name and id, xinetd configured ${count}`);
        continue;
      }
      const rejected = count === 0;
      const mine = (errorsByFile.get(b.file.path) ?? []).filter((e) => e.line - 1 >= b.start && e.line - 1 <= b.close);
      const flagged = mine.length > 0;
      const what = `xinetd ${rejected ? 'rejects' : 'accepts'}, sysv-ha ${flagged ? `reports ${[...new Set(mine.map((e) => e.code))].join(', ')}` : 'reports no error'}`;
      if (rejected === flagged) {
        passed++;
        if (VERBOSE) console.log(`ok   ${label}: ${what}`);
        continue;
      }
      const why = EXCEPTIONS[u.name]?.[b.name];
      if (why) {
        excepted++;
        passed++;
        console.log(`EXCEPTION ${label}: ${what}. ${why}`);
        continue;
      }
      failed++;
      const msgs = log.split('\n').filter((l) => /(ERROR|WARNING|CRITICAL)/.test(l)).map((l) => l.replace(/^.*?: (ERROR|WARNING|CRITICAL): \d+ /, '$1 ')).slice(0, 6);
      console.log(`FAIL ${label}: ${what}\n     xinetd said: ${msgs.join(' | ') || '(nothing)'}\n     sysv-ha said: ${mine.map((e) => `${e.line}: ${e.code}`).join(' | ') || '(nothing)'}`);
    }
  }
  console.log(`${runs} xinetd runs on ${units.length} inputs (${CASES.length} generated cases, ${units.length - CASES.length} corpus files); ${excepted} documented exceptions, ${skipped} skipped (disabled on purpose or ambiguous)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

let code = 1;
try {
  code = main();
} catch (e) {
  console.error(e instanceof Error ? e.stack : String(e));
} finally {
  cleanup();
}
process.exit(code);
