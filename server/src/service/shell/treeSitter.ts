/**
 * The bash parser: web-tree-sitter with the tree-sitter-bash grammar, both loaded from
 * wasm files on disk (shipped in the extension's dist/ folder; never downloaded). The
 * runtime is initialised once per process; callers get a fresh `Parser` each (a parser is
 * cheap and keeps per-document incremental state).
 *
 * Init-script analysis (headers read from raw lines, the body from this tree) builds on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { compileFunction } from 'node:vm';
import type { Language, Node, ParseOptions, Parser, Tree } from 'web-tree-sitter';
import { wasm, type WasmImports, type WasmInstance, type WasmMemory, type WasmModule } from './wasm';

/** web-tree-sitter's exports: one evaluation of its module, with its own wasm runtime (`freshLib`). */
export type BashLib = typeof import('web-tree-sitter');

/** web-tree-sitter's CommonJS build as text: put in the bundles by scripts/build.mjs (`define`). */
declare const __WEB_TREE_SITTER_CJS__: string | undefined;

type Evaluate = (exports: object, require: NodeRequire, module: { exports: object }, filename: string, dirname: string) => void;
let evaluate: Evaluate | undefined;

/**
 * A new evaluation of web-tree-sitter's module: its own emscripten runtime, wasm instance and
 * memory once initialised. Emscripten keeps the runtime in the module's closure, so a runtime
 * can only be let go (its wasm memory given back) by dropping the whole evaluation; the module's
 * code is compiled once and run again for each (`recycleBash`).
 */
function freshLib(): BashLib {
  if (!evaluate) {
    const source = typeof __WEB_TREE_SITTER_CJS__ === 'string' ? __WEB_TREE_SITTER_CJS__ : readFileSync(require.resolve('web-tree-sitter'), 'utf8');
    evaluate = compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: 'web-tree-sitter.cjs' }) as unknown as Evaluate;
  }
  const module = { exports: {} };
  evaluate(module.exports, require, module, join(__dirname, 'web-tree-sitter.cjs'), __dirname);
  return module.exports as BashLib;
}

/** The current evaluation of web-tree-sitter (its classes: `Parser`, `Language`, `Edit`). */
let lib: BashLib | undefined;
export function bashLib(): BashLib {
  return (lib ??= freshLib());
}

/**
 * The runtime generation: `recycleBash` starts a new one. A tree belongs to the generation that
 * parsed it and is only re-used (an incremental parse) by a parser of the same one: another
 * generation's wasm memory holds different data at the same addresses.
 */
let generation = 0;
const treeGeneration = new WeakMap<Tree, number>();

export interface WasmPaths {
  /** web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime: string;
  /** The bash grammar (`tree-sitter-bash.wasm`). */
  bash: string;
}

/**
 * Where the wasm files are: next to the running bundle (dist/), or, when running from
 * compiled sources (tests), in node_modules.
 */
export function findWasm(bundleDir: string): WasmPaths {
  const bundled = { runtime: join(bundleDir, 'web-tree-sitter.wasm'), bash: join(bundleDir, 'tree-sitter-bash.wasm') };
  if (existsSync(bundled.runtime) && existsSync(bundled.bash)) return bundled;
  const runtime = require.resolve('web-tree-sitter/web-tree-sitter.wasm');
  const bash = join(dirname(require.resolve('tree-sitter-bash/package.json', { paths: [process.cwd(), __dirname] })), 'tree-sitter-bash.wasm');
  return { runtime, bash };
}

let loading: Promise<Language> | undefined;
let loaded: Language | undefined;
let sharedParser: Parser | undefined;

/** The bash language once `loadBash` has finished, for synchronous parsing. */
export function bashLanguage(): Language | undefined {
  return loaded;
}

let failure: string | undefined;

/** A parser shared by synchronous callers (parsing is single-threaded here). */
export function sharedBashParser(): Parser | undefined {
  if (!loaded || failure) return undefined;
  sharedParser ??= newBashParser(loaded);
  return sharedParser;
}

/**
 * Why shell parsing is off for the rest of this process, if it is: after a WebAssembly
 * RuntimeError the parser's memory cannot be trusted (web-tree-sitter cannot be re-initialised
 * in the same process), so shell bodies are no longer parsed and headers are still checked.
 */
export function bashParserFailure(): string | undefined {
  return failure;
}

/** What a failure's message says happens next (`setAfterFailure`). */
let afterFailure = 'restart the server to check shell bodies again';

/**
 * What a wasm failure in this thread's parser means for the user: by default shell bodies go
 * unchecked until a restart; a parser host that takes over (the server's worker) says so instead.
 */
export function setAfterFailure(note: string): void {
  afterFailure = note;
}

/** After a parser exception: a wasm RuntimeError disables parsing, anything else resets the parser. */
export function parserFailed(err: unknown): void {
  if (err instanceof Error && err.name === 'RuntimeError') failure = `the shell parser failed (${err.message}); ${afterFailure}`;
  resetSharedBashParser();
}

/** Fault injection (tests, the fuzzer): the next parse in this thread throws a wasm RuntimeError. */
let injectedFault = false;
export function injectInThreadFault(): void {
  injectedFault = true;
}

/** Drops the shared parser (after a parser exception) so the next caller gets a fresh one. */
function resetSharedBashParser(): void {
  try {
    sharedParser?.delete();
  } catch {
    // a parser that threw may not delete cleanly; it is dropped either way
  }
  sharedParser = undefined;
}

/**
 * The most comment lines in a row (blank lines between them neither count nor end the run)
 * handed to tree-sitter as written. When tree-sitter merges two versions of its parse stack
 * (`stack_node_add_link` in lib/src/stack.c) it recurses once per stack node the two versions
 * have in common, and each comment of a run is one node (comments are extras: nothing reduces
 * them until the statement around them ends). The wasm runtime's C stack is 64 KiB with no
 * overflow check, so about 2,030 comments in a row where error recovery merges versions (e.g.
 * inside an unterminated backquote) run the stack into the runtime's static data: the parse
 * throws "null function or function signature mismatch" or "memory access out of bounds", or
 * never returns, and every later parse in the process fails. A quarter of that is safe.
 */
export const MAX_COMMENT_RUN = 500;

/**
 * A line of blanks, CRs and backslashes (blank lines, line continuations): tree-sitter skips
 * them, so they do not end a run. Counting too many lines into a run only blanks more comments;
 * counting too few lets a crash through.
 */
const SKIPPED_LINE = /^[ \t\v\f\r\\]*$/;
/** A comment line: tree-sitter-bash's comment is `#.*`, which a lone CR does not end (checked). */
const COMMENT_LINE = /^[ \t\v\f\r]*#/;
/** Characters that can end a string, a substitution or an expansion inside a literal. */
const ENDS_LITERAL = /['"`\\$)}]/;
/** Here-document delimiters (`<<EOF`, `<<-'EOF'`, `<< "EOF"`, `<<\EOF`). */
const HEREDOC = /<<-?[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()'"]+))/g;

/** A run's blanked middle: [from, to) (from its first blanked '#'), and whether it is inert. */
export interface BlankedRange {
  from: number;
  to: number;
  /**
   * No line of it can end a literal (a quote, a backquote, `$`, `\`, `)`, `}` or a line that is
   * a here-document delimiter): if it lies inside a string or here-document, blanking it did not
   * change where that literal ends, and putting it back changes nothing but the literal's text.
   */
  inert: boolean;
}

/**
 * The text to parse: each run of more than `MAX_COMMENT_RUN` comment lines keeps its first and
 * last `MAX_COMMENT_RUN / 2` comment lines as they are, and the comments in between become
 * blanks of the same length, so offsets, rows and columns do not move and the tree is the one
 * of the text as written, less those comment nodes. `keep` lists ranges (by `from`) to leave as
 * written.
 */
export function defuseCommentRuns(text: string, keep: ReadonlySet<number> = new Set()): { text: string; blanked: BlankedRange[] } {
  const blanked: BlankedRange[] = [];
  // Most texts have too few '#' for a long run: skip the line scan.
  for (let i = text.indexOf('#'), n = 0; n <= MAX_COMMENT_RUN; i = text.indexOf('#', i + 1), n++) if (i < 0) return { text, blanked };
  // The current run: [start of '#', end of the comment] per comment line.
  let run: [number, number][] = [];
  let delimiters: Set<string> | undefined;
  const inert = (from: number, to: number): boolean => {
    if (ENDS_LITERAL.test(text.slice(from, to))) return false;
    delimiters ??= new Set([...text.matchAll(HEREDOC)].map((m) => m[1] ?? m[2] ?? m[3]!));
    for (const [a, b] of run) if (a >= from && b <= to && delimiters.has(text.slice(a, b))) return false;
    return true;
  };
  const close = (): void => {
    if (run.length > MAX_COMMENT_RUN) {
      const half = MAX_COMMENT_RUN / 2;
      const from = run[half]![0];
      const to = run[run.length - half - 1]![1];
      if (!keep.has(from)) blanked.push({ from, to, inert: inert(from, to) });
    }
    run = [];
  };
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (COMMENT_LINE.test(line)) run.push([start + line.indexOf('#'), line.endsWith('\r') ? end - 1 : end]);
    else if (!SKIPPED_LINE.test(line)) close();
    start = end + 1;
  }
  close();
  if (blanked.length === 0) return { text, blanked };
  const parts: string[] = [];
  let at = 0;
  for (const { from, to } of blanked) {
    parts.push(text.slice(at, from), text.slice(from, to).replace(/[^\r\n]/g, ' '));
    at = to;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), blanked };
}

/** Node types whose text is literal: '#' lines inside one are text, not comments. */
const LITERALS = new Set(['heredoc_body', 'heredoc_content', 'string', 'string_content', 'raw_string', 'ansi_c_string', 'translated_string']);

function insideLiteral(root: Node, from: number, to: number): boolean {
  for (let n: Node | null = root.descendantForIndex(from, to); n; n = n.parent) if (LITERALS.has(n.type)) return true;
  return false;
}

/**
 * Shell metacharacters on one line above which the line is parsed as blanks. A fuzzed line of
 * `|}#` repeated thousands of times (about 36,000 metacharacters) overflows the wasm stack in
 * an incremental re-parse the same way long comment runs do; real scripts have a few dozen per
 * line, and a long line of data (base64, a long string) has none.
 */
export const MAX_LINE_METACHARACTERS = 2000;

/** The text with every line of more than MAX_LINE_METACHARACTERS metacharacters blanked (same length). */
export function defuseLongLines(text: string): string {
  if (text.length < MAX_LINE_METACHARACTERS) return text;
  let out: string[] | undefined;
  let at = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MAX_LINE_METACHARACTERS) {
      let n = 0;
      for (let i = start; i < end && n <= MAX_LINE_METACHARACTERS; i++) if ('|&;(){}<>#`'.includes(text[i]!)) n++;
      if (n > MAX_LINE_METACHARACTERS) {
        out ??= [];
        out.push(text.slice(at, start), text.slice(start, end).replace(/[^\r]/g, ' '));
        at = end;
      }
    }
    start = end + 1;
  }
  if (!out) return text;
  out.push(text.slice(at));
  return out.join('');
}

/**
 * Nesting of `{` and `(` (outside comment lines) above which a text is not parsed at all. A
 * fuzzed script nesting 3,000 braces, with lone CRs, overflowed the wasm stack during error
 * recovery; real init scripts nest a few levels (6 at most in the corpus).
 */
export const MAX_NESTING = 400;

/** Why a text is not handed to tree-sitter at all, or undefined. */
export function shellRefusal(text: string): string | undefined {
  // Line by line: a comment line is skipped to its end, a line of code is read by character
  // codes (every keystroke of a large script in the parser worker reads the whole text).
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    // i is at the start of a line (after \n or \r): blanks, then a comment or code.
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    if (c === 35 /* # */) {
      for (i++; i < n; i++) {
        c = text.charCodeAt(i);
        if (c === 10 || c === 13) break;
      }
      continue;
    }
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c === 123 /* { */ || c === 40 /* ( */) {
        if (++depth > MAX_NESTING) return `it nests { and ( more than ${MAX_NESTING} levels deep, which overflows the shell parser's stack`;
      } else if (c === 125 /* } */ || c === 41 /* ) */) {
        if (depth > 0) depth--;
      } else if (c === 10 || c === 13) break;
    }
  }
  return undefined;
}

/**
 * Whether `text`, made by one insertion (`edit`) into a text `shellRefusal` accepted, nests no
 * deeper than it: the inserted text has no opener, newline or `#`, and it goes into a line of
 * code (or a blank one), or after the `#` of a comment line. Closers only lower the depth after
 * them. Typing into a large script then skips reading its whole text for the nesting.
 */
export function keepsNesting(text: string, edit: { startIndex: number; oldEndIndex: number; newEndIndex: number }): boolean {
  const { startIndex: at, oldEndIndex, newEndIndex: end } = edit;
  if (oldEndIndex !== at || end < at || end > text.length) return false;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 40 /* ( */ || c === 10 || c === 13 || c === 35 /* # */) return false;
  }
  // The line as it was: from its start to the insertion, then what follows the inserted text.
  let start = at;
  while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  let i = start;
  const old = (k: number) => (k < at ? text.charCodeAt(k) : text.charCodeAt(k + end - at));
  let c = old(i);
  while (c === 32 || c === 9) c = old(++i);
  // A comment line keeps its '#' before the insertion; any other line was and stays code.
  return c !== 35 || i < at;
}

/** UTF-16 units the lexer is given at a time while it re-parses from an old tree (see `parseText`). */
const PARSE_CHUNK = 256;
/**
 * … and in a full parse, which reads the text from start to end: web-tree-sitter copies at most
 * 5,119 units per call into wasm memory, so a piece of 4,096 (plus a surrogate's second half)
 * is copied whole, and a typical script takes 3 calls instead of 40 (a 1,000-line one 7, not 104).
 */
const FULL_PARSE_CHUNK = 4096;

/**
 * `parser.parse(text)` with the text handed to the lexer in short pieces. Given a string,
 * web-tree-sitter copies 5,119 characters into wasm memory one by one each time the lexer asks
 * for text, and an incremental parse asks at every place it jumps to: most of the copying was of
 * text it never read (2 of the 8 ms of an edit's re-parse of a 20k-line script). Once parsed, the
 * tree reads node texts through the same function, which then gives the rest of the text at once.
 */
function parseText(parser: Parser, text: string, old: Tree | null, options?: ParseOptions): Tree | null {
  let parsing = true;
  const chunk = old ? PARSE_CHUNK : FULL_PARSE_CHUNK;
  const input = (index: number): string => {
    if (!parsing) return text.slice(index);
    let end = index + chunk;
    // A piece never ends between the two halves of a surrogate pair.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end++;
    return text.slice(index, end);
  };
  try {
    return parser.parse(input, old, options);
  } finally {
    parsing = false;
  }
}

/** Trees parsed from a text that got a final newline (see `parseBash`). */
const terminatedTrees = new WeakSet<Tree>();

/** Trees parsed from a text with blanked parts (see `defuseCommentRuns`, `defuseLongLines`). */
const defusedTrees = new WeakSet<Tree>();

/**
 * `parser.parse`, safe from the inputs that overflow the wasm stack or stall the lexer: NULs and
 * lines with too many metacharacters (`defuseLongLines`) are parsed as blanks, long comment runs
 * have their middle blanked (`MAX_COMMENT_RUN`), and a text gets a final newline. Offsets, rows
 * and columns never move; node texts are those of the blanked text. A text with blanked parts is
 * parsed from scratch (`old` is not used: the blanks may have moved). An inert blanked comment
 * range that lies inside a here-document or a string is put back and the text parsed again:
 * there its lines are text (one token), not a comment node each. Callers check `shellRefusal`
 * first (nesting too deep to parse at all).
 */
export function parseBash(parser: Parser, raw: string, old?: Tree | null, options?: ParseOptions): Tree | null {
  // While a TurboFan compilation of the runtime runs in the background (`compileFastRuntime`),
  // V8's tier flags are set for it; a function of the current runtime or grammar compiled for
  // its first call during this parse gets the server's tier (Liftoff), not TurboFan on this thread.
  if (fastCompilations === 0) return parseBashNow(parser, raw, old, options);
  setTurbofan(false);
  try {
    return parseBashNow(parser, raw, old, options);
  } finally {
    setTurbofan(true);
  }
}

function parseBashNow(parser: Parser, raw: string, old?: Tree | null, options?: ParseOptions): Tree | null {
  if (injectedFault) {
    injectedFault = false;
    throw new wasm.RuntimeError('memory access out of bounds (injected fault)');
  }
  // NUL bytes make tree-sitter's lexer super-linear without calling the progress callback (a
  // fuzzed line of 100,000 NULs never returned; 20,000 took 9 s past a 5 s budget). The shell
  // drops them; the parser sees blanks of the same length, so nothing moves.
  const text = raw.includes('\0') ? raw.replace(/\0/g, ' ') : raw;
  // A text whose last line has no newline is parsed with one: a long last line of error tokens
  // running into the end of input overflows the wasm stack the same way (`|}#` × 16,000 with
  // no newline aborts the runtime; with one it parses). Offsets, rows and columns of the text
  // do not move; a tree is re-used only for a text that got the same treatment.
  const terminate = !text.endsWith('\n');
  const reusable = old && !defusedTrees.has(old) && terminatedTrees.has(old) === terminate && treeGeneration.get(old) === generation ? old : null;
  const withNewline = (t: string) => (terminate ? `${t}\n` : t);
  const mark = (tree: Tree | null) => {
    if (tree && terminate) terminatedTrees.add(tree);
    if (tree) treeGeneration.set(tree, generation);
    return tree;
  };
  let { text: input, blanked } = defuseCommentRuns(text);
  const long = defuseLongLines(input);
  if (blanked.length === 0 && long === input) return mark(parseText(parser, withNewline(text), reusable, options));
  let tree = parseText(parser, withNewline(long), null, options);
  if (!tree) return null;
  const root = tree.rootNode;
  const literal = new Set(blanked.filter((b) => b.inert && insideLiteral(root, b.from, b.to)).map((b) => b.from));
  if (literal.size > 0) {
    tree.delete();
    ({ text: input, blanked } = defuseCommentRuns(text, literal));
    tree = parseText(parser, withNewline(defuseLongLines(input)), null, options);
    if (!tree) return null;
  }
  defusedTrees.add(tree);
  return mark(tree);
}

/**
 * The raw entry points of web-tree-sitter's wasm runtime that the body reader's cursor pass
 * calls (`initscript/body.ts`): each of them reads the cursor from the runtime's transfer
 * buffer and the `goto` ones write it back, so a walk that keeps the cursor there skips the
 * library's marshalling of the cursor around every call (most of a walk's time). Emscripten
 * makes the options object given to `Parser.init` the module itself; see `wasmRuntime`.
 */
export interface WasmRuntime {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_start_position_wasm(tree: number): void;
}

let runtimeModule: object | undefined;
let runtimeChecked: WasmRuntime | null | undefined;

/**
 * web-tree-sitter's module, when this thread loaded it here and it has every entry point the
 * body reader uses (else the reader uses the library's public TreeCursor: same result, slower).
 */
export function wasmRuntime(): WasmRuntime | undefined {
  if (runtimeChecked === undefined && runtimeModule) {
    const m = runtimeModule as Record<string, unknown>;
    const names = ['_ts_init', '_ts_tree_root_node_wasm', '_ts_tree_cursor_new_wasm', '_ts_tree_cursor_delete_wasm', '_ts_tree_cursor_goto_first_child_wasm', '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm', '_ts_tree_cursor_start_position_wasm'];
    runtimeChecked = names.every((n) => typeof m[n] === 'function') && m.HEAP32 instanceof Int32Array ? (runtimeModule as WasmRuntime) : null;
  }
  return runtimeChecked ?? undefined;
}

/** Loads the runtime and the bash grammar once; later calls share the same promise. */
export function loadBash(paths: WasmPaths): Promise<Language> {
  loading ??= (async () => {
    const options = { locateFile: () => paths.runtime, wasmBinary: readFileSync(paths.runtime) };
    const { Parser, Language } = bashLib();
    await Parser.init(options);
    runtimeModule = options;
    loaded = await Language.load(readFileSync(paths.bash));
    return loaded;
  })();
  loading.catch(() => {
    loading = undefined; // a failed load may be retried (e.g. after the files are restored)
  });
  return loading;
}

/** The two wasm files compiled, to be shared with the parser workers (a `WebAssembly.Module` can be posted). */
export interface WasmModules {
  runtime: WasmModule;
  bash: WasmModule;
}

/** Compiles the runtime and the grammar once (off this thread); every worker instantiates the same code. */
export async function compileWasm(paths: WasmPaths): Promise<WasmModules> {
  const [runtime, bash] = await Promise.all([wasm.compile(readFileSync(paths.runtime)), wasm.compile(readFileSync(paths.bash))]);
  return { runtime, bash };
}

/**
 * A parser runtime loaded beside this thread's current one (`prepareBash`): its own evaluation of
 * web-tree-sitter, wasm instance and memory, and the bash language in it. Nothing parses with it
 * until `switchBash` makes it the thread's runtime.
 */
export interface PreparedBash {
  readonly lib: BashLib;
  readonly options: object;
  readonly language: Language;
  readonly memory: WasmMemory;
  readonly exports: Record<string, unknown>;
}

/**
 * Loads a runtime and the grammar from compiled modules into a fresh evaluation of web-tree-sitter,
 * in a wasm memory of at most `maxMemoryBytes` (the runtime's own limit is 2 GiB): past it
 * tree-sitter's malloc fails and the parse aborts with a RuntimeError, which ends only that
 * worker. The thread's current runtime keeps parsing meanwhile (see `switchBash`).
 */
export async function prepareBash(modules: WasmModules, maxMemoryBytes: number): Promise<PreparedBash> {
  // 512 pages (32 MiB, reserved, touched only as used) is the runtime's own initial size.
  const memory = new wasm.Memory({ initial: 512, maximum: Math.max(512, Math.floor(maxMemoryBytes / 65536)) });
  type Receive = (instance: WasmInstance, module: WasmModule) => void;
  let exports: Record<string, unknown> = {};
  const options = {
    wasmMemory: memory,
    // An abort (out of memory) is reported as the parse's exception; the runtime's own line on stderr says nothing more.
    printErr: () => undefined,
    instantiateWasm(imports: WasmImports, receive: Receive) {
      const instance = new wasm.Instance(modules.runtime, imports);
      exports = instance.exports;
      receive(instance, modules.runtime);
      return instance.exports;
    },
  };
  const fresh = freshLib();
  await fresh.Parser.init(options as unknown as Parameters<typeof fresh.Parser.init>[0]);
  const language = fresh.Language.loadSync(modules.bash as unknown as Parameters<typeof fresh.Language.loadSync>[0]);
  return { lib: fresh, options, language, memory, exports };
}

/**
 * Makes `prepared` this thread's parser runtime, at once: the current one is let go as by
 * `recycleBash` (its trees are never re-used by a parse of the new one; the caller lets them go),
 * so a text is never without a runtime to parse it while the next one loads.
 */
export function switchBash(prepared: PreparedBash): void {
  recycleBash();
  lib = prepared.lib;
  loaded = prepared.language;
  loading = Promise.resolve(loaded);
  runtimeModule = prepared.options;
}

/**
 * Loads the runtime and the grammar from compiled modules (in a parser worker, or the server's
 * thread) as this thread's runtime (`prepareBash`). Returns the memory, whose size is the
 * thread's wasm heap.
 */
export async function loadBashFromModules(modules: WasmModules, maxMemoryBytes: number): Promise<{ language: Language; memory: WasmMemory; exports: Record<string, unknown> }> {
  if (loaded) throw new Error('the shell parser is already loaded in this thread');
  const mine = generation;
  const load = prepareBash(modules, maxMemoryBytes).then((prepared) => {
    if (generation !== mine) throw new Error('the shell parser was recycled while it loaded');
    lib = prepared.lib;
    runtimeModule = prepared.options;
    loaded = prepared.language;
    return prepared;
  });
  loading = load.then((p) => p.language);
  loading.catch(() => undefined); // the caller gets the failure from `load`
  const { language, memory, exports } = await load;
  return { language, memory, exports };
}

/**
 * V8's tier flags for an eager TurboFan compilation on one background thread, and how to put
 * back the process's own (its command line: the server runs with `--liftoff-only`, never
 * tiering up, for its start-up and memory; docs/performance.md, "Session 12, mem"). A compiling
 * thread reads them per function, so they stay set until the compilation is done; a TurboFan
 * compilation with V8's default tasks left the malloc heap 1.7-2.0 MB larger, with one 0.8-0.9 MB.
 */
const TURBOFAN_FLAGS: readonly [string, string][] = [
  ['--no-liftoff-only', process.execArgv.includes('--liftoff-only') ? '--liftoff-only' : '--no-liftoff-only'],
  ['--no-liftoff', process.execArgv.includes('--no-liftoff') ? '--no-liftoff' : '--liftoff'],
  ['--no-wasm-lazy-compilation', process.execArgv.includes('--no-wasm-lazy-compilation') ? '--no-wasm-lazy-compilation' : '--wasm-lazy-compilation'],
];
const ONE_TASK: [string, string] = ['--wasm-num-compilation-tasks=1', process.execArgv.find((f) => f.startsWith('--wasm-num-compilation-tasks=')) ?? '--wasm-num-compilation-tasks=128'];
/** TurboFan compilations of the runtime under way (this thread's parses meanwhile: `parseBash`). */
let fastCompilations = 0;

function setTurbofan(on: boolean): void {
  for (const [turbofan, own] of TURBOFAN_FLAGS) setFlagsFromString(on ? turbofan : own);
}

/**
 * Whether the runtime can be had faster than this process runs it: the process compiles wasm
 * with Liftoff only (`--liftoff-only`), so the runtime's functions never reach TurboFan.
 */
export function fastRuntimeAvailable(): boolean {
  return process.execArgv.includes('--liftoff-only');
}

/**
 * web-tree-sitter's runtime compiled again, eagerly, by TurboFan on one background thread (about
 * 120 ms of it): a 1,000-line script parses in 4.8 ms with it against 5.9-6.2 ms with Liftoff's
 * code (the grammar stays Liftoff's: its lexer alone takes 400 ms in TurboFan). The bytes get an
 * empty custom section so that V8's module cache (keyed by the bytes) does not answer with the
 * Liftoff module already compiled from them.
 */
export async function compileFastRuntime(paths: WasmPaths): Promise<WasmModule> {
  const bytes = readFileSync(paths.runtime);
  // A custom section (id 0) of 3 bytes: the name's length (2) and its name, "tf".
  const tagged = new Uint8Array(bytes.length + 5);
  tagged.set(bytes);
  tagged.set([0, 3, 2, 0x74, 0x66], bytes.length);
  fastCompilations++;
  setTurbofan(true);
  setFlagsFromString(ONE_TASK[0]);
  try {
    return await wasm.compile(tagged);
  } finally {
    if (--fastCompilations === 0) {
      setTurbofan(false);
      setFlagsFromString(ONE_TASK[1]);
    }
  }
}

/** Bytes of this thread's wasm memory now (the current runtime's), or 0 when none is loaded. */
export function bashMemoryBytes(): number {
  return (runtimeModule as { HEAP8?: Int8Array } | undefined)?.HEAP8?.buffer.byteLength ?? 0;
}

/**
 * Lets this thread's parser runtime go, with its wasm memory (which never shrinks while it
 * lives): the next `loadBashFromModules` (or `loadBash`) evaluates web-tree-sitter again into a
 * fresh one. Trees of the old runtime are never re-used for a parse of the new one (`parseBash`
 * parses from scratch); the caller lets them go (the memory returns once nothing holds them).
 * A failure of the old runtime (`bashParserFailure`) is forgotten with it.
 */
export function recycleBash(): void {
  resetSharedBashParser();
  generation++;
  lib = undefined;
  loading = undefined;
  loaded = undefined;
  runtimeModule = undefined;
  runtimeChecked = undefined;
  failure = undefined;
}

/** A new parser for the bash language of this thread's current runtime. */
export function newBashParser(language: Language): Parser {
  const parser = new (bashLib().Parser)();
  parser.setLanguage(language);
  return parser;
}

export async function createBashParser(paths: WasmPaths): Promise<Parser> {
  return newBashParser(await loadBash(paths));
}
