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
import { Language, Parser } from 'web-tree-sitter';

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
  if (!sharedParser) {
    sharedParser = new Parser();
    sharedParser.setLanguage(loaded);
  }
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

/** After a parser exception: a wasm RuntimeError disables parsing, anything else resets the parser. */
export function parserFailed(err: unknown): void {
  if (err instanceof Error && err.name === 'RuntimeError') failure = `the shell parser failed (${err.message}); restart the server to check shell bodies again`;
  resetSharedBashParser();
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

/** Loads the runtime and the bash grammar once; later calls share the same promise. */
export function loadBash(paths: WasmPaths): Promise<Language> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => paths.runtime, wasmBinary: readFileSync(paths.runtime) });
    loaded = await Language.load(readFileSync(paths.bash));
    return loaded;
  })();
  loading.catch(() => {
    loading = undefined; // a failed load may be retried (e.g. after the files are restored)
  });
  return loading;
}

export async function createBashParser(paths: WasmPaths): Promise<Parser> {
  const language = await loadBash(paths);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
