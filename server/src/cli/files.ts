/**
 * Finding the files to check under the paths given on the command line, as
 * spec/checks.md "Which files are checked" says: a directory with an `etc/` folder is an
 * image root (files are classified by their path under it); otherwise files are matched
 * by name. Symbolic-link loops are skipped; nothing outside the given paths is read.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { languageForPath, looksLikeInitScript, type LanguageId } from '../service';

export interface FoundFile {
  /** Absolute path, POSIX separators. */
  path: string;
  language: LanguageId;
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
      walk(abs, root, found, new Set(), options.forceLanguage);
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

function walk(dir: string, root: string | undefined, found: Map<string, FoundFile>, seen: Set<string>, forceLanguage?: LanguageId): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return;
  }
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
      if (!SKIP_DIRS.has(name)) walk(full, root, found, seen, forceLanguage);
      continue;
    }
    if (!st.isFile()) continue;
    // In an image root the path under the root decides (etc/init.d/x is an init script);
    // elsewhere only the name can (inittab, ha.cf, ...), plus init.d folders by path.
    const key = root ? '/' + posix(relative(root, full)) : posix(full);
    // --lang given with a directory: every file of it is that language.
    const language = forceLanguage ?? languageForPath(key);
    if (language) found.set(posix(full), { path: posix(full), language });
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
