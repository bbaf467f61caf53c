/**
 * The script body, from the tree-sitter-bash tree: the `case "$1"` dispatcher and its
 * branches, function definitions, commands with their arguments, `exit N`, sourced files,
 * `set -e`, simple variable assignments. Syntax nodes stay in this file; the rest of the
 * module sees plain data with ranges.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { range, type Range } from '../../core/types';

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

export interface BodyModel {
  dispatcher?: Dispatcher;
  functions: FunctionInfo[];
  commands: CommandInfo[];
  /** First assignment of each variable (top level preferred): NAME → value as written, unquoted. */
  assignments: Map<string, { value: string; range: Range; topLevel: boolean }>;
  /** Variables assigned from $1 (`ACTION=$1`). */
  argVariables: Set<string>;
  /** Syntax error candidates: ERROR and MISSING nodes. */
  errors: Range[];
}

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

function isDynamic(n: Node): boolean {
  if (['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution'].includes(n.type)) return true;
  return n.namedChildren.some((c) => c !== null && isDynamic(c));
}

function toWord(n: Node): Word {
  return { text: unquote(n), raw: n.text, range: rangeOf(n), dynamic: isDynamic(n) };
}

const ARG_RE = /^"?\$\{?1(:?[-=?+][^}]*)?\}?"?$/;

export function extractBody(tree: Tree): BodyModel {
  const model: BodyModel = { functions: [], commands: [], assignments: new Map(), argVariables: new Set(), errors: [] };
  const cases: { node: Node; inFunction: boolean }[] = [];

  const visit = (n: Node, inFunction: string | undefined, guarded: boolean): void => {
    if (n.type === 'ERROR' || n.isMissing) {
      if (model.errors.length < 50) model.errors.push(rangeOf(n));
    }
    switch (n.type) {
      case 'function_definition': {
        const name = n.childForFieldName('name');
        if (name) model.functions.push({ name: name.text, nameRange: rangeOf(name), range: rangeOf(n) });
        for (const c of n.namedChildren) if (c) visit(c, name?.text ?? inFunction, false);
        return;
      }
      case 'case_statement':
        cases.push({ node: n, inFunction: inFunction !== undefined });
        break;
      case 'variable_assignment': {
        const name = n.childForFieldName('name')?.text;
        const value = n.childForFieldName('value');
        if (name) {
          const text = value ? unquote(value) : '';
          const existing = model.assignments.get(name);
          const topLevel = inFunction === undefined;
          if (!existing || (topLevel && !existing.topLevel)) model.assignments.set(name, { value: text, range: rangeOf(n), topLevel });
          if (value && ARG_RE.test(value.text)) model.argVariables.add(name);
        }
        break;
      }
      case 'command': {
        const nameNode = n.childForFieldName('name');
        if (nameNode) {
          const args = n.childrenForFieldName('argument').filter((a): a is Node => a !== null).map(toWord);
          model.commands.push({ name: unquote(nameNode), nameRange: rangeOf(nameNode), args, range: rangeOf(n), inFunction, guarded });
        }
        break;
      }
      case 'list': {
        // `test && cmd`: the right side runs only when the left side (a test) succeeds.
        const [left, right] = [n.namedChildren[0], n.namedChildren[n.namedChildren.length - 1]];
        const op = n.children.find((c) => c?.type === '&&' || c?.type === '||');
        if (left && right && op?.type === '&&' && isTest(left)) {
          visit(left, inFunction, guarded);
          visit(right, inFunction, true);
          return;
        }
        break;
      }
      case 'if_statement': {
        const condition = n.childrenForFieldName('condition').filter((c): c is Node => c !== null);
        const testsFile = condition.some(isTest);
        for (const c of n.namedChildren) if (c) visit(c, inFunction, guarded || (testsFile && !condition.includes(c)));
        return;
      }
    }
    for (const c of n.namedChildren) if (c) visit(c, inFunction, guarded);
  };
  visit(tree.rootNode, undefined, false);

  // The dispatcher: a case on $1 (or a variable holding it), outside functions if there is one.
  const onArg = (c: Node) => {
    const v = c.childForFieldName('value');
    if (!v) return false;
    const t = v.text;
    if (ARG_RE.test(t)) return true;
    const m = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(t);
    return !!m && model.argVariables.has(m[1]!);
  };
  const chosen = cases.find((c) => !c.inFunction && onArg(c.node)) ?? cases.find((c) => onArg(c.node));
  if (chosen) model.dispatcher = dispatcherOf(chosen.node);
  if (model.dispatcher) {
    const d = model.dispatcher;
    for (const cmd of model.commands) {
      const i = d.branches.findIndex((b) => within(cmd.range, b.range));
      if (i >= 0) cmd.inBranch = i;
    }
  }
  return model;
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function isTest(n: Node): boolean {
  if (n.type === 'test_command') return true;
  if (n.type === 'command') {
    const name = n.childForFieldName('name')?.text;
    return name === 'test' || name === '[' || name === '[[';
  }
  if (n.type === 'list' || n.type === 'negated_command' || n.type === 'subshell') return n.namedChildren.some((c) => c !== null && isTest(c));
  return false;
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
