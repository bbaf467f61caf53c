/**
 * The `sysv-ha` command: a thin wrapper over the same service the language server uses.
 *   sysv-ha check [--format text|json|sarif] [--profile P] [--severity CODE=LEVEL]... PATH...
 *   sysv-ha lsp [--stdio | --node-ipc]
 * Exit status: 0 no error, 1 at least one error diagnostic, 2 usage error or unreadable path.
 */
import { readFileSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import * as svc from '../service';
import { FsHost } from '../host/fsHost';
import { collectFiles, describeFsError, UsageError } from './files';
import { formatJson, formatSarif, formatText, type FileResult } from './format';
import { runLinks } from './links';
import { runSimulate } from './simulate';

export const VERSION = '0.1.0';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  color: boolean;
}

const USAGE = `Usage:
  sysv-ha check [options] PATH...    check files; a directory with etc/ is an image root
  sysv-ha links --root DIR [--tool chkconfig|insserv|update-rc.d] [--format text|json]
                [--apply] [--del NAME] [NAME...]
                                     the rcN.d links a tool would create; --apply writes them
  sysv-ha simulate --root DIR --from N --to M [--running NAME,...] [--format text|json]
                                     the steps rc takes on a runlevel change
  sysv-ha lsp [--stdio|--node-ipc]   run the language server
  sysv-ha --version | --help

check options:
  --format text|json|sarif     output format (default text)
  --profile auto|rhel|debian|suse|busybox
  --severity CODE=LEVEL        error, warning, information, hint or off (repeatable)
  --lang LANGUAGE              language of files whose name does not tell (${svc.LANGUAGE_IDS.join(', ')})
  --inittab-dialect auto|sysvinit|busybox
  --sysvinit-version 2|3
  --heartbeat-version 2|3
  --local-node NAME            the host name (uname -n) the heartbeat files are for
  --no-file-modes              do not check file permissions (authkeys mode, init scripts' execute bit)
  --exit-zero                  exit 0 even when errors are found
`;

interface CheckArgs {
  format: 'text' | 'json' | 'sarif';
  settings: Record<string, unknown>;
  severity: Record<string, string>;
  lang?: svc.LanguageId;
  exitZero: boolean;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { format: 'text', settings: {}, severity: {}, exitZero: false, paths: [] };
  const value = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
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
      case '--exit-zero': out.exitZero = true; break;
      case '--no-file-modes': out.settings['checkFileModes'] = false; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        out.paths.push(args[i]!);
    }
  }
  if (out.paths.length === 0) throw new UsageError('check needs at least one PATH');
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

async function runCheck(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCheckArgs(args);
  const { settings, ignored } = svc.normalizeSettings({ ...parsed.settings, severity: parsed.severity });
  if (ignored.length > 0) throw new UsageError(ignored[0]!);
  const files = collectFiles(parsed.paths, { forceLanguage: parsed.lang, readHead });
  // The shell parser is needed only when there are init scripts to read.
  if (files.some((f) => f.language === 'initscript' || f.language === 'haresources')) await svc.initialize({ wasmDir: __dirname });
  const results: FileResult[] = [];
  const host = new FsHost();
  const pending = new Map<svc.LanguageId, number>();
  for (const f of files) {
    if (!svc.isSupported(f.language)) {
      pending.set(f.language, (pending.get(f.language) ?? 0) + 1);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch (err) {
      throw new UsageError(`${f.path}: ${describeFsError(err)}`);
    }
    const analysis = svc.analyze({ path: f.path, text, language: f.language }, settings, host);
    results.push({ path: f.path, text: svc.displayText(f.language, text), problems: analysis.problems });
  }
  // Problems of a whole image root that no file carries (rcN.d links to missing scripts).
  for (const root of imageRoots(parsed.paths)) {
    const byLink = new Map<string, svc.Problem[]>();
    for (const p of svc.checkTree(root, settings, host)) byLink.set(p.path, [...(byLink.get(p.path) ?? []), p]);
    for (const [path, problems] of byLink) results.push({ path, text: '', problems, noText: true });
  }
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (parsed.format === 'json') io.stdout(formatJson(results));
  else if (parsed.format === 'sarif') io.stdout(formatSarif(results, VERSION));
  else {
    io.stdout(formatText(results, { cwd: io.cwd, color: io.color }));
    if (pending.size > 0) {
      io.stderr(`Recognised but not analysed yet: ${[...pending].map(([l, n]) => `${n} ${l}`).join(', ')}.\n`);
    }
  }
  const errors = results.some((r) => r.problems.some((p) => p.severity === 'error'));
  return errors && !parsed.exitZero ? 1 : 0;
}

/** Runs the CLI in-process; resolves to the exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'links':
        return await runLinks(rest, io);
      case 'simulate':
        return await runSimulate(rest, io);
      case '--version': case '-V': case 'version':
        io.stdout(`sysv-ha ${VERSION}\n`);
        return 0;
      case '--help': case '-h': case 'help': case undefined:
        (command === undefined ? io.stderr : io.stdout)(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`sysv-ha: ${err.message}\n`);
      return 2;
    }
    io.stderr(`sysv-ha: internal error: ${err instanceof Error ? err.message : String(err)} (please report it)\n`);
    return 2;
  }
}

async function main(): Promise<void> {
  // One short run: compile the bash grammar's wasm with the baseline compiler only, which
  // starts several times faster than the optimising one (measured in docs/performance.md).
  setFlagsFromString('--liftoff-only');
  const argv = process.argv.slice(2);
  if (argv[0] === 'lsp') {
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
