/**
 * The boot-order pictures as HTML for a webview: the links of a script, the order rc runs
 * the links of each runlevel, the dependency graph of the init.d (laid out by dagre, drawn as
 * SVG), and the steps of a runlevel change. Pure (no editor API): data in, a page out.
 *
 * The page runs no script (its Content-Security-Policy allows none); colours are the theme's
 * CSS variables, so it follows light, dark and high-contrast themes; tables and lists carry
 * the same facts as the drawing for screen readers, and a link opens the plain-text form.
 */
import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'require' };
// dagre ships its CommonJS build beside the ES module one; esbuild and node take the former.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre = require('@dagrejs/dagre') as typeof Dagre;
import type { BootView, GraphEdge, GraphNode, LevelOrder } from '../../server/src/service/boot/view';
import type { Simulation } from '../../server/src/service/boot/runlevel';

/** A command link: the webview allows only the commands the panel lists. */
export type CommandLink = (command: string, args: unknown[]) => string;

export const commandLink: CommandLink = (command, args) => `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
    // Control characters (a name from the tree may hold them) as visible escapes.
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

// ------------------------------------------------------------------------------------- layout

export interface LaidNode { name: string; x: number; y: number; width: number; height: number; node: GraphNode }
export interface LaidEdge { edge: GraphEdge; points: { x: number; y: number }[] }
export interface LaidGraph { width: number; height: number; nodes: LaidNode[]; edges: LaidEdge[] }

const NODE_H = 28;
const CHAR_W = 7.4;

/**
 * Lays the graph out top to bottom: a script above the scripts that start after it (an edge
 * goes from a dependency to the script that needs it). Loops are allowed (dagre reverses an
 * edge of each to lay them out).
 */
export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): LaidGraph {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 34, edgesep: 8, marginx: 6, marginy: 6 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.name, { width: Math.round(Math.max(48, n.name.length * CHAR_W + 22)), height: NODE_H });
  for (const e of edges) if (g.hasNode(e.to) && g.hasNode(e.from)) g.setEdge(e.to, e.from);
  dagre.layout(g);
  const graph = g.graph();
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: g.nodes().map((name: string) => {
      const l = g.node(name);
      return { name, x: l.x, y: l.y, width: l.width, height: l.height, node: byName.get(name)! };
    }),
    edges: edges.filter((e) => g.hasEdge(e.to, e.from)).map((e) => ({ edge: e, points: (g.edge(e.to, e.from).points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })) })),
  };
}

// ------------------------------------------------------------------------------------- pieces

const STYLE = `
:root { color-scheme: light dark; }
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 0.8rem 1rem 2rem; line-height: 1.45; }
h1 { font-size: 1.25em; margin: 0 0 0.2rem; font-weight: 600; }
h2 { font-size: 1.08em; margin: 1.4rem 0 0.5rem; font-weight: 600; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, currentColor)); padding-bottom: 0.2rem; }
p.sub { margin: 0 0 0.4rem; opacity: 0.85; }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
code, .mono { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 0.95em); }
table { border-collapse: collapse; margin: 0.2rem 0 0.6rem; }
th, td { border: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, rgba(128,128,128,0.45))); padding: 0.22rem 0.55rem; text-align: left; vertical-align: top; }
th { background: var(--vscode-editorWidget-background, transparent); font-weight: 600; }
caption { text-align: left; font-weight: 600; padding: 0.15rem 0 0.3rem; }
caption .meaning { font-weight: normal; opacity: 0.85; }
.wrap { overflow-x: auto; max-width: 100%; }
tr.focus td { background: var(--vscode-editor-inactiveSelectionBackground, rgba(128,128,128,0.18)); font-weight: 600; }
.start { color: var(--vscode-charts-green, #2e7d32); }
.stop { color: var(--vscode-charts-orange, #b35900); }
.skip { opacity: 0.75; }
.note { opacity: 0.9; }
.warn { color: var(--vscode-editorWarning-foreground, #b35900); }
.levels { display: grid; grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr)); gap: 0.3rem 1rem; align-items: start; }
.levels table { width: 100%; }
.legend { margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; }
.legend span svg { vertical-align: middle; margin-right: 0.3rem; }
.graph { overflow: auto; max-width: 100%; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.45)); padding: 0.3rem; background: var(--vscode-editor-background); }
.graph svg { display: block; height: auto; }
svg .node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1; }
svg .node.focus rect { stroke: var(--vscode-focusBorder, var(--vscode-textLink-foreground)); stroke-width: 2.5; }
svg .node.missing rect { stroke: var(--vscode-editorError-foreground, #c00); stroke-dasharray: 4 3; }
svg .node.refused rect { stroke: var(--vscode-editorWarning-foreground, #b35900); }
svg .node text { fill: var(--vscode-editor-foreground, var(--vscode-foreground)); font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
svg .edge { fill: none; stroke: var(--vscode-editor-foreground, var(--vscode-foreground)); stroke-opacity: 0.55; stroke-width: 1.3; }
svg .edge.should { stroke-dasharray: 5 4; }
svg .edge.before { stroke-dasharray: 1.5 3; }
svg .arrow { fill: var(--vscode-editor-foreground, var(--vscode-foreground)); fill-opacity: 0.7; }
details { margin: 0.4rem 0; }
@media (max-width: 520px) {
  body { padding: 0.5rem 0.5rem 1.5rem; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; box-sizing: border-box; }
  table.stack tr { margin-bottom: 0.45rem; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,0.45)); }
  table.stack td { border: none; padding: 0.1rem 0.5rem; }
  table.stack td::before { content: attr(data-label) ": "; font-weight: 600; }
}
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function scriptLink(node: { name: string; path?: string }, link: CommandLink): string {
  return node.path ? `<a href="${escapeHtml(link('sysvHa.openScript', [node.path]))}" title="Open ${escapeHtml(node.path)}"><code>${escapeHtml(node.name)}</code></a>` : `<code>${escapeHtml(node.name)}</code>`;
}

function linksSection(v: BootView, link: CommandLink, scriptPath: string): string {
  const p = v.preview!;
  const cols = ['Runlevel', `${p.tool} would make`, 'Present now', ...(p.otherTool ? [`${p.otherTool} would make`] : []), 'Note'];
  const rows = p.rows.map((r, i) => {
    const level = v.levels.find((l) => l.level === r.runlevel);
    const cells = [
      `${escapeHtml(r.runlevel)}${level?.meaning ? ` <span class="note">(${escapeHtml(level.meaning)})</span>` : ''}`,
      r.planned ? `<code class="${r.planned.startsWith('S') ? 'start' : 'stop'}">${escapeHtml(r.planned)}</code>` : '—',
      r.present.length ? r.present.map((x) => `<code>${escapeHtml(x)}</code>`).join(' ') : '—',
      ...(p.otherTool ? [r.other ? `<code>${escapeHtml(r.other)}</code>` : '—'] : []),
      escapeHtml(p.notes[i]!.join('; ') || '—'),
    ];
    return `<tr>${cells.map((c, j) => `<td data-label="${escapeHtml(cols[j]!)}">${c}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<section aria-labelledby="links-h">
<h2 id="links-h">Links of <code>${escapeHtml(p.script)}</code></h2>
<p class="sub">Planned by <b>${escapeHtml(p.tool)}</b>, the tool of this tree${p.otherTool ? `, compared with <b>${escapeHtml(p.otherTool)}</b> (it applies to this tree too)` : ''}. <a href="${escapeHtml(link('sysvHa.previewLinksText', [scriptPath]))}">Open as plain text</a></p>
${p.refused ? `<p class="warn">${escapeHtml(p.tool)} refuses it: ${escapeHtml(p.refused)}</p>` : ''}${p.errors.map((e) => `<p class="warn">${escapeHtml(p.tool)}: ${escapeHtml(e)}</p>`).join('')}
<div class="wrap"><table class="stack links"><thead><tr>${cols.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
}

const EDGE_WORD: Record<GraphEdge['kind'], string> = { required: 'needs', should: 'should start after', before: 'starts after (its X-Start-Before)' };
const RANK: Record<GraphEdge['kind'], number> = { required: 0, should: 1, before: 2 };

function graphSvg(v: BootView, g: LaidGraph): string {
  const nodes = g.nodes.map((n) => {
    const cls = ['node', n.node.focus ? 'focus' : '', n.node.missing ? 'missing' : '', n.node.refused ? 'refused' : ''].filter(Boolean).join(' ');
    const tip = n.node.missing ? `${n.name}: no script provides it` : `${n.name}${n.node.provides.length ? ` (provides ${n.node.provides.join(', ')})` : ''}${n.node.refused ? ` — refused: ${n.node.refused}` : ''}`;
    return `<g class="${cls}"><title>${escapeHtml(tip)}</title><rect x="${(n.x - n.width / 2).toFixed(1)}" y="${(n.y - n.height / 2).toFixed(1)}" width="${n.width}" height="${n.height}" rx="5"/>`
      + `<text x="${n.x.toFixed(1)}" y="${(n.y + 4).toFixed(1)}" text-anchor="middle">${escapeHtml(n.name)}</text></g>`;
  }).join('\n');
  const edges = g.edges.map((e) => {
    const pts = e.points;
    if (pts.length < 2) return '';
    const d = `M${pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' L')}`;
    return `<path class="edge ${e.edge.kind}" d="${d}" marker-end="url(#arrow)"><title>${escapeHtml(`${e.edge.from} ${EDGE_WORD[e.edge.kind]} ${e.edge.to} (${e.edge.via.join(', ')})`)}</title></path>`;
  }).join('\n');
  const w = Math.max(g.width, 80);
  const h = Math.max(g.height, 40);
  // Scales down to the editor's width, but not below 60 % (then the box scrolls).
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" style="width:100%;max-width:${w}px;min-width:${Math.round(w * 0.6)}px" role="img" aria-labelledby="graph-title graph-desc">
<title id="graph-title">Dependency graph of ${escapeHtml(v.initDir)}</title>
<desc id="graph-desc">${g.nodes.length} scripts; an arrow goes from a script to each script that starts after it. The list below says the same in words.</desc>
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>
${edges}
${nodes}
</svg>`;
}

function legend(): string {
  const line = (cls: string) => `<svg width="34" height="10" aria-hidden="true"><path class="edge ${cls}" d="M1,5 L33,5"/></svg>`;
  return `<div class="legend" aria-hidden="true"><span>${line('required')}Required-Start</span><span>${line('should')}Should-Start</span><span>${line('before')}X-Start-Before</span></div>`;
}

function graphSection(v: BootView, link: CommandLink): string {
  if (v.nodes.length === 0) return `<section aria-labelledby="graph-h"><h2 id="graph-h">Dependencies</h2><p>No scripts in <code>${escapeHtml(v.initDir)}</code>.</p></section>`;
  const g = layoutGraph(v.nodes, v.edges);
  const byNode = new Map<string, GraphEdge[]>();
  for (const e of v.edges) byNode.set(e.from, [...(byNode.get(e.from) ?? []), e]);
  const items = v.nodes.filter((n) => !n.missing).map((n) => {
    const deps = (byNode.get(n.name) ?? []).sort((a, b) => RANK[a.kind] - RANK[b.kind] || (a.to < b.to ? -1 : 1));
    const words = deps.length === 0 ? 'needs nothing else' : deps.map((e) => {
      // The names written in the headers, when they are not the script's own name (a Provides alias, a facility).
      const via = e.via.filter((x) => x !== e.to && x !== e.from);
      return `${EDGE_WORD[e.kind]} <code>${escapeHtml(e.to)}</code>${via.length ? ` (as ${via.map((x) => `<code>${escapeHtml(x)}</code>`).join(', ')})` : ''}`;
    }).map((w, i) => `${w}${v.nodes.find((x) => x.name === deps[i]!.to)?.missing ? ' — <span class="warn">no script provides it</span>' : ''}`).join('; ');
    return `<li>${scriptLink(n, link)} ${words}</li>`;
  }).join('\n');
  return `<section aria-labelledby="graph-h">
<h2 id="graph-h">Dependencies of the scripts in <code>${escapeHtml(v.initDir)}</code></h2>
${v.truncated ? `<p class="sub">${v.truncated.shown} of ${v.truncated.total} scripts: ${v.focus ? `those closest to <code>${escapeHtml(v.focus)}</code>` : 'the first ones'}.</p>` : ''}
${legend()}
<div class="graph">${graphSvg(v, g)}</div>
<details><summary>The dependencies as a list</summary><ul>
${items}
</ul></details>
</section>`;
}

function levelTable(l: LevelOrder): string {
  const rows = l.steps.map((s, i) => `<tr class="${s.focus ? 'focus' : ''}"><td>${i + 1}</td><td><code class="${s.kind === 'S' ? 'start' : 'stop'}">${escapeHtml(s.link)}</code></td><td>${s.kind === 'S' ? 'start' : 'stop'}</td></tr>`).join('\n');
  return `<table><caption>Runlevel ${escapeHtml(l.level)} <span class="meaning">— ${escapeHtml(l.meaning)}${l.source === 'planned' ? ' (planned: no folder yet)' : ''}</span></caption>
<thead><tr><th scope="col">#</th><th scope="col">Link</th><th scope="col">Runs</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="3">no links</td></tr>'}
</tbody></table>`;
}

function levelsSection(v: BootView): string {
  return `<section aria-labelledby="levels-h">
<h2 id="levels-h">Boot order per runlevel</h2>
<p class="sub">In the order rc runs them: the K links (stop), then the S links (start), each in name order.</p>
<div class="levels">
${v.levels.map(levelTable).join('\n')}
</div>
</section>`;
}

/** The boot-order page: the links of `scriptPath` (when it is a script), the graph, the order per runlevel. */
export function renderBootView(v: BootView, scriptPath: string | undefined, link: CommandLink = commandLink): string {
  const title = v.focus ? `Boot order: ${v.focus}` : `Boot order: ${v.initDir}`;
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p class="sub"><code>${escapeHtml(v.root || '/')}</code> — ${escapeHtml(v.layout)} layout, links planned by <b>${escapeHtml(v.tool)}</b>${v.errors.length ? ` · <span class="warn">${v.errors.length} error(s)</span>` : ''}</p></header>`,
    ...v.errors.slice(0, 10).map((e) => `<p class="warn">${escapeHtml(e)}</p>`),
    v.preview && scriptPath ? linksSection(v, link, scriptPath) : '',
    graphSection(v, link),
    levelsSection(v),
  ].join('\n');
  return page(title, body);
}

/** The runlevel-change page: what rc does, step by step. */
export function renderSimulationView(s: Simulation, runningText: string, textArgs: unknown[], link: CommandLink = commandLink): string {
  const title = `Runlevel ${s.from} → ${s.to}`;
  const rows = s.steps.map((st, i) => `<tr class="${st.action}"><td data-label="#">${i + 1}</td><td data-label="Action" class="${st.action === 'start' ? 'start' : st.action === 'stop' ? 'stop' : 'skip'}">${escapeHtml(st.action)}</td><td data-label="Link"><code>${escapeHtml(st.link)}</code></td><td data-label="Why">${escapeHtml(st.why)}</td></tr>`).join('\n');
  const counts = (['start', 'stop', 'skip'] as const).map((a) => `${s.steps.filter((x) => x.action === a).length} ${a}`).join(', ');
  const body = `<header><h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(s.flavour === 'rhel' ? 'Red Hat /etc/rc.d/rc' : 'Debian /etc/init.d/rc')}; links from ${s.links.map((x) => `<code>${escapeHtml(x)}</code>`).join(', ')}. <a href="${escapeHtml(link('sysvHa.simulateText', textArgs))}">Open as plain text</a></p></header>
<p>Running before: ${escapeHtml(runningText)}: ${s.running.length ? s.running.map((r) => `<code>${escapeHtml(r)}</code>`).join(' ') : 'none'}</p>
<section aria-labelledby="steps-h"><h2 id="steps-h">Steps (${escapeHtml(counts)})</h2>
<div class="wrap"><table class="stack"><thead><tr><th scope="col">#</th><th scope="col">Action</th><th scope="col">Link</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4">Nothing to do.</td></tr>'}
</tbody></table></div></section>
<p class="note">${escapeHtml(s.flavour === 'rhel'
    ? 'In interactive mode (/var/run/confirm, the kernel argument "confirm") rc asks before each start.'
    : 'With CONCURRENCY=makefile (the default when .depend.* exist) startpar runs scripts of the same order in parallel.')}</p>`;
  return page(title, body);
}
