/**
 * The "Preview links" document of a script: per runlevel, the link the tree's tool would
 * create, the link present now, and where chkconfig and insserv would disagree.
 */
import type { WorkspaceHost } from '../core/language';
import { defaultTool, plan, type PlannedLink, type Tool } from './planner';
import { loadInitTree } from './scripts';

export interface LinkRow {
  runlevel: string;
  planned?: string;
  present: string[];
  other?: string;
}

export interface LinkPreview {
  script: string;
  tool: Tool;
  otherTool: Tool;
  rows: LinkRow[];
  refused?: string;
  errors: string[];
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
  const otherTool: Tool = tool === 'chkconfig' ? 'insserv' : 'chkconfig';
  const main = plan(tree, tool, host);
  const other = plan(tree, otherTool, host);
  const rel = tree.initDir.slice(root.length + 1);
  const base = `${root}/${rel.slice(0, rel.lastIndexOf('/'))}`;
  const name = (l?: PlannedLink) => (l ? l.link.slice(l.link.lastIndexOf('/') + 1) : undefined);
  const re = new RegExp(`^[SK]\\d\\d${script.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const rows: LinkRow[] = ['S', '0', '1', '2', '3', '4', '5', '6'].map((level) => ({
    runlevel: level,
    planned: name(main.links.find((l) => l.script === script.name && String(l.runlevel) === level)),
    present: (host.listDir(`${base}/rc${level}.d`) ?? []).filter((n) => re.test(n)),
    other: name(other.links.find((l) => l.script === script.name && String(l.runlevel) === level)),
  })).filter((r) => r.planned || r.present.length > 0 || r.other || r.runlevel !== 'S');
  return {
    script: script.name, tool, otherTool, rows,
    refused: main.refused.find((r) => r.script === script.name)?.reason,
    errors: main.errors.filter((e) => e.script === script.name).map((e) => e.message),
  };
}

export function renderPreview(p: LinkPreview): string {
  const lines = [`Links of ${p.script} — planned by ${p.tool} (the tree's tool), compared with ${p.otherTool}`, ''];
  if (p.refused) lines.push(`${p.tool} refuses it: ${p.refused}`, '');
  for (const e of p.errors) lines.push(`${p.tool}: ${e}`);
  const w = (s: string, n: number) => s.padEnd(n);
  lines.push(`${w('level', 7)}${w(`${p.tool} would make`, 22)}${w('present now', 22)}${w(`${p.otherTool} would make`, 22)}note`);
  for (const r of p.rows) {
    const present = r.present.join(' ') || '—';
    const notes: string[] = [];
    if (r.planned && !r.present.includes(r.planned)) notes.push(r.present.length ? 'would change' : 'would be created');
    if (!r.planned && r.present.length) notes.push('would be removed');
    if ((r.planned ?? '') !== (r.other ?? '')) notes.push(`${p.tool} and ${p.otherTool} disagree`);
    lines.push(`${w(r.runlevel, 7)}${w(r.planned ?? '—', 22)}${w(present, 22)}${w(r.other ?? '—', 22)}${notes.join('; ')}`);
  }
  return lines.join('\n') + '\n';
}
