/**
 * The `WorkspaceHost` over the real file system, used by the CLI and the server. The server
 * adds an overlay of open documents, so a check that reads another file sees the user's
 * unsaved text. Results are cached until `invalidate()` (the server calls it when files
 * change), so nothing is read from disk twice while typing.
 */
import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import { closeSync, constants as fsConstants, fstatSync, lstatSync, opendirSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { FileInfo, ShellSyntaxResult, WorkspaceHost } from '../service';
import type { HostChanges } from '../service/core/language';

/**
 * `node:child_process`, loaded when a shell is first run (`sh -n`): with it node loads `net`,
 * `dgram` and the process bindings, which a server that never runs a shell (most of them: the
 * shell confirms only tree-sitter's syntax-error candidates) does not need at start-up.
 */
let childProcess: typeof import('node:child_process') | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const processes = () => (childProcess ??= require('node:child_process') as typeof import('node:child_process'));

/** Files larger than this are not read for cross-file checks. */
const MAX_READ = 4 * 1024 * 1024;

/** The server's way of running `sh -n`: in the background, once a document's edits pause. */
export interface AsyncShellOptions {
  /** Quiet time after the last request for a document before its shell runs. */
  delayMs: number;
  /** The shell answered for the document's latest text (the caller re-checks it). */
  onSettled(path: string): void;
}

export class FsHost implements WorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  /** Per document path: the background `sh -n` waiting or running for its latest text. */
  private readonly shellJobs = new Map<string, { key: string; timer?: ReturnType<typeof setTimeout> }>();
  private readonly stats = new Map<string, FileInfo | undefined>();
  private readonly dirs = new Map<string, string[] | undefined>();
  private readonly dirOrders = new Map<string, string[] | undefined>();
  private readonly links = new Map<string, string | undefined>();
  private readonly memos = new Map<string, unknown>();

  /** `overlay`: the text of an open document, if any, by path. */
  /**
   * `overlay`: the text of an open document, if any, by path. `asyncShell`: run `sh -n` in
   * the background (the server); without it the shell runs at once (the CLI).
   */
  constructor(
    private readonly overlay: (path: string) => string | undefined = () => undefined,
    private readonly asyncShell?: AsyncShellOptions,
    /**
     * `roots`: the trees analysis may read (the CLI's folders, the editor's workspace folders).
     * A path under a root is read only when its real path is inside the root's real path (a
     * link out of an image root is neither read nor listed). `strict`: with roots, a path under
     * none of them is not read either (the CLI: nothing outside the trees it was given).
     * `maxBytes`: the most read of a file.
     */
    private readonly fence: { roots?: () => readonly string[]; strict?: boolean; maxBytes?: number } = {},
  ) {}

  private readonly realRoots = new Map<string, string | undefined>();

  /** The path resolves inside the root it is under (or is under none, unless the fence is strict). */
  private allowed(path: string): boolean {
    const roots = this.fence.roots?.() ?? [];
    for (const root of roots) {
      const r = root.endsWith('/') ? root.slice(0, -1) : root;
      if (path !== r && !path.startsWith(`${r}/`)) continue;
      if (!this.realRoots.has(r)) this.realRoots.set(r, tryReal(r));
      const realRoot = this.realRoots.get(r);
      const real = this.realOf(path);
      if (realRoot === undefined || real === undefined) return true; // nothing there to read
      return real === realRoot || real.startsWith(realRoot.endsWith('/') ? realRoot : `${realRoot}/`);
    }
    return !(this.fence.strict && roots.length > 0);
  }

  /** The real path of `path` for the fence (undefined: nothing there). */
  protected realOf(path: string): string | undefined {
    return tryReal(path);
  }

  /**
   * At most `maxBytes` of a regular file, read from the descriptor it was checked on: opened
   * non-blocking (a FIFO or a device never blocks), its type and size checked with fstat before
   * the read. undefined for anything else.
   */
  private boundedRead(path: string): Buffer | undefined {
    if (!this.allowed(path)) return undefined;
    const max = this.fence.maxBytes ?? MAX_READ;
    let fd: number | undefined;
    try {
      fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOCTTY);
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > max) return undefined;
      const buf = Buffer.alloc(Math.min(max + 1, st.size + 1));
      let n = 0;
      for (let got = 1; got > 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, n);
      return n > max ? undefined : buf.subarray(0, n);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  readFile(path: string): string | undefined {
    const open = this.overlay(path);
    if (open !== undefined) return open;
    if (!this.texts.has(path)) this.texts.set(path, this.boundedRead(path)?.toString('utf8'));
    return this.texts.get(path);
  }

  readBytes(path: string): Uint8Array | undefined {
    if (this.overlay(path) !== undefined) return undefined;
    return this.boundedRead(path);
  }

  stat(path: string): FileInfo | undefined {
    if (!this.stats.has(path)) {
      let info: FileInfo | undefined;
      if (!this.allowed(path)) {
        this.stats.set(path, undefined);
        return undefined;
      }
      try {
        const st = this.statOf(path);
        info = st && { isFile: st.isFile(), isDirectory: st.isDirectory(), mode: process.platform === 'win32' ? undefined : st.mode & 0o7777, size: st.size };
      } catch {
        info = undefined;
      }
      this.stats.set(path, info);
    }
    return this.stats.get(path);
  }

  /**
   * stat(2) of `path` (links followed); undefined when nothing is there (no error is made for
   * a missing file: most paths the checks ask about do not exist), throws for other errors.
   */
  protected statOf(path: string): Stats | undefined {
    return statSync(path, { throwIfNoEntry: false });
  }

  /**
   * Whether `path` is a folder to list, asked now (not the kept `stat`, which a folder made
   * since may not have invalidated): reading nothing there or a file is not tried (readdir
   * would only throw).
   */
  private isDir(path: string): boolean {
    return this.statOf(path)?.isDirectory() === true;
  }

  listDir(path: string): string[] | undefined {
    if (!this.dirs.has(path)) {
      let names: string[] | undefined;
      if (!this.allowed(path)) {
        this.dirs.set(path, undefined);
        return undefined;
      }
      try {
        names = this.isDir(path) ? readdirSync(path).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : undefined;
      } catch {
        names = undefined;
      }
      this.dirs.set(path, names);
    }
    return this.dirs.get(path);
  }

  readDirOrder(path: string): string[] | undefined {
    if (!this.dirOrders.has(path)) {
      let names: string[] | undefined;
      if (!this.allowed(path)) {
        this.dirOrders.set(path, undefined);
        return undefined;
      }
      try {
        if (this.isDir(path)) {
          const dir = opendirSync(path);
          try {
            names = [];
            for (let e = dir.readSync(); e !== null; e = dir.readSync()) names.push(e.name);
          } finally {
            dir.closeSync();
          }
        }
      } catch {
        names = undefined;
      }
      this.dirOrders.set(path, names);
    }
    return this.dirOrders.get(path);
  }

  readLink(path: string): string | undefined {
    if (!this.links.has(path)) {
      let target: string | undefined;
      try {
        // lstat first: a file that is not a link (nearly every one asked) costs no thrown error.
        target = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ? readlinkSync(path) : undefined;
      } catch {
        target = undefined;
      }
      this.links.set(path, target);
    }
    return this.links.get(path);
  }

  realPath(path: string): string | undefined {
    try {
      return realpathSync(path);
    } catch {
      return undefined;
    }
  }

  shellSyntax(shell: string, text: string, path?: string): ShellSyntaxResult | undefined {
    if (!this.asyncShell || path === undefined) return shellSyntax(shell, text);
    const job = shellJob(shell, text);
    if (!job) return undefined;
    if (syntaxCache.has(job.key)) return syntaxCache.get(job.key);
    // Typing: only the latest text of a document is checked, after a pause.
    const previous = this.shellJobs.get(path);
    if (previous?.key === job.key) return { ok: 'pending' };
    if (previous?.timer) clearTimeout(previous.timer);
    const entry: { key: string; timer?: ReturnType<typeof setTimeout> } = { key: job.key };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      runShellAsync(job, text, (result, transient) => {
        // A timeout is tried once more (the machine may have been busy), then taken as no answer.
        if (!transient || timedOutOnce.has(job.key)) remember(job.key, result);
        else timedOutOnce.add(job.key);
        if (this.shellJobs.get(path) !== entry) return; // a newer text is waiting
        this.shellJobs.delete(path);
        this.asyncShell!.onSettled(path);
      });
    }, this.asyncShell.delayMs);
    this.shellJobs.set(path, entry);
    return { ok: 'pending' };
  }

  /** A background `sh -n` is waiting or running for this document. */
  shellPending(path: string): boolean {
    return this.shellJobs.has(path);
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /**
   * A value another thread's host computed for `key` from the same files (`check --jobs`: the
   * init.d tree is read once, not once per thread); a value already here is kept.
   */
  seedMemo(key: string, value: unknown): void {
    if (!this.memos.has(key)) this.memos.set(key, value);
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
      this.dirOrders.clear();
      this.links.clear();
      return;
    }
    this.texts.delete(path);
    this.stats.delete(path);
    this.links.delete(path);
    this.dirs.delete(path.slice(0, path.lastIndexOf('/')) || '/');
    this.dirOrders.delete(path.slice(0, path.lastIndexOf('/')) || '/');
  }
}

/**
 * A host with no overlay (the CLI's check): its answers are cached until `invalidate`, so they
 * change only there, and it counts those (`WorkspaceHost.changes`). A value kept with the reads
 * it made (the systemd generator's run, the rcN.d link plan) is then not checked read by read
 * on every file's analysis (1,000 scripts: a million look-ups), only after an `invalidate`.
 */
export class SnapshotFsHost extends FsHost implements HostChanges {
  private current = 0;

  constructor(fence: ConstructorParameters<typeof FsHost>[2] = {}) {
    super(undefined, undefined, fence);
  }

  get seq(): number {
    return this.current;
  }

  changes(): HostChanges {
    return this;
  }

  since(seq: number): readonly string[] | undefined {
    return seq === this.current ? [] : undefined;
  }

  /** Real paths, kept like the other answers: nothing changes under this host until `invalidate`. */
  private readonly reals = new Map<string, string | undefined>();
  /** lstat(2) of paths (undefined: nothing there, or not to be asked), kept likewise. */
  private readonly lstats = new Map<string, Stats | undefined>();

  /**
   * The real path of `path`, kept: for a path that is not a link itself, its folder's real path
   * and its name (one lstat, which `stat` and `readLink` then answer from, instead of realpath(3)
   * walking every component of every file of a tree).
   */
  protected override realOf(path: string): string | undefined {
    if (!this.reals.has(path)) this.reals.set(path, this.resolve(path));
    return this.reals.get(path);
  }

  /** The real path of `path` as `realOf` keeps it (cached; undefined: nothing there). */
  resolved(path: string): string | undefined {
    return this.realOf(path);
  }

  private resolve(path: string): string | undefined {
    const slash = path.lastIndexOf('/');
    if (process.platform !== 'win32' && slash > 0 && slash < path.length - 1 && NORMAL_ABSOLUTE.test(path)) {
      const st = this.lstatOf(path);
      if (st === undefined) return undefined; // nothing there (realpath(3) fails too)
      if (!st.isSymbolicLink()) {
        const dir = this.realOf(path.slice(0, slash));
        if (dir !== undefined) return `${dir === '/' ? '' : dir}${path.slice(slash)}`;
      }
    }
    return super.realOf(path);
  }

  private lstatOf(path: string): Stats | undefined {
    if (!this.lstats.has(path)) {
      let st: Stats | undefined;
      try {
        st = lstatSync(path, { throwIfNoEntry: false });
      } catch {
        st = undefined;
      }
      this.lstats.set(path, st);
    }
    return this.lstats.get(path);
  }

  /** A path that is not a link: its lstat is its stat. */
  protected override statOf(path: string): Stats | undefined {
    const st = process.platform === 'win32' ? undefined : this.lstats.get(path);
    return st !== undefined && !st.isSymbolicLink() ? st : super.statOf(path);
  }

  override readLink(path: string): string | undefined {
    if (process.platform === 'win32') return super.readLink(path);
    const st = this.lstatOf(path);
    if (st === undefined || !st.isSymbolicLink()) return undefined;
    return super.readLink(path);
  }

  override invalidate(path?: string): void {
    super.invalidate(path);
    // A link's change moves the real path of everything below it: forget them all.
    this.reals.clear();
    this.lstats.clear();
    this.current++;
  }
}

/** An absolute POSIX path with no empty, '.' or '..' component (its folder is the text before its last '/'). */
const NORMAL_ABSOLUTE = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/;

/** realpath(3) (one call; the JavaScript realpathSync lstats each component: 3-4x slower per path). */
function tryReal(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'busybox']);
const syntaxCache = new Map<string, ShellSyntaxResult | undefined>();
/** Texts whose background shell timed out once. */
const timedOutOnce = new Set<string>();

interface ShellJob {
  key: string;
  exe: string;
  args: string[];
}

/**
 * A cache key for a text: its length and two independent 32-bit hashes of its UTF-16 code
 * units (FNV-1a and a multiply-rotate hash), in one pass. Not a cryptographic hash: `node:crypto`
 * (SHA-1 here before) costs the server about 0.7 MB resident for this one use. A collision can
 * only give one text another text's `sh -n` verdict.
 */
export function textKey(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  return `${text.length.toString(36)}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** How to run a shell's `-n` on a text, and its cache key; undefined for a shell we do not run. */
function shellJob(shell: string, text: string): ShellJob | undefined {
  const name = shell.slice(shell.lastIndexOf('/') + 1);
  if (!SHELLS.has(name)) return undefined;
  return {
    key: `${name}\0${textKey(text)}`,
    exe: name === 'sh' ? '/bin/sh' : name === 'busybox' ? 'busybox' : name,
    args: name === 'busybox' ? ['sh', '-n'] : ['-n'],
  };
}

const SHELL_ENV = { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', LC_ALL: 'C' };
const SHELL_TIMEOUT_MS = 5000;

/** The verdict from the shell's exit status and first stderr line. */
function verdictOf(status: number | null, stderr: string): ShellSyntaxResult | undefined {
  if (status === null) return undefined;
  if (status === 0) return { ok: true };
  const first = stderr.split('\n').find((l) => l.trim().length > 0) ?? 'syntax error';
  // bash: "bash: line 5: syntax error ..."; dash: "sh: 5: Syntax error: ..."
  const m = /line (\d+):(.*)$/.exec(first) ?? /^[^:]+: (\d+): (.*)$/.exec(first);
  return m ? { ok: false, line: Number(m[1]) - 1, message: m[2]!.trim() } : { ok: false, line: 0, message: first.trim() };
}

function remember(key: string, result: ShellSyntaxResult | undefined): void {
  if (syntaxCache.size > 200) syntaxCache.clear();
  syntaxCache.set(key, result);
}

/** The same check in the background; `done` is called once, whatever happens. */
function runShellAsync(job: ShellJob, text: string, done: (result: ShellSyntaxResult | undefined, transient: boolean) => void): void {
  let finished = false;
  const finish = (r: ShellSyntaxResult | undefined, transient = false) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    done(r, transient);
  };
  let stderr = '';
  const child: ChildProcess = processes().spawn(job.exe, job.args, { env: SHELL_ENV, stdio: ['pipe', 'ignore', 'pipe'] });
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
    finish(undefined, true); // a timeout says nothing about the text: ask again next time
  }, SHELL_TIMEOUT_MS);
  child.on('error', () => finish(undefined));
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString('utf8');
  });
  child.on('close', (code) => finish(verdictOf(code, stderr)));
  child.stdin!.on('error', () => undefined); // the shell may exit before reading everything
  child.stdin!.end(text);
}

/**
 * `<shell> -n` on a text given on standard input: a syntax check that executes nothing.
 * Results are cached by shell and text; undefined when the shell is not installed.
 */
export function shellSyntax(shell: string, text: string): ShellSyntaxResult | undefined {
  const job = shellJob(shell, text);
  if (!job) return undefined;
  if (syntaxCache.has(job.key)) return syntaxCache.get(job.key);
  const r: SpawnSyncReturns<string> = processes().spawnSync(job.exe, job.args, { input: text, encoding: 'utf8', timeout: SHELL_TIMEOUT_MS, env: SHELL_ENV });
  // EPIPE: the shell stopped reading at the syntax error of a long script; its status and
  // message are the answer. Any other error (no such shell, a timeout) means no answer.
  const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
  const result = r.error && code !== 'EPIPE' ? undefined : verdictOf(r.status, r.stderr);
  // A timeout says nothing about the text: ask again next time.
  if (!(r.error && code !== 'EPIPE' && code !== 'ENOENT')) remember(job.key, result);
  return result;
}
