/**
 * The haresources checks that need other files (spec/checks.md "workspace"): the ha.cf of
 * the same directory (nodes, crm/pacemaker, autojoin) and the resource scripts of the same
 * image root. Run only through a `WorkspaceHost`, and only for a file named `haresources`.
 */
import type { Tree } from 'web-tree-sitter';
import { stopAfter } from '../../shell/budget';
import { parseBudgetMs, type ShellBodies } from '../../shell/parse';
import { parseBash, parserFailed, sharedBashParser, shellRefusal } from '../../shell/treeSitter';
import { extractBody, type BodyModel, type CommandInfo } from '../initscript/body';
import { globMatches } from '../initscript/checks';
import type { WorkspaceHost } from '../../core/language';
import type { Settings } from '../../core/settings';
import { beforeFirst, trimEndOf } from '../../core/scan';
import { SourceText } from '../../core/text';
import { range, type Range, type RawProblem } from '../../core/types';
import { checkHacf, type HacfFacts } from '../hacf/checks';
import { parseHacf } from '../hacf/parse';
import { heartbeatDirFile, imageRoot } from '../hacf/shared';
import type { HaresourcesModel } from './parse';
import { findAgent } from './spec';

export interface HaresourcesContext {
  /** The ha.cf next to the file, when there is one. */
  hacf?: { path: string; text: string; facts: HacfFacts };
  /** Where resource scripts are looked up, in heartbeat's order (only the ones that exist). */
  scriptDirs: string[];
  /** The file's own path. */
  path?: string;
  /** The mounts of the same image root's `etc/fstab`, when there is one. */
  fstab?: { path: string; mounts: FstabMount[] };
}

export interface FstabMount {
  /** The mount point, octal escapes (`\040`) decoded, trailing slashes removed. */
  dir: string;
  /** 0-based line in fstab. */
  line: number;
  noauto: boolean;
}

/** A mount point as a path to compare: trailing slashes removed (`/` stays). */
const normDir = (dir: string): string => (dir.length > 1 ? trimEndOf(dir, '/') || '/' : dir);

/** The mount lines of an fstab: `SPEC FILE [TYPE [OPTIONS …]]`, `#` comments. */
export function parseFstab(text: string): FstabMount[] {
  const out: FstabMount[] = [];
  text.split('\n').forEach((raw, line) => {
    const fields = raw.trim().split(/[ \t]+/);
    if (fields.length < 2 || fields[0]!.startsWith('#')) return;
    const dir = fields[1]!.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
    if (!dir.startsWith('/')) return; // swap, none
    out.push({ dir: normDir(dir), line, noauto: (fields[3] ?? '').split(',').includes('noauto') });
  });
  return out;
}

export function loadContext(path: string, host: WorkspaceHost, settings: Settings): HaresourcesContext {
  const ctx: HaresourcesContext = { scriptDirs: [], path };
  const hacfPath = heartbeatDirFile(path, 'ha.cf');
  const text = host.readFile(hacfPath);
  if (text !== undefined) {
    const src = new SourceText(text);
    ctx.hacf = { path: hacfPath, text, facts: checkHacf(parseHacf(src), src, settings.heartbeatVersion).facts };
  }
  const root = imageRoot(path);
  if (root !== undefined) {
    for (const d of ['/etc/ha.d/resource.d', '/etc/init.d', '/etc/rc.d/init.d']) {
      if (host.stat(root + d)?.isDirectory) ctx.scriptDirs.push(root + d);
    }
    const fstab = `${root}/etc/fstab`;
    const text = host.readFile(fstab);
    if (text !== undefined) ctx.fstab = { path: fstab, mounts: parseFstab(text) };
  }
  return ctx;
}

/** The path heartbeat would run for a resource, or undefined when none is found. */
export function resolveScript(name: string, ctx: HaresourcesContext, host: WorkspaceHost): string | undefined {
  if (name.includes('/')) return undefined;
  for (const dir of ctx.scriptDirs) {
    const st = host.stat(`${dir}/${name}`);
    if (st?.isFile && (st.mode === undefined || (st.mode & 0o111) !== 0)) return `${dir}/${name}`;
  }
  return undefined;
}

/**
 * What an init script's `status` action shows heartbeat, which runs `NAME status` and greps
 * the output for `running` or `OK` (case-insensitive):
 * - `no-branch`: the dispatcher has no branch for `status` (workspace/resource-script-no-status);
 * - `silent`: the whole status path is visible and prints neither word
 *   (workspace/resource-status-output), with the branch's line;
 * - undefined: unknown (no parser, no dispatcher, syntax errors, a helper whose output is not
 *   known) or it prints one of them. Only a path made of plain commands known to print
 *   nothing, `echo`/`printf` of constant text and the script's own functions built of the
 *   same counts as visible: anything else (`status`, `status_of_proc`, `pidofproc`, `$DAEMON
 *   status`, `ps`, sourced files, …) may print "running".
 */
type StatusOutput = { kind: 'no-branch' } | { kind: 'silent'; line: number };

/** Commands that print nothing on stdout (their error messages aside). */
const SILENT = new Set(['exit', 'return', 'true', 'false', ':', '[', 'test', 'local', 'export', 'unset', 'shift', 'set', 'sleep', 'readonly']);

/**
 * The body model of a resource script: from the parser host when there is one (undefined while
 * it is being parsed: the host says when it is ready, and the file is checked again), else
 * parsed in this thread with the same guards as an open script.
 */
function resourceBody(path: string, text: string, shell: ShellBodies | undefined): BodyModel | undefined {
  const ready = shell?.bodyOf(path, text);
  if (ready !== undefined) return ready === 'pending' ? undefined : ready.body;
  const parser = sharedBashParser();
  if (!parser || shellRefusal(text)) return undefined;
  // The same guards as an open script: long comment runs defused, a time budget, and a wasm
  // failure turning shell parsing off rather than throwing.
  const progressCallback = stopAfter(parseBudgetMs(text.length));
  let tree: Tree | null;
  try {
    tree = parseBash(parser, text, null, { progressCallback });
  } catch (err) {
    parserFailed(err);
    return undefined;
  }
  if (!tree) {
    parser.reset();
    return undefined;
  }
  try {
    return extractBody(tree);
  } finally {
    tree.delete();
  }
}

function statusOutput(path: string, host: WorkspaceHost, shell: ShellBodies | undefined): StatusOutput | undefined {
  const text = host.readFile(path);
  if (text === undefined) return undefined;
  const body = resourceBody(path, text, shell);
  if (!body) return undefined;
  const d = body.dispatcher;
  if (!d) return undefined;
  if (!d.branches.some((b) => b.patterns.some((p) => p.text !== '*' && globMatches(p.text, 'status')))) return { kind: 'no-branch' };

  // The branch `case` takes for status: the first whose pattern matches it.
  const index = d.branches.findIndex((b) => b.patterns.some((p) => globMatches(p.text, 'status')));
  const branch = d.branches[index];
  if (!branch || body.errors.length > 0) return undefined;
  if (branch.patterns.some((p) => p.dynamic) || branch.patterns.every((p) => p.text === '*')) return undefined;
  // A dispatcher inside a function, or a branch that falls through (`;&`, `;;&`): not followed.
  if (body.functions.some((f) => contains(f.range, d.range))) return undefined;
  const lines = text.split('\n');
  const end = (lines[branch.range.end.line] ?? '').slice(0, branch.range.end.character).trimEnd();
  if (/;;?&$/.test(end)) return undefined;

  const inBranch = body.commands.filter((c) => c.inBranch === index);
  if (inBranch.some((c) => c.inFunction !== undefined)) return undefined;
  // What runs after the case statement runs for status too (unless the branch exits).
  const after = body.commands.filter((c) => c.inFunction === undefined && c.inBranch === undefined && startsAfter(c.range, d.range));
  const verdict = classify([...inBranch, ...after], body, new Set());
  return verdict === 'silent' ? { kind: 'silent', line: branch.line } : undefined;
}

type Verdict = 'silent' | 'prints' | 'unknown';

function classify(commands: readonly CommandInfo[], body: BodyModel, following: Set<string>): Verdict {
  for (const c of commands) {
    const v = classifyCommand(c, body, following);
    if (v !== 'silent') return v;
  }
  return 'silent';
}

function classifyCommand(c: CommandInfo, body: BodyModel, following: Set<string>): Verdict {
  if (/[$`\\]/.test(c.name)) return 'unknown';
  const defs = body.functions.filter((f) => f.name === c.name);
  if (defs.length > 0) {
    // The script's own function: what it runs, once (a second definition or recursion: unknown).
    if (defs.length > 1 || following.has(c.name) || following.size >= 8) return 'unknown';
    const next = new Set(following).add(c.name);
    return classify(body.commands.filter((x) => x.inFunction === c.name), body, next);
  }
  if (c.name === 'echo' || c.name === 'printf') {
    if (c.args.some((a) => a.dynamic)) return 'unknown';
    return /running|ok/i.test(c.args.map((a) => a.text).join(' ')) ? 'prints' : 'silent';
  }
  return SILENT.has(c.name) ? 'silent' : 'unknown';
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function startsAfter(r: Range, other: Range): boolean {
  return r.start.line > other.end.line || (r.start.line === other.end.line && r.start.character >= other.end.character);
}

/**
 * The other node roots of a workspace with one folder per node (`node1/etc/ha.d`,
 * `node2/etc/ha.d`): the sibling folders of this file's image root that hold the same file.
 */
function siblingCopies(path: string, host: WorkspaceHost): string[] {
  const root = imageRoot(path);
  if (root === undefined || root === '') return [];
  const parent = root.slice(0, root.lastIndexOf('/'));
  const own = root.slice(root.lastIndexOf('/') + 1);
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (host.listDir(parent || '/') ?? []).filter((n) => n !== own).map((n) => `${parent}/${n}/etc/ha.d/${name}`).filter((p) => host.stat(p)?.isFile);
}

/** Lines that matter to heartbeat: comments and trailing blanks dropped, continuations kept. */
function meaningful(text: string): { line: number; text: string }[] {
  return text.split('\n').map((t, line) => ({ line, text: beforeFirst(t.replace(/\r$/, ''), '#').trimEnd() })).filter((l) => l.text.trim().length > 0);
}

/** workspace/haresources-differs: this node's haresources against the other nodes' copies. */
function checkCopies(src: SourceText, path: string, host: WorkspaceHost, out: RawProblem[]): void {
  const mine = meaningful(src.text);
  for (const other of siblingCopies(path, host)) {
    const theirs = meaningful(host.readFile(other) ?? '');
    const n = Math.max(mine.length, theirs.length);
    for (let i = 0; i < n; i++) {
      if (mine[i]?.text === theirs[i]?.text) continue;
      const at = mine[i] ?? mine[mine.length - 1];
      const line = at?.line ?? 0;
      out.push({
        code: 'workspace/haresources-differs', range: range(line, 0, src.lineText(line).replace(/\r$/, '').length),
        message: `This node's haresources differs from ${other} ${theirs[i] ? `(there: '${theirs[i]!.text.trim()}')` : '(it ends here)'}; heartbeat wants the same file on every node. Make them identical.`,
        related: [{ path: other, range: range(theirs[i]?.line ?? 0, 0, 0), message: 'the other node\'s copy' }],
      });
      break;
    }
  }
}

export function checkWorkspace(model: HaresourcesModel, src: SourceText, ctx: HaresourcesContext, host: WorkspaceHost, shell?: ShellBodies): RawProblem[] {
  const out: RawProblem[] = [];
  if (ctx.path) checkCopies(src, ctx.path, host, out);
  const hacf = ctx.hacf;
  if (hacf?.facts.crm) {
    const crm = hacf.facts.crm;
    out.push({
      code: 'workspace/haresources-ignored', range: range(0, 0, src.lineText(0).length),
      message: `${hacf.path} turns on ${hacf.text.split('\n')[crm.line]?.trim().split(/\s/)[0] ?? 'pacemaker'} (line ${crm.line + 1}), so heartbeat ignores this file. Configure the resources in Pacemaker, or remove the file.`,
      related: [{ path: hacf.path, range: range(crm.line, crm.start, crm.end), message: 'pacemaker/crm turned on here' }],
    });
    return out;
  }
  if (hacf && hacf.facts.autojoin !== 'any' && hacf.facts.nodes.length > 0) {
    const nodes = new Set(hacf.facts.nodes.map((n) => n.text.toLowerCase()));
    for (const g of model.groups) {
      if (g.afterBrokenContinuation) continue; // reported as haresources/blank-after-backslash
      if (nodes.has(g.node.text.toLowerCase())) continue;
      out.push({
        code: 'workspace/unknown-node', range: range(g.node.line, g.node.start, g.node.end),
        message: `'${g.node.text}' is not a node of ${hacf.path} (${[...nodes].join(', ')}); heartbeat refuses to start ("Bad nodename"). Use one of the node names.`,
      });
    }
  }
  if (ctx.fstab) {
    const fstab = ctx.fstab;
    for (const g of model.groups) {
      for (const r of g.resources) {
        const dir = r.name === 'Filesystem' && !r.bareAddress ? r.args[1] : undefined;
        if (!dir || !dir.text.startsWith('/')) continue;
        const m = fstab.mounts.find((x) => x.dir === normDir(dir.text) && !x.noauto);
        if (!m) continue;
        out.push({
          code: 'haresources/filesystem-in-fstab', range: range(dir.line, dir.start, dir.end),
          message: `${fstab.path} line ${m.line + 1} also mounts ${dir.text} at boot, so it can be mounted on both nodes at once. Remove it from fstab, or add 'noauto' to its options there.`,
          related: [{ path: fstab.path, range: range(m.line, 0, 0), message: 'mounted at boot here' }],
        });
      }
    }
  }
  if (ctx.scriptDirs.length > 0) {
    for (const g of model.groups) {
      for (const r of g.resources) {
        if (r.bareAddress || findAgent(r.name) || r.name.length === 0) continue;
        const script = resolveScript(r.name, ctx, host);
        if (script) {
          const status = /\/init\.d\/[^/]+$/.test(script) ? statusOutput(script, host, shell) : undefined;
          if (status?.kind === 'no-branch') {
            out.push({
              code: 'workspace/resource-script-no-status', range: range(r.nameToken.line, r.nameToken.start, r.nameToken.end),
              message: `${script} has no 'status)' branch: heartbeat runs '${r.name} status' to see whether the resource runs, and never sees it running. Add a status branch (exit 0 and print "running" when it runs).`,
              related: [{ path: script, range: range(0, 0, 0), message: `the init script of '${r.name}'` }],
            });
          } else if (status?.kind === 'silent' && r.args.length === 0) {
            // With arguments (`NAME::a`) the script gets `a status`: its $1 is not the action.
            out.push({
              code: 'workspace/resource-status-output', range: range(r.nameToken.line, r.nameToken.start, r.nameToken.end),
              message: `'${r.name} status' prints neither "running" nor "OK", and heartbeat greps its output for them: it never sees the resource running. Make the status branch of ${script} print "${r.name} is running" when it runs (as status/status_of_proc do).`,
              related: [{ path: script, range: range(status.line, 0, 0), message: `the status branch of '${r.name}'` }],
            });
          }
          continue;
        }
        out.push({
          code: 'workspace/missing-resource-script', range: range(r.nameToken.line, r.nameToken.start, r.nameToken.end),
          message: `No executable '${r.name}' in ${ctx.scriptDirs.join(' or ')}: the group fails at takeover ("Cannot locate resource script"). Add the script (mode 755) or fix the name.`,
        });
      }
    }
  }
  return out;
}
