// Deterministic case generation for the mutation fuzzer: a seeded PRNG, the corpus, and
// the mutators. Case K of seed S depends only on (S, K) and the corpus, so any case can be
// replayed alone with `--seed S --case K`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const LANGUAGES = ['inittab', 'initscript', 'hacf', 'haresources', 'authkeys', 'xinetd'];
const KIND_LANGUAGE = { inittab: 'inittab', initscripts: 'initscript', hacf: 'hacf', haresources: 'haresources', authkeys: 'authkeys', xinetd: 'xinetd' };
const EXT_LANGUAGE = { inittab: 'inittab', xinetd: 'xinetd', 'ha-cf': 'hacf', 'ha-resources': 'haresources', 'ha-authkeys': 'authkeys' };

/** splitmix32: mixes a 32-bit state into a well-spread value. */
function mix(x) {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** sfc32 seeded from (seed, k). */
export function rngFor(seed, k, salt = 0) {
  let a = mix(seed ^ 0x5bd1e995), b = mix(k + 0x27d4eb2f), c = mix(mix(seed) ^ k ^ salt), d = 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const r = {
    next,
    int: (n) => (n <= 0 ? 0 : Math.floor(next() * n)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
  };
  return r;
}

// ---------------------------------------------------------------------------------------
// Corpus

function walk(dir, out) {
  let names;
  try { names = readdirSync(dir).sort(); } catch { return; }
  for (const n of names) {
    const p = join(dir, n);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile() && st.size < 4 * 1024 * 1024) out.push(p);
  }
}

/** Language of a corpus file: its kind folder, its name/path, its extension, or its header. */
function languageOf(root, file, svc) {
  const rel = relative(root, file).split('\\').join('/');
  const kind = rel.split('/')[0];
  if (KIND_LANGUAGE[kind] && rel.includes('/')) return KIND_LANGUAGE[kind];
  const byPath = svc.languageForPath('/' + rel) ?? svc.languageForPath(file);
  if (byPath) return byPath;
  const ext = file.slice(file.lastIndexOf('.') + 1);
  if (EXT_LANGUAGE[ext]) return EXT_LANGUAGE[ext];
  return undefined;
}

/**
 * The seed files: `dir` when given, else ../shared/corpus when present, else examples/ and
 * the repository's fixtures (test/grammar, test/fuzz/regressions).
 */
export function loadCorpus(repo, svc, dir) {
  const roots = dir ? [dir] : existsSync(join(repo, '..', 'shared', 'corpus')) ? [join(repo, '..', 'shared', 'corpus')] : [join(repo, 'examples'), join(repo, 'test', 'grammar')];
  const files = [];
  for (const root of roots) {
    const found = [];
    walk(root, found);
    for (const f of found) {
      const language = languageOf(root, f, svc);
      if (!language) continue;
      files.push({ name: relative(root, f).split('\\').join('/'), language, bytes: readFileSync(f) });
    }
  }
  // Kept regression inputs are seeds too (their language is in a sidecar or the name).
  const regr = join(repo, 'test', 'fuzz', 'regressions');
  if (existsSync(regr)) {
    for (const n of readdirSync(regr).sort()) {
      const m = /^(inittab|initscript|hacf|haresources|authkeys|xinetd)[-_.]/.exec(n);
      if (m && !n.endsWith('.json')) files.push({ name: `regressions/${n}`, language: m[1], bytes: readFileSync(join(regr, n)) });
    }
  }
  if (files.length === 0) throw new Error(`no corpus files found under ${roots.join(', ')}`);
  return files;
}

// ---------------------------------------------------------------------------------------
// Mutators, over bytes (the text is decoded afterwards, with replacement, as the CLI does).

const NL = 0x0a;

function splitLines(buf) {
  const lines = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === NL) { lines.push(buf.subarray(start, i + 1)); start = i + 1; }
  }
  if (start < buf.length) lines.push(buf.subarray(start));
  return lines;
}
const join0 = (lines) => Buffer.concat(lines);
const B = (s) => Buffer.from(s, 'utf8');

/** Tokens of the formats, to build nesting and lines the parsers care about. */
const NESTERS = {
  initscript: [
    ['case "$1" in\na)\n', ';;\nesac\n'],
    ['if true; then\n', 'fi\n'],
    ['{\n', '}\n'],
    ['(\n', ')\n'],
    ['x=$(', ')\n'],
    ['echo "$(', ')"\n'],
    ['f() {\n', '}\n'],
    ['while :; do\n', 'done\n'],
    ['[ ', ' ]\n'],
    ['"', '"'],
    ['`', '`'],
    ['$((', '))\n'],
    ['cat <<EOF\n', 'EOF\n'],
  ],
  xinetd: [['service s\n{\n', '}\n'], ['{\n', '}\n'], ['defaults\n{\n', '}\n']],
  inittab: [['id:3:initdefault:\n', ''], ['::sysinit:/etc/init.d/rcS\n', ''], ['\\\n', '']],
  hacf: [['node a\n', ''], ['ucast eth0 10.0.0.1 \\\n', '']],
  haresources: [['node1 IPaddr::10.0.0.1/24/eth0 \\\n', ''], ['node1 ', '\n']],
  authkeys: [['auth 1\n1 sha1 secret\n', ''], ['1 md5 ', '\n']],
};
const WEIRD = [
  '\u0000', '\uFEFF', '\u00e9', '\u{1F600}', '\u0301', '\u2028', '\u200B', '\t', '\\', '"', "'", '`', '$', '#', ':', ';', '{', '}', '(', ')', '[', ']', '=', '|', '&', '<<', '>', '*', '~~',
  '### BEGIN INIT INFO\n', '### END INIT INFO\n', '# chkconfig: 2345 10 90\n', '# Provides: x\n', '# Required-Start: $network\n', '# Default-Start: 2 3 4 5\n',
  'id:3:initdefault:\n', 'ca::ctrlaltdel:/sbin/shutdown -r now\n', 'auth 1\n', '1 sha1 k\n', 'node n1\n', 'keepalive 2\n', 'IPaddr::10.0.0.1/24/eth0', 'ip addr add 10.0.0.1/33 dev eth0\n',
  'service s\n{\n', 'disable = no\n', 'server_args += -x\n', '}\n', 'start)\n', ';;\n', 'esac\n',
];
const BAD_UTF8 = [[0x80], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff, 0xfe], [0xe2, 0x82], [0xf0, 0x9f, 0x98]];

function randomBytes(r, n) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = r.chance(0.5) ? r.int(256) : r.pick([0, 9, 10, 13, 32, 34, 35, 36, 39, 58, 59, 92, 123, 125, 0xc3, 0xa9, 0xff]);
  return b;
}

function insertAt(buf, at, ins) {
  return Buffer.concat([buf.subarray(0, at), ins, buf.subarray(at)]);
}

/** Each mutator: (buf, rng, ctx) → buf, with ctx = { corpus, language, other() }. */
export const MUTATORS = {
  flip(buf, r) {
    if (buf.length === 0) return buf;
    const out = Buffer.from(buf);
    for (let i = r.range(1, 8); i > 0; i--) out[r.int(out.length)] ^= 1 << r.int(8);
    return out;
  },
  setByte(buf, r) {
    if (buf.length === 0) return buf;
    const out = Buffer.from(buf);
    for (let i = r.range(1, 4); i > 0; i--) out[r.int(out.length)] = r.pick([0, 9, 10, 13, 32, 35, 58, 92, 34, 39, 0x80, 0xff, r.int(256)]);
    return out;
  },
  insertBytes(buf, r) { return insertAt(buf, r.int(buf.length + 1), randomBytes(r, r.range(1, 16))); },
  deleteBytes(buf, r) {
    if (buf.length === 0) return buf;
    const at = r.int(buf.length);
    return Buffer.concat([buf.subarray(0, at), buf.subarray(Math.min(buf.length, at + r.range(1, 64)))]);
  },
  deleteLines(buf, r) {
    const l = splitLines(buf);
    if (l.length === 0) return buf;
    const at = r.int(l.length);
    l.splice(at, r.range(1, Math.max(1, Math.min(20, l.length - at))));
    return join0(l);
  },
  dupLines(buf, r) {
    const l = splitLines(buf);
    if (l.length === 0) return buf;
    const at = r.int(l.length);
    const chunk = l.slice(at, at + r.range(1, 10));
    const times = r.chance(0.04) ? r.range(50, 2000) : r.range(1, 3);
    const ins = [];
    for (let i = 0; i < times; i++) ins.push(...chunk);
    l.splice(r.int(l.length + 1), 0, ...ins);
    return join0(l);
  },
  swapLines(buf, r) {
    const l = splitLines(buf);
    if (l.length < 2) return buf;
    for (let n = r.range(1, 5); n > 0; n--) {
      const i = r.int(l.length), j = r.int(l.length);
      [l[i], l[j]] = [l[j], l[i]];
    }
    return join0(l);
  },
  splice(buf, r, ctx) {
    const other = splitLines(ctx.other(r).bytes);
    const l = splitLines(buf);
    if (other.length === 0) return buf;
    const from = r.int(other.length);
    const chunk = other.slice(from, from + r.range(1, 40));
    const at = r.int(l.length + 1);
    l.splice(at, r.chance(0.5) ? r.int(Math.min(10, l.length - at) + 1) : 0, ...chunk);
    return join0(l);
  },
  spliceBytes(buf, r, ctx) {
    const o = ctx.other(r).bytes;
    if (o.length === 0) return buf;
    const from = r.int(o.length);
    return insertAt(buf, r.int(buf.length + 1), o.subarray(from, from + r.range(1, 400)));
  },
  wholeOther(_buf, r, ctx) { return Buffer.from(ctx.other(r).bytes); },
  hugeLine(buf, r, ctx) {
    const l = splitLines(buf);
    const n = r.chance(0.5) ? 100_000 : r.range(4_000, 30_000);
    let unit;
    const src = l.length > 0 ? r.pick(l) : B('x');
    switch (r.int(5)) {
      case 0: unit = B('a'); break;
      case 1: unit = Buffer.from(src).subarray(0, Math.max(1, src.length - 1)); break;
      case 2: unit = B(r.pick(WEIRD)); break;
      case 3: unit = B(r.pick(['x:', ' ', '\\ ', '"', '$(', '#', 'é', '\u{1F600}', '${a', ';', '10.0.0.1 '])); break;
      default: unit = randomBytes(r, r.range(1, 8)).filter((b) => b !== NL);
    }
    if (unit.length === 0) unit = B('a');
    const reps = Math.max(1, Math.floor(n / unit.length));
    const line = Buffer.concat([Buffer.concat(Array(reps).fill(unit)).filter((b) => b !== NL), B('\n')]);
    // Keep the line's lead (a keyword, an inittab id) sometimes, so the parser goes deep into it.
    const lead = r.chance(0.5) && l.length > 0 ? Buffer.from(r.pick(l)).filter((b) => b !== NL) : Buffer.alloc(0);
    l.splice(r.int(l.length + 1), 0, Buffer.concat([lead, line]));
    return join0(l);
  },
  deepNesting(buf, r, ctx) {
    const l = splitLines(buf);
    const nesters = NESTERS[ctx.language] ?? NESTERS.initscript;
    const [open, close] = r.chance(0.8) ? r.pick(nesters) : r.pick(NESTERS.initscript);
    const depth = r.chance(0.5) ? 5000 : r.range(100, 2000);
    const unclosed = r.chance(0.3);
    const body = Buffer.concat([
      Buffer.concat(Array(depth).fill(B(open))), B('true\n'), unclosed ? Buffer.alloc(0) : Buffer.concat(Array(depth).fill(B(close))),
    ]);
    l.splice(r.int(l.length + 1), 0, body);
    return join0(l);
  },
  nul(buf, r) {
    let out = buf;
    for (let i = r.range(1, 6); i > 0; i--) out = insertAt(out, r.int(out.length + 1), Buffer.from(r.chance(0.2) ? Array(r.range(2, 64)).fill(0) : [0]));
    return out;
  },
  crlf(buf) { return Buffer.from(buf.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1'); },
  cr(buf) { return Buffer.from(buf.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1'); },
  mixedEol(buf, r) {
    const s = buf.toString('latin1');
    return Buffer.from(s.replace(/\r?\n/g, () => r.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n'])), 'latin1');
  },
  bom(buf) { return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buf]); },
  badUtf8(buf, r) {
    let out = buf;
    for (let i = r.range(1, 6); i > 0; i--) out = insertAt(out, r.int(out.length + 1), Buffer.from(r.pick(BAD_UTF8)));
    return out;
  },
  latin1(buf) { return Buffer.from(buf.toString('utf8'), 'latin1'); },
  truncate(buf, r) { return buf.subarray(0, r.int(buf.length + 1)); },
  empty() { return Buffer.alloc(0); },
  whitespaceOnly(_b, r) { return B(r.pick(['\n', '\r\n', ' ', '\t\t\n\n', '#', '\\', '\\\n', '\n\n\n\r'])); },
  noFinalNewline(buf) { let e = buf.length; while (e > 0 && (buf[e - 1] === NL || buf[e - 1] === 13)) e--; return buf.subarray(0, e); },
  insertToken(buf, r) {
    const l = splitLines(buf);
    let out = buf;
    for (let i = r.range(1, 6); i > 0; i--) {
      const at = r.chance(0.5) && l.length > 0 ? l.slice(0, r.int(l.length)).reduce((n, x) => n + x.length, 0) : r.int(out.length + 1);
      out = insertAt(out, Math.min(at, out.length), B(r.pick(WEIRD)));
    }
    return out;
  },
  astral(buf, r) {
    let s = buf.toString('utf8');
    for (let i = r.range(1, 5); i > 0; i--) {
      const at = r.int(s.length + 1);
      s = s.slice(0, at) + r.pick(['\u{1F600}', '\u{10FFFF}', 'e\u0301', '\u00e9', '\u4e2d', '\uFFFD']) + s.slice(at);
    }
    return B(s);
  },
};

const WEIGHTS = [
  ['flip', 8], ['setByte', 6], ['insertBytes', 5], ['deleteBytes', 5], ['deleteLines', 8], ['dupLines', 7], ['swapLines', 4],
  ['splice', 9], ['spliceBytes', 4], ['wholeOther', 2], ['hugeLine', 1.5], ['deepNesting', 1.5], ['nul', 4], ['crlf', 3], ['cr', 2],
  ['mixedEol', 3], ['bom', 3], ['badUtf8', 4], ['latin1', 2], ['truncate', 4], ['empty', 1], ['whitespaceOnly', 1],
  ['noFinalNewline', 2], ['insertToken', 8], ['astral', 3],
];
const TOTAL = WEIGHTS.reduce((n, [, w]) => n + w, 0);

function pickMutator(r) {
  let x = r.next() * TOTAL;
  for (const [name, w] of WEIGHTS) {
    if ((x -= w) < 0) return name;
  }
  return WEIGHTS[0][0];
}

export const PATHS = {
  inittab: ['/etc/inittab', '/srv/img/etc/inittab', '/etc/inittab.d/extra.tab'],
  initscript: ['/etc/init.d/NAME', '/etc/rc.d/init.d/NAME', '/srv/img/etc/init.d/NAME', '/etc/rc.local'],
  hacf: ['/etc/ha.d/ha.cf'],
  haresources: ['/etc/ha.d/haresources'],
  authkeys: ['/etc/ha.d/authkeys'],
  xinetd: ['/etc/xinetd.conf', '/etc/xinetd.d/NAME'],
};
const HOST_FILES = { inittab: '/etc/inittab', hacf: '/etc/ha.d/ha.cf', haresources: '/etc/ha.d/haresources', authkeys: '/etc/ha.d/authkeys', xinetd: '/etc/xinetd.conf' };

/**
 * Case K: the base file, the language it is checked as, its path, the settings, the
 * mutations applied, the bytes, and (sometimes) other files for a workspace host.
 */
export function makeCase(seed, k, corpus, codes) {
  const r = rngFor(seed, k);
  const base = corpus[r.int(corpus.length)];
  // Mostly checked as its own language; sometimes as another one (a file mis-detected).
  const language = r.chance(0.1) ? r.pick(LANGUAGES) : base.language;
  const ctx = { corpus, language, other: (rr) => (rr.chance(0.7) ? corpus[rr.int(corpus.length)] : (corpus.filter((c) => c.language === language)[0] ?? base)) };
  let bytes = Buffer.from(base.bytes);
  const mutations = [];
  const n = r.chance(0.05) ? 0 : r.range(1, r.chance(0.2) ? 8 : 3);
  for (let i = 0; i < n; i++) {
    const m = pickMutator(r);
    mutations.push(m);
    bytes = MUTATORS[m](bytes, r, ctx);
    if (bytes.length > 3_000_000) bytes = bytes.subarray(0, 3_000_000);
  }
  const name = (base.name.split('/').pop() ?? 'svc').replace(/[^A-Za-z0-9_.@+-]/g, '_').slice(0, 40) || 'svc';
  const path = r.pick(PATHS[language]).replace('NAME', /^(functions|rc|rcS|rcK|boot|README|Makefile|skeleton|core|rx|powerfail)/.test(name) ? `s-${name}` : name);
  const settings = {
    profile: r.pick(['auto', 'auto', 'rhel', 'debian', 'suse', 'busybox']),
    inittabDialect: r.pick(['auto', 'auto', 'sysvinit', 'busybox']),
    sysvinitVersion: r.pick([3, 3, 2]),
    heartbeatVersion: r.pick([3, 3, 2]),
    checkFileModes: r.chance(0.7),
    severity: {},
  };
  if (codes.length > 0 && r.chance(0.15)) {
    for (let i = r.range(1, 4); i > 0; i--) settings.severity[r.pick(codes)] = r.pick(['error', 'warning', 'information', 'hint', 'off']);
  }
  // A workspace host (other files of the same image) in some cases, for cross-file checks.
  let hostFiles;
  if (r.chance(0.3)) {
    hostFiles = {};
    for (let i = r.range(1, 4); i > 0; i--) {
      const o = corpus[r.int(corpus.length)];
      const p = o.language === 'initscript' ? `${path.startsWith('/etc/rc.d') ? '/etc/rc.d/init.d' : path.startsWith('/srv') ? '/srv/img/etc/init.d' : '/etc/init.d'}/o${i}` : HOST_FILES[o.language] ?? '/etc/other';
      if (p !== path) hostFiles[p] = o.bytes.toString('utf8');
    }
  }
  return { seed, k, base: base.name, baseLanguage: base.language, language, path, settings, mutations, bytes, hostFiles, rngSalt: r.int(2 ** 31) };
}
