/**
 * The `sysv-ha` command: a thin wrapper over the same service the language server uses.
 * Its subcommands (check, links, simulate, lsp, ...) are the rows of SUBCOMMANDS, each with
 * its own help. Exit status of check: 0 no error, 1 at least one error diagnostic, 2 usage
 * error or nothing checked, 3 a file that could not be read (the others checked).
 */
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import * as svc from '../service';
import { checkInputs } from './checkPool';
import { fencedHost, type CheckContext, type CheckInput } from './checkFile';
import { collectFiles, UsageError } from './files';
import { formatJson, formatSarif, formatText, printable, type FileResult, type SkippedFile } from './format';
import { LINKS_HELP, runLinks } from './links';
import { MIGRATE_HELP, runMigrate } from './migrate';
import { runSimulate, SIMULATE_HELP } from './simulate';
import { runUnit, UNIT_HELP } from './unit';

export const VERSION = '0.1.0';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  color: boolean;
  /** Standard input, for '-' (at most `limit` bytes); process.stdin when not given. */
  readStdin?: (limit: number) => Promise<Buffer>;
}

/**
 * The subcommands, in the order `sysv-ha --help` lists them. A new subcommand adds one row:
 * its one-line summary for the overview, its full help (printed on stdout, exit 0, by
 * `sysv-ha NAME --help`, `sysv-ha NAME -h` and `sysv-ha help NAME`) and its run function
 * (which never sees --help). `lsp` has no run function: main() starts the server.
 */
export interface Subcommand {
  name: string;
  summary: string;
  help: string;
  run?: (args: string[], io: CliIO) => Promise<number>;
}

const CHECK_HELP = `Usage: sysv-ha check [options] PATH...
       sysv-ha check [options] (--lang LANGUAGE | --stdin-filename PATH) -

Checks inittab, init scripts, heartbeat's ha.cf, haresources and authkeys, and xinetd files.
A directory that holds etc/ is an image root: its files are recognised by their path under it
(etc/inittab, etc/init.d/*, etc/ha.d/*, etc/xinetd.d/*) and its rcN.d links are checked too.
Other directories and files are recognised by name; '-' reads standard input.

Options:
  --format text|json|sarif     output format (default text)
  --profile auto|rhel|debian|suse|busybox
  --severity CODE=LEVEL        error, warning, information, hint or off (repeatable)
  --lang LANGUAGE              check every file given, and every file of a directory given,
                               as this language (${svc.LANGUAGE_IDS.join(', ')})
  --stdin-filename PATH        the path of the text read from '-' (its name tells the language;
                               output names it)
  --inittab-dialect auto|sysvinit|busybox
  --sysvinit-version 2|3
  --heartbeat-version 2|3
  --local-node NAME            the host name (uname -n) the heartbeat files are for
  --systemd-version V          the systemd that runs the init scripts, for the systemd/ checks:
                               auto (219 rhel, off busybox, else 252), off, 219, 239, 252, 257
  --no-file-modes              do not check file permissions (authkeys mode, init scripts' execute bit)
  --exit-zero                  exit 0 even when errors are found
  --jobs N                     threads to check files with, whole files each (default: the
                               number of CPUs; 1: no other thread)
  -h, --help                   this help

Exit status: 0 no error found, 1 at least one error, 2 a usage error, a missing path, nothing
checked (no file sysv-ha recognises under the paths given, or all of them skipped), 3 a file
could not be read (unreadable, outside the root, not a regular file; the others are checked).
`;

const LSP_HELP = `Usage: sysv-ha lsp [--stdio | --node-ipc]

Runs the language server (plain LSP), for Neovim, Helix, Emacs (eglot) and any other LSP
client. Settings come as initializationOptions { "settings": { ... } } or through
workspace/configuration (section "sysvHa").

Options:
  --stdio             talk over standard input and output (the default)
  --node-ipc          talk over Node's IPC channel (how VS Code starts it)
  -h, --help          this help
`;

export const SUBCOMMANDS: readonly Subcommand[] = [
  { name: 'check', summary: 'check files; a directory with etc/ is an image root', help: CHECK_HELP, run: (a, io) => runCheck(a, io) },
  { name: 'links', summary: 'the rcN.d links chkconfig, insserv or update-rc.d would create; --apply writes them', help: LINKS_HELP, run: runLinks },
  { name: 'simulate', summary: 'the steps rc takes on a runlevel change', help: SIMULATE_HELP, run: runSimulate },
  { name: 'unit', summary: 'the units systemd-sysv-generator makes of the init scripts; --out writes them', help: UNIT_HELP, run: runUnit },
  { name: 'migrate', summary: 'translate a heartbeat cluster to Corosync 3 + Pacemaker (--out writes the files)', help: MIGRATE_HELP, run: runMigrate },
  { name: 'lsp', summary: 'run the language server (LSP over stdio)', help: LSP_HELP },
];

function usage(): string {
  const width = Math.max(...SUBCOMMANDS.map((c) => c.name.length));
  return `Usage: sysv-ha COMMAND [options]

Commands:
${SUBCOMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

  sysv-ha COMMAND --help   the options of a command
  sysv-ha --version        the version
`;
}

/** `--help` or `-h` among a subcommand's arguments (before a '--' that ends the options). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  settings: Record<string, unknown>;
  severity: Record<string, string>;
  lang?: svc.LanguageId;
  /** The path the text read from '-' stands for. */
  stdinFilename?: string;
  exitZero: boolean;
  /** Threads (--jobs): this one and jobs-1 check workers. */
  jobs: number;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { format: 'text', settings: {}, severity: {}, exitZero: false, jobs: availableParallelism(), paths: [] };
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    if (arg === '--') {
      out.paths.push(...args.slice(i + 1));
      break;
    }
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string => inline ?? value(i++, arg);
    switch (arg) {
      case '--format': {
        const f = take();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${f}'`);
        out.format = f;
        break;
      }
      case '--profile': out.settings['profile'] = take(); break;
      case '--inittab-dialect': out.settings['inittabDialect'] = take(); break;
      case '--sysvinit-version': out.settings['sysvinitVersion'] = take(); break;
      case '--heartbeat-version': out.settings['heartbeatVersion'] = take(); break;
      case '--local-node': out.settings['localNode'] = take(); break;
      case '--systemd-version': out.settings['systemdVersion'] = take(); break;
      case '--severity': {
        const spec = take();
        const m = /^([a-z]+\/[a-z0-9-]+)=([a-z]+)$/.exec(spec);
        if (!m) throw new UsageError(`--severity expects CODE=LEVEL (e.g. inittab/runlevels-ignored=off), not '${spec}'`);
        if (!svc.problemDef(m[1]!)) throw new UsageError(`--severity: unknown code '${m[1]}' (see docs/diagnostics.md)`);
        out.severity[m[1]!] = m[2]!;
        break;
      }
      case '--lang': {
        const l = take();
        if (!(svc.LANGUAGE_IDS as readonly string[]).includes(l)) throw new UsageError(`--lang must be one of ${svc.LANGUAGE_IDS.join(', ')}, not '${l}'`);
        out.lang = l as svc.LanguageId;
        break;
      }
      case '--stdin-filename': out.stdinFilename = take(); break;
      case '--exit-zero': out.exitZero = true; break;
      case '--jobs': case '-j': {
        const n = take();
        if (!/^[1-9][0-9]{0,2}$/.test(n)) throw new UsageError(`--jobs needs a number of threads from 1 to 999, not '${printable(n)}'`);
        out.jobs = Number(n);
        break;
      }
      case '--no-file-modes': out.settings['checkFileModes'] = false; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        out.paths.push(args[i]!);
    }
  }
  if (out.paths.length === 0) throw new UsageError('check needs at least one PATH (or - for standard input); sysv-ha check --help');
  const stdin = out.paths.filter((p) => p === '-').length;
  if (stdin > 1) throw new UsageError("'-' (standard input) can be given only once");
  if (out.stdinFilename !== undefined && stdin === 0) throw new UsageError("--stdin-filename names the text read from standard input: give '-' as a PATH too");
  return out;
}

/** The given directories that are image roots (hold an `etc/` folder), absolute, POSIX separators. */
function imageRoots(paths: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const given of paths) {
    const abs = resolve(given).replace(/\\/g, '/');
    try {
      if (statSync(abs).isDirectory() && statSync(`${abs}/etc`).isDirectory()) roots.add(abs);
    } catch {
      // not a root
    }
  }
  return [...roots];
}

function readHead(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input, at most `limit` bytes (the rest is left unread). */
async function readStdin(limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

/** The text read from '-': its display path, absolute analysis path and language. */
async function stdinFile(parsed: CheckArgs, io: CliIO, maxBytes: number): Promise<{ display: string; path: string; language: svc.LanguageId; text: string }> {
  const named = parsed.stdinFilename !== undefined ? resolve(io.cwd, parsed.stdinFilename).replace(/\\/g, '/') : undefined;
  const buf = await (io.readStdin ?? readStdin)(maxBytes);
  const text = buf.toString('utf8');
  const language = parsed.lang
    ?? (named ? svc.languageForPath(named) ?? (svc.looksLikeInitScript(named, text.slice(0, 8192)) ? 'initscript' : undefined) : undefined);
  if (!language) {
    throw new UsageError(named
      ? `${parsed.stdinFilename}: not a file name sysv-ha recognises; name the language of standard input with --lang`
      : "standard input ('-') needs --lang LANGUAGE or --stdin-filename PATH to say what it is");
  }
  return { display: named ?? '<stdin>', path: named ?? '<stdin>', language, text };
}

async function runCheck(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCheckArgs(args);
  const settingsInput = { ...parsed.settings, severity: parsed.severity };
  const { settings, ignored } = svc.normalizeSettings(settingsInput);
  if (ignored.length > 0) throw new UsageError(ignored[0]!);
  const given = parsed.paths.filter((p) => p !== '-');
  const files = collectFiles(given, { forceLanguage: parsed.lang, readHead });
  const stdin = parsed.paths.includes('-') ? await stdinFile(parsed, io, settings.maxFileSize) : undefined;
  return await checkFiles(parsed, settingsInput, settings, files, stdin, given, io);
}

/** The image root a given folder is in (`R` for `R/etc` or `R/etc/ha.d`), else the folder itself. */
function rootOfDir(dir: string): string {
  const at = dir.endsWith('/etc') ? dir.length - 4 : dir.lastIndexOf('/etc/');
  return at < 0 ? dir : dir.slice(0, at) || '/';
}

async function checkFiles(
  parsed: CheckArgs, settingsInput: Record<string, unknown>, settings: svc.Settings, files: ReturnType<typeof collectFiles>,
  stdin: Awaited<ReturnType<typeof stdinFile>> | undefined, given: string[], io: CliIO,
): Promise<number> {
  const results: FileResult[] = [];
  const givenDirs = given.map((p) => resolve(p).replace(/\\/g, '/')).filter((p) => files.some((f) => f.fence !== undefined && f.path.startsWith(`${p}/`)));
  // Cross-file reads stay inside the image roots of the folders given (a folder inside a root's
  // etc/ reads that root): never a sibling tree beside them, nor a link out of them. Every
  // thread that checks files has its own host, fenced the same way.
  const ctx: CheckContext = { settingsInput, fenceRoots: [...new Set(givenDirs.map(rootOfDir))], withText: parsed.format === 'text' };
  const host = fencedHost(ctx, settings);
  const pending = new Map<svc.LanguageId, number>();
  const skipped: SkippedFile[] = [];
  const inputs: CheckInput[] = [];
  for (const f of files) {
    if (svc.isSupported(f.language)) inputs.push({ path: f.path, display: f.path, language: f.language, fence: f.fence });
    else pending.set(f.language, (pending.get(f.language) ?? 0) + 1);
  }
  if (stdin) inputs.push({ path: stdin.path, display: stdin.display, language: stdin.language, text: stdin.text });
  // Whole files on --jobs threads (this one and jobs - 1 check workers); one file that cannot be
  // read (or must not be: a link out of the tree, a FIFO, binary, too large) is reported once and
  // skipped, the others are still checked.
  const outcomes = await checkInputs(inputs, ctx, settings, host, { jobs: parsed.jobs, wasmDir: __dirname, note: (line) => io.stderr(`${printable(line)}\n`) });
  for (const o of outcomes) {
    if ('skip' in o) skipped.push(o.skip);
    else results.push(o.result);
  }
  const checked = results.length;
  // Problems of a whole image root that no file carries (rcN.d links to missing scripts).
  for (const root of imageRoots(given)) {
    const byLink = new Map<string, svc.Problem[]>();
    for (const p of svc.checkTree(root, settings, host)) byLink.set(p.path, [...(byLink.get(p.path) ?? []), p]);
    for (const [path, problems] of byLink) results.push({ path, text: '', problems, noText: true });
  }
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (parsed.format === 'json') {
    io.stdout(formatJson(results));
    for (const s of skipped) io.stderr(`sysv-ha: ${printable(s.path)}: ${printable(s.message)}\n`);
  } else if (parsed.format === 'sarif') io.stdout(formatSarif(results, VERSION, io.cwd, skipped));
  else if (checked > 0 || results.length > 0 || skipped.length > 0) {
    io.stdout(formatText(results, { cwd: io.cwd, color: io.color, skipped }));
    if (pending.size > 0) {
      io.stderr(`Recognised but not analysed yet: ${[...pending].map(([l, n]) => `${n} ${l}`).join(', ')}.\n`);
    }
  }
  if (checked === 0 && skipped.length === 0) {
    // Never let "no problems" stand for "nothing looked at".
    const shown = given.slice(0, 3).map((p) => `'${printable(p)}'`).join(', ') + (given.length > 3 ? ` and ${given.length - 3} more` : '');
    io.stderr(`sysv-ha: nothing checked: no file under ${shown} is one sysv-ha recognises `
      + '(inittab, init.d scripts, ha.d files, xinetd; an image root is a folder with etc/). Name the language with --lang LANGUAGE.\n');
    return 2;
  }
  // A file that could not be read leaves the check incomplete: exit 3, whatever was found.
  if (skipped.some((s) => s.kind === 'unreadable' || s.kind === 'outside' || s.kind === 'not-regular')) return 3;
  if (checked === 0) {
    io.stderr(`sysv-ha: nothing checked: every file found was skipped.\n`);
    return 2;
  }
  const errors = results.some((r) => r.problems.some((p) => p.severity === 'error'));
  return errors && !parsed.exitZero ? 1 : 0;
}

/** The CLI cannot do what was asked on this installation (exit 2, its message on one line). */
class SetupError extends Error {}

/** Runs the CLI in-process; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const sub = SUBCOMMANDS.find((c) => c.name === command);
    if (sub) {
      if (wantsHelp(rest)) {
        io.stdout(sub.help);
        return 0;
      }
      if (!sub.run) throw new UsageError(`'${sub.name}' runs only as a command (sysv-ha ${sub.name}), not in-process`);
      return await sub.run(rest, io);
    }
    switch (command) {
      case '--version': case '-V': case 'version':
        io.stdout(`sysv-ha ${VERSION}\n`);
        return 0;
      case 'help': {
        const named = SUBCOMMANDS.find((c) => c.name === rest[0]);
        if (rest.length > 0 && !named) throw new UsageError(`unknown command '${rest[0]}' (sysv-ha --help lists them)`);
        io.stdout(named ? named.help : usage());
        return 0;
      }
      case '--help': case '-h':
        io.stdout(usage());
        return 0;
      case undefined:
        io.stderr(usage());
        return 2;
      default:
        throw new UsageError(`unknown command '${command}' (sysv-ha --help lists them)`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof SetupError) {
      io.stderr(`sysv-ha: ${printable(err.message)}\n`);
      return 2;
    }
    io.stderr(`sysv-ha: internal error: ${printable(err instanceof Error ? err.message : String(err))} (please report it)\n`);
    return 2;
  }
}

/**
 * `sysv-ha check … | head`: when the reader closes the pipe, stop at once without a word, as a
 * Unix filter killed by SIGPIPE does (and with its status, 128 + 13, for `set -o pipefail`).
 */
function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(141);
      throw err;
    });
  }
}

/**
 * V8's interrupt budget for a batch command (check, links, ...): how much bytecode a function
 * runs before TurboFan compiles it, 15 times V8's default (67,584). Over the 1,000-script tree
 * TurboFan compiled the analysis in both threads' isolates at once, on V8's threads: 0.9 s of
 * CPU on the cores the two checking threads need; with this budget 0.2 s, the checking threads'
 * own CPU unchanged (docs/performance.md, "Session 13, tree"). A function that stays hot is still
 * optimised, later.
 */
export const BATCH_INTERRUPT_BUDGET = 1_000_000;

/**
 * The V8 flags the CLI sets for a command before it runs (process-wide, so its check workers
 * get them too). Every command's bash grammar is compiled with the baseline compiler only,
 * which starts several times faster than the optimising one; a batch command also raises the
 * interrupt budget, unless node's command line sets one. The language server (`lsp`) sets its
 * own (lsp/main.ts).
 */
export function cliV8Flags(command: string | undefined, execArgv: readonly string[] = process.execArgv): string[] {
  // A budget given on node's command line (an experiment) is left as given.
  if (command === 'lsp' || execArgv.some((a) => a.startsWith('--interrupt-budget'))) return ['--liftoff-only'];
  return ['--liftoff-only', `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  for (const flag of cliV8Flags(argv[0])) setFlagsFromString(flag);
  if (argv[0] !== 'lsp') endQuietlyOnClosedPipe();
  if (argv[0] === 'lsp' && !wantsHelp(argv.slice(1))) {
    // The server reads its transport from process.argv (--stdio, --node-ipc); stdio is the default.
    if (!argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('../lsp/server') as typeof import('../lsp/server')).startServer();
    return;
  }
  const code = await runCli(argv, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    color: !!process.stdout.isTTY && !process.env['NO_COLOR'],
  });
  process.exitCode = code;
}

if (require.main === module) void main();
