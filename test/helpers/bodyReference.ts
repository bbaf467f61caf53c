// The body reader as it was before session 7 (Node API walk), kept only as the reference the
// new cursor-based reader (server/src/service/languages/initscript/body.ts) is compared with:
// its reading of the tree (the walk, statements reused by key); the model's types, moving a
// reused fragment to its new row and the assembly of fragments into the model are body.ts's own,
// shared by both.

/**
 * The script body, from the tree-sitter-bash tree: the `case "$1"` dispatcher and its
 * branches, function definitions, commands with their arguments, `exit N`, sourced files,
 * `set -e`, simple variable assignments. Syntax nodes stay in this file; the rest of the
 * module sees plain data with ranges.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { range, type Range } from '../../server/src/service/core/types';
// What the model is, and how fragments become it, are the product's own: only the reading of the tree is kept here.
import { assembleBody, fragmentAt, statementKey, type BodyCache, type BodyModel, type Branch, type Dispatcher, type Fragment, type Word } from '../../server/src/service/languages/initscript/body';

function rangeOf(n: Node): Range {
  return range(n.startPosition.row, n.startPosition.column, n.endPosition.column, n.endPosition.row);
}

/** Quotes removed from a word-like node; expansions kept as written. */
function unquote(n: Node): string {
  switch (n.type) {
    case 'raw_string':
      return n.text.slice(1, -1);
    case 'string':
      return n.text.slice(1, -1);
    case 'concatenation':
      return n.namedChildren.map((c) => (c ? unquote(c) : '')).join('');
    default:
      return n.text;
  }
}

/** Does the node contain an expansion or a substitution? (Iterative: scripts may nest deeply.) */
function isDynamic(n: Node): boolean {
  const stack: Node[] = [n];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    const type = cur.type;
    if (DYNAMIC.has(type)) return true;
    // Leaves (most arguments are plain words) are not asked for children: each ask crosses into wasm.
    if (LEAVES.has(type)) continue;
    for (const c of cur.namedChildren) if (c) stack.push(c);
  }
  return false;
}
const DYNAMIC = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

function toWord(n: Node): Word {
  return { text: unquote(n), raw: n.text, range: rangeOf(n), dynamic: isDynamic(n) };
}

const ARG_RE = /^"?\$\{?1(:?[-=?+][^}]*)?\}?"?$/;

/** Node types that hold a list of statements run one after the other. */
const STATEMENT_LISTS = new Set(['program', 'compound_statement', 'do_group', 'case_item', 'if_statement', 'elif_clause', 'else_clause', 'subshell']);

/** A word or string whose text has a path starting with /var/ (not `$ROOT/var/...`). */
const VAR_PATH = /(^|[\s"'=:])\/var\//;
const MAX_VAR_PATHS = 200;
const WORDLIKE = new Set(['word', 'string', 'raw_string', 'concatenation']);
/** Node types without named children that matter here (tokens). */
const LEAVES = new Set(['word', 'comment', 'variable_name', 'raw_string', 'special_variable_name', 'file_descriptor', 'test_operator', 'regex', 'ansi_c_string', 'string_content', 'heredoc_start', 'heredoc_end']);

/**
 * The body model of a tree; with `previous` (the cache of the last version) only the top-level
 * statements that changed are read from the tree. The result is the same either way.
 */
export function extractBody(tree: Tree, previous?: BodyCache): BodyModel & { cache?: BodyCache } {
  const { fragments, cache } = readStatements(tree, previous);
  return assembleBody(fragments, cache);
}

/**
 * The fragments of a tree's top-level statements in order, each with its key (column and text);
 * those whose key is in `previous` are reused, moved to their new row. With the cache for the
 * next version (none for a tree with errors).
 */
export function readStatements(tree: Tree, previous?: BodyCache): { fragments: Fragment[]; keys?: string[]; cache?: BodyCache } {
  const root = tree.rootNode;
  // Fragments come only from clean trees: error recovery can read the same text differently.
  if (root.hasError) previous = undefined;
  // Not a program (cannot happen for bash): read it all, keep nothing.
  if (root.type !== 'program') return { fragments: [walk([root])] };
  const cached = new Map<string, Fragment>();
  const fragments: Fragment[] = [];
  const keys: string[] = [];
  for (const child of root.namedChildren) {
    if (!child) continue;
    const start = child.startPosition;
    const key = statementKey(start.column, child.text);
    let f = previous?.fragments.get(key);
    if (f) f = fragmentAt(f, start.row);
    f ??= walk([child], start.row);
    cached.set(key, f);
    fragments.push(f);
    keys.push(key);
  }
  return { fragments, keys, cache: root.hasError ? undefined : { fragments: cached } };
}

/** Reads the subtrees of `roots` (statements at the top level of the script). */
function walk(roots: Node[], row = 0): Fragment {
  const model: Fragment = { row, functions: [], commands: [], assignments: new Map(), argVariables: [], cases: [], errors: [], exitGuards: [], varPaths: [], blocks: [], lastBlock: 0 };
  const argVariables = new Set<string>();
  const cases = model.cases;
  // Statement lists numbered in walk order (node ids differ from one tree to the next).
  const lists = new Map<number, number>();
  // isTest per node id: `a && b && c …` nests to the left, and every level asks whether its
  // left side holds a test (without it, a 2,000-line `\`-continued && chain was quadratic).
  const tests = new Map<number, boolean>();
  const listNumber = (id: number) => {
    let k = lists.get(id);
    if (k === undefined) lists.set(id, (k = ++model.lastBlock));
    return k;
  };

  // Pre-order walk with an explicit stack (scripts can nest thousands deep). `block` is the
  // statement list the node runs in unconditionally (see `CommandInfo.block`); `inWord`: the
  // parent is a concatenation or a string (only whole words are looked at for /var/).
  type Item = { n: Node; inFunction: string | undefined; guarded: boolean; block?: number; inWord?: boolean };
  const stack: Item[] = [];
  // web-tree-sitter's node getters each cross into wasm: read a node's type once, and do not
  // ask leaves for children or clean subtrees for MISSING nodes.
  const clean = roots.every((r) => !r.hasError);
  const pushChildren = (parent: Node, parentType: string, parentBlock: number | undefined, make: (c: Node) => Item) => {
    if (LEAVES.has(parentType)) return;
    const children = parent.namedChildren;
    const conditions = STATEMENT_LISTS.has(parentType) ? parent.childrenForFieldName('condition').map((c) => c?.id) : undefined;
    const body = parentType === 'redirected_statement' ? parent.childForFieldName('body')?.id : undefined;
    const inWord = parentType === 'concatenation' || parentType === 'string';
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (!c) continue;
      let block: number | undefined;
      if (conditions) block = conditions.includes(c.id) ? undefined : listNumber(parent.id);
      else if (parentType === 'redirected_statement') block = c.id === body ? parentBlock : undefined;
      // The first part of `a && b`, `a || b` or `a | b` always runs.
      else if (parentType === 'list' || parentType === 'pipeline') block = i === 0 ? parentBlock : undefined;
      const item = make(c);
      item.block = block;
      item.inWord = inWord;
      stack.push(item);
    }
  };
  // The top-level statements run in the script's own list: number 0.
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ n: roots[i]!, inFunction: undefined, guarded: false, block: 0 });
  while (stack.length > 0) {
    const { n, inFunction, guarded, block, inWord } = stack.pop()!;
    const type = n.type;
    if (type === 'ERROR') {
      if (model.errors.length < 50) model.errors.push(rangeOf(n));
    }
    if (model.varPaths.length < MAX_VAR_PATHS && !inWord && WORDLIKE.has(type) && VAR_PATH.test(n.text)) {
      const r = rangeOf(n);
      model.varPath ??= r;
      model.varPaths.push(r);
    }
    let children: 'default' | 'done' = 'default';
    switch (type) {
      case 'function_definition': {
        const name = n.childForFieldName('name');
        if (name) model.functions.push({ name: name.text, nameRange: rangeOf(name), range: rangeOf(n) });
        const fn = name?.text ?? inFunction;
        pushChildren(n, type, block, (c) => ({ n: c, inFunction: fn, guarded: false }));
        children = 'done';
        break;
      }
      case 'case_statement': {
        const value = n.childForFieldName('value');
        if (value) cases.push({ inFunction: inFunction !== undefined, topLevel: block === 0, value: value.text, dispatcher: dispatcherOf(n) });
        break;
      }
      case 'variable_assignment': {
        const name = n.childForFieldName('name')?.text;
        const value = n.childForFieldName('value');
        if (name) {
          const text = value ? unquote(value) : '';
          const existing = model.assignments.get(name);
          const topLevel = inFunction === undefined;
          if (!existing || (topLevel && !existing.topLevel)) model.assignments.set(name, { value: text, range: rangeOf(n), topLevel });
          else if (!topLevel && !existing.topLevel && existing.value !== text) model.assignments.set(name, { ...existing, ambiguous: true });
          if (value && ARG_RE.test(value.text)) argVariables.add(name);
        }
        break;
      }
      case 'command': {
        const nameNode = n.childForFieldName('name');
        if (nameNode) {
          const args = n.childrenForFieldName('argument').filter((a): a is Node => a !== null).map(toWord);
          model.commands.push({ name: unquote(nameNode), nameRange: rangeOf(nameNode), args, range: rangeOf(n), inFunction, guarded });
          model.blocks.push(block);
        }
        break;
      }
      case 'list': {
        // `[ -r f ] && cmd` / `[ ! -r f ] || cmd`: the right side runs only when the test holds.
        // `[ -r f ] || exit` / `[ ! -r f ] && exit`: what follows runs only when it holds.
        const [left, right] = [n.namedChildren[0], n.namedChildren[n.namedChildren.length - 1]];
        const op = n.children.find((c) => c?.type === '&&' || c?.type === '||')?.type;
        const polarity = left && right && op ? testPolarity(left, tests) : undefined;
        if (polarity && right && isExit(right) && (op === '||') === (polarity === 'positive')) {
          model.exitGuards.push({ text: left!.text, line: left!.startPosition.row });
        } else if (polarity && right && (op === '&&') === (polarity === 'positive')) {
          stack.push({ n: right, inFunction, guarded: true });
          stack.push({ n: left!, inFunction, guarded, block });
          children = 'done';
        }
        break;
      }
      case 'if_statement': {
        const condition = n.childrenForFieldName('condition').filter((c): c is Node => c !== null);
        const testsFile = condition.some((c) => isTest(c, tests));
        // `if [ ! -r f ]; then exit 0; fi`
        const named = condition.filter((c) => c.isNamed);
        if (named.length === 1 && testPolarity(named[0]!, tests) === 'negative' && !n.namedChildren.some((c) => c?.type === 'else_clause' || c?.type === 'elif_clause') && /\b(exit|return)\b/.test(n.text)) {
          model.exitGuards.push({ text: named[0]!.text, line: named[0]!.startPosition.row });
        }
        pushChildren(n, type, block, (c) => ({ n: c, inFunction, guarded: guarded || (testsFile && !condition.some((x) => x.id === c.id)) }));
        children = 'done';
        break;
      }
    }
    if (children === 'default') pushChildren(n, type, block, (c) => ({ n: c, inFunction, guarded }));
  }
  model.argVariables = [...argVariables];
  if (!clean) missingNodes(roots, model.errors);
  return model;
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
      out.push(rangeOf(n));
      continue;
    }
    for (const c of n.children) if (c && (c.isMissing || c.hasError)) stack.push(c);
  }
}

/** Whether a condition is a test that holds (`[ -r f ]`) or fails (`[ ! -r f ]`, `! test -r f`) for a file that is there. */
function testPolarity(n: Node, memo: Map<number, boolean>): 'positive' | 'negative' | undefined {
  if (!isTest(n, memo)) return undefined;
  if (n.type === 'negated_command') return 'negative';
  return /^(\[\[?|test)[ \t]+![ \t]/.test(n.text) ? 'negative' : 'positive';
}

/** `exit N`, `return N`, or a `{ …; exit N; }` group ending in one. */
function isExit(n: Node): boolean {
  if (n.type === 'command') {
    const name = n.childForFieldName('name')?.text;
    return name === 'exit' || name === 'return';
  }
  if (n.type !== 'compound_statement') return false;
  const last = n.namedChildren[n.namedChildren.length - 1];
  return !!last && last.type === 'command' && isExit(last);
}

/**
 * A test (`[ … ]`, `[[ … ]]`, `test …`), or a list, negation or subshell holding one. Post-order
 * with an explicit stack, each node's answer kept in `memo` (by node id, one tree): a node is
 * looked at once however many enclosing lists ask.
 */
function isTest(n: Node, memo: Map<number, boolean>): boolean {
  const stack: { node: Node; kids?: Node[] }[] = [{ node: n }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const cur = top.node;
    if (memo.has(cur.id)) {
      stack.pop();
      continue;
    }
    if (top.kids) {
      stack.pop();
      memo.set(cur.id, top.kids.some((c) => memo.get(c.id) === true));
      continue;
    }
    const type = cur.type;
    if (type === 'test_command') {
      stack.pop();
      memo.set(cur.id, true);
    } else if (type === 'command') {
      stack.pop();
      const name = cur.childForFieldName('name')?.text;
      memo.set(cur.id, name === 'test' || name === '[' || name === '[[');
    } else if (type === 'list' || type === 'negated_command' || type === 'subshell') {
      top.kids = cur.namedChildren.filter((c): c is Node => c !== null);
      for (const c of top.kids) if (!memo.has(c.id)) stack.push({ node: c });
    } else {
      stack.pop();
      memo.set(cur.id, false);
    }
  }
  return memo.get(n.id)!;
}

function dispatcherOf(n: Node): Dispatcher {
  const value = n.childForFieldName('value')!;
  const inKw = n.children.find((c) => c?.type === 'in');
  const head = range(n.startPosition.row, n.startPosition.column, (inKw ?? value).endPosition.column, (inKw ?? value).endPosition.row);
  const branches: Branch[] = [];
  for (const item of n.namedChildren) {
    if (!item || item.type !== 'case_item') continue;
    const patterns = item.childrenForFieldName('value').filter((v): v is Node => v !== null).map(toWord);
    branches.push({ patterns, range: rangeOf(item), line: item.startPosition.row });
  }
  return { headRange: head, range: rangeOf(n), branches };
}
