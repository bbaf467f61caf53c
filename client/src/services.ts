/**
 * The Services view: every init script of the workspace's image roots, with its runlevels
 * on/off as the rcN.d links are now (or as the tree's tool would set them when it has no
 * links yet) — the ntsysv / chkconfig --list of the workspace.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { levelCommand } from './commands';

type LevelState = 'on' | 'off' | null;
/** On a systemd host: the targets that want the generated unit, or why there is none. */
interface SystemdRow { version: string; unit?: string; wantedBy: string[]; skipped?: string }
interface ServiceRow { name: string; path: string; current: Record<string, LevelState>; planned: Record<string, LevelState>; registered: boolean; refused?: string; systemd?: SystemdRow }
interface XinetdRow { name: string; path: string; line: number; enabled: boolean; broken: boolean; chkconfig?: 'on' | 'off' }
interface DanglingRow { link: string; target?: string; runlevel: string; name: string }
interface ServiceTree { root: string; layout: string; tool: string; services: ServiceRow[]; xinetd: XinetdRow[]; dangling?: DanglingRow[] }

type Node =
  | { kind: 'root'; tree: ServiceTree }
  | { kind: 'service'; tree: ServiceTree; row: ServiceRow }
  | { kind: 'level'; tree: ServiceTree; row: ServiceRow; level: string }
  | { kind: 'xinetd-group'; tree: ServiceTree }
  | { kind: 'xinetd'; tree: ServiceTree; row: XinetdRow }
  | { kind: 'dangling'; tree: ServiceTree; row: DanglingRow };

const LEVELS = ['0', '1', '2', '3', '4', '5', '6'];

export function levelsText(row: ServiceRow): string {
  const src = row.registered ? row.current : row.planned;
  return LEVELS.map((l) => `${l}:${src[l] ?? '-'}`).join(' ');
}

/** What systemd makes of it, short: the targets that want the unit (`systemd: multi-user, graphical`). */
export function systemdSummary(row: ServiceRow): string | undefined {
  const sd = row.systemd;
  if (!sd) return undefined;
  if (sd.skipped) return 'systemd: no unit';
  return `systemd: ${sd.wantedBy.length ? sd.wantedBy.map((t) => t.replace(/\.target$/, '')).join(', ') : 'wanted by nothing'}`;
}

/**
 * What fits beside the name at the default sidebar width: the runlevels it is on in
 * (`on 2345`), or `off`; each level's state is a child of the row, and the tooltip has them all.
 */
export function levelsSummary(row: ServiceRow): string {
  const src = row.registered ? row.current : row.planned;
  const on = LEVELS.filter((l) => src[l] === 'on');
  return on.length > 0 ? `on ${on.join('')}` : 'off';
}

export class ServicesProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private trees: ServiceTree[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const c = this.client();
      if (!c?.isRunning()) return [];
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
      this.trees = await c.sendRequest<ServiceTree[]>('sysvHa/services', { folders });
      if (this.trees.length === 1) return this.rootChildren(this.trees[0]!);
      return this.trees.map((tree) => ({ kind: 'root' as const, tree }));
    }
    if (node.kind === 'root') return this.rootChildren(node.tree);
    if (node.kind === 'xinetd-group') return node.tree.xinetd.map((row) => ({ kind: 'xinetd' as const, tree: node.tree, row }));
    if (node.kind === 'service' && node.tree.tool !== 'none' && !node.row.refused) return LEVELS.map((level) => ({ kind: 'level' as const, tree: node.tree, row: node.row, level }));
    return [];
  }

  private rootChildren(tree: ServiceTree): Node[] {
    const out: Node[] = tree.services.map((row) => ({ kind: 'service' as const, tree, row }));
    for (const row of tree.dangling ?? []) out.push({ kind: 'dangling', tree, row });
    if (tree.xinetd.length > 0) out.push({ kind: 'xinetd-group', tree });
    return out;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'xinetd-group') {
      const item = new vscode.TreeItem('xinetd (on demand)', vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.tree.xinetd.filter((x) => x.enabled).length} of ${node.tree.xinetd.length} enabled`;
      item.iconPath = new vscode.ThemeIcon('plug');
      return item;
    }
    if (node.kind === 'level') {
      const src = node.row.registered ? node.row.current : node.row.planned;
      const state = src[node.level];
      const item = new vscode.TreeItem(`runlevel ${node.level}`, vscode.TreeItemCollapsibleState.None);
      item.description = state ?? 'no link';
      item.iconPath = new vscode.ThemeIcon(state === 'on' ? 'pass-filled' : state === 'off' ? 'circle-slash' : 'circle-outline');
      item.contextValue = state === 'on' ? 'level.on' : 'level.off';
      item.tooltip = `${node.row.name} in runlevel ${node.level}: ${state ?? 'no link'}${node.row.registered ? '' : ' (as it would be after adding it)'}`;
      return item;
    }
    if (node.kind === 'xinetd') {
      const { row } = node;
      const item = new vscode.TreeItem(row.name, vscode.TreeItemCollapsibleState.None);
      item.description = row.broken ? 'xinetd drops it (see Problems)' : `${row.enabled ? 'on' : 'off'}${row.chkconfig && (row.chkconfig === 'on') !== row.enabled ? ` (chkconfig --list says ${row.chkconfig})` : ''}`;
      item.iconPath = new vscode.ThemeIcon(row.broken ? 'warning' : row.enabled ? 'pass' : 'circle-slash');
      item.contextValue = row.chkconfig ? `xinetd.${row.chkconfig}` : 'xinetd';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(row.path), { selection: new vscode.Range(row.line, 0, row.line, 0) }] };
      return item;
    }
    if (node.kind === 'dangling') {
      const { row } = node;
      const item = new vscode.TreeItem(row.link.slice(row.link.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.None);
      item.description = `rc${row.runlevel}.d → ${row.target ?? '?'}: missing`;
      item.tooltip = `${row.link} points to ${row.target ?? 'a file that does not exist'}, which does not exist: rc skips it. Restore the script, or remove its links (chkconfig --del ${row.name} / update-rc.d -f ${row.name} remove).`;
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = 'dangling';
      return item;
    }
    if (node.kind === 'root') {
      const item = new vscode.TreeItem(node.tree.root || '/', vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.tree.tool === 'none' ? 'BusyBox: S??name order' : `${node.tree.layout}, ${node.tree.tool}`;
      item.contextValue = 'root';
      return item;
    }
    const { row, tree } = node;
    const item = new vscode.TreeItem(row.name, tree.tool !== 'none' && !row.refused ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const sd = systemdSummary(row);
    item.description = (tree.tool === 'none' ? (row.registered ? 'runs at boot' : 'not an S?? script') : row.refused ? 'refused by ' + tree.tool : `${levelsSummary(row)}${row.registered ? '' : ' (not added)'}`) + (sd ? ` · ${sd}` : '');
    const src = row.registered ? row.current : row.planned;
    item.tooltip = new vscode.MarkdownString(row.refused
      ? `**${row.name}**: ${row.refused}`
      : `**${row.name}** — ${row.registered ? 'links present now' : `no links yet; \`${tree.tool}\` would set these levels`}\n\n${LEVELS.map((l) => `- runlevel ${l}: ${src[l] ?? 'no link'}`).join('\n')}${row.systemd ? `\n\nOn a systemd ${row.systemd.version} host: ${row.systemd.skipped ? `no unit (${row.systemd.skipped})` : `\`${row.systemd.unit}\`, wanted by ${row.systemd.wantedBy.join(', ') || 'nothing (no S link in rc1.d–rc5.d)'}`}` : ''}`);
    item.iconPath = new vscode.ThemeIcon(row.refused ? 'warning' : row.registered ? 'server-process' : 'circle-outline');
    item.contextValue = row.registered ? 'service.registered' : 'service.unregistered';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(row.path)] };
    item.resourceUri = vscode.Uri.file(row.path);
    return item;
  }

  /** Turns a script on or off in one runlevel, as `chkconfig --level N NAME on|off`. */
  async setLevel(node: Node | undefined, on: boolean): Promise<void> {
    if (node?.kind !== 'level') return;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('sysv-ha writes nothing in an untrusted workspace.');
      return;
    }
    const c = this.client();
    if (!c) return;
    const { tree, row, level } = node;
    if (tree.root === '' || tree.root === '/') {
      const prefix = vscode.workspace.getConfiguration('sysvHa').get<string>('serviceCommandPrefix', 'sudo');
      const terminal = vscode.window.terminals.find((t) => t.name === `service ${row.name}`) ?? vscode.window.createTerminal({ name: `service ${row.name}` });
      terminal.show();
      terminal.sendText(levelCommand({ name: row.name, level, on, prefix }));
      return;
    }
    type Result = { ops: { kind: string; rel: string; target?: string }[]; conflicts: string[]; applied: string[] };
    const dry = await c.sendRequest<Result>('sysvHa/setLevel', { root: tree.root, script: row.name, level, on, apply: false });
    if (dry.conflicts.length > 0) return void vscode.window.showErrorMessage(`sysv-ha: nothing written: ${dry.conflicts.join('; ')}`);
    if (dry.ops.length === 0) return void vscode.window.showInformationMessage(`${row.name} is already ${on ? 'on' : 'off'} in runlevel ${level}.`);
    const list = dry.ops.map((o) => (o.kind === 'create' ? `+ ${o.rel} -> ${o.target}` : `- ${o.rel}`)).join('\n');
    const ok = await vscode.window.showWarningMessage(`Turn ${row.name} ${on ? 'on' : 'off'} in runlevel ${level} (${tree.root})`, { modal: true, detail: list }, 'Write links');
    if (ok !== 'Write links') return;
    const done = await c.sendRequest<Result>('sysvHa/setLevel', { root: tree.root, script: row.name, level, on, apply: true, confirmed: dry.ops });
    if (done.conflicts.length > 0) void vscode.window.showErrorMessage(`sysv-ha: nothing written: ${done.conflicts.join('; ')}`);
    this.refresh();
  }

  /** Adds or removes a script: on an image root by writing the links after a confirmation listing them. */
  async setService(node: Node | undefined, op: 'add' | 'del'): Promise<void> {
    if (node?.kind === 'xinetd') {
      // chkconfig NAME on|off rewrites the file's disable line: an edit the user sees.
      await vscode.commands.executeCommand('sysvHa.xinetdToggle', vscode.Uri.file(node.row.path).toString(), node.row.name, op === 'add' ? 'on' : 'off');
      this.refresh();
      return;
    }
    if (!node || node.kind !== 'service') return;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('sysv-ha writes nothing in an untrusted workspace.');
      return;
    }
    const c = this.client();
    if (!c) return;
    const { tree, row } = node;
    if (tree.root === '' || tree.root === '/') {
      await vscode.commands.executeCommand('sysvHa.registerService', row.name, op, tree.tool === 'chkconfig' ? 'chkconfig' : 'update-rc.d');
      return;
    }
    type Result = { ops: { kind: string; rel: string; target?: string }[]; conflicts: string[]; applied: string[] };
    const dry = await c.sendRequest<Result>('sysvHa/setService', { root: tree.root, script: row.name, op, apply: false });
    if (dry.conflicts.length > 0) {
      void vscode.window.showErrorMessage(`sysv-ha: nothing written: ${dry.conflicts.join('; ')}`);
      return;
    }
    if (dry.ops.length === 0) {
      void vscode.window.showInformationMessage(`${row.name}: the links are already as ${tree.tool} would make them.`);
      return;
    }
    const list = dry.ops.map((o) => (o.kind === 'create' ? `+ ${o.rel} -> ${o.target}` : `- ${o.rel}`)).join('\n');
    const ok = await vscode.window.showWarningMessage(`${op === 'add' ? 'Add' : 'Remove'} ${row.name} in ${tree.root}: ${dry.ops.length} link change(s)`, { modal: true, detail: list }, 'Write links');
    if (ok !== 'Write links') return;
    const done = await c.sendRequest<Result>('sysvHa/setService', { root: tree.root, script: row.name, op, apply: true, confirmed: dry.ops });
    if (done.conflicts.length > 0) void vscode.window.showErrorMessage(`sysv-ha: nothing written: ${done.conflicts.join('; ')}`);
    else void vscode.window.showInformationMessage(`${row.name}: ${done.applied.length} change(s) written.`);
    this.refresh();
  }
}
