/**
 * One file of `sysv-ha check`, read and analysed whole (parse, body, every per-file check), the
 * same in the CLI's own thread and in a check worker (`checkWorker.ts`): what the threads share
 * and the messages between them (`checkPool.ts`).
 */
import * as svc from '../service';
import { SnapshotFsHost, type FsHost } from '../host/fsHost';
import { readForCheck } from './files';
import type { FileResult, SkippedFile } from './format';
import { bashParserFailure, parserFailed, sharedBashParser, type WasmModules } from '../service/shell/treeSitter';
import { parseShell } from '../service/shell/parse';
import { extractBody } from '../service/languages/initscript/body';
import { cachedScriptInfo, type InitTree, type ScriptInfo } from '../service/boot/scripts';

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
export function checkOne(input: CheckInput, settings: svc.Settings, host: FsHost, withText: boolean, shell?: svc.ShellBodies): CheckOutcome {
  let text = input.text;
  if (text === undefined) {
    const read = readInput(input, settings, host);
    if ('skip' in read) return read;
    text = read.text;
  }
  const analysis = svc.analyze({ path: input.path, text, language: input.language }, settings, host, undefined, shell);
  const shown = withText && analysis.problems.length > 0 ? svc.displayText(input.language, text) : '';
  return { result: { path: input.display, text: shown, problems: analysis.problems } };
}

/** Reads a file to check (`readForCheck`, with the real paths `host` keeps), or why it is skipped. */
export function readInput(input: CheckInput, settings: svc.Settings, host: FsHost): { text: string } | { skip: SkippedFile } {
  const read = readForCheck(input.path, { maxBytes: settings.maxFileSize, fence: input.fence, realOf: host instanceof SnapshotFsHost ? (p) => host.resolved(p) : undefined });
  return 'skip' in read ? { skip: { path: input.path, ...read.skip } } : read;
}

/**
 * Shell bodies read ahead in this thread (`readAhead`), each given once to the analysis of
 * the same path and text (`ShellBodies`), exactly as the analysis would have read it.
 */
export class BodiesReadAhead implements svc.ShellBodies {
  private readonly bodies = new Map<string, { text: string; body: svc.ShellBody }>();

  /**
   * Parses `text` and reads its body as an init script's analysis does (a parser fault
   * included). A body that cannot be read (the reader throws) is left to the analysis.
   */
  readAhead(path: string, text: string): void {
    let body: svc.ShellBody;
    try {
      body = readShellBody(text);
    } catch {
      return;
    }
    this.bodies.set(path, { text, body });
  }

  bodyOf(path: string, text: string): svc.ShellBody | undefined {
    const hit = this.bodies.get(path);
    if (hit === undefined || hit.text !== text) return undefined;
    this.bodies.delete(path);
    return hit.body;
  }
}

/** An init script's shell body as its analysis reads it in this thread (`initscript/index.ts` parseTree, parseBody). */
function readShellBody(text: string): svc.ShellBody {
  const parser = sharedBashParser();
  if (!parser) return { failure: bashParserFailure() };
  let parsed: ReturnType<typeof parseShell>;
  try {
    parsed = parseShell(parser, text);
  } catch (err) {
    parserFailed(err);
    return { failure: bashParserFailure() };
  }
  const { tree, stoppedAfterMs, refused } = parsed;
  if (!tree) return { stoppedAfterMs, refused };
  try {
    return { body: extractBody(tree), stoppedAfterMs };
  } finally {
    tree.delete();
  }
}

/**
 * An init.d tree posted without its scripts' header models (`checkPool.ts`): each script's
 * header is read, when first asked for, from its text as this thread's host reads it, through
 * the same per-text cache the tree's own reading uses (so an analysis of that text takes it too).
 */
export function withHeaders(tree: InitTree | undefined, host: FsHost): InitTree | undefined {
  if (!tree) return tree;
  for (const s of tree.scripts) {
    if (Object.hasOwn(s, 'header')) continue;
    Object.defineProperty(s, 'header', {
      configurable: true,
      enumerable: true,
      get(): ScriptInfo['header'] {
        const header = cachedScriptInfo(s.name, s.path, host.readFile(s.path) ?? '').header;
        Object.defineProperty(s, 'header', { value: header, writable: true, configurable: true, enumerable: true });
        return header;
      },
    });
  }
  return tree;
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
