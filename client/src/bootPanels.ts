/**
 * The boot-order pictures in webview panels: "Preview links" / "Show boot order" (the links of
 * a script, the dependency graph, the order per runlevel) and "Simulate runlevel change" (the
 * steps). The pages run no script; their links run only the commands listed here. The
 * plain-text documents stay available (for screen readers and copying) through the
 * `...Text` commands, linked from each page.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { BootView } from '../../server/src/service/boot/view';
import type { Simulation } from '../../server/src/service/boot/runlevel';
import { escapeHtml, renderBootView, renderSimulationView } from './bootView';

/** The only commands a page's links may run. */
const PAGE_COMMANDS = ['sysvHa.openScript', 'sysvHa.previewLinksText', 'sysvHa.simulateText'];

const RUNNING: Record<Simulation['runningSource'], (s: Simulation) => string> = {
  given: () => 'given',
  locks: () => 'from the subsys locks in var/lock/subsys',
  'clean-entry': (s) => `assumed: a clean entry into runlevel ${s.from}, whose S scripts started`,
  boot: () => 'boot: nothing runs yet',
};

interface PanelState {
  panel: vscode.WebviewPanel;
  render: () => Promise<void>;
}

export class BootPanels implements vscode.Disposable {
  private boot: PanelState | undefined;
  private sim: PanelState | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  private panel(kind: 'boot' | 'sim', title: string): vscode.WebviewPanel {
    const existing = kind === 'boot' ? this.boot : this.sim;
    if (existing) {
      existing.panel.title = title;
      existing.panel.reveal(undefined, true);
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(kind === 'boot' ? 'sysvHa.bootOrder' : 'sysvHa.simulation', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableCommandUris: PAGE_COMMANDS,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    panel.onDidDispose(() => {
      if (kind === 'boot') this.boot = undefined;
      else this.sim = undefined;
    });
    return panel;
  }

  /** The boot order around `path`: a script's links and its place in the graph, or a whole tree. */
  async showBootOrder(path: string): Promise<void> {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const panel = this.panel('boot', `Boot order: ${name}`);
    const render = async () => {
      const view = await this.client()?.sendRequest<BootView | null>('sysvHa/bootView', { path });
      panel.title = view?.focus ? `Boot order: ${view.focus}` : `Boot order: ${name}`;
      panel.webview.html = view ? renderBootView(view, view.focus ? path : undefined) : message(`No etc/init.d or etc/rc.d/init.d found for ${path}.`);
    };
    this.boot = { panel, render };
    await render();
  }

  async showSimulation(path: string, from: string, to: string): Promise<void> {
    const panel = this.panel('sim', `Runlevel ${from} → ${to}`);
    const render = async () => {
      const sim = await this.client()?.sendRequest<Simulation | null>('sysvHa/simulateData', { path, from, to });
      panel.webview.html = sim ? renderSimulationView(sim, RUNNING[sim.runningSource](sim), [path, from, to]) : message(`No etc/init.d or etc/rc.d/init.d found for ${path}.`);
    };
    this.sim = { panel, render };
    await render();
  }

  /** Re-renders the open pages (links or scripts changed). */
  refresh(): void {
    for (const p of [this.boot, this.sim]) void p?.render().catch(() => undefined);
  }

  dispose(): void {
    this.boot?.panel.dispose();
    this.sim?.panel.dispose();
  }
}

function message(text: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';"></head><body style="color: var(--vscode-foreground); font-family: var(--vscode-font-family)"><p>${escapeHtml(text)}</p></body></html>`;
}
