/**
 * The script body, from the tree-sitter-bash tree: the `case "$1"` dispatcher and its
 * branches, function definitions, commands with their arguments, `exit N`, sourced files,
 * `set -e`, simple variable assignments. Syntax nodes stay in this file; the rest of the
 * module sees plain data with ranges.
 */
import type { Language, Node, Tree, TreeCursor } from 'web-tree-sitter';
import { range, type Range } from '../../core/types';
import { wasmRuntime, type WasmRuntime } from '../../shell/treeSitter';

export interface Word {
  /** The argument with quotes removed (expansions kept as written). */
  text: string;
  /** As written. */
  raw: string;
  range: Range;
  /** Contains an expansion or a command substitution. */
  dynamic: boolean;
}

export interface CommandInfo {
  name: string;
  nameRange: Range;
  args: Word[];
  range: Range;
  /** Inside this function definition, if any. */
  inFunction?: string;
  /** Index of the dispatcher branch that contains it, if any. */
  inBranch?: number;
  /** Its `&&`/`if` context tests a file (for `[ -r f ] && . f`). */
  guarded: boolean;
  /**
   * The statement list the command runs in (a number, the same for the commands of one list; 0 is the script's top level) unconditionally: it is one of the list's
   * statements (possibly redirected, or the first part of a `&&`/`||` list or a pipeline), not
   * a condition. Two commands with the same `block` run one after the other whenever the list
   * runs. Undefined when the command runs only on some condition within its list.
   */
  block?: number;
}

export interface Branch {
  /** The patterns, unquoted (`start`, `restart`, `*`). */
  patterns: Word[];
  range: Range;
  /** The first line of the branch (its pattern line). */
  line: number;
}

export interface Dispatcher {
  /** `case` … `in`. */
  headRange: Range;
  range: Range;
  branches: Branch[];
}

export interface FunctionInfo {
  name: string;
  nameRange: Range;
  range: Range;
}

/** A variable's assignment as `BodyModel.assignments` keeps it. */
export interface Assignment {
  value: string;
  range: Range;
  topLevel: boolean;
  /**
   * No top-level assignment, and functions assign it different values (psad's `local pidfile`
   * in two functions): which one holds where it is used is not known, so it is not resolved.
   */
  ambiguous?: boolean;
}

export interface BodyModel {
  dispatcher?: Dispatcher;
  functions: FunctionInfo[];
  commands: CommandInfo[];
  /** First assignment of each variable (top level preferred): NAME → value as written, unquoted. */
  assignments: Map<string, Assignment>;
  /** Variables assigned from $1 (`ACTION=$1`). */
  argVariables: Set<string>;
  /** Syntax error candidates: ERROR and MISSING nodes. */
  errors: Range[];
  /** The first word or string (not a comment, not a here-document) holding a path under `/var/`. */
  varPath?: Range;
  /** Every such word or string (the first 200), to tell in which actions /var is used. */
  varPaths: Range[];
  /**
   * Tests that end the script (or function) when they fail, so what follows runs only when
   * they hold: `[ -r F ] || exit 0`, `test -f F || return`, `[ ! -r F ] && exit`,
   * `if [ ! -f F ]; then exit 0; fi`. The test's text, and its line.
   */
  exitGuards: { text: string; line: number }[];
}

const DYNAMIC = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

const ARG_RE = /^"?\$\{?1(:?[-=?+][^}]*)?\}?"?$/;
/** Words that name an init-script action, to tell the dispatcher from a guard `case "$1"`. */
const ACTION_WORDS = new Set(['start', 'stop', 'restart', 'reload', 'force-reload', 'status', 'try-restart', 'condrestart']);

/** Node types that hold a list of statements run one after the other. */
const STATEMENT_LISTS = new Set(['program', 'compound_statement', 'do_group', 'case_item', 'if_statement', 'elif_clause', 'else_clause', 'subshell']);

/** A word or string whose text has a path starting with /var/ (not `$ROOT/var/...`). */
const VAR_PATH = /(^|[\s"'=:])\/var\//;
const MAX_VAR_PATHS = 200;
const WORDLIKE = new Set(['word', 'string', 'raw_string', 'concatenation']);
/** Node types without named children that matter here (tokens). */
const LEAVES = new Set(['word', 'comment', 'variable_name', 'raw_string', 'special_variable_name', 'file_descriptor', 'test_operator', 'regex', 'ansi_c_string', 'string_content', 'heredoc_start', 'heredoc_end']);

/** A `case` statement as plain data, so it can be kept from one version to the next. */
interface CaseInfo {
  inFunction: boolean;
  /** A statement of the script's own top-level list (not inside an `if`, a loop or a group). */
  topLevel: boolean;
  /** The word after `case`, as written. */
  value: string;
  dispatcher: Dispatcher;
}

/** What one top-level statement contributes to the model (plain data: it crosses from the parser worker). */
export interface Fragment {
  /** The row it started on when it was read. */
  row: number;
  functions: FunctionInfo[];
  commands: CommandInfo[];
  /** Per variable, its first assignment (top level preferred), as in `BodyModel.assignments`. */
  assignments: Map<string, Assignment>;
  argVariables: string[];
  cases: CaseInfo[];
  errors: Range[];
  varPath?: Range;
  varPaths: Range[];
  exitGuards: { text: string; line: number }[];
  /** Per command, its statement list numbered within the fragment (0: the top level). */
  blocks: (number | undefined)[];
  /** The highest list number used in `blocks`. */
  lastBlock: number;
}

/**
 * Top-level statements already read, by column and text: after an edit only the statements
 * whose text changed are walked again (web-tree-sitter's node API is slow per node), the others
 * are reused, moved to their new row.
 */
export interface BodyCache {
  fragments: Map<string, Fragment>;
}

/**
 * The body model of a tree; with `previous` (the cache of the last version) only the top-level
 * statements that changed are read from the tree. The result is the same either way.
 */
export function extractBody(tree: Tree, previous?: BodyCache): BodyModel & { cache?: BodyCache } {
  const { fragments, cache } = readStatements(tree, previous);
  return assembleBody(fragments, cache);
}

/**
 * A top-level statement's key: its text, and its column when it does not start a line (a
 * statement after `;`). A statement's text never starts with a newline, so the two forms never
 * meet. The text alone is a slice of the parsed text, which V8 neither copies nor flattens: a
 * key made of the column and the text was a new string per statement and version, copied when
 * hashed (the whole text of a 20k-line script on every keystroke, in the parser worker).
 */
export function statementKey(column: number, text: string): string {
  return column === 0 ? text : `\n${column}:${text}`;
}

/**
 * The fragments of a tree's top-level statements in order, each with its key (`statementKey`);
 * those whose key is in `previous` are reused, moved to their new row. With the cache for the
 * next version (none for a tree with errors).
 */
export function readStatements(tree: Tree, previous?: BodyCache): { fragments: Fragment[]; keys?: string[]; cache?: BodyCache } {
  const root = tree.rootNode;
  const hasError = root.hasError;
  // Fragments come only from clean trees: error recovery can read the same text differently.
  if (hasError) previous = undefined;
  const g = grammarOf(tree.language);
  // Node texts are slices of the text the tree was parsed from (defused parts stay blank), by index.
  const src: Source = { text: root.text, base: root.startIndex };
  const w = walkerOf(tree, root);
  try {
    // Not a program (cannot happen for bash): read it all, keep nothing.
    if (g.code[w.typeId()] !== T.program) {
      const start = root.startPosition;
      return { fragments: [readNode(w, g, src, 0, start.row, start.column, root.startIndex, hasError ? root : undefined)] };
    }
    const cached = new Map<string, Fragment>();
    const fragments: Fragment[] = [];
    const keys: string[] = [];
    // The statements as nodes, only in a tree with errors (for its MISSING nodes).
    let statements: (Node | null)[] | undefined;
    let k = 0;
    if (w.firstChild()) {
      do {
        const type = w.typeId();
        if (!g.named[type]) continue;
        const index = k++;
        const start = w.position();
        const from = w.start();
        const key = statementKey(start.column, src.text.slice(from - src.base, w.end() - src.base));
        let f = previous?.fragments.get(key);
        if (f && f.row !== start.row) f = shifted(f, start.row - f.row);
        // A comment (most top-level statements of a script) or another token that is not a word gives nothing.
        if (!f && !hasError && g.flags[type]! & F_LEAF && !(g.flags[type]! & F_WORDLIKE) && g.code[type] !== T.ERROR) f = emptyFragment(start.row);
        if (!f) {
          if (hasError) statements ??= w.detached(() => root.namedChildren);
          f = readNode(w, g, src, start.row, start.row, start.column, from, statements?.[index] ?? undefined);
        }
        cached.set(key, f);
        fragments.push(f);
        keys.push(key);
      } while (w.nextSibling());
    }
    return { fragments, keys, cache: hasError ? undefined : { fragments: cached } };
  } finally {
    w.delete();
    varSearch.src = undefined; // not the text kept
    reader.src = NO_SOURCE;
    reader.g = NO_GRAMMAR;
    releaseScratch();
  }
}

/**
 * What a fragment with none of a kind holds (most top-level statements are comments, and most
 * statements have no function, case, error, guard or `/var/` path): one shared empty value,
 * never written to, instead of seven arrays and a Map per statement (a test checks they stay
 * empty). Not frozen: V8 iterates a frozen array through the generic iterator, which allocated
 * more than the arrays saved.
 */
export const NONE: never[] = [];
export const NO_ASSIGNMENTS: Map<string, Assignment> = new Map();

function emptyFragment(row: number): Fragment {
  return { row, functions: NONE, commands: NONE, assignments: NO_ASSIGNMENTS, argVariables: NONE, cases: NONE, errors: NONE, exitGuards: NONE, varPaths: NONE, blocks: NONE, lastBlock: 0 };
}

/** A fragment moved to start on `row` (the same object when it already does). */
export function fragmentAt(f: Fragment, row: number): Fragment {
  return f.row === row ? f : shifted(f, row - f.row);
}

/** The body model from the fragments of the top-level statements, in order (no tree needed). */
export function assembleBody(fragments: readonly Fragment[], cache?: BodyCache): BodyModel & { cache?: BodyCache } {
  const model: BodyModel & { cache?: BodyCache } = { functions: [], commands: [], assignments: new Map(), argVariables: new Set(), errors: [], exitGuards: [], varPaths: [] };
  const cases: CaseInfo[] = [];
  let blockOffset = 0;
  for (const f of fragments) {
    merge(model, cases, f, blockOffset);
    blockOffset += f.lastBlock;
  }
  if (cache) model.cache = cache;

  // The dispatcher: a case on $1 (or a variable holding it). A script may have several (a guard
  // like Debian's `if init_is_upstart; then case "$1" in stop) exit 0;; esac; fi` comes first):
  // the one rc's call lands in is a statement of the top level, outside functions; among equals,
  // the one with the most action branches, then the first.
  const onArg = (c: CaseInfo) => {
    if (ARG_RE.test(c.value)) return true;
    const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(c.value);
    return !!m && model.argVariables.has(m[1]!);
  };
  const tier = (c: CaseInfo) => (c.inFunction ? 2 : c.topLevel ? 0 : 1);
  const actions = (c: CaseInfo) => c.dispatcher.branches.reduce((n, b) => n + b.patterns.filter((p) => ACTION_WORDS.has(p.text)).length, 0);
  let chosen: CaseInfo | undefined;
  for (const c of cases) {
    if (!onArg(c)) continue;
    if (!chosen || tier(c) < tier(chosen) || (tier(c) === tier(chosen) && actions(c) > actions(chosen))) chosen = c;
  }
  if (chosen) model.dispatcher = chosen.dispatcher;
  // Fragments are shared between versions: set (or clear) every command's branch.
  const d = model.dispatcher;
  for (const cmd of model.commands) {
    const i = d && within(cmd.range, d.range) ? d.branches.findIndex((b) => within(cmd.range, b.range)) : -1;
    cmd.inBranch = i >= 0 ? i : undefined;
  }
  return model;
}

/** Adds a fragment to the model; its statement lists get numbers after `blockOffset` (0 stays the top level). */
function merge(model: BodyModel, cases: CaseInfo[], f: Fragment, blockOffset: number): void {
  for (const x of f.functions) model.functions.push(x);
  for (let i = 0; i < f.commands.length; i++) {
    const x = f.commands[i]!;
    // Fragments are shared between versions: the number is set on every merge.
    const local = f.blocks[i];
    x.block = local === undefined || local === 0 ? local : local + blockOffset;
    model.commands.push(x);
  }
  if (!model.varPath && f.varPath) model.varPath = f.varPath;
  for (const r of f.varPaths) if (model.varPaths.length < MAX_VAR_PATHS) model.varPaths.push(r);
  for (const g of f.exitGuards) model.exitGuards.push(g);
  // forEach: no [name, value] pair made per entry.
  if (f.assignments.size > 0) f.assignments.forEach((a, name) => mergeAssignment(model.assignments, name, a));
  for (const v of f.argVariables) model.argVariables.add(v);
  for (const c of f.cases) cases.push(c);
  for (const e of f.errors) if (model.errors.length < 50) model.errors.push(e);
}

function mergeAssignment(into: Map<string, Assignment>, name: string, a: Assignment): void {
  const existing = into.get(name);
  if (!existing || (a.topLevel && !existing.topLevel)) into.set(name, a);
  // Fragments are shared between versions: a copy is marked, not the fragment's own record.
  else if (!a.topLevel && !existing.topLevel && !existing.ambiguous && (a.ambiguous || existing.value !== a.value)) into.set(name, { ...existing, ambiguous: true });
}

const moveRange = (r: Range, d: number): Range => ({ start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } });
const moveWord = (w: Word, d: number): Word => ({ ...w, range: moveRange(w.range, d) });

/** `xs` mapped, or `NONE` for none (an empty kind stays shared). */
const mapped = <T, U>(xs: readonly T[], f: (x: T) => U): U[] => (xs.length === 0 ? NONE : xs.map(f));

/** A fragment moved down (or up) by `d` rows. */
function shifted(f: Fragment, d: number): Fragment {
  return {
    row: f.row + d,
    functions: mapped(f.functions, (x) => ({ ...x, nameRange: moveRange(x.nameRange, d), range: moveRange(x.range, d) })),
    commands: mapped(f.commands, (c) => ({ ...c, nameRange: moveRange(c.nameRange, d), range: moveRange(c.range, d), args: c.args.map((w) => moveWord(w, d)) })),
    assignments: f.assignments.size === 0 ? NO_ASSIGNMENTS : new Map([...f.assignments].map(([k, a]) => [k, { ...a, range: moveRange(a.range, d) }])),
    argVariables: f.argVariables,
    cases: mapped(f.cases, (c) => ({
      ...c,
      dispatcher: {
        headRange: moveRange(c.dispatcher.headRange, d), range: moveRange(c.dispatcher.range, d),
        branches: c.dispatcher.branches.map((b) => ({ patterns: b.patterns.map((w) => moveWord(w, d)), range: moveRange(b.range, d), line: b.line + d })),
      },
    })),
    errors: mapped(f.errors, (r) => moveRange(r, d)),
    varPath: f.varPath && moveRange(f.varPath, d),
    varPaths: mapped(f.varPaths, (r) => moveRange(r, d)),
    exitGuards: mapped(f.exitGuards, (g) => ({ text: g.text, line: g.line + d })),
    blocks: f.blocks,
    lastBlock: f.lastBlock,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a statement. web-tree-sitter's Node API crosses into wasm and allocates a Node object
// for every child, type, text and position asked for; here one TreeCursor pass copies the parts
// of a statement's subtree the reader looks at (type id, field id, start and end index, links)
// into typed arrays, and the reading runs on those in plain JS. Texts are slices of the parsed
// text by index; rows and columns are computed from the statement's start position and the
// newlines of its text (tree-sitter counts rows at '\n' only, columns in UTF-16 code units).

/** The type codes the reader tells apart (node types are compared by name: one name may have several ids). */
const enum T {
  other,
  ERROR,
  program,
  function_definition,
  case_statement,
  case_item,
  variable_assignment,
  command,
  list,
  pipeline,
  if_statement,
  elif_clause,
  else_clause,
  redirected_statement,
  concatenation,
  string,
  raw_string,
  negated_command,
  subshell,
  compound_statement,
  test_command,
  and,
  or,
  inKeyword,
}
const CODES = new Map<string, T>(Object.entries({
  ERROR: T.ERROR, program: T.program, function_definition: T.function_definition, case_statement: T.case_statement, case_item: T.case_item,
  variable_assignment: T.variable_assignment, command: T.command, list: T.list, pipeline: T.pipeline, if_statement: T.if_statement,
  elif_clause: T.elif_clause, else_clause: T.else_clause, redirected_statement: T.redirected_statement, concatenation: T.concatenation,
  string: T.string, raw_string: T.raw_string, negated_command: T.negated_command, subshell: T.subshell, compound_statement: T.compound_statement,
  test_command: T.test_command, '&&': T.and, '||': T.or, in: T.inKeyword,
}));

/** Flags per node type. */
const F_LEAF = 1; // no children the reader looks at (LEAVES)
const F_LIST = 2; // a statement list (STATEMENT_LISTS)
const F_WORDLIKE = 4;
const F_DYNAMIC = 8;
const F_FIELDS = 16; // the reader asks its children's fields
const F_ANON = 32; // the reader looks at its anonymous children too

/** Whose anonymous children matter: fields may hold them (`==` arguments), `&&`/`||` of a list, `in` of a case. */
const KEEP_ANONYMOUS = new Set(['function_definition', 'case_statement', 'case_item', 'variable_assignment', 'command', 'redirected_statement', 'list']);
/**
 * Whose children's fields the reader asks (asking costs a walk up the cursor's stack in the
 * runtime): the types with a field `name`, `value`, `argument`, `body` or `condition` it reads
 * (tree-sitter-bash's node-types.json; of the statement lists, only `if_statement` has a
 * `condition`, checked by a unit test).
 */
const WITH_FIELDS = new Set(['function_definition', 'case_statement', 'case_item', 'variable_assignment', 'command', 'redirected_statement', 'if_statement']);

interface Grammar {
  /** Per type id (0-65535): T code and F flags. */
  code: Uint8Array;
  flags: Uint8Array;
  named: Uint8Array;
  fName: number;
  fValue: number;
  fArgument: number;
  fBody: number;
  fCondition: number;
}

const grammars = new WeakMap<Language, Grammar>();

function grammarOf(language: Language): Grammar {
  let g = grammars.get(language);
  if (g) return g;
  const code = new Uint8Array(65536);
  const flags = new Uint8Array(65536);
  const named = new Uint8Array(65536);
  const set = (id: number, name: string, isNamed: boolean) => {
    code[id] = CODES.get(name) ?? T.other;
    let f = 0;
    if (LEAVES.has(name)) f |= F_LEAF;
    if (STATEMENT_LISTS.has(name)) f |= F_LIST;
    if (WORDLIKE.has(name)) f |= F_WORDLIKE;
    if (DYNAMIC.has(name)) f |= F_DYNAMIC;
    if (WITH_FIELDS.has(name)) f |= F_FIELDS;
    if (KEEP_ANONYMOUS.has(name)) f |= F_ANON;
    flags[id] = f;
    named[id] = isNamed ? 1 : 0;
  };
  // Node.type is `types[id] || 'ERROR'`; an ERROR node (id 65535) is named (and in no set above).
  code.fill(T.ERROR);
  named.fill(1);
  const count = language.nodeTypeCount;
  for (let id = 0; id < language.types.length; id++) {
    const name = language.types[id] || 'ERROR';
    set(id, name, id < count ? language.nodeTypeIsNamed(id) : true);
  }
  const field = (name: string) => language.fieldIdForName(name) ?? -1;
  g = { code, flags, named, fName: field('name'), fValue: field('value'), fArgument: field('argument'), fBody: field('body'), fCondition: field('condition') };
  grammars.set(language, g);
  return g;
}

/** The text the tree was parsed from, from the root node's start index on. */
interface Source {
  text: string;
  base: number;
}

// The flat subtree of the statement being read (module scratch, grown as needed: reading is synchronous).
const INITIAL_NODES = 4096;
let cap = 0;
let typ = new Uint16Array(0);
let fld = new Uint16Array(0);
let beg = new Int32Array(0);
let fin = new Int32Array(0);
let par = new Int32Array(0);
let first = new Int32Array(0);
let next = new Int32Array(0);
let last = new Int32Array(0);
let memo = new Int8Array(0);
// What the reading of each node inherits from its parent (`Reader.read`): marked to be read, the
// function it is in (a number), guarded by a test, its statement list (-1: none), part of a word.
let vis = new Uint8Array(0);
let cFn = new Int32Array(0);
let cGuard = new Uint8Array(0);
let cBlock = new Int32Array(0);
let cWord = new Uint8Array(0);
/** Offsets of the newlines in the statement's text. */
let newlines = new Int32Array(256);
/** Offsets of the `/var/` in the statement's text (the only words `VAR_PATH` can match span one). */
let varAt = new Int32Array(16);
let varCount = 0;

function grow(min: number): void {
  let n = Math.max(INITIAL_NODES, cap);
  while (n < min) n *= 2;
  const more = <A extends Uint16Array | Int32Array | Int8Array>(a: A, make: (n: number) => A): A => {
    const b = make(n);
    b.set(a);
    return b;
  };
  typ = more(typ, (k) => new Uint16Array(k));
  fld = more(fld, (k) => new Uint16Array(k));
  beg = more(beg, (k) => new Int32Array(k));
  fin = more(fin, (k) => new Int32Array(k));
  par = more(par, (k) => new Int32Array(k));
  first = more(first, (k) => new Int32Array(k));
  next = more(next, (k) => new Int32Array(k));
  last = more(last, (k) => new Int32Array(k));
  memo = new Int8Array(n);
  vis = new Uint8Array(n);
  cFn = new Int32Array(n);
  cGuard = new Uint8Array(n);
  cBlock = new Int32Array(n);
  cWord = new Uint8Array(n);
  cap = n;
}

/** A large statement's arrays are not kept between reads. */
function releaseScratch(): void {
  if (cap <= 4 * INITIAL_NODES && newlines.length <= 4096 && varAt.length <= 4096) return;
  cap = 0;
  typ = fld = new Uint16Array(0);
  beg = fin = par = first = next = last = new Int32Array(0);
  memo = new Int8Array(0);
  vis = cGuard = cWord = new Uint8Array(0);
  cFn = cBlock = new Int32Array(0);
  newlines = new Int32Array(256);
  varAt = new Int32Array(16);
}

/**
 * Copies the subtree at the cursor into the scratch arrays (node 0 is the cursor's node), in
 * pre-order, without recursion; the cursor ends where it started. Leaves (LEAVES) are not
 * entered, anonymous nodes are kept only under the parents whose anonymous children matter.
 */
/**
 * A tree cursor, as the reader uses it. Two kinds: web-tree-sitter's public TreeCursor, and the
 * same cursor driven through the runtime's raw entry points (`wasmRuntime`), kept in the
 * runtime's transfer buffer between calls instead of being marshalled around each one.
 */
interface Walker {
  /** The cursor's operations as plain functions of `tree` (goto ones answer 1 when they moved): the copying pass calls these. */
  readonly ops: CursorOps;
  typeId(): number;
  start(): number;
  end(): number;
  position(): { row: number; column: number };
  firstChild(): boolean;
  nextSibling(): boolean;
  /** Runs `f`, which may use the library's API (which overwrites the transfer buffer). */
  detached<R>(f: () => R): R;
  delete(): void;
}

interface CursorOps {
  tree: number;
  typeId: (tree: number) => number;
  fieldId: (tree: number) => number;
  start: (tree: number) => number;
  end: (tree: number) => number;
  firstChild: (tree: number) => number;
  nextSibling: (tree: number) => number;
  parent: (tree: number) => number;
}

class PublicWalker implements Walker {
  readonly ops: CursorOps;
  constructor(private readonly c: TreeCursor) {
    this.ops = {
      tree: 0,
      typeId: () => c.nodeTypeId,
      fieldId: () => c.currentFieldId,
      start: () => c.startIndex,
      end: () => c.endIndex,
      firstChild: () => (c.gotoFirstChild() ? 1 : 0),
      nextSibling: () => (c.gotoNextSibling() ? 1 : 0),
      parent: () => (c.gotoParent() ? 1 : 0),
    };
  }
  typeId(): number {
    return this.c.nodeTypeId;
  }
  start(): number {
    return this.c.startIndex;
  }
  end(): number {
    return this.c.endIndex;
  }
  position(): { row: number; column: number } {
    return this.c.startPosition;
  }
  firstChild(): boolean {
    return this.c.gotoFirstChild();
  }
  nextSibling(): boolean {
    return this.c.gotoNextSibling();
  }
  detached<R>(f: () => R): R {
    return f();
  }
  delete(): void {
    this.c.delete();
  }
}

/** Where each runtime's transfer buffer is (`ts_init` returns it; calling it again changes nothing else). */
const transferBuffers = new WeakMap<WasmRuntime, number>();

class RawWalker implements Walker {
  private readonly buffer: number;
  /** The cursor's four words, while the buffer is lent to the library's API. */
  private readonly saved = [0, 0, 0, 0];
  readonly ops: CursorOps;

  constructor(
    private readonly m: WasmRuntime,
    private readonly tree: number,
  ) {
    let buffer = transferBuffers.get(m);
    if (buffer === undefined) transferBuffers.set(m, (buffer = m._ts_init()));
    this.buffer = buffer >> 2;
    // The root node into the buffer, and a cursor on it (what `tree.walk()` does, without the objects).
    m._ts_tree_root_node_wasm(tree);
    m._ts_tree_cursor_new_wasm(tree);
    this.ops = {
      tree,
      typeId: m._ts_tree_cursor_current_node_type_id_wasm,
      fieldId: m._ts_tree_cursor_current_field_id_wasm,
      start: m._ts_tree_cursor_start_index_wasm,
      end: m._ts_tree_cursor_end_index_wasm,
      firstChild: m._ts_tree_cursor_goto_first_child_wasm,
      nextSibling: m._ts_tree_cursor_goto_next_sibling_wasm,
      parent: m._ts_tree_cursor_goto_parent_wasm,
    };
  }
  typeId(): number {
    return this.ops.typeId(this.tree);
  }
  start(): number {
    return this.ops.start(this.tree);
  }
  end(): number {
    return this.ops.end(this.tree);
  }
  position(): { row: number; column: number } {
    // It writes the point over the cursor: save and restore it (as `detached` does, without a closure per statement).
    this.save();
    this.m._ts_tree_cursor_start_position_wasm(this.tree);
    const after = this.m.HEAP32;
    const point = { row: after[this.buffer]! >>> 0, column: after[this.buffer + 1]! >>> 0 };
    this.restore();
    return point;
  }
  firstChild(): boolean {
    return this.ops.firstChild(this.tree) === 1;
  }
  nextSibling(): boolean {
    return this.ops.nextSibling(this.tree) === 1;
  }
  detached<R>(f: () => R): R {
    this.save();
    try {
      return f();
    } finally {
      this.restore();
    }
  }
  /** The cursor's four words out of the transfer buffer, before the library's API writes over them. */
  private save(): void {
    const heap = this.m.HEAP32;
    for (let i = 0; i < 4; i++) this.saved[i] = heap[this.buffer + i]!;
  }
  /** The cursor's four words back (through a fresh view: the heap may have grown meanwhile). */
  private restore(): void {
    const after = this.m.HEAP32;
    for (let i = 0; i < 4; i++) after[this.buffer + i] = this.saved[i]!;
  }
  delete(): void {
    this.m._ts_tree_cursor_delete_wasm(this.tree);
  }
}

/** Tests: `raw: false` reads through the public TreeCursor (the fallback) even when the raw entry points are known. */
export const bodyReaderOptions = { raw: true };

/** A cursor on the root of `tree`: the raw one when the runtime's entry points are known. */
function walkerOf(tree: Tree, root: Node): Walker {
  const m = bodyReaderOptions.raw ? wasmRuntime() : undefined;
  const address = (tree as unknown as Record<number, unknown>)[0];
  walkerShapes ??= shapeHolders();
  if (m && typeof address === 'number' && address !== 0) return new RawWalker(m, address);
  return new PublicWalker(root.walk());
}

/**
 * One object of each walker class, kept for the process so that the class's object shape
 * outlives a full collection between two reads. V8's optimized code holds the shapes it checks
 * weakly; a shape with no object left is collected and every function compiled against it is
 * thrown away (`--trace-deopt`: "weak objects"), so the next large read ran interpreted again
 * (docs/performance.md, "Session 13, edit"). They hold a stand-in runtime and cursor, never a
 * real one: a kept walker of a real runtime kept that runtime's wasm memory after the runtime
 * was recycled (+6 MB 10 s after the bench's large scripts were closed).
 */
let walkerShapes: Walker[] | undefined;

function shapeHolders(): Walker[] {
  const none = () => 0;
  const runtime: WasmRuntime = {
    HEAP32: new Int32Array(4), _ts_init: none, _ts_tree_root_node_wasm: none, _ts_tree_cursor_new_wasm: none, _ts_tree_cursor_delete_wasm: none,
    _ts_tree_cursor_goto_first_child_wasm: none, _ts_tree_cursor_goto_next_sibling_wasm: none, _ts_tree_cursor_goto_parent_wasm: none,
    _ts_tree_cursor_current_node_type_id_wasm: none, _ts_tree_cursor_current_field_id_wasm: none, _ts_tree_cursor_start_index_wasm: none,
    _ts_tree_cursor_end_index_wasm: none, _ts_tree_cursor_start_position_wasm: none,
  };
  return [new RawWalker(runtime, 0), new PublicWalker({} as TreeCursor)];
}

function flatten(w: Walker, g: Grammar): number {
  if (cap === 0) grow(INITIAL_NODES);
  // Plain functions of the tree's address, called directly (in the raw walker, the runtime's own exports).
  const { tree, typeId, fieldId, start, end, firstChild, nextSibling, parent } = w.ops;
  const named = g.named;
  const flags = g.flags;
  const t0 = typeId(tree);
  typ[0] = t0;
  fld[0] = 0;
  beg[0] = start(tree);
  fin[0] = end(tree);
  par[0] = -1;
  first[0] = next[0] = last[0] = -1;
  let n = 1;
  if (!named[t0] || flags[t0]! & F_LEAF || firstChild(tree) !== 1) return n;
  let p = 0;
  for (;;) {
    // The cursor is on a child of node p.
    const t = typeId(tree);
    const pf = flags[typ[p]!]!;
    const isNamed = named[t] === 1;
    if (isNamed || pf & F_ANON) {
      if (n === cap) grow(n + 1);
      const i = n++;
      typ[i] = t;
      fld[i] = pf & F_FIELDS ? fieldId(tree) : 0;
      beg[i] = start(tree);
      fin[i] = end(tree);
      par[i] = p;
      first[i] = next[i] = last[i] = -1;
      if (last[p]! < 0) first[p] = i;
      else next[last[p]!] = i;
      last[p] = i;
      if (isNamed && !(flags[t]! & F_LEAF) && firstChild(tree) === 1) {
        p = i;
        continue;
      }
    }
    while (nextSibling(tree) !== 1) {
      parent(tree);
      if (p === 0) return n;
      p = par[p]!;
    }
  }
}

/** The statement's position and newlines, for rows and columns by index. */
let posRow = 0;
let posColumn = 0;
let posFrom = 0;
let newlineCount = 0;

function indexNewlines(src: Source, from: number, to: number, row: number, column: number): void {
  posRow = row;
  posColumn = column;
  posFrom = from;
  newlineCount = 0;
  const text = src.text;
  const end = to - src.base;
  for (let i = text.indexOf('\n', from - src.base); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    if (newlineCount === newlines.length) {
      const b = new Int32Array(newlines.length * 2);
      b.set(newlines);
      newlines = b;
    }
    newlines[newlineCount++] = i + src.base;
  }
  varCount = 0;
  for (let i = nextVar(src, from - src.base); i >= 0 && i + 5 <= end; i = text.indexOf('/var/', i + 1)) {
    if (varCount === varAt.length) {
      const b = new Int32Array(varAt.length * 2);
      b.set(varAt);
      varAt = b;
    }
    varAt[varCount++] = i + src.base;
  }
}

/**
 * The first `/var/` of the text at or after `from`, or -1. The statements of a text are read in
 * order: the answer of the last search is reused while it lies ahead, so a text that has none
 * after a point is not searched to its end again for every statement.
 */
function nextVar(src: Source, from: number): number {
  if (src === varSearch.src && from >= varSearch.from && (varSearch.at < 0 || varSearch.at >= from)) return varSearch.at;
  const at = src.text.indexOf('/var/', from);
  varSearch.src = src;
  varSearch.from = from;
  varSearch.at = at;
  return at;
}
const varSearch: { src?: Source; from: number; at: number } = { from: 0, at: -1 };

/** How many of the statement's newlines come before `index`. */
function linesBefore(index: number): number {
  let lo = 0;
  let hi = newlineCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (newlines[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rowAt(index: number): number {
  return posRow + linesBefore(index);
}

function columnAt(index: number): number {
  const k = linesBefore(index);
  return k === 0 ? posColumn + index - posFrom : index - newlines[k - 1]! - 1;
}

function rangeAt(from: number, to: number): Range {
  const a = linesBefore(from);
  const b = linesBefore(to);
  return range(posRow + a, a === 0 ? posColumn + from - posFrom : from - newlines[a - 1]! - 1, b === 0 ? posColumn + to - posFrom : to - newlines[b - 1]! - 1, posRow + b);
}

/**
 * Reads the statement at the cursor (starting at `from`, on `row`:`column`); `fragmentRow` is the
 * fragment's row. `node`: the statement as a node, when it may hold MISSING nodes.
 */
function readNode(w: Walker, g: Grammar, src: Source, fragmentRow: number, row: number, column: number, from: number, node: Node | undefined): Fragment {
  const count = flatten(w, g);
  memo.fill(0, 0, count);
  vis.fill(0, 0, count);
  indexNewlines(src, from, fin[0]!, row, column);
  reader.g = g;
  reader.src = src;
  const f = reader.read(fragmentRow, count);
  // MISSING nodes (rare: only in statements with errors) are looked for with the node API.
  if (node && w.detached(() => node.hasError)) {
    const errors = [...f.errors];
    w.detached(() => missingNodes([node], errors));
    f.errors = errors.length > 0 ? errors : NONE;
  }
  return f;
}

/** `memo` of `isTest`: not known yet, no, yes. */
const UNKNOWN = 0;
const NO = 1;
const YES = 2;

const NO_GRAMMAR: Grammar = { code: new Uint8Array(0), flags: new Uint8Array(0), named: new Uint8Array(0), fName: -1, fValue: -1, fArgument: -1, fBody: -1, fCondition: -1 };
const NO_SOURCE: Source = { text: '', base: 0 };

/**
 * Reads a flattened statement. One instance for the process (set up for each statement, its text
 * and grammar let go after each read: `readStatements`): a Reader made per statement left no object of its
 * shape alive between analyses, and a full collection then threw away the reader's optimized
 * code (see `walkerShapes`).
 */
class Reader {
  g: Grammar = NO_GRAMMAR;
  src: Source = NO_SOURCE;

  private text(i: number): string {
    return this.src.text.slice(beg[i]! - this.src.base, fin[i]! - this.src.base);
  }

  private rangeOf(i: number): Range {
    return rangeAt(beg[i]!, fin[i]!);
  }

  private code(i: number): T {
    return this.g.code[typ[i]!]!;
  }

  private isNamed(i: number): boolean {
    return this.g.named[typ[i]!] === 1;
  }

  /** The first child with field `field` (`childForFieldName`), or -1. */
  private field(i: number, field: number): number {
    for (let c = first[i]!; c >= 0; c = next[c]!) if (fld[c] === field) return c;
    return -1;
  }

  /** Every child with field `field` (`childrenForFieldName`). */
  private fields(i: number, field: number): number[] {
    const out: number[] = [];
    for (let c = first[i]!; c >= 0; c = next[c]!) if (fld[c] === field) out.push(c);
    return out;
  }

  private firstNamed(i: number): number {
    for (let c = first[i]!; c >= 0; c = next[c]!) if (this.isNamed(c)) return c;
    return -1;
  }

  private lastNamed(i: number): number {
    let found = -1;
    for (let c = first[i]!; c >= 0; c = next[c]!) if (this.isNamed(c)) found = c;
    return found;
  }

  /** Quotes removed from a word-like node; expansions kept as written. */
  private unquote(i: number): string {
    switch (this.code(i)) {
      case T.raw_string:
      case T.string:
        return this.text(i).slice(1, -1);
      case T.concatenation: {
        let s = '';
        for (let c = first[i]!; c >= 0; c = next[c]!) if (this.isNamed(c)) s += this.unquote(c);
        return s;
      }
      default:
        return this.text(i);
    }
  }

  /** Does the node contain an expansion or a substitution? */
  private isDynamic(i: number): boolean {
    const flags = this.g.flags;
    if (flags[typ[i]!]! & F_DYNAMIC) return true;
    if (flags[typ[i]!]! & F_LEAF || first[i]! < 0) return false;
    // Its subtree is nodes i + 1 to its last descendant, in pre-order (only named nodes that are
    // not leaves have children here): no stack to make for each word.
    let end = i;
    while (last[end]! >= 0) end = last[end]!;
    const named = this.g.named;
    for (let c = i + 1; c <= end; c++) if (named[typ[c]!] === 1 && flags[typ[c]!]! & F_DYNAMIC) return true;
    return false;
  }

  private toWord(i: number): Word {
    const raw = this.text(i);
    // `unquote` of a word (most arguments) is its text: one slice for both.
    const code = this.code(i);
    const text = code === T.raw_string || code === T.string || code === T.concatenation ? this.unquote(i) : raw;
    return { text, raw, range: this.rangeOf(i), dynamic: this.isDynamic(i) };
  }

  /** Whether a condition is a test that holds (`[ -r f ]`) or fails (`[ ! -r f ]`, `! test -r f`) for a file that is there. */
  private testPolarity(i: number): 'positive' | 'negative' | undefined {
    if (!this.isTest(i)) return undefined;
    if (this.code(i) === T.negated_command) return 'negative';
    return /^(\[\[?|test)[ \t]+![ \t]/.test(this.text(i)) ? 'negative' : 'positive';
  }

  /** `exit N`, `return N`, or a `{ …; exit N; }` group ending in one. */
  private isExit(i: number): boolean {
    for (;;) {
      const code = this.code(i);
      if (code === T.command) {
        const name = this.field(i, this.g.fName);
        if (name < 0) return false;
        const text = this.text(name);
        return text === 'exit' || text === 'return';
      }
      if (code !== T.compound_statement) return false;
      const lastChild = this.lastNamed(i);
      if (lastChild < 0 || this.code(lastChild) !== T.command) return false;
      i = lastChild;
    }
  }

  /**
   * A test (`[ … ]`, `[[ … ]]`, `test …`), or a list, negation or subshell holding one.
   * Post-order with an explicit stack, each node's answer kept in `memo`.
   */
  private isTest(i: number): boolean {
    const known = memo[i]!;
    if (known !== UNKNOWN) return known === YES;
    const stack: number[] = [i];
    const expanded: boolean[] = [false];
    while (stack.length > 0) {
      const top = stack.length - 1;
      const cur = stack[top]!;
      if (memo[cur] !== UNKNOWN) {
        stack.pop();
        expanded.pop();
        continue;
      }
      if (expanded[top]) {
        stack.pop();
        expanded.pop();
        let yes = false;
        for (let c = first[cur]!; c >= 0 && !yes; c = next[c]!) if (this.isNamed(c) && memo[c] === YES) yes = true;
        memo[cur] = yes ? YES : NO;
        continue;
      }
      const code = this.code(cur);
      if (code === T.test_command) {
        stack.pop();
        expanded.pop();
        memo[cur] = YES;
      } else if (code === T.command) {
        stack.pop();
        expanded.pop();
        const name = this.field(cur, this.g.fName);
        const text = name < 0 ? undefined : this.text(name);
        memo[cur] = text === 'test' || text === '[' || text === '[[' ? YES : NO;
      } else if (code === T.list || code === T.negated_command || code === T.subshell) {
        expanded[top] = true;
        for (let c = first[cur]!; c >= 0; c = next[c]!) {
          if (this.isNamed(c) && memo[c] === UNKNOWN) {
            stack.push(c);
            expanded.push(false);
          }
        }
      } else {
        stack.pop();
        expanded.pop();
        memo[cur] = NO;
      }
    }
    return memo[i] === YES;
  }

  private dispatcherOf(i: number): Dispatcher {
    const value = this.field(i, this.g.fValue);
    let inKw = -1;
    for (let c = first[i]!; c >= 0 && inKw < 0; c = next[c]!) if (this.code(c) === T.inKeyword) inKw = c;
    const headEnd = fin[inKw >= 0 ? inKw : value]!;
    const head = range(rowAt(beg[i]!), columnAt(beg[i]!), columnAt(headEnd), rowAt(headEnd));
    const branches: Branch[] = [];
    for (let item = first[i]!; item >= 0; item = next[item]!) {
      if (!this.isNamed(item) || this.code(item) !== T.case_item) continue;
      const patterns = this.fields(item, this.g.fValue).map((v) => this.toWord(v));
      branches.push({ patterns, range: this.rangeOf(item), line: rowAt(beg[item]!) });
    }
    return { headRange: head, range: this.rangeOf(i), branches };
  }

  /**
   * Reads the flat statement (nodes 0 to `count` - 1), at the top level of the script. The nodes
   * are in pre-order, so the walk over the named children the reading enters is one pass in
   * index order: a node's parent marks it to be read (`vis`) with what it inherits (the
   * function it is in, whether a test guards it, its statement list, whether it is part of a
   * word) before the pass reaches it. No stack, no closures: the first analysis of a large text
   * runs this in V8's interpreter (docs/performance.md, "Session 12, edit").
   */
  read(row: number, count: number): Fragment {
    const g = this.g;
    const codes = g.code;
    const flags = g.flags;
    // Each kind made when the first one is found (`NONE` otherwise).
    let functions: FunctionInfo[] | undefined;
    let commands: CommandInfo[] | undefined;
    let blocks: (number | undefined)[] | undefined;
    let assignments: Map<string, Assignment> | undefined;
    let cases: CaseInfo[] | undefined;
    let errors: Range[] | undefined;
    let varPath: Range | undefined;
    let varPaths: Range[] | undefined;
    let exitGuards: { text: string; line: number }[] | undefined;
    let lastBlock = 0;
    let argVariables: Set<string> | undefined;
    /** The functions the nodes are in, by `cFn` (0: none). */
    const fnNames: (string | undefined)[] = [undefined];
    // The statement runs in the script's own list: number 0.
    vis[0] = 1;
    cFn[0] = 0;
    cGuard[0] = 0;
    cBlock[0] = 0;
    cWord[0] = 0;
    let varNext = 0;
    for (let n = 0; n < count; n++) {
      if (vis[n] === 0) continue;
      const fn = cFn[n]!;
      const guarded = cGuard[n]!;
      const block = cBlock[n]!;
      const t = typ[n]!;
      const code = codes[t]!;
      if (code === T.ERROR) {
        if ((errors ??= []).length < 50) errors.push(this.rangeOf(n));
      }
      // Only a word that spans one of the statement's `/var/` is sliced and tested (nodes come in order of their start).
      while (varNext < varCount && varAt[varNext]! < beg[n]!) varNext++;
      if (varNext < varCount && varAt[varNext]! + 5 <= fin[n]! && flags[t]! & F_WORDLIKE && cWord[n] === 0 && (varPaths?.length ?? 0) < MAX_VAR_PATHS && VAR_PATH.test(this.text(n))) {
        const r = this.rangeOf(n);
        varPath ??= r;
        (varPaths ??= []).push(r);
      }
      switch (code) {
        case T.function_definition: {
          const name = this.field(n, g.fName);
          let inner = fn;
          if (name >= 0) {
            const text = this.text(name);
            (functions ??= []).push({ name: text, nameRange: this.rangeOf(name), range: this.rangeOf(n) });
            inner = fnNames.push(text) - 1;
          }
          lastBlock = visitChildren(g, n, block, inner, 0, false, lastBlock);
          continue;
        }
        case T.case_statement: {
          const value = this.field(n, g.fValue);
          if (value >= 0) (cases ??= []).push({ inFunction: fn !== 0, topLevel: block === 0, value: this.text(value), dispatcher: this.dispatcherOf(n) });
          break;
        }
        case T.variable_assignment: {
          const nameNode = this.field(n, g.fName);
          const name = nameNode >= 0 ? this.text(nameNode) : undefined;
          const value = this.field(n, g.fValue);
          if (name) {
            const text = value >= 0 ? this.unquote(value) : '';
            const existing = (assignments ??= new Map()).get(name);
            const topLevel = fn === 0;
            if (!existing || (topLevel && !existing.topLevel)) assignments.set(name, { value: text, range: this.rangeOf(n), topLevel });
            else if (!topLevel && !existing.topLevel && existing.value !== text) assignments.set(name, { ...existing, ambiguous: true });
            if (value >= 0 && ARG_RE.test(this.text(value))) (argVariables ??= new Set()).add(name);
          }
          break;
        }
        case T.command: {
          const nameNode = this.field(n, g.fName);
          if (nameNode >= 0) {
            const args: Word[] = [];
            const fArgument = g.fArgument;
            for (let c = first[n]!; c >= 0; c = next[c]!) if (fld[c] === fArgument) args.push(this.toWord(c));
            (commands ??= []).push({ name: this.unquote(nameNode), nameRange: this.rangeOf(nameNode), args, range: this.rangeOf(n), inFunction: fnNames[fn], guarded: guarded === 1 });
            (blocks ??= []).push(block < 0 ? undefined : block);
          }
          break;
        }
        case T.list: {
          // `[ -r f ] && cmd` / `[ ! -r f ] || cmd`: the right side runs only when the test holds.
          // `[ -r f ] || exit` / `[ ! -r f ] && exit`: what follows runs only when it holds.
          const left = this.firstNamed(n);
          const right = this.lastNamed(n);
          let op: T | undefined;
          for (let c = first[n]!; c >= 0 && op === undefined; c = next[c]!) {
            const k = this.code(c);
            if (k === T.and || k === T.or) op = k;
          }
          const polarity = left >= 0 && right >= 0 && op !== undefined ? this.testPolarity(left) : undefined;
          if (polarity && right >= 0 && this.isExit(right) && (op === T.or) === (polarity === 'positive')) {
            (exitGuards ??= []).push({ text: this.text(left), line: rowAt(beg[left]!) });
          } else if (polarity && right !== left && (op === T.and) === (polarity === 'positive')) {
            // Only the two sides are read (in order: left comes first).
            mark(left, fn, guarded, block, 0);
            mark(right, fn, 1, -1, 0);
            continue;
          }
          break;
        }
        case T.if_statement: {
          let testsFile = false;
          let negative = -1;
          let conditions = 0;
          for (let c = first[n]!; c >= 0; c = next[c]!) {
            if (fld[c] !== g.fCondition) continue;
            if (this.isTest(c)) testsFile = true;
            if (this.isNamed(c)) {
              conditions++;
              negative = c;
            }
          }
          // `if [ ! -r f ]; then exit 0; fi`
          if (conditions === 1 && this.testPolarity(negative) === 'negative' && !this.hasElse(n) && /\b(exit|return)\b/.test(this.text(n))) {
            (exitGuards ??= []).push({ text: this.text(negative), line: rowAt(beg[negative]!) });
          }
          lastBlock = visitChildren(g, n, block, fn, guarded, testsFile, lastBlock);
          continue;
        }
      }
      lastBlock = visitChildren(g, n, block, fn, guarded, false, lastBlock);
    }
    const fs = functions ?? NONE;
    const cs = commands ?? NONE;
    const as = assignments ?? NO_ASSIGNMENTS;
    const av = argVariables ? [...argVariables] : NONE;
    const ks = cases ?? NONE;
    const es = errors ?? NONE;
    const gs = exitGuards ?? NONE;
    const bs = blocks ?? NONE;
    // Two literals, not a property added afterwards: each shape is then one V8 keeps (see `walkerShapes`).
    return varPath
      ? { row, functions: fs, commands: cs, assignments: as, argVariables: av, cases: ks, errors: es, varPath, varPaths: varPaths!, exitGuards: gs, blocks: bs, lastBlock }
      : { row, functions: fs, commands: cs, assignments: as, argVariables: av, cases: ks, errors: es, varPaths: NONE, exitGuards: gs, blocks: bs, lastBlock };
  }

  private hasElse(i: number): boolean {
    for (let c = first[i]!; c >= 0; c = next[c]!) {
      const k = this.code(c);
      if (this.isNamed(c) && (k === T.else_clause || k === T.elif_clause)) return true;
    }
    return false;
  }
}

const reader = new Reader();

/** Marks node `i` to be read, with what it inherits. */
function mark(i: number, fn: number, guarded: number, block: number, inWord: number): void {
  vis[i] = 1;
  cFn[i] = fn;
  cGuard[i] = guarded;
  cBlock[i] = block;
  cWord[i] = inWord;
}

/**
 * Marks the named children of `parent` to be read. `ifTests`: an `if` whose condition tests a
 * file guards its other children. Statement lists get their numbers here, in reading order
 * (after `lastBlock`, returned updated).
 */
function visitChildren(g: Grammar, parent: number, parentBlock: number, fn: number, guarded: number, ifTests: boolean, lastBlock: number): number {
  const pt = typ[parent]!;
  const pf = g.flags[pt]!;
  if (pf & F_LEAF) return lastBlock;
  const pcode = g.code[pt];
  const named = g.named;
  const fCondition = g.fCondition;
  const isList = (pf & F_LIST) !== 0;
  const redirected = pcode === T.redirected_statement;
  const body = redirected ? fieldChild(parent, g.fBody) : -1;
  // The first part of `a && b`, `a || b` or `a | b` always runs.
  const firstRuns = pcode === T.list || pcode === T.pipeline;
  const inWord = pcode === T.concatenation || pcode === T.string ? 1 : 0;
  let listNo = 0;
  let index = 0;
  for (let c = first[parent]!; c >= 0; c = next[c]!) {
    if (named[typ[c]!] !== 1) continue;
    let block = -1;
    if (isList) {
      if (fld[c] !== fCondition) {
        if (listNo === 0) listNo = ++lastBlock;
        block = listNo;
      }
    } else if (redirected) block = c === body ? parentBlock : -1;
    else if (firstRuns) block = index === 0 ? parentBlock : -1;
    vis[c] = 1;
    cFn[c] = fn;
    cGuard[c] = ifTests ? (guarded === 1 || fld[c] !== fCondition ? 1 : 0) : guarded;
    cBlock[c] = block;
    cWord[c] = inWord;
    index++;
  }
  return lastBlock;
}

/** The first child of `i` with field `field`, or -1. */
function fieldChild(i: number, field: number): number {
  for (let c = first[i]!; c >= 0; c = next[c]!) if (fld[c] === field) return c;
  return -1;
}

/**
 * MISSING nodes: what tree-sitter inserted to close a construct the text leaves open (an `esac`,
 * `fi`, `done` or `}` the file never has: "end of file unexpected" in dash and bash). They are
 * mostly anonymous tokens, which the walk over named children never meets: found here by
 * descending only into subtrees that contain an error.
 */
function missingNodes(roots: readonly Node[], out: Range[]): void {
  const stack = roots.filter((r) => r.hasError);
  while (stack.length > 0 && out.length < 50) {
    const n = stack.pop()!;
    if (n.isMissing) {
      out.push(range(n.startPosition.row, n.startPosition.column, n.endPosition.column, n.endPosition.row));
      continue;
    }
    for (const c of n.children) if (c && (c.isMissing || c.hasError)) stack.push(c);
  }
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
