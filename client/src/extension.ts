/**
 * The VS Code extension: starts the sysv-ha language server over node IPC and adds what
 * LSP has no word for (a status bar item with the detected profile, commands). All
 * analysis happens in the server.
 */
import { realpathSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import * as vscode from 'vscode';
import SERVER_LAUNCH from '../../server/src/lsp/serverLaunch.json';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { chmodTarget, RefusedCommand, registerCommand, serviceCommand } from './commands';
import { registerWalkthrough } from './walkthrough';
import { ServicesProvider } from './services';
import { BootPanels } from './bootPanels';

/** Commands that run something: hidden (lenses) and refused in untrusted workspaces. */
const RUNNING_COMMANDS = new Set(['sysvHa.runService', 'sysvHa.registerService']);
const LINKS_SCHEME = 'sysv-ha-links';
/** The "systemd unit" preview: what systemd-sysv-generator makes of a script. */
const UNIT_SCHEME = 'sysv-ha-unit';
const SIM_SCHEME = 'sysv-ha-simulate';
/** Quiet time after an edit of a script before the open previews (unit, links, simulation) are recomputed. */
const VIRTUAL_REFRESH_MS = 400;

interface DocumentInfo {
  language: string;
  profile: string;
  reason: string;
}

let client: LanguageClient | undefined;

/**
 * How long activation took, in ms, as VS Code counts it: loading the bundle, then `activate`.
 * `hostMs`: the extension host's own time between the two. The exported `ready` resolves with
 * the time from the start of `activate` to a running language server.
 */
export interface ActivationTimes {
  loadMs: number;
  activateMs: number;
  totalMs: number;
  hostMs: number;
}
/** Set by the bundle's first line (scripts/build.mjs); absent when loaded unbundled. */
const loadStart = (globalThis as { __sysvHaLoadStart?: number }).__sysvHaLoadStart;
const loaded = performance.now();
const restarts: number[] = [];

export async function activate(context: vscode.ExtensionContext): Promise<{ activation: ActivationTimes; ready: Promise<number | undefined> }> {
  const activateStart = performance.now();
  // vscode-languageclient 10+ logs through a LogOutputChannel; a plain channel breaks start().
  const output = vscode.window.createOutputChannel('sysv-ha', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  // Node flags and environment that keep the server small (docs/performance.md), shared with the CLI's `lsp`.
  const env = { ...process.env, ...SERVER_LAUNCH.env };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_LAUNCH.nodeFlags], env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_LAUNCH.nodeFlags, '--nolazy', '--inspect=6011'], env } },
  };
  const languages = ['inittab', 'ha-cf', 'ha-resources', 'ha-authkeys', 'xinetd'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      { scheme: 'file', language: 'shellscript' },
    ],
    outputChannel: output,
    traceOutputChannel: output,
    // A crashed server is restarted with a visible notice, at most 5 times in 3 minutes.
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && now - restarts[0]! > 3 * 60_000) restarts.shift();
        if (restarts.length > 5) {
          return { action: CloseAction.DoNotRestart, message: 'The sysv-ha language server stopped 6 times in 3 minutes and will not be restarted. See the sysv-ha output, then run "sysv-ha: Restart Language Server".' };
        }
        void vscode.window.showWarningMessage(`The sysv-ha language server stopped; restarting it (${restarts.length} of 5). See the sysv-ha output for why.`);
        return { action: CloseAction.Restart, handled: true };
      },
    },
    middleware: {
      // In an untrusted workspace analysis works, but nothing that runs is offered.
      provideCodeLenses: async (document, token, next) => {
        const lenses = (await next(document, token)) ?? [];
        return vscode.workspace.isTrusted ? lenses : lenses.filter((l) => !l.command || !RUNNING_COMMANDS.has(l.command.command));
      },
    },
    // Cross-file checks read these; the server re-checks open files when they change on disk.
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{init.d,rc.d,ha.d,xinetd.d,inittab.d,insserv.conf.d}/**'),
        vscode.workspace.createFileSystemWatcher('**/{inittab,xinetd.conf,insserv.conf,services,hostname,fstab}'),
        // Debian's rcN.d links (beside init.d, not under rc.d), chkconfig's overrides and the
        // unit folders: what the systemd model reads besides the scripts.
        vscode.workspace.createFileSystemWatcher('**/{rc0.d,rc1.d,rc2.d,rc3.d,rc4.d,rc5.d,rc6.d,rcS.d,chkconfig.d}/**'),
        vscode.workspace.createFileSystemWatcher('**/systemd/{system,system.control,system.attached,transient}/**'),
      ],
    },
  };
  client = new LanguageClient('sysvHa', 'sysv-ha', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('sysvHa.profile', vscode.StatusBarAlignment.Right, 100);
  status.name = 'sysv-ha profile';
  status.command = 'sysvHa.showDocumentInfo';
  context.subscriptions.push(status, output);

  let lastInfo: DocumentInfo | null = null;
  async function refreshStatus(editor = vscode.window.activeTextEditor): Promise<void> {
    if (!editor || !client?.isRunning()) {
      status.hide();
      return;
    }
    try {
      lastInfo = await client.sendRequest<DocumentInfo | null>('sysvHa/documentInfo', { uri: editor.document.uri.toString() });
    } catch {
      lastInfo = null;
    }
    if (!lastInfo || editor !== vscode.window.activeTextEditor) {
      if (!lastInfo) status.hide();
      return;
    }
    status.text = `$(checklist) sysv-ha: ${lastInfo.profile}`;
    status.tooltip = `${lastInfo.language} checked as ${lastInfo.profile} (${lastInfo.reason}). Click for details.`;
    status.show();
  }

  /** A terminal per service, reused; the command is visible before and after it runs. */
  function runInTerminal(title: string, command: string): void {
    const terminal = vscode.window.terminals.find((t) => t.name === title) ?? vscode.window.createTerminal({ name: title });
    terminal.show();
    terminal.sendText(command);
  }
  function prefix(): string {
    // A command prefix from settings is honoured only in trusted workspaces.
    return vscode.workspace.isTrusted ? vscode.workspace.getConfiguration('sysvHa').get<string>('serviceCommandPrefix', 'sudo') : '';
  }
  function guarded(fn: (...args: string[]) => void) {
    return (...args: string[]) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('sysv-ha runs nothing in an untrusted workspace. Trust the workspace to run service commands.');
        return;
      }
      try {
        fn(...args);
      } catch (err) {
        if (err instanceof RefusedCommand) void vscode.window.showErrorMessage(`sysv-ha: refused: ${err.message}`);
        else throw err;
      }
    };
  }

  // The preview and simulation documents are recomputed whenever links may have changed.
  const virtualChanged = new vscode.EventEmitter<vscode.Uri>();
  const refreshVirtualDocs = () => {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === LINKS_SCHEME || d.uri.scheme === SIM_SCHEME || d.uri.scheme === UNIT_SCHEME) virtualChanged.fire(d.uri);
  };
  let editRefresh: ReturnType<typeof setTimeout> | undefined;
  const linksProvider: vscode.TextDocumentContentProvider = {
    onDidChange: virtualChanged.event,
    provideTextDocumentContent: (uri) => client!.sendRequest<string>('sysvHa/previewLinks', { path: uri.query }),
  };

  const services = new ServicesProvider(() => client);
  const panels = new BootPanels(() => client);
  context.subscriptions.push(
    virtualChanged,
    panels,
    services.onDidChangeTreeData(() => {
      refreshVirtualDocs();
      panels.refresh();
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.languageId === 'shellscript' || d.languageId === 'inittab') {
        refreshVirtualDocs();
        panels.refresh();
      }
    }),
    // Typing in a script changes what the generator makes of it (a `reload)` branch, a header
    // line): the open read-only previews follow the unsaved text (the server reads open
    // documents' text), once typing pauses.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0 || (e.document.languageId !== 'shellscript' && e.document.languageId !== 'inittab')) return;
      if (!vscode.workspace.textDocuments.some((d) => d.uri.scheme === LINKS_SCHEME || d.uri.scheme === SIM_SCHEME || d.uri.scheme === UNIT_SCHEME)) return;
      clearTimeout(editRefresh);
      editRefresh = setTimeout(refreshVirtualDocs, VIRTUAL_REFRESH_MS);
    }),
    { dispose: () => clearTimeout(editRefresh) },
    vscode.window.registerTreeDataProvider('sysvHa.services', services),
    registerWalkthrough(context),
    vscode.commands.registerCommand('sysvHa.services.refresh', () => services.refresh()),
    vscode.commands.registerCommand('sysvHa.services.add', (node) => services.setService(node, 'add')),
    vscode.commands.registerCommand('sysvHa.services.remove', (node) => services.setService(node, 'del')),
    vscode.commands.registerCommand('sysvHa.services.levelOn', (node) => services.setLevel(node, true)),
    vscode.commands.registerCommand('sysvHa.services.levelOff', (node) => services.setLevel(node, false)),
    vscode.commands.registerCommand('sysvHa.services.preview', (node) => node?.row && vscode.commands.executeCommand('sysvHa.previewLinks', node.row.path)),
    vscode.workspace.registerTextDocumentContentProvider(LINKS_SCHEME, linksProvider),
    // systemd: the generated unit (read-only preview) and a native unit to move to (untitled).
    vscode.workspace.registerTextDocumentContentProvider(UNIT_SCHEME, {
      onDidChange: virtualChanged.event,
      provideTextDocumentContent: (uri) => client!.sendRequest<string>('sysvHa/previewUnit', { path: uri.query }),
    }),
    vscode.commands.registerCommand('sysvHa.previewUnit', async (path?: string) => {
      const target = typeof path === 'string' ? path : vscode.window.activeTextEditor?.document.uri.fsPath;
      if (!target) return;
      const uri = vscode.Uri.from({ scheme: UNIT_SCHEME, path: `/${target.slice(target.lastIndexOf('/') + 1)}.service`, query: target });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('sysvHa.convertToNative', async (path?: string) => {
      const source = typeof path === 'string' ? await vscode.workspace.openTextDocument(vscode.Uri.file(path)) : vscode.window.activeTextEditor?.document;
      if (!source) return;
      const unit = await client!.sendRequest<{ name: string; text: string } | null>('sysvHa/nativeUnit', { uri: source.uri.toString() });
      if (!unit) {
        void vscode.window.showInformationMessage('sysv-ha: this file is not an init script it can convert.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'ini', content: unit.text });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('sysvHa.runService', guarded((name, action, path, profile) => {
      runInTerminal(`service ${name}`, serviceCommand({ name, action, path, busybox: profile === 'busybox', prefix: prefix() }));
    })),
    vscode.commands.registerCommand('sysvHa.registerService', guarded((name, op, tool) => {
      runInTerminal(`service ${name}`, registerCommand({ name, op, tool, prefix: prefix() }));
    })),
    // chkconfig NAME on|off for an xinetd.d file: the server's refactoring, applied as an edit
    // the user sees (and can undo); nothing runs.
    vscode.commands.registerCommand('sysvHa.xinetdToggle', async (uri: string, name: string, state: string) => {
      const target = vscode.Uri.parse(uri);
      const doc = await vscode.workspace.openTextDocument(target);
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, whole, vscode.CodeActionKind.RefactorRewrite.value);
      const action = actions?.find((a) => a.title.startsWith(`chkconfig ${name} ${state}`));
      if (action?.edit) await vscode.workspace.applyEdit(action.edit);
      else void vscode.window.showInformationMessage(`${name} is already ${state}.`);
    }),
    // Simulate a runlevel change of the image root around a file (asks for the levels if not given).
    vscode.commands.registerCommand('sysvHa.simulate', async (path?: string, from?: string, to?: string) => {
      const target = path ?? vscode.window.activeTextEditor?.document.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (!target) return;
      const levels = ['N', '0', '1', '2', '3', '4', '5', '6', 'S'];
      from ??= await vscode.window.showQuickPick(levels, { title: 'Simulate a runlevel change: from (N = boot)' });
      if (!from) return;
      to ??= await vscode.window.showQuickPick(levels.slice(1), { title: `Simulate a runlevel change: from ${from} to` });
      if (!to) return;
      await panels.showSimulation(target, from, to);
    }),
    // The same as plain text (screen readers, copying): a read-only document.
    vscode.commands.registerCommand('sysvHa.simulateText', async (path?: string, from?: string, to?: string) => {
      if (typeof path !== 'string' || typeof from !== 'string' || typeof to !== 'string') return;
      const uri = vscode.Uri.from({ scheme: SIM_SCHEME, path: `/runlevel ${from} to ${to}.txt`, query: JSON.stringify({ path, from, to }) });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.workspace.registerTextDocumentContentProvider(SIM_SCHEME, {
      onDidChange: virtualChanged.event,
      provideTextDocumentContent: (uri) => client!.sendRequest<string>('sysvHa/simulate', JSON.parse(uri.query)),
    }),
    // chmod 600 on a keyfile heartbeat refuses: a local file, after the user confirms.
    vscode.commands.registerCommand('sysvHa.chmodKeyfile', async (path: string) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('sysv-ha changes no file mode in an untrusted workspace.');
        return;
      }
      if (typeof path !== 'string') return;
      // A symlinked authkeys: only a target inside the workspace is changed.
      const target = chmodTarget(path, (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), (p) => realpathSync(p));
      if ('refused' in target) {
        void vscode.window.showWarningMessage(`sysv-ha: ${target.refused}`);
        return;
      }
      const ok = await vscode.window.showWarningMessage(`Set the mode of ${target.path} to 600 (owner read/write only)?`, { modal: true }, 'chmod 600');
      if (ok !== 'chmod 600') return;
      try {
        await chmod(target.path, 0o600);
        await client?.sendNotification('sysvHa/filesChanged', { paths: [path] });
      } catch (err) {
        void vscode.window.showErrorMessage(`sysv-ha: chmod 600 ${path} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
    // Migrate the heartbeat cluster of an ha.cf/haresources: the results open as untitled documents (nothing is written).
    vscode.commands.registerCommand('sysvHa.migrate', async (path?: string) => {
      const target = typeof path === 'string' ? path : vscode.window.activeTextEditor?.document.uri.fsPath;
      if (!target || !client) return;
      const r = await client.sendRequest<{ files: Record<string, string>; plan: string; notTranslated: number; manual: number } | { error: string } | null>('sysvHa/migrate', { path: target });
      if (!r || 'error' in r) {
        void vscode.window.showWarningMessage(`sysv-ha: ${r?.error ?? 'the migration failed (see the output)'}`);
        return;
      }
      // Untitled documents named after the files (saving asks where); a second run refreshes them.
      const languages: Record<string, string> = { 'README.md': 'markdown', 'corosync.conf': 'plaintext', 'cib.xml': 'xml', 'pcs.sh': 'shellscript', 'crm.txt': 'plaintext' };
      // All in one editor group beside the file, cib.xml last (the active tab).
      let column: vscode.ViewColumn = vscode.ViewColumn.Beside;
      for (const name of ['README.md', 'corosync.conf', 'pcs.sh', 'crm.txt', 'cib.xml']) {
        const uri = vscode.Uri.from({ scheme: 'untitled', path: name });
        const doc = await vscode.workspace.openTextDocument(uri);
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), r.files[name] ?? '');
        await vscode.workspace.applyEdit(edit);
        await vscode.languages.setTextDocumentLanguage(doc, languages[name]!).then(undefined, () => undefined);
        const shown: vscode.TextEditor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: column });
        column = shown.viewColumn ?? column;
      }
      output.appendLine(r.plan);
      void vscode.window.showInformationMessage(`sysv-ha: migration of ${target.slice(0, target.lastIndexOf('/'))} opened (corosync.conf, cib.xml, pcs.sh, crm.txt, README.md): ${r.notTranslated} not translated, ${r.manual} to do by hand. Save the files you keep.`);
    }),
    // The links of a script as a picture: its rcN.d links, the dependency graph, the order per runlevel.
    vscode.commands.registerCommand('sysvHa.previewLinks', async (path?: string) => {
      const target = typeof path === 'string' ? path : vscode.window.activeTextEditor?.document.uri.fsPath;
      if (target) await panels.showBootOrder(target);
    }),
    vscode.commands.registerCommand('sysvHa.showBootOrder', async (path?: string) => {
      const target = typeof path === 'string' ? path : vscode.window.activeTextEditor?.document.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      if (target) await panels.showBootOrder(target);
    }),
    // From a page's links: open a script of the tree (a local absolute path only).
    vscode.commands.registerCommand('sysvHa.openScript', async (path?: string) => {
      if (typeof path !== 'string' || !path.startsWith('/')) return;
      await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true, viewColumn: vscode.ViewColumn.One });
    }),
    // The links of a script as plain text (screen readers, copying).
    vscode.commands.registerCommand('sysvHa.previewLinksText', async (path?: string) => {
      const target = typeof path === 'string' ? path : vscode.window.activeTextEditor?.document.uri.fsPath;
      if (!target) return;
      const uri = vscode.Uri.from({ scheme: LINKS_SCHEME, path: `/${target.slice(target.lastIndexOf('/') + 1)}.links`, query: target });
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }),
    vscode.commands.registerCommand('sysvHa.restartServer', async () => {
      await client?.restart();
      void refreshStatus();
    }),
    vscode.commands.registerCommand('sysvHa.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('sysvHa.showDocumentInfo', () => {
      const msg = lastInfo
        ? `This ${lastInfo.language} file is checked as ${lastInfo.profile}: ${lastInfo.reason}. Change it with the sysvHa.profile or sysvHa.inittab.dialect settings.`
        : 'sysv-ha does not check the active file.';
      void vscode.window.showInformationMessage(msg);
    }),
    vscode.window.onDidChangeActiveTextEditor((e) => void refreshStatus(e)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('sysvHa')) setTimeout(() => void refreshStatus(), 200);
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) void refreshStatus();
    }),
  );

  // The server starts in the background, as the LSP sample does: activation does not wait for
  // it (requests sent meanwhile wait inside the client), so other extensions are not held up.
  const ready = client.start().then(() => {
    output.info(`language server ready ${(performance.now() - activateStart).toFixed(0)} ms after activation began`);
    void refreshStatus();
    services.refresh();
    return performance.now() - activateStart;
  }, (err: unknown) => {
    output.error(`The sysv-ha language server did not start: ${err instanceof Error ? err.message : String(err)}`);
    void vscode.window.showErrorMessage('sysv-ha: the language server did not start. See the sysv-ha output for details.');
    return undefined;
  });
  const end = performance.now();
  const start = loadStart ?? loaded;
  const activation = { loadMs: loaded - start, activateMs: end - activateStart, totalMs: loaded - start + (end - activateStart), hostMs: activateStart - loaded };
  output.info(`activated in ${activation.totalMs.toFixed(0)} ms (bundle loaded in ${activation.loadMs.toFixed(0)} ms, activate ${activation.activateMs.toFixed(0)} ms)`);
  return { activation, ready };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
