/**
 * The `WorkspaceHost` over the real file system, used by the CLI and the server. The server
 * adds an overlay of open documents, so a check that reads another file sees the user's
 * unsaved text. Results are cached until `invalidate()` (the server calls it when files
 * change), so nothing is read from disk twice while typing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import type { FileInfo, ShellSyntaxResult, WorkspaceHost } from '../service';

/** Files larger than this are not read for cross-file checks. */
const MAX_READ = 4 * 1024 * 1024;

export class FsHost implements WorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly stats = new Map<string, FileInfo | undefined>();
  private readonly dirs = new Map<string, string[] | undefined>();
  private readonly memos = new Map<string, unknown>();

  /** `overlay`: the text of an open document, if any, by path. */
  constructor(private readonly overlay: (path: string) => string | undefined = () => undefined) {}

  readFile(path: string): string | undefined {
    const open = this.overlay(path);
    if (open !== undefined) return open;
    if (!this.texts.has(path)) {
      let text: string | undefined;
      try {
        const st = statSync(path);
        text = st.isFile() && st.size <= MAX_READ ? readFileSync(path, 'utf8') : undefined;
      } catch {
        text = undefined;
      }
      this.texts.set(path, text);
    }
    return this.texts.get(path);
  }

  stat(path: string): FileInfo | undefined {
    if (!this.stats.has(path)) {
      let info: FileInfo | undefined;
      try {
        const st = statSync(path);
        info = { isFile: st.isFile(), isDirectory: st.isDirectory(), mode: process.platform === 'win32' ? undefined : st.mode & 0o7777, size: st.size };
      } catch {
        info = undefined;
      }
      this.stats.set(path, info);
    }
    return this.stats.get(path);
  }

  listDir(path: string): string[] | undefined {
    if (!this.dirs.has(path)) {
      let names: string[] | undefined;
      try {
        names = readdirSync(path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch {
        names = undefined;
      }
      this.dirs.set(path, names);
    }
    return this.dirs.get(path);
  }

  readLink(path: string): string | undefined {
    try {
      return readlinkSync(path);
    } catch {
      return undefined;
    }
  }

  realPath(path: string): string | undefined {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  }

  shellSyntax(shell: string, text: string): ShellSyntaxResult | undefined {
    return shellSyntax(shell, text);
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** Forgets values computed from other files (an open document changed). */
  invalidateMemos(): void {
    this.memos.clear();
  }

  /** Forgets cached facts (all, or those of one path and its directory). */
  invalidate(path?: string): void {
    this.memos.clear();
    if (path === undefined) {
      this.texts.clear();
      this.stats.clear();
      this.dirs.clear();
      return;
    }
    this.texts.delete(path);
    this.stats.delete(path);
    this.dirs.delete(path.slice(0, path.lastIndexOf('/')) || '/');
  }
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'busybox']);
const syntaxCache = new Map<string, ShellSyntaxResult | undefined>();

/**
 * `<shell> -n` on a text given on standard input: a syntax check that executes nothing.
 * Results are cached by shell and text; undefined when the shell is not installed.
 */
export function shellSyntax(shell: string, text: string): ShellSyntaxResult | undefined {
  const name = shell.slice(shell.lastIndexOf('/') + 1);
  if (!SHELLS.has(name)) return undefined;
  const key = `${name}\0${createHash('sha1').update(text).digest('hex')}`;
  if (syntaxCache.has(key)) return syntaxCache.get(key);
  const exe = name === 'sh' ? '/bin/sh' : name === 'busybox' ? 'busybox' : name;
  const args = name === 'busybox' ? ['sh', '-n'] : ['-n'];
  const r = spawnSync(exe, args, { input: text, encoding: 'utf8', timeout: 5000, env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', LC_ALL: 'C' } });
  let result: ShellSyntaxResult | undefined;
  if (r.error || r.status === null) result = undefined;
  else if (r.status === 0) result = { ok: true };
  else {
    const first = r.stderr.split('\n').find((l) => l.trim().length > 0) ?? 'syntax error';
    // bash: "bash: line 5: syntax error ..."; dash: "sh: 5: Syntax error: ..."
    const m = /line (\d+):\s*(.*)$/.exec(first) ?? /^[^:]+: (\d+): (.*)$/.exec(first);
    result = m ? { ok: false, line: Number(m[1]) - 1, message: m[2]!.trim() } : { ok: false, line: 0, message: first.trim() };
  }
  if (syntaxCache.size > 200) syntaxCache.clear();
  syntaxCache.set(key, result);
  return result;
}
