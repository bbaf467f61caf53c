/**
 * One file of `sysv-ha check`, read and analysed whole (parse, body, every per-file check), the
 * same in the CLI's own thread and in a check worker (`checkWorker.ts`): what the threads share
 * and the messages between them (`checkPool.ts`).
 */
import * as svc from '../service';
import { SnapshotFsHost, type FsHost } from '../host/fsHost';
import { readForCheck } from './files';
import type { FileResult, SkippedFile } from './format';
import type { WasmModules } from '../service/shell/treeSitter';

/** A file to check: its path, its language, the folder it must resolve inside, its text when already read (standard input). */
export interface CheckInput {
  path: string;
  display: string;
  language: svc.LanguageId;
  /** The real path of the folder it was found in (a link out of it is not read). */
  fence?: string;
  text?: string;
}

/** What one file gave: its result, or why it was not analysed. */
export type CheckOutcome = { result: FileResult } | { skip: SkippedFile };

/** What every thread needs to check a file exactly as the others do. */
export interface CheckContext {
  /** The user's settings (--profile, --severity, ...) before `normalizeSettings`. */
  settingsInput: Record<string, unknown>;
  /** The image roots the cross-file reads stay inside (FsHost `roots`, `strict`). */
  fenceRoots: string[];
  /** Keep each file's text in its result (the text format's excerpts); the others print none. */
  withText: boolean;
}

/** The settings of a context (normalized exactly as the CLI's thread does). */
export function contextSettings(ctx: CheckContext): svc.Settings {
  return svc.normalizeSettings(ctx.settingsInput).settings;
}

/** The host a thread checks with: cross-file reads only inside the trees given, as the CLI's thread reads. */
export function fencedHost(ctx: CheckContext, settings: svc.Settings): SnapshotFsHost {
  return new SnapshotFsHost({ roots: () => ctx.fenceRoots, strict: true, maxBytes: settings.maxFileSize });
}

/**
 * Reads and analyses one file. A file that cannot be read (or must not be: a link out of the
 * tree, a FIFO, binary, too large) is a skip. The result holds the file's display text
 * (`displayText`: an authkeys key never leaves the thread that read it), only when `withText`.
 */
export function checkOne(input: CheckInput, settings: svc.Settings, host: FsHost, withText: boolean): CheckOutcome {
  let text = input.text;
  if (text === undefined) {
    const read = readForCheck(input.path, { maxBytes: settings.maxFileSize, fence: input.fence });
    if ('skip' in read) return { skip: { path: input.path, ...read.skip } };
    text = read.text;
  }
  const analysis = svc.analyze({ path: input.path, text, language: input.language }, settings, host);
  const shown = withText && analysis.problems.length > 0 ? svc.displayText(input.language, text) : '';
  return { result: { path: input.display, text: shown, problems: analysis.problems } };
}

/** What a check worker is started with. */
export interface CheckWorkerData {
  /** The wasm runtime and the bash grammar, compiled once by the CLI's thread. */
  modules: WasmModules;
  ctx: CheckContext;
  /** The files, largest first: every thread takes the next one from `next`. */
  queue: CheckInput[];
  /** An Int32: the index of the next file of `queue` to take (`Atomics.add`). */
  next: SharedArrayBuffer;
  /** Wait for the CLI's thread's `memos` message before taking a file. */
  memos: boolean;
}

/** The cross-file values the CLI's thread read once (`FsHost.seedMemo`): the init.d trees. */
export interface ToCheckWorker {
  type: 'memos';
  entries: [string, unknown][];
}

export type FromCheckWorker =
  | { type: 'ready' }
  /** The outcome of `queue[index]`. */
  | { type: 'checked'; index: number; outcome: CheckOutcome }
  /** No file left to take (or this worker's parser failed: the others take the rest). */
  | { type: 'done' };
