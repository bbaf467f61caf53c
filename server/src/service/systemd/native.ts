/**
 * A native unit to move to: what the body of an init script really does, written as a
 * hand-made `.service` (not the generator's wrapper that runs the script). The daemon's own
 * command line from the start action (`daemon`, `start-stop-daemon --start`, `start_daemon`,
 * `startproc`, `su -c`/`runuser`, a program run directly or in the background), its type
 * (`forking` with `PIDFile=` when the program detaches, `simple` when it stays in the
 * foreground or the script backgrounds it), `User=`, the sourced /etc/sysconfig or /etc/default
 * file as `EnvironmentFile=`, `ExecReload=` from the reload action, the ordering from the LSB
 * header. Whatever it cannot decide becomes a `# Not decided:` comment at that place.
 */
import type { BodyModel, CommandInfo, Word } from '../languages/initscript/body';
import type { InitScriptDoc } from '../languages/initscript/index';
import { foregroundProgram } from '../languages/initscript/notes';
import { loadSysv } from './load';
import { nameBytes, resolveInRoot, UNIT_DIRS } from './generator';
import type { WorkspaceHost } from '../core/language';
import { PROFILES, type GeneratorProfile, type SystemdVersion } from './versions';

export interface NativeUnit {
  /** The unit's file name (`httpd.service`). */
  name: string;
  text: string;
  type: 'forking' | 'simple' | 'oneshot';
  /** The program ExecStart= runs (absolute, or a bare name), when one was found. */
  program?: string;
  /** What could not be decided, one line each (also in the text as comments). */
  undecided: string[];
}

/** A word of the start command after the script's variables are filled in. */
interface EWord {
  text: string;
  /** The index of the command's word it comes from (-1: the command name). */
  from?: number;
  /** Fully known. */
  literal: boolean;
  /** A lone unquoted `$VAR` left for the environment file: systemd's `$VAR` splits it into words, as the shell does. */
  split?: boolean;
  /**
   * The value with the script's own assignments used even where the environment file may
   * override them (for what systemd cannot take from the environment: the program, PIDFile=,
   * User=), and the variables that file may change.
   */
  script?: { text: string; literal: boolean; overridable: string[] };
}

interface Launch {
  command: CommandInfo;
  helper: string;
  program: EWord;
  args: EWord[];
  /** Where the program's arguments start in the words the helper was parsed from (then args are taken again, for the environment). */
  argsAt?: number;
  user?: EWord;
  group?: EWord;
  pidfile?: EWord;
  background: boolean;
  nice?: string;
  chdir?: EWord;
}

/** Commands that report, lock or test: never the daemon, never worth carrying over. */
const NOISE = new Set([
  'echo', 'printf', 'gprintf', 'echo_success', 'echo_failure', 'echo_passed', 'echo_warning', 'success', 'failure', 'passed', 'warning',
  'action', 'log_daemon_msg', 'log_end_msg', 'log_progress_msg', 'log_begin_msg', 'log_success_msg', 'log_failure_msg',
  'log_warning_msg', 'log_action_msg', 'log_action_begin_msg', 'log_action_end_msg', 'rc_status', 'rc_reset', 'rc_exit', 'rc_failed',
  'touch', 'rm', '[', '[[', 'test', 'true', 'false', ':', 'return', 'exit', 'sleep', 'status', 'status_of_proc', 'pidofproc', 'pidof',
  'checkproc', 'pgrep', 'ps', 'grep', 'cat', 'wait', 'local', 'export', 'set', 'shift', 'eval', 'exec', 'break', 'continue', 'read',
  'logger', 'sed', 'awk', 'cut', 'head', 'tail', 'wc', 'tr', 'basename', 'dirname', 'id', 'uname', 'date', 'let', 'expr',
  '.', 'source', 'killproc', 'kill', 'killall', 'pkill', 'start-stop-daemon', 'is_yes', 'is_no', 'checkpid', '__pids_var_run',
  'plymouth', 'stty', 'sync', 'unset', 'declare', 'typeset', 'readonly', 'trap', 'cd', 'pushd', 'popd', 'umask', 'ulimit',
]);

/** Blank-separated words, with '...' and "..." kept together (a `su -c` string; no expansion left in it). */
function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let any = false;
  let q = '';
  for (const c of s) {
    if (q) {
      if (c === q) q = '';
      else cur += c;
    } else if (c === '\'' || c === '"') {
      q = c;
      any = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (cur || any) out.push(cur);
  return out;
}

const lit = (text: string): EWord => ({ text, literal: true });

/** The dispatcher branch that handles `action`. */
function branchOf(body: BodyModel, action: string): number | undefined {
  const i = body.dispatcher?.branches.findIndex((b) => b.patterns.some((p) => p.text === action));
  return i === undefined || i < 0 ? undefined : i;
}

/** The commands an action runs: its branch, and the functions it calls (depth-first, in order). */
function actionCommands(body: BodyModel, action: string): CommandInfo[] {
  const branch = branchOf(body, action);
  if (branch === undefined) return [];
  const defined = new Set(body.functions.map((f) => f.name));
  const byFunction = new Map<string, CommandInfo[]>();
  for (const c of body.commands) {
    if (!c.inFunction) continue;
    const list = byFunction.get(c.inFunction);
    if (list) list.push(c);
    else byFunction.set(c.inFunction, [c]);
  }
  const out: CommandInfo[] = [];
  const seen = new Set<string>();
  const walk = (list: CommandInfo[], depth: number) => {
    for (const c of list) {
      if (defined.has(c.name) && !seen.has(c.name) && depth < 6) {
        seen.add(c.name);
        walk(byFunction.get(c.name) ?? [], depth + 1);
        continue;
      }
      out.push(c);
    }
  };
  walk(body.commands.filter((c) => c.inBranch === branch), 0);
  return out;
}

/** `--opt=value` or `--opt value`: the option and its value, and how many words it took. */
function option(words: EWord[], i: number, valued: ReadonlySet<string>): { opt: string; value?: EWord; used: number } {
  const t = words[i]!.text;
  const eq = t.startsWith('--') ? t.indexOf('=') : -1;
  if (eq > 0) {
    const w = words[i]!;
    const sc = w.script;
    return { opt: t.slice(0, eq), value: { ...w, text: t.slice(eq + 1), ...(sc ? { script: { ...sc, text: sc.text.slice(sc.text.indexOf('=') + 1) } } : {}) }, used: 1 };
  }
  if (valued.has(t)) return { opt: t, value: words[i + 1], used: 2 };
  return { opt: t, used: 1 };
}

/** `daemon [--check N] [--user U] [--pidfile P] [+/-nice] [--force] PROG ARGS` (Red Hat's functions). */
function parseDaemon(c: CommandInfo, w: EWord[]): Launch | undefined {
  const l: Partial<Launch> = { command: c, helper: 'daemon', background: false };
  let i = 0;
  while (i < w.length) {
    if (/^[+-]\d+$/.test(w[i]!.text)) { l.nice = w[i]!.text; i++; continue; }
    if (!w[i]!.literal && i + 1 < w.length) { i++; continue; } // options in a variable sysv-ha cannot read
    if (!w[i]!.text.startsWith('--')) break;
    const o = option(w, i, new Set(['--check', '--user', '--pidfile']));
    if (o.opt === '--user') l.user = o.value;
    if (o.opt === '--pidfile') l.pidfile = o.value;
    i += o.used;
  }
  if (i >= w.length) return undefined;
  return { ...l, program: w[i]!, args: w.slice(i + 1), argsAt: i + 1 } as Launch;
}

const SSD_VALUED = new Set(['--exec', '-x', '--startas', '-a', '--chuid', '-c', '--user', '-u', '--group', '-g', '--pidfile', '-p', '--name', '-n', '--nicelevel', '-N', '--chdir', '-d', '--umask', '-k', '--retry', '-R', '--signal', '-s', '--chroot', '-r', '--iosched', '-I', '--procsched', '-P', '--output', '-O']);

/** `start-stop-daemon --start ... [--] ARGS` (Debian). */
function parseSsd(c: CommandInfo, w: EWord[]): Launch | undefined {
  if (!w.some((x) => x.text === '--start' || x.text === '-S') || w.some((x) => x.text === '--test' || x.text === '-t')) return undefined;
  const l: Partial<Launch> = { command: c, helper: 'start-stop-daemon', background: false };
  let exec: EWord | undefined;
  let startas: EWord | undefined;
  let i = 0;
  while (i < w.length) {
    if (w[i]!.text === '--') { i++; break; }
    if (!w[i]!.literal) { i++; continue; } // options in a variable sysv-ha cannot read
    if (!w[i]!.text.startsWith('-')) break; // not an option: start-stop-daemon refuses it
    const o = option(w, i, SSD_VALUED);
    const v = o.value;
    if (o.opt === '--exec' || o.opt === '-x') exec = v;
    else if (o.opt === '--startas' || o.opt === '-a') startas = v;
    else if ((o.opt === '--chuid' || o.opt === '-c') && v) {
      const [u, g] = v.text.split(':');
      l.user = { ...v, text: u! };
      if (g) l.group = { ...v, text: g };
    } else if (o.opt === '--group' || o.opt === '-g') l.group = v;
    else if (o.opt === '--pidfile' || o.opt === '-p') l.pidfile = v;
    else if (o.opt === '--nicelevel' || o.opt === '-N') l.nice = v?.text;
    else if (o.opt === '--chdir' || o.opt === '-d') l.chdir = v;
    else if (o.opt === '--background' || o.opt === '-b') l.background = true;
    i += o.used;
  }
  const program = startas ?? exec;
  if (!program) return undefined;
  return { ...l, program, args: w.slice(i), argsAt: i } as Launch;
}

/** `start_daemon [-f] [-n NICE] [-p PIDFILE] PROG ARGS` (LSB) and `startproc [-u U] [-g G] [-p P] ... PROG ARGS` (SUSE). */
function parseStartDaemon(c: CommandInfo, w: EWord[]): Launch | undefined {
  const l: Partial<Launch> = { command: c, helper: c.name, background: false };
  const valued = c.name === 'start_daemon' ? new Set(['-n', '-p']) : new Set(['-u', '-g', '-p', '-l', '-n', '-t', '-T', '-c', '-e', '-w', '-W']);
  let i = 0;
  while (i < w.length && w[i]!.text.startsWith('-')) {
    const o = option(w, i, valued);
    if (o.opt === '-p') l.pidfile = o.value;
    else if (o.opt === '-u') l.user = o.value;
    else if (o.opt === '-g') l.group = o.value;
    else if (o.opt === '-n') l.nice = o.value?.text;
    i += o.used;
  }
  if (i >= w.length) return undefined;
  return { ...l, program: w[i]!, args: w.slice(i + 1), argsAt: i + 1 } as Launch;
}

/** `su [-] [-s SH] USER -c 'CMD'`, `su -c 'CMD' USER`, `runuser -u USER -- CMD`, `runuser -l USER -c 'CMD'`, `sudo -u USER CMD`. */
function parseSu(c: CommandInfo, w: EWord[]): Launch | undefined {
  let user: EWord | undefined;
  let cmd: EWord | undefined;
  let rest: EWord[] = [];
  const u = w.findIndex((x) => x.text === '-u');
  if ((c.name === 'runuser' || c.name === 'sudo') && u >= 0) {
    user = w[u + 1];
    let k = u + 2;
    while (k < w.length && w[k]!.text.startsWith('-') && w[k]!.text !== '--') k++;
    if (w[k]?.text === '--') k++;
    rest = w.slice(k);
  } else {
    for (let i = 0; i < w.length; i++) {
      const t = w[i]!.text;
      if (t === '-c' || t === '--command') cmd = w[++i];
      else if (t === '-s' || t === '--shell' || t === '-g' || t === '-G') i++;
      else if (t.startsWith('-')) continue;
      else if (!user) user = w[i];
    }
    if (!cmd) return undefined;
    if (!cmd.literal) return { command: c, helper: c.name, user, program: { text: cmd.text, literal: false }, args: [], background: false };
    const words = shellWords(cmd.text);
    const bg = words[words.length - 1] === '&';
    rest = (bg ? words.slice(0, -1) : words).filter((x, k) => !(k === 0 && x === 'exec')).map(lit);
    if (rest.length === 0) return undefined;
    return { command: c, helper: c.name, user, program: rest[0]!, args: rest.slice(1), background: bg };
  }
  if (!user || rest.length === 0) return undefined;
  return { command: c, helper: c.name, user, program: rest[0]!, args: rest.slice(1), argsAt: w.indexOf(rest[0]!) + 1, background: false };
}

export interface NativeInput {
  /** The script's path on the host (`/etc/init.d/httpd`). */
  hostPath: string;
  /** The script's text. */
  text: string;
  doc: InitScriptDoc;
  profile: GeneratorProfile;
  /**
   * Units of the image that order themselves after this one and run in early boot (before
   * sysinit.target): then the native unit must not have the default dependencies either.
   */
  earlyDependents?: string[];
}

/**
 * systemd's quoting of one command-line word: `%` doubled; in a literal word `$` doubled too
 * (in a word with `${VAR}` the variable is meant); quoted when it holds blanks or quotes.
 */
function quoteWord(s: string, literal = true): string {
  let e = s.replace(/[\r\n]+/g, ' ').replace(/%/g, '%%');
  if (literal) e = e.replace(/\$/g, '$$$$');
  if (e !== '' && /^[A-Za-z0-9_@%+=:,./${}-]+$/.test(e)) return e;
  return `"${e.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A command as one short line for a comment. */
function shown(c: CommandInfo): string {
  const t = [c.name, ...c.args.map((a) => a.raw)].join(' ').replace(/\s+/g, ' ');
  return t.length > 100 ? `${t.slice(0, 97)}...` : t;
}

export function nativeUnitOf(input: NativeInput): NativeUnit | undefined {
  const { doc, profile } = input;
  const body = doc.body;
  const name = doc.name.replace(/\.sh$/, '');
  const unitName = `${name}.service`;
  const undecided: string[] = [];
  const notes = new Map<string, string[]>();
  const note = (section: string, text: string) => {
    if (undecided.includes(text)) return;
    undecided.push(text);
    notes.set(section, [...(notes.get(section) ?? []), text]);
  };
  const load = loadSysv(Buffer.from(input.text, 'utf8').toString('latin1'), nameBytes(doc.name), profile);
  const src = input.text.split(/\r\n|\r|\n/);
  const assignments = body?.assignments ?? new Map<string, { value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; topLevel: boolean }>();
  // The environment file the script sources (/etc/sysconfig/NAME, /etc/default/NAME).
  let envFile: { path: string; line: number; guarded: boolean } | undefined;
  const envVars = new Map<string, string>();

  /**
   * A value with the script's simple variables filled in. A variable the script does not set
   * (or sets before reading the environment file) stays `${VAR}`, for that file; `$1`, `$(...)`
   * and the like make the value not literal.
   */
  /**
   * An assignment's value as written on its line (quotes removed): read from the source, as the
   * body model can keep only the first part of a value like `$DIR/$NAME.pid`. Single quotes: a
   * literal value.
   */
  const valueOf = (a: { value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): { text: string; quoted?: true } => {
    const line = src[a.range.start.line] ?? '';
    const from = line.indexOf('=', a.range.start.character);
    if (from < 0) return { text: a.value };
    // The shell word after `=`: up to an unquoted blank or ; & | ), quotes kept track of.
    let out = '';
    let q = '';
    let single = false;
    let i = from + 1;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (q) {
        if (c === q) q = '';
        else if (c === '\\' && q === '"' && i + 1 < line.length) out += line[++i];
        else out += c;
      } else if (c === '"' || c === '\'') {
        q = c;
        if (c === '\'') single = true;
      } else if (c === '\\' && i + 1 < line.length) out += line[++i];
      else if (/[\s;&|)]/.test(c)) break;
      else out += c;
    }
    if (q) return { text: a.value }; // continues on the next line
    if (single) return /^'[^']*'$/.test(line.slice(from + 1, i)) ? { text: out, quoted: true } : { text: a.value };
    return { text: out };
  };
  const resolveValue = (a: Parameters<typeof valueOf>[0], depth: number): EWord => {
    const v = valueOf(a);
    return v.quoted ? { text: v.text, literal: true, script: { text: v.text, literal: true, overridable: [] } } : resolve(v.text, depth);
  };
  const resolving: string[] = [];
  const resolve = (given: string, depth = 0): EWord => {
    // A backslash at the end of a line continues it (in double quotes too).
    const raw = given.replace(/\\\r?\n/g, '');
    if (depth > 8) return { text: raw, literal: false };
    let literal = true;
    let out = '';
    const script = { text: '', literal: true, overridable: [] as string[] };
    const re = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$[0-9#@*?$!-]|\$\(|`/g;
    let last = 0;
    const add = (r: EWord) => {
      script.text += r.script?.text ?? r.text;
      script.literal &&= r.script?.literal ?? r.literal;
      for (const o of r.script?.overridable ?? []) if (!script.overridable.includes(o)) script.overridable.push(o);
    };
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      out += raw.slice(last, m.index);
      script.text += raw.slice(last, m.index);
      last = re.lastIndex;
      const v = m[1] ?? m[4];
      if (!v) {
        literal = false;
        script.literal = false;
        out += m[0];
        script.text += m[0];
        continue;
      }
      // X=${X-default}: inside its own assignment, X is what it was before (the environment file's).
      const a = resolving.includes(v) ? undefined : assignments.get(v);
      const fallback = m[3];
      const inside = (value: NonNullable<typeof a>) => {
        resolving.push(v);
        try {
          return resolveValue(value, depth + 1);
        } finally {
          resolving.pop();
        }
      };
      if (a && a.topLevel && (!envFile || a.range.start.line > envFile.line)) {
        const r = inside(a);
        literal &&= r.literal;
        out += r.text;
        add(r);
      } else if (a && a.topLevel && envFile) {
        // Set before the environment file is read, which may override it.
        const r = inside(a);
        if (r.literal) envVars.set(v, r.text);
        out += `\${${v}}`;
        literal = false;
        add(r);
        if (!script.overridable.includes(v)) script.overridable.push(v);
      } else if (fallback !== undefined && envFile) {
        // ${X-default}: the environment file may set X; Environment=X=default stands for the default.
        const r = resolve(fallback, depth + 1);
        if (r.literal) envVars.set(v, r.text);
        out += `\${${v}}`;
        literal = false;
        add(r);
        if (!script.overridable.includes(v)) script.overridable.push(v);
      } else if (fallback !== undefined) {
        const r = resolve(fallback, depth + 1);
        literal &&= r.literal;
        out += r.text;
        add(r);
      } else {
        out += `\${${v}}`;
        literal = false;
        script.text += `\${${v}}`;
        script.literal = false;
      }
    }
    out += raw.slice(last);
    script.text += raw.slice(last);
    return { text: out, literal, script };
  };

  /** What systemd must have literally (the program, PIDFile=, User=): the script's value, with a note when the environment file may change it. */
  const fixed = (w: EWord | undefined, what: string): string | undefined => {
    if (!w) return undefined;
    const s = w.script ?? w;
    if (!s.literal) return undefined;
    const over = w.script?.overridable ?? [];
    if (over.length > 0 && envFile) note('Service', `${over.map((v) => `\${${v}}`).join(', ')} from ${envFile.path} can change ${what} (${s.text} here), which systemd cannot take from the environment.`);
    return s.text;
  };

  /** The words of a command after expansion: a literal unquoted value splits at blanks, as the shell splits it. */
  const expand = (words: readonly Word[]): EWord[] => {
    const out: EWord[] = [];
    for (const w of words) {
      if (!w.dynamic) { out.push(lit(w.text)); continue; }
      const r = resolve(w.text);
      const quoted = /^["']/.test(w.raw);
      if (quoted) out.push(r);
      else if (r.literal) for (const x of r.text.split(/[ \t\n]+/).filter(Boolean)) out.push(lit(x));
      else if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(r.text)) out.push({ ...r, split: true });
      else out.push(r);
    }
    return out;
  };

  if (body) {
    for (const c of body.commands) {
      if ((c.name === '.' || c.name === 'source') && c.args[0]) {
        const p = resolve(c.args[0].text).text;
        if (/^\/etc\/(sysconfig|default|conf\.d)\/[^/]+$/.test(p)) {
          const line = c.range.start.line;
          envFile = { path: p, line, guarded: c.guarded || /\[\s+-[fres]\s/.test(src[line] ?? '') || /-[fres]\s/.test(src[line - 1] ?? '') };
          break;
        }
      }
    }
  }

  /**
   * The words as the shell gives them to the helper (`start-stop-daemon`, `daemon`): the
   * script's own values everywhere (the environment file's may differ: noted where it matters).
   */
  const expandScript = (words: readonly Word[], from: number): EWord[] => {
    const out: EWord[] = [];
    words.forEach((w, k) => {
      const i = from < 0 ? -1 : from + k;
      if (!w.dynamic) { out.push({ ...lit(w.text), from: i }); return; }
      const r = resolve(w.text);
      const sc = r.script ?? r;
      if (/^["']/.test(w.raw) || !sc.literal) out.push({ text: sc.text, literal: sc.literal, from: i, ...(r.script ? { script: r.script } : {}) });
      else for (const x of sc.text.split(/[ \t\n]+/).filter(Boolean)) out.push({ text: x, literal: true, from: i, ...(r.script ? { script: { ...r.script, text: x } } : {}) });
    });
    return out;
  };

  /** The program's arguments again, from word `k` on, with the variables the environment file may set kept as ${VAR}. */
  const argsOf = (c: CommandInfo, sw: EWord[], k: number): EWord[] => {
    if (k >= sw.length) return [];
    const origin = sw[k]!.from ?? -1;
    if (origin < 0) return sw.slice(k);
    const first = sw.findIndex((w) => w.from === origin) === k;
    if (first) return expand(c.args.slice(origin));
    return [...sw.slice(k).filter((w) => w.from === origin), ...expand(c.args.slice(origin + 1))];
  };

  /** The command that starts the daemon: the first of the start action's commands that is one. */
  const findLaunch = (start: CommandInfo[]): Launch | undefined => {
    for (const c of start) {
      // A command named by a variable ($DAEMON, $prog) is what the variable holds.
      const named = c.name.includes('$') ? expandScript([{ text: c.name, raw: c.name, range: c.nameRange, dynamic: true }], -1) : [lit(c.name)];
      const head = named[0];
      if (!head) continue;
      const words = [...named.slice(1), ...expandScript(c.args, 0)];
      let l: Launch | undefined;
      if (head.text === 'daemon') l = parseDaemon(c, words);
      else if (head.text === 'start-stop-daemon') l = parseSsd(c, words);
      else if (head.text === 'start_daemon' || head.text === 'startproc') l = parseStartDaemon({ ...c, name: head.text }, words);
      else if (head.text === 'su' || head.text === 'runuser' || head.text === 'sudo') l = parseSu({ ...c, name: head.text }, words);
      else if ((head.text === 'nohup' || head.text === 'setsid') && words.length > 0) l = { command: c, helper: head.text, program: words[0]!, args: words.slice(1), argsAt: 1, background: false };
      else if (!NOISE.has(head.text) && (head.text.startsWith('/') || !head.literal)) l = { command: c, helper: '', program: head, args: words, argsAt: 0, background: false };
      if (!l) continue;
      l.command = c;
      if (l.argsAt !== undefined && l.helper !== 'su') l.args = argsOf(c, words, l.argsAt);
      // A `&` after the command: the shell puts it in the background, so the program stays in the foreground.
      const line = src[c.range.end.line] ?? '';
      if (/^[ \t]*&(?!&)/.test(line.slice(c.range.end.character))) l.background = true;
      return l;
    }
    return undefined;
  };

  // [Unit]: the description and the ordering the generator would give, less what means nothing natively.
  const unit: string[] = [];
  const description = load.description?.replace(/^(LSB|SYSV): /, '');
  unit.push(`Description=${(description ? Buffer.from(description, 'latin1').toString('utf8') : `${name} (from ${input.hostPath})`).replace(/%/g, '%%')}`);
  const after = [...new Set(load.after)].filter((u) => u !== 'all.target' && u !== unitName);
  const before = [...new Set(load.before)].filter((u) => u !== unitName);
  const wants = [...new Set(load.wants)].filter((u) => u === 'network-online.target');
  if (load.after.includes('all.target')) note('Unit', 'Required-Start: $all has no systemd equivalent (all.target does not exist): to run late, order it After= the units it waits for.');

  // Early boot: rcS scripts, and units the image runs before sysinit.target that wait for this one.
  const levels = doc.header.chkconfigLevels ?? [];
  const lsbStart = doc.header.blocks.at(-1)?.entries.find((e) => e.spec?.name === 'Default-Start')?.words.map((w) => w.text.toUpperCase()) ?? [];
  const all = new Set([...levels.map(String), ...lsbStart]);
  const multi = ['2', '3', '4'].some((l) => all.has(l));
  const rcS = all.has('S') && !multi && !all.has('5');
  const early = rcS || (input.earlyDependents?.length ?? 0) > 0;
  if (early) {
    unit.push('DefaultDependencies=no', 'Conflicts=shutdown.target');
    before.push('shutdown.target');
    note('Unit', rcS
      ? 'The script runs in rcS (early boot): the unit has no default dependencies (it may start before sysinit.target); order it after what it needs (local-fs.target?).'
      : `${input.earlyDependents!.join(', ')} run${input.earlyDependents!.length === 1 ? 's' : ''} in early boot and wait${input.earlyDependents!.length === 1 ? 's' : ''} for ${unitName}: with the default dependencies that is an ordering cycle, so the unit has none; order it after what it needs (local-fs.target?).`);
  }
  if (after.length) unit.push(`After=${after.join(' ')}`);
  if (before.length) unit.push(`Before=${before.join(' ')}`);
  if (wants.length) unit.push(`Wants=${wants.join(' ')}`);

  const service: string[] = [];
  const start = body ? actionCommands(body, 'start') : [];
  const launch = findLaunch(start);
  let type: NativeUnit['type'] = 'oneshot';
  let program: string | undefined;
  if (!body || branchOf(body, 'start') === undefined) note('Service', `No start action found in the script${body ? '' : ' (its body could not be read)'}: this unit runs the script's own start and stop.`);
  let exe = launch ? fixed(launch.program, 'the program') : undefined;
  let why = 'which sysv-ha cannot turn into a program path';
  // An unquoted variable holding "PROGRAM ARGS" is split by the shell: so here.
  const extra: string[] = [];
  if (exe !== undefined && /\s/.test(exe.trim())) {
    const parts = exe.trim().split(/\s+/);
    exe = parts[0]!;
    extra.push(...parts.slice(1));
  }
  if (launch && exe !== undefined && !exe.startsWith('/')) {
    if (/^[A-Za-z0-9._+-]+$/.test(exe) && profile.version !== '219') note('Service', `${exe} is found through PATH in the script; systemd looks it up in its own fixed PATH: check ExecStart=.`);
    else {
      if (/^[A-Za-z0-9._+-]+$/.test(exe)) why = 'found through PATH, and systemd 219 needs an absolute path in ExecStart=';
      exe = undefined;
    }
  }
  if (launch && exe === undefined) note('Service', `The daemon is started as ${launch.program.text.replace(/\s+/g, ' ').slice(0, 80)}, ${why}: this unit runs the script's own start and stop.`);
  if (launch && exe !== undefined) {
    program = exe;
    const foreground = foregroundProgram({ ...launch.command, name: 'daemon', args: [exe, ...launch.args.map((a) => a.text)].map((t) => ({ text: t, raw: t, range: launch.command.range, dynamic: false })) });
    type = launch.background || foreground ? 'simple' : 'forking';
    service.push(`Type=${type}`);
    const base = exe.slice(exe.lastIndexOf('/') + 1);
    if (type === 'forking') {
      const tag = doc.header.tags.find((t) => t.name === 'pidfile')?.value.text;
      const pidPath = fixed(launch.pidfile, 'the pid file') ?? (tag && tag.startsWith('/') ? tag : undefined);
      if (pidPath) service.push(`PIDFile=${pidPath.replace(/%/g, '%%')}`);
      else if (launch.helper === 'daemon') {
        service.push(`PIDFile=/var/run/${base}.pid`);
        note('Service', "daemon's default pid file is assumed (/var/run/PROGRAM.pid): check where the program writes its pid.");
      } else note('Service', 'No pid file is named: systemd guesses the main process. Add PIDFile= if the program writes one.');
      note('Service', `${base} is taken to detach (Type=forking); if it can stay in the foreground, run it so with Type=simple (or Type=notify if it supports sd_notify).`);
    } else if (launch.background) {
      note('Service', `The script puts the program in the background (${launch.helper === 'start-stop-daemon' ? '--background' : '&'}): Type=simple runs it in the foreground, where systemd watches it.`);
    }
    const user = fixed(launch.user, 'the user');
    if (launch.user) {
      // systemd's strict user names (it warns about others: "does not match strict user/group name rules").
      if (user !== undefined && /^[A-Za-z_][A-Za-z0-9_-]{0,30}$/.test(user)) {
        if (user === 'nobody') {
          service.push('DynamicUser=yes');
          note('Service', 'The script runs the daemon as nobody, which systemd warns against: DynamicUser=yes gives it a user of its own; use User= if it must own files.');
        } else if (user !== 'root') service.push(`User=${user}`);
      } else note('Service', `The user comes from ${launch.user.text.replace(/\s+/g, ' ')}${user !== undefined ? ` (${user} in the script)` : ''}: set User= by hand.`);
    }
    const group = fixed(launch.group, 'the group');
    if (group !== undefined && /^[A-Za-z_][A-Za-z0-9_-]{0,30}$/.test(group)) service.push(`Group=${group}`);
    if (launch.nice && /^[+-]?\d+$/.test(launch.nice)) service.push(`Nice=${Number(launch.nice)}`);
    if (launch.chdir?.literal && launch.chdir.text.startsWith('/')) service.push(`WorkingDirectory=${launch.chdir.text}`);
    const args = [...extra.map((x) => quoteWord(x)), ...launch.args.map((a) => (a.split ? `$${a.text.slice(2, -1)}` : quoteWord(a.text, a.literal)))];
    const execStart = `ExecStart=${[quoteWord(exe), ...args].join(' ')}`;
    // The defaults of the variables ExecStart= uses, before the file that may set them.
    if (envFile) {
      for (const [k, v] of envVars) if (execStart.includes(`\${${k}}`) || new RegExp(`\\$${k}(?![A-Za-z0-9_])`).test(execStart)) service.push(`Environment=${quoteWord(`${k}=${v}`)}`);
      service.push(`EnvironmentFile=${envFile.guarded ? '-' : ''}${envFile.path}`);
      note('Service', `EnvironmentFile= reads VAR=value lines, not shell: check that ${envFile.path} runs no commands and uses no $VAR.`);
    }
    service.push(execStart);
    // Variables ExecStart= uses that nothing sets: systemd expands them to nothing.
    if (!envFile) {
      const unset = [...new Set([...execStart.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1]!))].filter((v) => v !== 'MAINPID' && !envVars.has(v));
      if (unset.length > 0) note('Service', `ExecStart= uses ${unset.map((v) => `$${v}`).join(', ')}, which the script sets in a way sysv-ha cannot follow (or not at all): systemd makes it empty unless Environment= sets it.`);
    }

    // The rest of the start action: what a native unit says otherwise, or what it would lose.
    for (const c of start) {
      if (c === launch.command || NOISE.has(c.name) && !['ulimit', 'umask', 'cd'].includes(c.name)) continue;
      const words = expand(c.args);
      const known = words.every((w) => w.literal);
      if (c.name === 'ulimit' && words[0]?.text === '-n' && known && /^\d+$/.test(words[1]?.text ?? '')) service.push(`LimitNOFILE=${words[1]!.text}`);
      else if (c.name === 'umask' && known && /^[0-7]{1,4}$/.test(words[0]?.text ?? '')) service.push(`UMask=${words[0]!.text.padStart(4, '0')}`);
      else if (c.name === 'cd' && known && words[0]?.text.startsWith('/')) service.push(`WorkingDirectory=${words[0].text}`);
      else if (c.name === 'mkdir' && known && words.some((w) => !w.text.startsWith('-')) && words.filter((w) => !w.text.startsWith('-')).every((w) => /^\/(var\/)?run\/[A-Za-z0-9._-]+$/.test(w.text))) {
        for (const w of words) if (!w.text.startsWith('-')) service.push(`RuntimeDirectory=${w.text.slice(w.text.lastIndexOf('/') + 1)}`);
      } else if (!NOISE.has(c.name)) note('Service', `The start action also runs \`${shown(c)}\` (line ${c.range.start.line + 1}): carry it over as ExecStartPre= if the daemon needs it.`);
    }
    // ExecReload= from the reload action: a signal to the daemon, or the program it runs.
    const reload = body ? actionCommands(body, 'reload') : [];
    const signal = reloadSignal(reload);
    if (signal) service.push(`ExecReload=/bin/kill -${signal} $MAINPID`);
    else if (reload.length > 0) {
      const cmd = reload.find((c) => !NOISE.has(c.name) && !['stop', 'start', 'restart', '$0'].includes(c.name) && !c.name.endsWith(`/${doc.name}`));
      const words = cmd ? [...expand([{ text: cmd.name, raw: cmd.name, range: cmd.nameRange, dynamic: cmd.name.includes('$') }]), ...expand(cmd.args)] : [];
      if (words.length > 0 && words.every((w) => w.literal) && words[0]!.text.startsWith('/')) service.push(`ExecReload=${words.map((w) => quoteWord(w.text)).join(' ')}`);
      else note('Service', 'The reload action sends no signal sysv-ha can name and runs no program by path: no ExecReload= (systemctl reload fails; restart works).');
    }
    // What stop does beyond the default SIGTERM to the main process.
    const stop = body ? actionCommands(body, 'stop') : [];
    const delay = stopDelay(stop);
    if (delay) service.push(`TimeoutStopSec=${delay}`);
    const custom = stop.filter((c) => !NOISE.has(c.name));
    if (custom.length > 0) note('Service', `The stop action runs ${[...new Set(custom.map((c) => `\`${c.name.replace(/\s+/g, ' ')}\``))].join(', ')}: systemd stops the service with SIGTERM to its processes; add ExecStop= if the daemon needs that command.`);
  } else {
    service.push('Type=oneshot', 'RemainAfterExit=yes', `ExecStart=${quoteWord(input.hostPath)} start`, `ExecStop=${quoteWord(input.hostPath)} stop`);
    if (!launch && body && branchOf(body, 'start') !== undefined) note('Service', "The start action runs no daemon sysv-ha can name (daemon, start-stop-daemon, start_daemon, startproc, su -c, or a program by path): this unit runs the script's start and stop.");
  }

  // [Install]: the runlevels the script starts in.
  const install: string[] = [];
  install.push(`WantedBy=${!multi && all.has('5') ? 'graphical.target' : 'multi-user.target'}`);
  for (const a of [...new Set(load.aliases)]) if (a !== unitName) install.push(`Alias=${a}`);
  if (all.size === 0) note('Install', 'The script is not started in any runlevel by default: enable the unit only where it should start at boot.');

  const comment = (n: string) => `# Not decided: ${n.replace(/[\r\n]+/g, ' ')}`;
  const section = (title: string, lines: string[]) => [`[${title}]`, ...lines, ...(notes.get(title) ?? []).map(comment)];
  const text = [
    `# ${unitName}: a native unit for ${input.hostPath}, proposed by sysv-ha from what its start action does`,
    `# (systemd ${profile.version}). Review it, then install it as /etc/systemd/system/${unitName}: it takes the`,
    '# place of the unit systemd-sysv-generator makes of the script.',
    ...section('Unit', unit), '',
    ...section('Service', service), '',
    ...section('Install', install), '',
  ].join('\n');
  return { name: unitName, text, type, ...(program ? { program } : {}), undecided };
}

/** The signal the reload action sends to the daemon (HUP, USR1, ...), when it sends one. */
function reloadSignal(reload: CommandInfo[]): string | undefined {
  const names: Record<string, string> = { 1: 'HUP', 10: 'USR1', 12: 'USR2', 15: 'TERM' };
  const sig = (t: string) => {
    const m = /^-?(?:SIG)?([A-Z][A-Z0-9]+|\d+)$/.exec(t.replace(/^-s$/, ''));
    if (!m) return undefined;
    return /^\d+$/.test(m[1]!) ? names[m[1]!] : m[1];
  };
  for (const c of reload) {
    const words = c.args.map((a) => a.text);
    if (c.name === 'killproc' || c.name === 'kill' || c.name === 'killall' || c.name === 'pkill') {
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if ((w === '-s' || w === '--signal') && words[i + 1]) return sig(words[i + 1]!);
        if (/^-(SIG)?[A-Z]{2,}[0-9]?$|^-\d+$/.test(w) && w !== '-p' && w !== '-d') return sig(w.slice(1));
      }
    }
    if (c.name === 'start-stop-daemon' && words.some((w) => w === '--stop' || w === '-K')) {
      const i = words.findIndex((w) => w === '--signal' || w === '-s' || w.startsWith('--signal='));
      if (i >= 0) return sig(words[i]!.startsWith('--signal=') ? words[i]!.slice(9) : words[i + 1] ?? '');
    }
  }
  return undefined;
}

/** How long the stop action waits before killing (killproc -d N, start-stop-daemon --retry N or TERM/N). */
function stopDelay(stop: CommandInfo[]): number | undefined {
  for (const c of stop) {
    const w = c.args.map((a) => a.text);
    if (c.name === 'killproc') {
      const i = w.indexOf('-d');
      if (i >= 0 && /^\d+$/.test(w[i + 1] ?? '')) return Number(w[i + 1]);
    }
    if (c.name === 'start-stop-daemon') {
      const i = w.findIndex((x) => x === '--retry' || x === '-R' || x.startsWith('--retry='));
      const v = i < 0 ? undefined : w[i]!.startsWith('--retry=') ? w[i]!.slice(8) : w[i + 1];
      const m = v ? /^(?:\d+|[A-Z]+\/(\d+))/.exec(v) : null;
      if (m) return Number(m[1] ?? v!.split('/')[0]);
    }
  }
  return undefined;
}

/** What an analysis of an init script gives the converter (service/index.ts `Analysis`). */
export interface ScriptAnalysis {
  path: string;
  language: string;
  src: { text: string };
  model: unknown;
  settings: { systemdVersion: string };
}

/**
 * The native unit of an analysed init script, for the systemd version of the settings (252
 * where they say off or the profile has none: the unit is meant for a systemd host anyway).
 */
/**
 * The image's units that run in early boot (DefaultDependencies=no) and order themselves after
 * `unit`: a unit of that name with the default dependencies (after sysinit.target) would make
 * an ordering cycle with them. Read once per root from its unit folders.
 */
export function earlyDependents(root: string, unit: string, host: WorkspaceHost): string[] {
  const compute = () => {
    const byAfter = new Map<string, string[]>();
    for (const dir of UNIT_DIRS) {
      for (const n of host.listDir(`${root}/${dir}`) ?? []) {
        if (!/\.(service|target|socket|mount|path|timer)$/.test(n)) continue;
        const real = resolveInRoot(root, `${root}/${dir}/${n}`, host);
        if (!real || real === '/dev/null') continue;
        const text = host.readFile(real);
        if (text === undefined || !/^[ \t]*DefaultDependencies[ \t]*=[ \t]*(no|false|0|off)[ \t]*$/im.test(text)) continue;
        for (const line of text.split('\n')) {
          const m = /^[ \t]*After[ \t]*=(.*)$/.exec(line);
          if (!m) continue;
          for (const u of m[1]!.split(/[ \t]+/).filter(Boolean)) {
            const list = byAfter.get(u);
            if (list) { if (!list.includes(n)) list.push(n); } else byAfter.set(u, [n]);
          }
        }
      }
    }
    return byAfter;
  };
  const index = host.memo ? host.memo(`systemd-early:${root}`, compute) : compute();
  return index.get(unit) ?? [];
}

export function convertToNative(a: ScriptAnalysis, version?: SystemdVersion, host?: WorkspaceHost): NativeUnit | undefined {
  if (a.language !== 'initscript') return undefined;
  const doc = a.model as InitScriptDoc | undefined;
  if (!doc || doc.foreign) return undefined;
  const chosen = version ?? (a.settings.systemdVersion === 'auto' || a.settings.systemdVersion === 'off' ? undefined : a.settings.systemdVersion as SystemdVersion);
  const profile = PROFILES[chosen ?? (doc.profile === 'rhel' ? '219' : '252')];
  const at = a.path.lastIndexOf('/etc/');
  const hostPath = at >= 0 ? a.path.slice(at) : `/etc/init.d/${doc.name}`;
  const root = at >= 0 ? a.path.slice(0, at) : undefined;
  const early = host && root !== undefined ? earlyDependents(root, `${doc.name.replace(/\.sh$/, '')}.service`, host) : undefined;
  return nativeUnitOf({ hostPath, text: a.src.text, doc, profile, ...(early?.length ? { earlyDependents: early } : {}) });
}
