/**
 * One parse of a script's shell body, the same wherever it runs (in this thread for tests and
 * pure callers, in the parser worker for the server and the CLI): the guards of `parseBash`,
 * the time budget, incremental re-use of a clean previous tree, and what the analysis is told
 * when there is no body (`ShellBody`, plain data).
 */
import type { Parser, Tree } from 'web-tree-sitter';
import type { TreeEditInfo } from '../core/language';
import type { BodyModel } from '../languages/initscript/body';
import { stopAfter } from './budget';
import { bashLib, keepsNesting, parseBash, shellRefusal } from './treeSitter';

/**
 * The longest one parse may take before it is abandoned (pathological input, not real scripts).
 * Budgets are in the parsing thread's processor time (`budget.ts`): a busy machine makes a parse
 * wait, not fail.
 */
export const PARSE_BUDGET_MS = 2000;
/** What every parse may take, however short its text. */
export const PARSE_BUDGET_FLOOR_MS = 250;
/**
 * What a parse may take per character above the floor. Real scripts parse at 0.2 µs per
 * character on average and 2.1 at worst (the 628 scripts of ../shared/corpus and
 * corpus-debian); tree-sitter's error recovery on some hostile texts is super-linear (25,000
 * lines of `*)` inside a `case`: 950 ms at 13,000 characters), so a budget proportional to
 * the text keeps every parse linear in its input: 290 ms at 10 KB, 650 ms at 100 KB (tree-sitter
 * asks for progress every hundred steps, which can add 300 ms on such a text).
 */
export const PARSE_BUDGET_US_PER_CHAR = 4;

/** How long a parse of a text of `length` characters may take (ms): linear in it, at most PARSE_BUDGET_MS. */
export function parseBudgetMs(length: number): number {
  return Math.min(PARSE_BUDGET_MS, PARSE_BUDGET_FLOOR_MS + Math.ceil((length * PARSE_BUDGET_US_PER_CHAR) / 1000));
}
/**
 * The budget for an edit of a document whose last parse was stopped: typing in such a file
 * costs at most this per keystroke, and a parseable text (milliseconds) is still parsed.
 */
export const EDIT_BUDGET_MS = 250;

/** A script body as the analysis reads it: the model, or why there is none. Plain data. */
export interface ShellBody {
  body?: BodyModel;
  /** The parse was stopped at this budget (ms); the next edit gets the short one. */
  stoppedAfterMs?: number;
  /** Why the text was not handed to the parser at all (`shellRefusal`). */
  refused?: string;
  /** Why the parser could not read it (a wasm fault, a hang, out of memory, no parser). */
  failure?: string;
  /** Read from the previous version's tree and statements rather than from scratch. */
  incremental?: boolean;
  /** With a body parsed elsewhere: the rows a comment line cannot be put before (`commentRows.ts`). */
  noCommentRows?: number[];
}

/** Why a body is missing, for the document's info (`shell body not checked: …`). */
export function noBodyReason(b: ShellBody): string | undefined {
  if (b.body) return undefined;
  if (b.refused) return b.refused;
  if (b.stoppedAfterMs !== undefined) return `parsing took over ${b.stoppedAfterMs} ms and was stopped (pathological input)`;
  return b.failure;
}

/**
 * Where the bodies of scripts come from when the parser runs elsewhere (the parser worker):
 * `ready` when parsed, `pending` while it is being parsed (the provider says when it is done,
 * and the caller analyses again), undefined when this provider does not know the text (the
 * caller parses it in this thread).
 */
export interface ShellBodies {
  bodyOf(path: string, text: string): ShellBody | 'pending' | undefined;
}

export interface ParseOutcome {
  tree?: Tree;
  stoppedAfterMs?: number;
  refused?: string;
  /** The previous tree was re-used. */
  incremental?: boolean;
}

/**
 * Parses `text`, from `previous.tree` when it parsed cleanly and edits are given (it is edited in
 * place). A tree whose re-parse opened error recovery is parsed again from scratch, so the tree
 * is the one a fresh open gives. Throws what the parser throws (a wasm fault): the caller decides.
 */
export function parseShell(parser: Parser, text: string, previous?: { tree?: Tree; edits: readonly TreeEditInfo[]; stopped: boolean }, onProgress?: () => void): ParseOutcome {
  // A text whose last version was parsed (a tree) and that one insertion changed without nesting deeper is not read again.
  const refused = previous?.tree && previous.edits.length === 1 && keepsNesting(text, previous.edits[0]!) ? undefined : shellRefusal(text);
  if (refused) return { refused };
  const edited = previous !== undefined && previous.edits.length > 0;
  const budget = previous?.stopped && edited ? EDIT_BUDGET_MS : parseBudgetMs(text.length);
  let old: Tree | undefined;
  // Re-use the previous tree only when it parsed cleanly: error recovery can make an
  // incrementally re-parsed tree differ from a fresh parse of the same text.
  if (previous?.tree && edited && !previous.tree.rootNode.hasError) {
    old = previous.tree;
    const { Edit } = bashLib();
    for (const e of previous.edits) old.edit(new Edit(e));
  }
  // `onProgress`: the parser worker's fault injection (a throw or a hang inside the parse).
  const progressCallback = stopAfter(budget, onProgress);
  // parseBash: long runs of comment lines would overflow the wasm stack (see MAX_COMMENT_RUN).
  let tree = parseBash(parser, text, old, { progressCallback }) ?? undefined;
  let incremental = old !== undefined;
  if (tree && old && tree.rootNode.hasError) {
    // The edit opened error recovery: parse from scratch so the tree is the one a fresh open gives.
    tree.delete();
    tree = parseBash(parser, text, null, { progressCallback }) ?? undefined;
    incremental = false;
  }
  if (tree) return { tree, incremental };
  parser.reset();
  return { stoppedAfterMs: budget };
}
