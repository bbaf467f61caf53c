/**
 * A value computed from files, kept with the reads that computed it: every file text, byte
 * content, status, folder listing and link target it asked the host for, with the answers. The
 * value is used again while the same reads give the same answers, and computed again as soon as
 * one differs. So the key is exactly what the model read (an init script's body, an rcN.d link,
 * another script's Provides line, a native unit's folder), not a guess at what it depends on.
 *
 * Checking the reads asks the host again; the host's own caches (the server's until files change
 * on disk, the editor's buffers always current) make that a map look-up per read, and a text
 * that did not change is the same string (compared by identity) or an equal one (linear).
 */
import type { FileInfo, WorkspaceHost } from '../core/language';

type Kind = 'readFile' | 'readBytes' | 'stat' | 'listDir' | 'readDirOrder' | 'readLink' | 'realPath';

export interface Read {
  kind: Kind;
  path: string;
  value: unknown;
  /** A status whose size was asked for (else only its type and mode count). */
  sizeRead?: boolean;
}

const KINDS: readonly Kind[] = ['readFile', 'readBytes', 'stat', 'listDir', 'readDirOrder', 'readLink', 'realPath'];

/**
 * A host that answers as `host` does and writes the first read of each (kind, path) into
 * `reads`; a second read of the same gets the first answer (one consistent view for the whole
 * computation). Its `memo` lives as long as the recording (a value memoised inside is computed
 * from recorded reads); it runs no shell (nothing the models here ask for).
 */
export function recordingHost(host: WorkspaceHost, reads: Read[]): WorkspaceHost {
  const seen = new Map<Kind, Map<string, Read>>(KINDS.map((k) => [k, new Map<string, Read>()]));
  const ask = (kind: Kind, path: string, get: (p: string) => unknown): Read => {
    const byPath = seen.get(kind)!;
    let read = byPath.get(path);
    if (!read) {
      read = { kind, path, value: get(path) };
      byPath.set(path, read);
      reads.push(read);
    }
    return read;
  };
  const memos = new Map<string, unknown>();
  const h: WorkspaceHost = {
    readFile: (p) => ask('readFile', p, (x) => host.readFile(x)).value as string | undefined,
    // A status is handed over with its size behind a getter: the size counts only where it was read.
    stat: (p) => {
      const read = ask('stat', p, (x) => host.stat(x));
      const info = read.value as FileInfo | undefined;
      if (!info) return undefined;
      return {
        isFile: info.isFile, isDirectory: info.isDirectory, ...(info.mode !== undefined ? { mode: info.mode } : {}),
        get size() {
          read.sizeRead = true;
          return info.size;
        },
      };
    },
    listDir: (p) => ask('listDir', p, (x) => host.listDir(x)).value as string[] | undefined,
    memo: <T>(key: string, compute: () => T): T => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
  };
  if (host.readBytes) h.readBytes = (p) => ask('readBytes', p, (x) => host.readBytes!(x)).value as Uint8Array | undefined;
  if (host.readDirOrder) h.readDirOrder = (p) => ask('readDirOrder', p, (x) => host.readDirOrder!(x)).value as string[] | undefined;
  if (host.readLink) h.readLink = (p) => ask('readLink', p, (x) => host.readLink!(x)).value as string | undefined;
  if (host.realPath) h.realPath = (p) => ask('realPath', p, (x) => host.realPath!(x)).value as string | undefined;
  return h;
}

function answer(host: WorkspaceHost, r: Read): unknown {
  switch (r.kind) {
    case 'readFile': return host.readFile(r.path);
    case 'readBytes': return host.readBytes?.(r.path);
    case 'stat': return host.stat(r.path);
    case 'listDir': return host.listDir(r.path);
    case 'readDirOrder': return host.readDirOrder?.(r.path);
    case 'readLink': return host.readLink?.(r.path);
    case 'realPath': return host.realPath?.(r.path);
  }
}

function sameAnswer(r: Read, b: unknown): boolean {
  const { kind, value: a } = r;
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (kind === 'stat') {
    const x = a as FileInfo;
    const y = b as FileInfo;
    return x.isFile === y.isFile && x.isDirectory === y.isDirectory && x.mode === y.mode && (!r.sizeRead || x.size === y.size);
  }
  if (kind === 'listDir' || kind === 'readDirOrder' || kind === 'readBytes') {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  return false; // strings: equal ones are === above
}

/** Every read still gives the answer it gave. */
export function readsAgree(host: WorkspaceHost, reads: readonly Read[]): boolean {
  for (const r of reads) if (!sameAnswer(r, answer(host, r))) return false;
  return true;
}

/** Kinds whose answers a host that counts its changes (`WorkspaceHost.changes`) counts; the others are asked again every time. */
const COUNTED: ReadonlySet<Kind> = new Set<Kind>(['readFile', 'stat', 'listDir', 'readDirOrder', 'readLink']);

/**
 * Reads made by a computation, checked again cheaply: on a host that counts its changes, only
 * the reads of the paths changed since they were last found to agree (and the kinds it does not
 * count), so that checking a value read from 1,000 files costs what changed, not 1,000 look-ups.
 */
export class ReadSet {
  /** The host's change number when the reads last agreed (undefined: check them all). */
  private seq: number | undefined;
  private byPath: Map<string, Read[]> | undefined;
  private uncounted: Read[] | undefined;

  /** `seq`: the host's change number taken before the first read was made. */
  constructor(readonly reads: readonly Read[], seq?: number) {
    this.seq = seq;
  }

  /** Every read still gives the answer it gave. */
  agree(host: WorkspaceHost): boolean {
    const changes = host.changes?.();
    const paths = changes && this.seq !== undefined ? changes.since(this.seq) : undefined;
    if (!changes || paths === undefined) {
      if (!readsAgree(host, this.reads)) return false;
    } else {
      if (!this.byPath) {
        this.byPath = new Map();
        this.uncounted = [];
        for (const r of this.reads) {
          if (!COUNTED.has(r.kind)) {
            this.uncounted.push(r);
            continue;
          }
          const list = this.byPath.get(r.path);
          if (list) list.push(r);
          else this.byPath.set(r.path, [r]);
        }
      }
      if (!readsAgree(host, this.uncounted!)) return false;
      for (const p of paths) {
        const rs = this.byPath.get(p);
        if (rs && !readsAgree(host, rs)) return false;
      }
    }
    if (changes) this.seq = changes.seq;
    return true;
  }
}

interface Kept {
  reads: ReadSet;
  value: unknown;
}

/** Per host: the values kept, by key (most recently used last). */
const kept = new WeakMap<WorkspaceHost, Map<string, Kept>>();
/** The most values kept per host (image roots × systemd versions × kinds of value). */
const MAX_KEPT = 16;

/** How often each key was computed and reused (for tests and the bench). */
export const readCacheStats = { computed: 0, reused: 0 };

/**
 * `compute(h)` over a recording of `host`, kept under `key` until a read it made answers
 * differently. `previous` is the value kept before, when there was one (for a computation that
 * can reuse parts of it).
 */
export function keptWhileReadsAgree<T>(host: WorkspaceHost, key: string, compute: (h: WorkspaceHost, previous: T | undefined) => T): T {
  let byKey = kept.get(host);
  if (!byKey) kept.set(host, (byKey = new Map()));
  const k = byKey.get(key);
  if (k) {
    byKey.delete(key);
    byKey.set(key, k);
    if (k.reads.agree(host)) {
      readCacheStats.reused++;
      return k.value as T;
    }
  }
  const reads: Read[] = [];
  const seq = host.changes?.().seq;
  const value = compute(recordingHost(host, reads), k?.value as T | undefined);
  readCacheStats.computed++;
  byKey.delete(key);
  byKey.set(key, { reads: new ReadSet(reads, seq), value });
  while (byKey.size > MAX_KEPT) byKey.delete(byKey.keys().next().value!);
  return value;
}
