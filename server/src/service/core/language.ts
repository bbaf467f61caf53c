/**
 * What every language module provides. The facade (`service/index.ts`) picks the module
 * for a file and calls these; modules never see editor or LSP types.
 */
import type { ShellBodies } from '../shell/parse';
import type { Settings } from './settings';
import type { SourceText } from './text';
import type {
  CodeLensEntry, CompletionEntry, Fix, FoldingEntry, HoverResult, InlayHintEntry, Position, Range, RawProblem, SemanticToken, SymbolEntry,
} from './types';

export type LanguageId = 'inittab' | 'initscript' | 'hacf' | 'haresources' | 'authkeys' | 'xinetd';

export const LANGUAGE_IDS: readonly LanguageId[] = ['inittab', 'initscript', 'hacf', 'haresources', 'authkeys', 'xinetd'];

/** What the status bar and `documentInfo` show about a file. */
export interface DocumentInfo {
  language: LanguageId;
  /** The dialect or profile the file is checked as, e.g. `sysvinit`, `busybox`, `rhel`. */
  profile: string;
  /** Why that profile: a setting, or what was detected. */
  reason: string;
}

/** What the host knows about a file (from `stat`). */
export interface FileInfo {
  isFile: boolean;
  isDirectory: boolean;
  /** Permission bits (`mode & 0o7777`); undefined on file systems without modes. */
  mode?: number;
  size: number;
}

/**
 * The service's only window on other files: the CLI and the server implement it (disk,
 * plus the editor's unsaved buffers for the server). Paths are absolute, POSIX separators.
 * Checks that need other files are skipped when no host is given.
 */
export interface WorkspaceHost {
  /** The text of a file (an open editor's buffer first), or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * The bytes of a file on disk, or undefined when it cannot be read or is open in the editor
   * (then `readFile` has the buffer). For models that must see what a program reads byte for byte.
   */
  readBytes?(path: string): Uint8Array | undefined;
  stat(path: string): FileInfo | undefined;
  /** Names in a directory, sorted in C-locale order, or undefined when it is not one. */
  listDir(path: string): string[] | undefined;
  /**
   * Names in a directory in the order the file system hands them out (readdir(3), unsorted),
   * when the host can tell. insserv reads init.d in this order, and its numbers can depend on it.
   */
  readDirOrder?(path: string): string[] | undefined;
  /**
   * Runs `<shell> -n` (syntax check only, nothing executed) on a script text. Undefined
   * when the host cannot (no such shell, or not allowed). A host may answer `pending` and
   * run the shell in the background (the server does, once typing pauses, for `path`).
   */
  shellSyntax?(shell: string, text: string, path?: string): ShellSyntaxResult | undefined;
  /**
   * A value computed once from other files and kept until the host's files change (the
   * host forgets it when it invalidates its caches), e.g. the init scripts of an image root.
   */
  memo?<T>(key: string, compute: () => T): T;
  /** What a symbolic link says (`../init.d/atd`), or undefined when it is not one or cannot be read. */
  readLink?(path: string): string | undefined;
  /** The path with symbolic links resolved, or undefined when it does not exist. */
  realPath?(path: string): string | undefined;
  /**
   * A host whose answers change only at moments it counts (the server: files invalidated, an
   * open document's text changed): the count now, and the paths whose `readFile`, `stat`,
   * `listDir`, `readDirOrder` or `readLink` answers may have changed since `seq` (a folder's
   * listing under the folder's path), or undefined when it cannot say (everything may have).
   * Lets a value kept with its reads check only the reads of those paths.
   */
  changes?(): HostChanges;
}

export interface HostChanges {
  /** The number of the latest change. */
  readonly seq: number;
  /** The paths changed after change number `seq`, or undefined: anything may have changed. */
  since(seq: number): readonly string[] | undefined;
}

export type ShellSyntaxResult = { ok: true } | { ok: false; line: number; message: string } | { ok: 'pending' };

/** A text edit in the terms tree-sitter wants (UTF-16 offsets and row/column points). */
export interface TreeEditInfo {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: { row: number; column: number };
  oldEndPosition: { row: number; column: number };
  newEndPosition: { row: number; column: number };
}

export interface AnalysisContext {
  /** Absolute path of the file (POSIX separators), or the URI path of an unsaved one. */
  path: string;
  settings: Settings;
  host?: WorkspaceHost;
  /** The previous analysis of the same document and the edits since, for incremental parsing. */
  previous?: { model: unknown; edits: readonly TreeEditInfo[]; src: SourceText };
  /** Script bodies parsed elsewhere (the parser worker); without it they are parsed in this thread. */
  shell?: ShellBodies;
}

export interface ModuleAnalysis<M> {
  model: M;
  problems: RawProblem[];
  /** Keys for per-profile default severities (`ProblemDef.profiles`). */
  profileKeys: string[];
  info: DocumentInfo;
}

export interface LanguageModule<M = unknown> {
  id: LanguageId;
  analyze(src: SourceText, ctx: AnalysisContext): ModuleAnalysis<M>;
  complete?(model: M, src: SourceText, position: Position, ctx: AnalysisContext): CompletionEntry[];
  /** Builds the documentation of a completion entry lazily. */
  resolveCompletion?(key: string): string | undefined;
  hover?(model: M, src: SourceText, position: Position, ctx: AnalysisContext): HoverResult | null;
  symbols?(model: M, src: SourceText): SymbolEntry[];
  lenses?(model: M, src: SourceText): CodeLensEntry[];
  folding?(model: M, src: SourceText): FoldingEntry[];
  signatureHelp?(model: M, src: SourceText, position: Position): SignatureInfo | null;
  /** Frees what the model holds outside the JS heap (a tree-sitter tree). */
  dispose?(model: M): void;
  /** Code actions of kind refactor at a range (not tied to a diagnostic). */
  refactors?(model: M, src: SourceText, range: Range): Fix[];
  /** The text as it may be shown to the user (secrets masked). */
  displayText?(text: string): string;
  /** Labels after values whose meaning they hide, on the lines of `range`. */
  inlayHints?(model: M, src: SourceText, range: Range): InlayHintEntry[];
  /** Colours the TextMate grammar cannot give (keywords inside comments), in document order. */
  semanticTokens?(model: M, src: SourceText): SemanticToken[];
}

export interface SignatureInfo {
  label: string;
  documentation?: string;
  parameters: { label: string; documentation?: string }[];
  activeParameter: number;
}
