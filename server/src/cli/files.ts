/**
 * Finding the files to check under the paths given on the command line, as
 * spec/checks.md "Which files are checked" says: a directory with an `etc/` folder is an
 * image root (files are classified by their path under it); otherwise files are matched
 * by name. Symbolic-link loops are skipped; nothing outside the given paths is read.
 */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type PathLike, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { languageForPath, looksLikeInitScript, type LanguageId } from '../service';

export interface FoundFile {
  /** Absolute path, POSIX separators. */
  path: string;
  language: LanguageId;
  /** The real path of the folder it was found in: the file must resolve inside it. */
  fence?: string;
}

/** Why a file was not analysed: `unreadable` makes the run incomplete (exit 3); the others are reported and skipped. */
export interface Skip {
  kind: 'unreadable' | 'outside' | 'not-regular' | 'binary' | 'too-large';
  message: string;
}

function inside(fence: string, p: string): boolean {
  return p === fence || p.startsWith(fence.endsWith('/') ? fence : `${fence}/`);
}

/**
 * Reads a file to check, safely: a file that resolves outside `fence` is not read (a link
 * out of an image root: `etc/inittab -> /etc/shadow`), only a regular file is read (a FIFO or
 * a device is opened non-blocking and refused: `-> /proc/kmsg` hung the check), the size is
 * checked on the open file before reading and at most `maxBytes` bytes are read, and a binary
 * file (`isBinary`) is not analysed.
 */
/**
 * A program or data, not a configuration file: an executable's magic number (ELF, a.out,
 * gzip, zip, ...), or more than 30% (and at least 32) of the first 8,000 bytes neither text nor UTF-8 (control
 * characters other than tab, line ends, form feed and ESC; invalid UTF-8 sequences). A text
 * file with a few stray NUL bytes or Latin-1 letters is still analysed, as the programs read it.
 */
export function isBinary(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 8000);
  const magic = [[0x7f, 0x45, 0x4c, 0x46], [0x1f, 0x8b], [0x50, 0x4b, 0x03, 0x04], [0x42, 0x5a, 0x68], [0xfd, 0x37, 0x7a, 0x58], [0x28, 0xb5, 0x2f, 0xfd]];
  if (magic.some((m) => m.every((b, i) => head[i] === b))) return true;
  const text = head.toString('utf8');
  if (text.length === 0) return false;
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 0x1b) || c === 0x7f || c === 0xfffd) odd++;
  }
  return odd >= 32 && odd / text.length > 0.3;
}

export function readForCheck(path: string, options: { maxBytes: number; fence?: string; realOf?: (path: string) => string | undefined }): { text: string } | { skip: Skip } {
  // The real path as the checking thread's host keeps it (`SnapshotFsHost.resolved`: the init.d
  // tree's reads found it already), else realpath(3) in one call (the JavaScript realpathSync
  // lstats every component of every path); it is asked for the error when the host has none.
  const known = options.realOf?.(path);
  let real: string;
  if (known !== undefined) real = posix(known);
  else {
    try {
      real = posix(process.platform === 'win32' ? realpathSync(path) : realpathSync.native(path));
    } catch (err) {
      return { skip: { kind: 'unreadable', message: `unreadable: ${describeFsError(err)}` } };
    }
  }
  if (options.fence && !inside(options.fence, real)) return { skip: { kind: 'outside', message: `not read: a link to ${real}, outside ${options.fence}` } };
  let fd: number;
  try {
    fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY);
  } catch (err) {
    return { skip: { kind: 'unreadable', message: `unreadable: ${describeFsError(err)}` } };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { skip: { kind: 'not-regular', message: 'not read: not a regular file' } };
    const mb = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
    if (st.size > options.maxBytes) return { skip: { kind: 'too-large', message: `skipped: larger than ${mb(options.maxBytes)} (${mb(st.size)})` } };
    const buf = Buffer.alloc(Math.min(options.maxBytes + 1, Math.max(st.size + 1, 1)));
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got <= 0) break;
      n += got;
      if (n >= buf.length) break;
    }
    // A file that grew past the limit since fstat (or a size the kernel does not report).
    if (n > options.maxBytes) return { skip: { kind: 'too-large', message: `skipped: larger than ${mb(options.maxBytes)}` } };
    const bytes = buf.subarray(0, n);
    if (isBinary(bytes)) return { skip: { kind: 'binary', message: 'skipped: binary' } };
    return { text: bytes.toString('utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return { skip: { kind: 'not-regular', message: 'not read: not a regular file' } };
    return { skip: { kind: 'unreadable', message: `unreadable: ${describeFsError(err)}` } };
  } finally {
    closeSync(fd);
  }
}

export class UsageError extends Error {}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.svn', '.hg', 'proc', 'sys', 'dev']);
/** Walks stop here so a mistaken `check /` or a home directory does not run forever. */
export const MAX_FILES = 200_000;

export interface CollectOptions {
  /** `--lang`: the language of every file given and of every file under a directory given. */
  forceLanguage?: LanguageId;
  /** Reads the first bytes of a file, to recognise init scripts by their header. */
  readHead: (path: string) => string;
}

export function collectFiles(paths: readonly string[], options: CollectOptions): FoundFile[] {
  const found = new Map<string, FoundFile>();
  for (const given of paths) {
    const abs = resolve(given);
    let st: Stats;
    try {
      st = statSync(abs);
    } catch (err) {
      throw new UsageError(`${given}: ${describeFsError(err)}`);
    }
    if (st.isDirectory()) {
      const root = isImageRoot(abs) ? abs : undefined;
      // Nothing is read outside the folder given: links that resolve outside it are reported.
      let fence: string;
      try {
        fence = realpathSync(abs);
      } catch (err) {
        throw new UsageError(`${given}: ${describeFsError(err)}`);
      }
      // An image root (a folder with etc/, `/` included) is checked by its etc/ tree only.
      if (root) walk(join(abs, 'etc'), root, found, new Set(), options.forceLanguage, fence);
      else walk(abs, root, found, new Set(), options.forceLanguage, fence);
    } else if (st.isFile()) {
      const language = options.forceLanguage ?? languageForPath(posix(abs)) ?? (looksLikeInitScript(posix(abs), options.readHead(abs)) ? 'initscript' : undefined);
      if (!language) throw new UsageError(`${given}: not a file sysv-ha recognises (inittab, init.d scripts, ha.d files, xinetd); name the language with --lang`);
      found.set(posix(abs), { path: posix(abs), language });
    } else {
      throw new UsageError(`${given}: not a regular file or directory`);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isImageRoot(dir: string): boolean {
  try {
    return statSync(join(dir, 'etc')).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, root: string | undefined, found: Map<string, FoundFile>, seen: Set<string>, forceLanguage: LanguageId | undefined, fence: string): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
  if (!inside(fence, real)) return; // a folder link out of the tree: not walked
  if (seen.has(real)) return; // a symlink loop, or the same tree reached twice
  seen.add(real);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (found.size >= MAX_FILES) return;
    const full = join(dir, name);
    let st: Stats;
    try {
      st = statSync(full);
    } catch {
      continue; // dangling link or unreadable entry
    }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(full, root, found, seen, forceLanguage, fence);
      continue;
    }
    // In an image root the path under the root decides (etc/init.d/x is an init script);
    // elsewhere only the name can (inittab, ha.cf, ...), plus init.d folders by path.
    const key = root ? '/' + posix(relative(root, full)) : posix(full);
    // --lang given with a directory: every file of it is that language.
    const language = forceLanguage ?? languageForPath(key);
    // A recognised name that is no regular file, or a link out of the tree, is listed so that
    // the check reports it (readForCheck) instead of reading it.
    if (language) found.set(posix(full), { path: posix(full), language, fence });
  }
}

function posix(p: string): string {
  return p.replace(/\\/g, '/');
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'not a directory';
    default: return err instanceof Error ? err.message : String(err);
  }
}

/** Anything at the path, a dangling symbolic link too (existsSync follows links): a write there would not be into a new name. */
export function lexists(path: PathLike): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A subcommand's words in order, each with `take()` for its value: `--name value` or
 * `--name=value` (the name is then the part before the `=`; `arg` is the word as given).
 * With `refuseOptionValue`, a separate value that starts with `--` is refused as missing.
 */
export function* cliWords(args: readonly string[], refuseOptionValue = false): Generator<{ name: string; arg: string; take: () => string }> {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let name = arg;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      name = arg.slice(0, arg.indexOf('='));
    }
    const take = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (refuseOptionValue && inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    yield { name, arg, take };
  }
}
