/**
 * Facts about a script's body that hover shows beside the docs: where a library function
 * comes from in this script (and whether it is sourced before it is used), a `daemon` of a
 * program that stays in the foreground, and the usage text against the implemented actions.
 * They have no code in the diagnostic catalogue, so they are notes, not diagnostics.
 */
import type { BodyModel, CommandInfo, Word } from './body';
import { globMatches } from './checks';
import { ACTIONS, LIBRARIES, type LibraryFunction } from './spec';

const before = (a: CommandInfo, b: CommandInfo) => a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character < b.range.start.character);

/** Library functions that some systems also ship as programs (SUSE's /sbin/killproc). */
const PROGRAMS_TOO = ['killproc', 'pidofproc', 'start_daemon'];

/** Every functions library a script may source. */
const ALL_LIBRARIES: readonly string[] = Object.values(LIBRARIES);

/** The libraries that define a function, as a script sources them (LSB defines killproc and pidofproc too). */
function librariesFor(fn: LibraryFunction): string[] {
  const lsbToo = ['killproc', 'pidofproc', 'start_daemon'].includes(fn.name);
  switch (fn.library) {
    case 'rhel': return lsbToo ? [LIBRARIES.rhel, LIBRARIES.rhelAlias, LIBRARIES.lsb] : [LIBRARIES.rhel, LIBRARIES.rhelAlias];
    case 'lsb': return [LIBRARIES.lsb, LIBRARIES.rhel, LIBRARIES.rhelAlias];
    case 'debian': return [LIBRARIES.lsb, LIBRARIES.initDScript];
    default: return [];
  }
}

/**
 * The body's commands by name (positions in `body.commands`, in order), made in one pass per
 * body: the checks and notes look at a few names each, and a 20k-line script has 15,000
 * commands, re-read after every edit. Also the `. FILE` / `source FILE` commands in order.
 */
export interface CommandIndex {
  byName: Map<string, number[]>;
  sources: CommandInfo[];
}
const indexOf = new WeakMap<BodyModel, CommandIndex>();

export function commandIndex(body: BodyModel): CommandIndex {
  let index = indexOf.get(body);
  if (!index) {
    const byName = new Map<string, number[]>();
    const sources: CommandInfo[] = [];
    const commands = body.commands;
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i]!;
      const list = byName.get(c.name);
      if (list) list.push(i);
      else byName.set(c.name, [i]);
      if (c.name === '.' || c.name === 'source') sources.push(c);
    }
    indexOf.set(body, (index = { byName, sources }));
  }
  return index;
}

/**
 * The index of `body` from the index of the previous version's body, when most commands are
 * the same objects in the same order (an edit re-reads only the statements it touched): the
 * lists of the names the changed commands carry are made again, the others kept (moved when
 * the number of commands changed). Without a previous index, or after a large change, the index
 * is made in full when first asked for.
 */
export function seedCommandIndex(body: BodyModel, previous: BodyModel | undefined): void {
  if (!previous || previous === body || indexOf.has(body)) return;
  const prev = indexOf.get(previous);
  if (!prev) return;
  const before = previous.commands;
  const now = body.commands;
  const m = before.length;
  const n = now.length;
  const common = Math.min(m, n);
  let a = 0;
  while (a < common && before[a] === now[a]) a++;
  let b = 0;
  while (b < common - a && before[m - 1 - b] === now[n - 1 - b]) b++;
  // Changed: [a, m - b) before, [a, n - b) now.
  if ((m - b - a) + (n - b - a) > Math.max(64, n >> 2)) return;
  const shift = n - m;
  const touched = new Map<string, number[]>();
  for (let i = a; i < m - b; i++) if (!touched.has(before[i]!.name)) touched.set(before[i]!.name, []);
  for (let i = a; i < n - b; i++) {
    const list = touched.get(now[i]!.name);
    if (list) list.push(i);
    else touched.set(now[i]!.name, [i]);
  }
  const byName = new Map<string, number[]>();
  for (const [name, list] of prev.byName) {
    const fresh = touched.get(name);
    if (fresh) {
      const out: number[] = [];
      for (const i of list) if (i < a) out.push(i);
      for (const i of fresh) out.push(i);
      for (const i of list) if (i >= m - b) out.push(i + shift);
      if (out.length > 0) byName.set(name, out);
    } else {
      // No command of this name changed: its positions are before or after the change.
      byName.set(name, shift === 0 || list[list.length - 1]! < a ? list : list.map((i) => (i < a ? i : i + shift)));
    }
  }
  for (const [name, fresh] of touched) if (!prev.byName.has(name) && fresh.length > 0) byName.set(name, fresh);
  let sources = prev.sources;
  if (touched.has('.') || touched.has('source')) {
    const dot = byName.get('.') ?? [];
    const src = byName.get('source') ?? [];
    sources = [];
    let i = 0;
    let j = 0;
    while (i < dot.length || j < src.length) sources.push(now[j >= src.length || (i < dot.length && dot[i]! < src[j]!) ? dot[i++]! : src[j++]!]!);
  }
  indexOf.set(body, { byName, sources });
}

/** The names of the functions the script defines, once per body (several checks ask). */
const definedOf = new WeakMap<BodyModel, Set<string>>();
export function definedNames(body: BodyModel): Set<string> {
  let names = definedOf.get(body);
  if (!names) definedOf.set(body, (names = new Set(body.functions.map((f) => f.name))));
  return names;
}

/** The commands named one of `names`, in the body's order (the names' lists merged, each in order already). */
export function commandsNamed(body: BodyModel, ...names: string[]): CommandInfo[] {
  const { byName } = commandIndex(body);
  let at: readonly number[] = [];
  for (const n of names) {
    const list = byName.get(n);
    if (list) at = at.length === 0 ? list : mergeSorted(at, list);
  }
  const out = new Array<CommandInfo>(at.length);
  for (let i = 0; i < at.length; i++) out[i] = body.commands[at[i]!]!;
  return out;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** The body's `. FILE` / `source FILE` commands, found once per body (notes are asked for every call). */
function sources(body: BodyModel): CommandInfo[] {
  return commandIndex(body).sources;
}

/**
 * Folders of configuration files that scripts source for their variables (Debian policy 9.3.2's
 * /etc/default, Red Hat's /etc/sysconfig, Gentoo's and Alpine's /etc/conf.d): by convention they
 * define no functions, so sourcing one does not make a library helper possibly defined.
 */
const CONFIG_DIRS = ['/etc/default/', '/etc/sysconfig/', '/etc/conf.d/'];

/**
 * Sourced files that may define a library helper for all this note can tell: a path through a
 * variable (unless it is in a configuration folder: `/etc/default/$NAME`), or a file that is
 * neither a known library nor configuration (a package's own
 * functions file, e.g. postgresql-common's init.d-functions, which sources init-functions itself).
 */
function mayDefineHelpers(body: BodyModel): CommandInfo[] {
  return sources(body).filter((c) => {
    const file = c.args[0];
    return file !== undefined && !isConfigFile(body, file.text) && (file.dynamic || !ALL_LIBRARIES.includes(file.text));
  });
}

/**
 * A path in a configuration folder, as written or through the variables it starts with
 * (perlbal: `DEFAULTS_FILE=/etc/default/$NAME` … `. $DEFAULTS_FILE`), followed a few levels.
 */
function isConfigFile(body: BodyModel, text: string): boolean {
  let t = text;
  for (let depth = 0; depth < 5; depth++) {
    if (CONFIG_DIRS.some((d) => t.startsWith(d))) return true;
    const m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(t);
    const a = m ? body.assignments.get(m[1]!) : undefined;
    if (!m || !a || a.ambiguous || (m[0].startsWith('${') !== m[0].endsWith('}'))) return false;
    t = a.value + t.slice(m[0].length);
  }
  return false;
}

/** `. FILE` / `source FILE` commands of the body, by the file they read. */
function sourced(body: BodyModel, files: readonly string[]): CommandInfo[] {
  return sources(body).filter((c) => c.args[0] !== undefined && files.includes(c.args[0].text));
}

/**
 * What every library note of a body needs, found once per body (a 20k-line script has
 * thousands of helper calls, and each asks): the libraries sourced, the sourced files that may
 * define helpers, the first of each, and the sources of each set of defining libraries.
 */
interface SourceFacts {
  any: CommandInfo[];
  unknown: CommandInfo[];
  /** The first of `any` and of `unknown` by position (undefined: none). */
  firstAny?: CommandInfo;
  firstUnknown?: CommandInfo;
  defining: Map<string, CommandInfo[]>;
}
const sourceFactsOf = new WeakMap<BodyModel, SourceFacts>();

function sourceFacts(body: BodyModel): SourceFacts {
  let f = sourceFactsOf.get(body);
  if (!f) {
    const any = sourced(body, ALL_LIBRARIES);
    const unknown = mayDefineHelpers(body);
    const first = (list: CommandInfo[]) => list.reduce<CommandInfo | undefined>((m, c) => (!m || before(c, m) ? c : m), undefined);
    sourceFactsOf.set(body, (f = { any, unknown, firstAny: first(any), firstUnknown: first(unknown), defining: new Map() }));
  }
  return f;
}

function definingSources(facts: SourceFacts, body: BodyModel, files: readonly string[]): CommandInfo[] {
  const key = files.join('\n');
  let list = facts.defining.get(key);
  if (!list) facts.defining.set(key, (list = sourced(body, files)));
  return list;
}

/**
 * Where the library function called by `call` comes from in this script. Said only when it is
 * certain: a library that defines it is sourced (before the call, or after it), or no functions
 * library at all is sourced (SUSE's killproc and startproc are programs, not functions).
 */
export function libraryNote(body: BodyModel, call: CommandInfo, fn: LibraryFunction, script: { profile: string; initDScript: boolean }): string | undefined {
  const warning = libraryWarning(body, call, fn, script);
  if (warning !== false) return warning;
  const files = librariesFor(fn);
  const line = (c: CommandInfo) => c.range.start.line + 1;
  const defining = definingSources(sourceFacts(body), body, files);
  const first = defining.find((s) => before(s, call)) ?? defining[0];
  return first ? `Defined by \`${first.args[0]!.text}\`, sourced on line ${line(first)}.` : undefined;
}

/**
 * The part of `libraryNote` the diagnostic needs, in constant time per call: its text when it is
 * a warning (⚠) or when it is settled without the defining library's line; `false` when the note
 * names where the function is defined (`libraryNote` says where).
 */
export function libraryWarning(body: BodyModel, call: CommandInfo, fn: LibraryFunction, script: { profile: string; initDScript: boolean }): string | undefined | false {
  const files = librariesFor(fn);
  if (files.length === 0) return undefined;
  if (script.initDScript) return fn.library === 'rhel' && !files.includes(LIBRARIES.lsb) ? undefined : `Defined by \`${LIBRARIES.lsb}\`, which \`${LIBRARIES.initDScript}\` loads before this script.`;
  const line = (c: CommandInfo) => c.range.start.line + 1;
  const facts = sourceFacts(body);
  if (facts.any.length === 0) {
    // killproc, pidofproc and startproc are programs on SUSE; a sourced $VARIABLE or another
    // functions file may define the helper or source a library.
    if (PROGRAMS_TOO.includes(fn.name) || script.profile === 'suse' || facts.unknown.length > 0) return undefined;
    return `⚠ This script sources no functions library (\`${files[0]}\` defines \`${fn.name}\`): run on its own, the shell says \`${fn.name}: command not found\`.`;
  }
  // A top-level call before every library is sourced fails; a call inside a function runs when
  // the function is called, usually after the top-level source.
  if (call.inFunction === undefined && !before(facts.firstAny!, call) && !(facts.firstUnknown && before(facts.firstUnknown, call))) {
    const any0 = facts.any[0]!;
    return `⚠ Used on line ${line(call)}, before \`${any0.args[0]!.text}\` is sourced on line ${line(any0)}: at that point the shell says \`${fn.name}: command not found\`. Source the library first.`;
  }
  return false;
}

/**
 * Programs that stay in the foreground as called: `daemon` (Red Hat) waits for its program,
 * so `start` never returns. `always`: never detaches; `unless`: detaches only with one of these
 * words; `with`: stays in the foreground when given one of these words.
 */
const FOREGROUND: Record<string, { always?: true; unless?: string[]; with?: string[] }> = {
  sleep: { always: true },
  cat: { always: true },
  yes: { always: true },
  tail: { with: ['-f', '-F', '--follow'] },
  memcached: { unless: ['-d'] },
  sshd: { with: ['-D'] },
  httpd: { with: ['-DFOREGROUND', 'FOREGROUND', '-X'] },
  rsyslogd: { with: ['-n'] },
  crond: { with: ['-n'] },
  ntpd: { with: ['-n'] },
  named: { with: ['-f', '-g'] },
  dnsmasq: { with: ['-d', '-k', '--keep-in-foreground', '--no-daemon'] },
  nginx: { with: ['daemon off;'] },
};

/** A `daemon` call whose program does not detach, as far as the words show: the program word and why. */
export function foregroundProgram(call: CommandInfo): { program: Word; why: string } | undefined {
  if (call.name !== 'daemon') return undefined;
  // The program is the first word that is not one of daemon's options (§4.1).
  let i = 0;
  while (i < call.args.length) {
    const t = call.args[i]!.text;
    if (/^--(check|user|pidfile)$/.test(t)) i += 2;
    else if (/^(--\w+(=.*)?|[+-]\d+)$/.test(t)) i += 1;
    else break;
  }
  const prog = call.args[i];
  if (!prog || prog.dynamic) return undefined;
  const base = prog.text.slice(prog.text.lastIndexOf('/') + 1);
  // Own keys only: a program named toString or constructor is not in the table.
  const rule = Object.hasOwn(FOREGROUND, base) ? FOREGROUND[base] : undefined;
  if (!rule) return undefined;
  const rest = call.args.slice(i + 1).map((a) => a.text);
  const why = rule.always
    ? `\`${base}\` never detaches`
    : rule.unless && !rest.some((w) => rule.unless!.includes(w))
      ? `\`${base}\` stays in the foreground without \`${rule.unless.join('`/`')}\``
      : rule.with && rest.some((w) => rule.with!.includes(w))
        ? `\`${base} ${rest.find((w) => rule.with!.includes(w))}\` stays in the foreground`
        : undefined;
  return why ? { program: prog, why } : undefined;
}

/** The hover note for a `daemon` call whose program does not detach. */
export function daemonNote(call: CommandInfo): string | undefined {
  const f = foregroundProgram(call);
  return f && `⚠ ${f.why}: \`daemon\` waits for it, so \`start\` does not return (and rc stops at this script). Let the program detach, or use \`start-stop-daemon --background\` / \`nohup … &\`.`;
}

/** The actions named in the usage message of the `*)` branch (`{start|stop|...}`), if any. */
function usageActions(body: BodyModel): { actions: string[]; line: number } | undefined {
  const d = body.dispatcher;
  if (!d) return undefined;
  const star = d.branches.findIndex((b) => b.patterns.some((p) => p.text === '*'));
  if (star < 0) return undefined;
  for (const c of body.commands) {
    if (c.inBranch !== star || !['echo', 'printf', 'log_failure_msg', 'log_action_msg', 'gprintf'].includes(c.name)) continue;
    const text = c.args.map((a) => a.text).join(' ');
    // `{start|stop|...}`, not a `${0}` expansion; or `Usage: NAME start|stop|...`.
    const m = /(?<!\$)\{([A-Za-z][A-Za-z0-9_|-]*)\}/.exec(text) ?? /[Uu]sage:?\s+\S+\s+\(?([a-z-]+(?:\s*\|\s*[a-z-]+)+)\)?/.exec(text);
    if (m) return { actions: m[1]!.split('|').map((s) => s.trim()).filter(Boolean), line: c.range.start.line };
  }
  return undefined;
}

/** The usage text against the branches: actions it promises that fall into `*)`, and actions it hides. */
export function usageNote(body: BodyModel): string | undefined {
  const usage = usageActions(body);
  if (!usage || !body.dispatcher) return undefined;
  // Only a message about service actions (a library's own `{program}` usage is not one).
  if (!usage.actions.some((a) => ACTIONS.some((x) => x.name === a))) return undefined;
  const implemented = new Set(body.dispatcher.branches.flatMap((b) => b.patterns.map((p) => p.text)).filter((t) => t !== '*'));
  const globs = [...implemented].filter((t) => /[*?[]/.test(t));
  // `help` and `usage` falling into the usage branch is what they are for.
  const missing = usage.actions.filter((a) => !implemented.has(a) && !globs.some((g) => globMatches(g, a)) && a !== 'help' && a !== 'usage');
  const hidden = [...implemented].filter((a) => /^[a-z][a-z-]*$/.test(a) && !usage.actions.includes(a));
  const parts = [`The usage message (line ${usage.line + 1}) lists ${usage.actions.map((a) => `\`${a}\``).join(', ')}.`];
  if (missing.length > 0) parts.push(`⚠ Not implemented, so they land here: ${missing.map((a) => `\`${a}\``).join(', ')}.`);
  if (hidden.length > 0) parts.push(`Implemented but not listed: ${hidden.map((a) => `\`${a}\``).join(', ')}.`);
  if (missing.length === 0 && hidden.length === 0) parts.push('It matches the implemented actions.');
  return parts.join(' ');
}

/** Where a script names its pid file: the `pidfile:` tag, and the options of the helpers that read or write it. */
export interface PidUse {
  /** What names it: `# pidfile:`, `daemon --pidfile`, `killproc -p`... */
  by: string;
  /** The path as resolved (simple top-level assignments), or as written. */
  path: string;
  resolved: boolean;
  line: number;
  /** What the helper does with it. */
  role: 'tag' | 'start' | 'stop' | 'status';
  /** The dispatcher branches it runs in (directly, or through a function they call). */
  actions: string[];
}

/** Helpers and their pid-file options, which come before the program (start-stop-daemon: before `--`). */
const PID_HELPERS: Record<string, { options: string[]; role: PidUse['role'] }> = {
  daemon: { options: ['--pidfile'], role: 'start' },
  start_daemon: { options: ['-p'], role: 'start' },
  killproc: { options: ['-p'], role: 'stop' },
  status: { options: ['-p'], role: 'status' },
  pidofproc: { options: ['-p'], role: 'status' },
  status_of_proc: { options: ['-p'], role: 'status' },
  'start-stop-daemon': { options: ['--pidfile', '-p'], role: 'start' },
};
const PID_HELPER_NAMES = Object.keys(PID_HELPERS);
/** Options of those helpers that take a value (so the value is not the program). */
const VALUED = new Set(['--pidfile', '-p', '--user', '--check', '-b', '-d', '-l', '-n', '--exec', '-x', '--name', '--chuid', '-c', '--startas', '-a', '--chdir', '--retry', '-R', '--signal', '-s', '--group', '-g', '--nicelevel', '-N']);

/** Every pid file the script names, with where; `resolveWord` expands simple variables. */
export function pidUses(body: BodyModel, tags: readonly { name: string; line: number; value: { text: string } }[], resolveWord: (text: string) => string | undefined): PidUse[] {
  const out: PidUse[] = [];
  const add = (by: string, text: string, line: number, role: PidUse['role'], actions: string[]) => {
    const r = resolveWord(text);
    out.push({ by, path: r ?? text, resolved: r !== undefined, line, role, actions });
  };
  for (const t of tags) if (t.name === 'pidfile' && t.value.text) add('# pidfile:', t.value.text, t.line, 'tag', []);
  const branchOf = (c: CommandInfo) => (c.inBranch !== undefined ? body.dispatcher?.branches[c.inBranch]?.patterns.map((p) => p.text).join('|') : undefined);
  // Functions called from a branch run for that branch (start() called from start)).
  const callers = new Map<string, string[]>();
  const { byName } = commandIndex(body);
  for (const name of definedNames(body)) {
    for (const i of byName.get(name) ?? []) {
      const c = body.commands[i]!;
      const b = branchOf(c);
      if (!b) continue;
      const list = callers.get(c.name);
      if (list) list.push(b);
      else callers.set(c.name, [b]);
    }
  }
  for (const c of commandsNamed(body, ...PID_HELPER_NAMES)) {
    const helper = PID_HELPERS[c.name]!;
    const branch = branchOf(c);
    const actions = branch ? [branch] : c.inFunction ? callers.get(c.inFunction) ?? [] : [];
    let role = helper.role;
    if (c.name === 'start-stop-daemon') {
      // Its own options only: after `--` come the program's (k5start's `-K 60` is no --stop).
      const end = c.args.findIndex((a) => a.text === '--');
      const words = (end < 0 ? c.args : c.args.slice(0, end)).map((a) => a.text);
      role = words.some((w) => w === '--stop' || w === '-K') ? 'stop' : words.some((w) => w === '--status' || w === '-T') ? 'status' : 'start';
    }
    for (let i = 0; i < c.args.length; i++) {
      const t = c.args[i]!.text;
      if (t === '--') break; // the program's own arguments follow
      const eq = helper.options.find((o) => t.startsWith(`${o}=`));
      if (eq) add(`${c.name} ${eq}`, t.slice(eq.length + 1), c.args[i]!.range.start.line, role, actions);
      else if (helper.options.includes(t) && c.args[i + 1]) add(`${c.name} ${t}`, c.args[i + 1]!.text, c.args[i]!.range.start.line, role, actions);
      if (c.name !== 'start-stop-daemon' && !t.startsWith('-') && !VALUED.has(c.args[i - 1]?.text ?? '')) break; // the program: its own options follow
    }
  }
  return out;
}

/**
 * The file a pid-file path names: `/var/run` and `/var/lock` are links to `/run` and `/run/lock`
 * on every current system (Debian since 7, Red Hat since 7, SUSE), so `/var/run/x.pid` and
 * `/run/x.pid` are one file.
 */
export function pidFileKey(path: string): string {
  return path.replace(/^\/var\/run(?=\/|$)/, '/run').replace(/^\/var\/lock(?=\/|$)/, '/run/lock');
}

/** The pid files `start` writes, and the stop or status uses that read another one (resolved paths only). */
export function astrayPidUses(uses: readonly PidUse[]): { started: Set<string>; astray: PidUse[] } {
  const known = uses.filter((u) => u.resolved);
  const runsIn = (u: PidUse, action: string) => u.actions.some((a) => a.split('|').includes(action));
  const startUses = known.filter((u) => u.role === 'start' && runsIn(u, 'start'));
  const started = new Set(startUses.map((u) => u.path));
  const startedKeys = new Set(startUses.map((u) => pidFileKey(u.path)));
  const astray = known.filter((u) => started.size > 0 && !startedKeys.has(pidFileKey(u.path)) && ((u.role === 'stop' && runsIn(u, 'stop')) || (u.role === 'status' && runsIn(u, 'status'))));
  return { started, astray };
}

/**
 * The pid files named: the same everywhere, or a stop or status that reads another file than
 * the start wrote (it does not find the process).
 */
export function pidNote(uses: readonly PidUse[]): string | undefined {
  if (uses.length < 2) return undefined;
  const known = uses.filter((u) => u.resolved);
  const distinct = [...new Set(known.map((u) => u.path))];
  const files = new Set(distinct.map(pidFileKey));
  const where = (u: PidUse) => `${u.by} (line ${u.line + 1}${u.actions.length ? `, ${u.actions.join(', ')}` : ''})`;
  if (distinct.length === 0) return undefined;
  if (distinct.length === 1) return `Pid file \`${distinct[0]}\`, named the same by ${known.map(where).join(', ')}.`;
  if (files.size === 1) return `Pid file \`${distinct.join('` and `')}\`, one file (/var/run and /var/lock are links to /run and /run/lock), named by ${known.map(where).join(', ')}.`;
  const list = distinct.map((p) => `\`${p}\` by ${known.filter((u) => u.path === p).map(where).join(', ')}`).join('; ');
  const { started, astray } = astrayPidUses(uses);
  if (astray.length === 0) return `Pid files: ${list}.`;
  return `⚠ \`start\` writes ${[...started].map((p) => `\`${p}\``).join(', ')}, but ${astray.map(where).join(', ')} read${astray.length === 1 ? 's' : ''} ${[...new Set(astray.map((u) => `\`${u.path}\``))].join(', ')}: it does not find the process. Pid files: ${list}.`;
}
