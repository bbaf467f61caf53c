/**
 * The "Preview links" document of a script: per runlevel, the link the tree's tool would
 * create, the link present now, and, on a tree where a second tool applies too (a Red Hat
 * tree with an insserv configuration), where the two would disagree.
 */
import type { WorkspaceHost } from '../core/language';
import { defaultTool, plan, type PlannedLink, type Tool } from './planner';
import { loadInitTree, type InitTree } from './scripts';

export interface LinkRow {
  runlevel: string;
  planned?: string;
  present: string[];
  other?: string;
}

export interface LinkPreview {
  script: string;
  tool: Tool;
  /** The second tool that applies to this tree, when one does (insserv on a Red Hat tree with an insserv.conf). */
  otherTool?: Tool;
  rows: LinkRow[];
  refused?: string;
  errors: string[];
}

/**
 * A second tool whose links are worth comparing: only where it applies to the tree too. A Red
 * Hat tree is handled by chkconfig alone unless it also has an insserv configuration; a Debian
 * or SUSE tree by insserv (or update-rc.d) alone: chkconfig does not run there.
 */
export function otherToolOf(tree: InitTree, tool: Tool): Tool | undefined {
  return tool === 'chkconfig' && tree.hasInsserv ? 'insserv' : undefined;
}

function rootOf(path: string): string | undefined {
  const m = /^(.*)\/etc\/(?:rc\.d\/)?init\.d\/[^/]+$/.exec(path);
  return m ? m[1]! : undefined;
}

export function previewLinks(path: string, host: WorkspaceHost): LinkPreview | undefined {
  const root = rootOf(path);
  if (root === undefined) return undefined;
  const tree = loadInitTree(root, host);
  const script = tree?.scripts.find((s) => s.path === path);
  if (!tree || !script) return undefined;
  const tool = defaultTool(tree);
  const otherTool = otherToolOf(tree, tool);
  const main = plan(tree, tool, host);
  const other = otherTool ? plan(tree, otherTool, host) : undefined;
  const rel = tree.initDir.slice(root.length + 1);
  const base = `${root}/${rel.slice(0, rel.lastIndexOf('/'))}`;
  const name = (l?: PlannedLink) => (l ? l.link.slice(l.link.lastIndexOf('/') + 1) : undefined);
  const re = new RegExp(`^[SK]\\d\\d${script.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const rows: LinkRow[] = ['S', '0', '1', '2', '3', '4', '5', '6'].map((level) => ({
    runlevel: level,
    planned: name(main.links.find((l) => l.script === script.name && String(l.runlevel) === level)),
    present: (host.listDir(`${base}/rc${level}.d`) ?? []).filter((n) => re.test(n)),
    other: other ? name(other.links.find((l) => l.script === script.name && String(l.runlevel) === level)) : undefined,
  })).filter((r) => r.planned || r.present.length > 0 || r.other || r.runlevel !== 'S');
  return {
    script: script.name, tool, otherTool, rows,
    refused: main.refused.find((r) => r.script === script.name)?.reason,
    errors: main.errors.filter((e) => e.script === script.name).map((e) => e.message),
  };
}

/** What a row's links come to: created, changed, removed, or where the two tools disagree. */
export function rowNotes(p: LinkPreview, r: LinkRow): string[] {
  const notes: string[] = [];
  if (r.planned && !r.present.includes(r.planned)) notes.push(r.present.length ? 'would change' : 'would be created');
  if (!r.planned && r.present.length) notes.push('would be removed');
  if (p.otherTool && (r.planned ?? '') !== (r.other ?? '')) notes.push(`${p.tool} and ${p.otherTool} disagree`);
  return notes;
}

export function renderPreview(p: LinkPreview): string {
  const lines = [`Links of ${p.script} — planned by ${p.tool} (the tree's tool)${p.otherTool ? `, compared with ${p.otherTool}` : ''}`, ''];
  if (p.refused) lines.push(`${p.tool} refuses it: ${p.refused}`, '');
  for (const e of p.errors) lines.push(`${p.tool}: ${e}`);
  const w = (s: string, n: number) => s.padEnd(n);
  lines.push(`${w('level', 7)}${w(`${p.tool} would make`, 22)}${w('present now', 22)}${p.otherTool ? w(`${p.otherTool} would make`, 22) : ''}note`);
  for (const r of p.rows) {
    const present = r.present.join(' ') || '—';
    lines.push(`${w(r.runlevel, 7)}${w(r.planned ?? '—', 22)}${w(present, 22)}${p.otherTool ? w(r.other ?? '—', 22) : ''}${rowNotes(p, r).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
