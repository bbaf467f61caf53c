/**
 * The language server: thin glue between LSP and the service. Every handler goes through
 * `safe()`, so an exception is logged (with the document and position) and answered with
 * an empty result; the server never dies of a bad document.
 */
import { realpathSync } from 'node:fs';
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, ErrorCodes, ProposedFeatures, ResponseError,
  TextDocuments, TextDocumentSyncKind, type CancellationToken, type Connection, type Diagnostic,
  type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CountedHost } from './countedHost';
import { stdioConnection } from './stdio';
import { applyLinkChanges, levelDirsOf, planLinkChanges, type LinkOp } from '../host/linkWriter';

/** A folder's real path (the folder itself when it cannot be resolved). */
function realRootOf(root: string): string {
  try {
    return root === '' || root === '/' ? root : realpathSync(root);
  } catch {
    return root;
  }
}

/** The confirmed list and the one computed now are the same changes, in the same order. */
const samePlan = (confirmed: readonly LinkOp[] | undefined, now: readonly LinkOp[]): boolean =>
  confirmed !== undefined && JSON.stringify(confirmed.map((o) => [o.kind, o.rel, o.target ?? null])) === JSON.stringify(now.map((o) => [o.kind, o.rel, o.target ?? null]));
import * as svc from '../service';
import { applyChanges } from './incremental';
import { idleCollector, limitHeapGrowth, memoryStats } from './memory';
import {
  pathToUri, toCodeAction, toCodeLens, toCompletionItem, toDiagnostic, toDocumentLink, toFolding, toHover, toLocation, toSymbol, toWorkspaceEdit,
  toWorkspaceSymbol, uriToPath, toInlayHint, encodeSemanticTokens,
} from './convert';

export const VERSION = '0.1.0';

interface Cached {
  version: number;
  analysis: svc.Analysis;
  /** Computed from the previous version's analysis (its tree, its statements), not from scratch. */
  incremental: boolean;
}

/** Quiet time after an edit before `sh -n` checks a script that tree-sitter could not parse. */
const SHELL_DELAY_MS = 200;
/** Files the checks read, watched for a client that lets the server register watchers (as the VS Code client watches them itself). */
const WATCHED_FILES = [
  '**/{init.d,rc.d,ha.d,xinetd.d,inittab.d,insserv.conf.d}/**',
  '**/{inittab,xinetd.conf,insserv.conf,services,hostname,fstab}',
  '**/{rc0.d,rc1.d,rc2.d,rc3.d,rc4.d,rc5.d,rc6.d,rcS.d,chkconfig.d}/**',
  '**/systemd/{system,system.control,system.attached,transient}/**',
];
/** Changes on disk reported within this time are re-checked together. */
const WATCHED_FILES_DELAY_MS = 50;
/** Quiet time after an edit of a script before the other documents that read it are re-checked. */
const CROSS_FILE_DELAY_MS = 300;
/** The parser worker is ended after this long without a parse (the next parse starts a fresh one). */
const PARSER_IDLE_MS = 10_000;
/** … and sooner (once quiet for PARSER_QUIET_MS) when its heap (V8, and wasm grown past its initial size) passed this with no large document open. */
const PARSER_HEAP_BOUND_MB = 32;
const PARSER_QUIET_MS = 1000;
/**
 * Texts up to this many characters are parsed in the server's thread (a typical init script is
 * 2-20 KB, the largest of the corpus 20 KB; a 20,000-line script about 550 KB); larger ones in the
 * worker. A first large open there costs 3-4 times the same open here (the thread's start, a cold
 * isolate, the body's copy: docs/performance.md, "Session 11, lead"); the wasm memory a large text
 * grows here goes back when the thread's parser runtime is recycled, idle (`recycleInThread`).
 * Above the bound, a pathological text's parse cannot stall the server's thread for long: the
 * worker's watchdog ends it.
 */
const PARSER_IN_THREAD_MAX = 1024 * 1024;

export function startServer(connection: Connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all)): Connection {
  // A burst of analyses (a folder of scripts opened) no longer grows the heap by several times its live size first.
  limitHeapGrowth();
  const cache = new Map<string, Cached>();
  /**
   * Edits since the cached analysis, per document, in tree-sitter's terms, so the next
   * analysis re-parses incrementally from the previous tree. `null`: a full-text change
   * happened, so the next parse starts from scratch.
   */
  const pendingEdits = new Map<string, svc.TreeEditInfo[] | null>();
  const documents = new TextDocuments<TextDocument>({
    create: TextDocument.create,
    update(doc, changes, version) {
      const previous = pendingEdits.has(doc.uri) ? pendingEdits.get(doc.uri)! : [];
      const { document, edits } = applyChanges(doc, changes, version, previous);
      pendingEdits.set(doc.uri, edits);
      return document;
    },
  });
  const settingsCache = new Map<string, Promise<svc.Settings>>();
  let globalSettings: svc.Settings = svc.DEFAULT_SETTINGS;
  let hasConfiguration = false;
  /** The client lets the server register file watchers (Neovim 0.10, Helix, …; VS Code too, whose client also watches: events are coalesced). */
  let canWatchFiles = false;
  let pullDiagnostics = false;
  /** The client applies file renames in a workspace edit (documentChanges with resource operations). */
  let canRenameFiles = false;
  let documentChanges = false;
  /** Workspace folders (paths), for workspace symbols. */
  let folders: string[] = [];
  // Other files as the checks see them: disk, with open documents' unsaved text on top.
  const openByPath = new Map<string, string>();
  const host = new CountedHost((path) => {
    const uri = openByPath.get(path);
    return uri === undefined ? undefined : documents.get(uri)?.getText();
  }, {
    // `sh -n` confirms tree-sitter's syntax-error candidates: in the background, once typing
    // pauses, never a process per keystroke. Diagnostics are published at once without its
    // verdict, and again when it answers.
    delayMs: SHELL_DELAY_MS,
    onSettled: (path) => {
      const uri = openByPath.get(path);
      if (uri === undefined || !documents.get(uri)) return;
      forget(uri);
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      else publishLogged(uri);
    },
  }, { roots: () => folders, strict: true }); // other files are read only inside the workspace folders (no sibling tree beside them, no link out of them); with no folder, around the open files

  const log = (msg: string) => connection.console.log(msg);

  /** Runs a handler; on an exception logs it with its context and answers `fallback`. */
  function safe<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      if (token?.isCancellationRequested) return fallback;
      try {
        return await handler(params, token);
      } catch (err) {
        const p = params as { textDocument?: { uri?: string }; position?: { line: number; character: number } };
        const where = p?.textDocument?.uri ? ` for ${p.textDocument.uri}${p.position ? `:${p.position.line + 1}:${p.position.character + 1}` : ''}` : '';
        connection.console.error(`${name} failed${where}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        return fallback;
      }
    };
  }

  function settingsFromObject(obj: unknown): svc.Settings {
    const { settings, ignored } = svc.normalizeSettings(obj);
    for (const msg of ignored) connection.console.warn(`sysvHa.${msg}: ignored`);
    return settings;
  }

  function getSettings(uri: string): Promise<svc.Settings> {
    if (!hasConfiguration) return Promise.resolve(globalSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'sysvHa' })
        .then((obj) => settingsFromObject(obj), () => globalSettings);
      settingsCache.set(uri, s);
    }
    return s;
  }

  // Shell bodies are parsed in a worker thread (the parser host), which loads the wasm next to
  // this bundle at start-up; init scripts wait for it. It is ended when idle or when its heap
  // holds memory for nothing, and restarted after a fault: only the faulting text goes unchecked.
  const env = process.env;
  const numberFrom = (v: string | undefined, fallback: number) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : fallback);
  // Small texts (a typical script) are parsed in this thread, from the same compiled wasm: the
  // round trip to the worker and the body's transfer cost more than their parse, and their trees
  // grow this thread's wasm heap by little. Large texts, and every text after a wasm fault here,
  // go to the worker. SYSV_HA_PARSER=in-process parses every text in this thread (no worker),
  // SYSV_HA_PARSER=worker every text in the worker (the bench compares the three).
  const mode = env['SYSV_HA_PARSER'];
  const parserHost = mode === 'in-process' ? undefined : new svc.ParserHost({
    wasmDir: __dirname,
    idleMs: numberFrom(env['SYSV_HA_PARSER_IDLE_MS'], PARSER_IDLE_MS),
    heapBoundBytes: numberFrom(env['SYSV_HA_PARSER_HEAP_MB'], PARSER_HEAP_BOUND_MB) * 1024 * 1024,
    quietMs: PARSER_QUIET_MS,
    faults: env['SYSV_HA_PARSER_FAULTS'] === '1',
    inThreadMaxChars: mode === 'worker' ? 0 : numberFrom(env['SYSV_HA_PARSER_IN_THREAD_MAX'], PARSER_IN_THREAD_MAX),
    // Idle: the worker and its trees go (and the compiled wasm, when this thread does not use it), and the heap is compacted.
    releaseWhenIdle: mode === 'worker',
    workerScript: env['SYSV_HA_PARSER_WORKER'] || undefined,
    onIdle: () => collector.collectSoon(),
    // The kept trees hold the old runtime's memory: their documents' next parse is a full one.
    onRecycleInThread: () => {
      for (const c of cache.values()) svc.releaseTree(c.analysis);
    },
    log: (msg) => connection.console.warn(msg),
    onSettled: () => scheduleBodiesSettled(),
  });
  let shellReady: Promise<void> | undefined;
  const ensureShell = (): Promise<void> => (shellReady ??= parserHost ? (mode === 'worker' ? parserHost.warm() : parserHost.loadInThread().catch((err: unknown) => {
    // Not in this thread: the worker parses every text.
    connection.console.error(`sysv-ha: the bash parser did not load in the server's thread, so the parser worker reads every script (${err instanceof Error ? err.message : String(err)})`);
  })) : svc.initialize({ wasmDir: __dirname }).catch((err: unknown) => {
    connection.console.error(`sysv-ha: the bash parser did not load, so init scripts get header checks only (${err instanceof Error ? err.message : String(err)})`);
  }));
  void ensureShell();

  /** A resource script's body became ready: re-check the open haresources files (they read them). */
  let settledTimer: ReturnType<typeof setTimeout> | undefined;
  function scheduleBodiesSettled(): void {
    clearTimeout(settledTimer);
    settledTimer = setTimeout(() => {
      const refreshed: string[] = [];
      for (const d of documents.all()) {
        if (svc.languageForDocument(uriToPath(d.uri), d.languageId, d.getText()) !== 'haresources') continue;
        forget(d.uri);
        refreshed.push(d.uri);
      }
      if (refreshed.length === 0) return;
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      else for (const uri of refreshed) publishLogged(uri);
    }, 20);
  }

  /**
   * Analyses are kept for the documents the user opened or edited last (their trees make the
   * next analysis incremental) and for a few more analysed for other reasons (a request, a
   * cross-file re-check), so that background work never pushes out the script being typed in.
   * The others are analysed again from scratch when next needed: a typical script takes 1-3 ms,
   * and memory stays flat however many documents are open.
   */
  const KEEP_EDITED = 12;
  const KEEP_OTHERS = 12;
  const edited: string[] = [];
  const others: string[] = [];
  const remove = (list: string[], uri: string) => {
    const i = list.indexOf(uri);
    if (i >= 0) list.splice(i, 1);
  };
  /**
   * Of the kept analyses, only those of the documents opened or edited last keep their parse
   * tree (the next keystroke's parse re-uses it); the others let it go once they are made or
   * leave this set, keep their analysis for every request, and their next version is parsed from
   * scratch (a typical script in about a millisecond). A tree lives in this thread's wasm heap,
   * which never gives pages back: every tree kept at once (24 when a folder of scripts was
   * opened) stayed resident for the life of the server (docs/performance.md, "Session 10, mem").
   */
  const KEEP_TREES = 2;
  /** Moves `uri` to the recent end of `list`; what falls out of both lists is forgotten, and trees let go, on a later turn (`tidyLater`). */
  function keep(list: string[], max: number, uri: string): void {
    remove(list, uri);
    list.push(uri);
    while (list.length > max) {
      const old = list.shift()!;
      if (!edited.includes(old) && !others.includes(old)) toForget.add(old);
    }
    tidyLater();
  }
  /**
   * On a later turn of the event loop, once the open or edit that called `keep` has been
   * analysed and its diagnostics written (the output is flushed on the turn it is written:
   * `stdio.ts`): documents that fell out of both lists, and are not back in one, are forgotten,
   * and the kept analyses outside the last `KEEP_TREES` edited let their trees go. Freeing an
   * analysis and its tree (about 0.1 ms for a typical script) is then not part of that
   * document's latency.
   */
  const toForget = new Set<string>();
  let tidyTimer: ReturnType<typeof setTimeout> | undefined;
  function tidyLater(): void {
    tidyTimer ??= setTimeout(() => {
      tidyTimer = undefined;
      const uris = [...toForget];
      toForget.clear();
      for (const u of uris) if (!edited.includes(u) && !others.includes(u)) forget(u);
      const hot = edited.slice(-KEEP_TREES);
      for (const [uri, c] of cache) if (!hot.includes(uri)) svc.releaseTree(c.analysis);
    }, 0);
  }
  const collector = idleCollector();

  /**
   * Counts the `forget`s of each document: an analysis that awaited (settings, the parser) and
   * finds the count changed starts again. Comparing the cache entry is not enough: a document
   * forgotten twice has none before and none after.
   */
  const forgotten = new Map<string, number>();

  /** Drops a document's analysis and its tree in the parser worker (the next one starts from scratch). */
  function forget(uri: string): void {
    forgotten.set(uri, (forgotten.get(uri) ?? 0) + 1);
    const cached = cache.get(uri);
    if (cached) svc.disposeAnalysis(cached.analysis);
    cache.delete(uri);
    pendingEdits.delete(uri);
    parserHost?.forget(uriToPath(uri));
  }

  /** Analyses of a document run one at a time: each takes the edits since the previous one. */
  const running = new Map<string, Promise<unknown>>();

  /** The analysis of the document's current version, computed once per version. */
  function analysisOf(uri: string): Promise<svc.Analysis | undefined> {
    const before = running.get(uri) ?? Promise.resolve();
    const next = before.then(() => analyseNow(uri), () => analyseNow(uri));
    running.set(uri, next);
    void next.finally(() => {
      if (running.get(uri) === next) running.delete(uri);
    }).catch(() => undefined);
    return next;
  }

  async function analyseNow(uri: string): Promise<svc.Analysis | undefined> {
    for (;;) {
      const doc = documents.get(uri);
      if (!doc) return undefined;
      const cached = cache.get(uri);
      if (cached && cached.version === doc.version) return cached.analysis;
      const epoch = forgotten.get(uri);
      const stale = () => cache.get(uri) !== cached || forgotten.get(uri) !== epoch;
      const path = uriToPath(uri);
      const language = svc.languageForDocument(path, doc.languageId, doc.getText());
      if (!language || !svc.isSupported(language)) return undefined;
      const settings = await getSettings(uri);
      // Init scripts are parsed by it; haresources reads its resource scripts' bodies through it.
      if (language === 'initscript' || language === 'haresources') await ensureShell();
      // TextDocuments updates the document object in place: this version's text and the edits
      // that lead to it are taken together; edits made from now on are relative to this text.
      const current = documents.get(uri);
      if (!current || stale()) continue;
      const version = current.version;
      const text = current.getText();
      const edits = pendingEdits.get(uri);
      pendingEdits.set(uri, []);
      // The body is parsed in the worker (from the previous tree when there is one) while this
      // thread runs the checks that need none; the analysis, still synchronous, waits for it
      // when it reads the body. Only while the worker starts is the parse awaited first.
      const viaWorker = language === 'initscript' && parserHost !== undefined && !parserHost.inThread(path, text);
      if (language === 'initscript' && parserHost && !viaWorker) parserHost.parsedHere(path);
      const parsing = viaWorker ? parserHost!.parse(path, text, cached && edits ? edits : null) : undefined;
      if (parsing && !parserHost!.canWaitFor(path, text)) {
        await parsing;
        if (stale()) continue; // forgotten meanwhile (a re-check, a settings change)
      }
      const previous = cached && edits ? { analysis: cached.analysis, edits } : undefined;
      let analysis: svc.Analysis;
      try {
        analysis = svc.analyze({ path, text, language }, settings, host, previous, parserHost);
      } catch (err) {
        // The previous tree may have been edited half-way: start from scratch next time.
        forget(uri);
        throw err;
      }
      const parsed = parsing ? await parsing : undefined;
      if (stale()) {
        svc.disposeAnalysis(analysis);
        continue; // forgotten meanwhile
      }
      const again = parsing !== undefined && parserHost!.tookPending(path, text);
      if (again) {
        // The analysis stopped waiting for the body (the parse budget passed, or the worker was
        // restarted for another text): analyse again, from scratch, with the body now here.
        svc.disposeAnalysis(analysis);
        try {
          analysis = svc.analyze({ path, text, language }, settings, host, undefined, parserHost);
        } catch (err) {
          forget(uri);
          throw err;
        }
      }
      if (cached) svc.disposeAnalysis(cached.analysis);
      cache.set(uri, { version, analysis, incremental: !again && previous !== undefined && (parsed ? !!parsed.incremental : svc.reparsedHere(analysis) ?? true) });
      if (!edited.includes(uri)) keep(others, KEEP_OTHERS, uri);
      collector.workDone();
      // Edited while its body was parsed: analyse the newer version too (from this one).
      if (documents.get(uri)?.version !== version) continue;
      return analysis;
    }
  }

  /**
   * The analysis for a request about the version the client had when it asked: when the
   * document changed while the analysis was computed, positions in the request and ranges in
   * the answer would be about different texts, so the request gets an empty answer instead.
   */
  async function analysisForRequest(uri: string): Promise<svc.Analysis | undefined> {
    const version = documents.get(uri)?.version;
    const a = await analysisOf(uri);
    return documents.get(uri)?.version === version ? a : undefined;
  }

  function diagnosticsOf(a: svc.Analysis, uri: string): Diagnostic[] {
    return a.problems.map((p) => toDiagnostic(p, uri, a.path));
  }

  async function publish(uri: string): Promise<void> {
    if (pullDiagnostics) return;
    const a = await analysisOf(uri);
    await connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics: a ? diagnosticsOf(a, uri) : [] });
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    hasConfiguration = !!caps.workspace?.configuration;
    canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    canRenameFiles = documentChanges && !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('rename');
    folders = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : [])
      .filter((u) => u.startsWith('file:')).map(uriToPath);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) globalSettings = settingsFromObject(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { resolveProvider: true, triggerCharacters: [':'] },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        foldingRangeProvider: true,
        signatureHelpProvider: { triggerCharacters: [' '], retriggerCharacters: [' '] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        inlayHintProvider: true,
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...svc.SEMANTIC_TOKEN_TYPES], tokenModifiers: [...svc.SEMANTIC_TOKEN_MODIFIERS] }, full: true },
        // Init scripts, haresources and ha.cf read each other: a change in one re-checks the others.
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: true, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'sysv-ha', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sysvHa' }).catch(() => undefined);
    }
    // What the cross-file checks read besides the open documents: without these a plain LSP
    // client never says that a file changed on disk (an rcN.d link made, a script replaced).
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILES.map((globPattern) => ({ globPattern })) }).catch(() => undefined);
    log(`sysv-ha ${VERSION} ready (${pullDiagnostics ? 'pull' : 'push'} diagnostics)`);
  });

  /** Publishes a document's diagnostics in the background; a failure is logged, never thrown. */
  function publishLogged(uri: string): void {
    void publish(uri).catch((err) => connection.console.error(`diagnostics failed for ${uri}: ${String(err)}`));
  }

  /** Re-publishes diagnostics of every open document. */
  function republishAll(): void {
    for (const d of documents.all()) publishLogged(d.uri);
  }

  // Events are taken together for a moment: a client that watches by itself and through the
  // watchers registered here (VS Code) sends each change twice, and a checkout sends hundreds.
  let watchedTimer: ReturnType<typeof setTimeout> | undefined;
  connection.onDidChangeWatchedFiles((change) => {
    for (const c of change.changes) host.invalidate(uriToPath(c.uri));
    if (watchedTimer) return;
    watchedTimer = setTimeout(() => {
      watchedTimer = undefined;
      for (const uri of [...cache.keys()]) forget(uri);
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      else republishAll();
    }, WATCHED_FILES_DELAY_MS);
  });

  /** `sysvHa/filesChanged`: the client changed files on disk itself (e.g. a chmod): re-check. */
  connection.onNotification('sysvHa/filesChanged', (params: { paths: string[] }) => {
    for (const p of params?.paths ?? []) host.invalidate(p);
    for (const uri of [...cache.keys()]) forget(uri);
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else republishAll();
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    for (const uri of [...cache.keys()]) forget(uri);
    const s = (change.settings as { sysvHa?: unknown } | undefined)?.sysvHa;
    if (!hasConfiguration && s) globalSettings = settingsFromObject(s);
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
    else republishAll();
  });

  /** Header lines of open scripts as last seen, to tell a header edit from a body edit. */
  const headerSigs = new Map<string, string>();
  /**
   * Documents whose checks read the scripts that changed, re-checked once typing pauses. Each
   * change (an open too) gets a number. A script that changed itself in the pause was analysed
   * then, and is skipped only if no other script's header changed after that: one opened or
   * edited just before another's header edit read the old header. haresources files read the
   * scripts' bodies: re-checked after any script change.
   */
  let crossFileTimer: ReturnType<typeof setTimeout> | undefined;
  let crossFileSeq = 0;
  /** uri → the number of its last change in this pause. */
  const crossFileChanged = new Map<string, number>();
  /** uri → the number of its last header change in this pause. */
  const crossFileHeaders = new Map<string, number>();
  function scheduleCrossFile(changedUri: string, headerChanged: boolean): void {
    clearTimeout(crossFileTimer);
    const seq = ++crossFileSeq;
    crossFileChanged.set(changedUri, seq);
    if (headerChanged) crossFileHeaders.set(changedUri, seq);
    crossFileTimer = setTimeout(() => {
      const changed = new Map(crossFileChanged);
      // The two latest header changes of different scripts: the latest by another than d is one of them.
      let first: [number, string] | undefined;
      let second: [number, string] | undefined;
      for (const [uri, n] of crossFileHeaders) {
        if (!first || n > first[0]) [first, second] = [[n, uri], first];
        else if (!second || n > second[0]) second = [n, uri];
      }
      crossFileChanged.clear();
      crossFileHeaders.clear();
      const headerChangeAfter = (uri: string): boolean => {
        const other = first && first[1] !== uri ? first : second;
        return other !== undefined && other[0] > (changed.get(uri) ?? 0);
      };
      const refreshed: string[] = [];
      for (const d of documents.all()) {
        if (!d.uri.startsWith('file:')) continue;
        const language = svc.languageForDocument(uriToPath(d.uri), d.languageId, d.getText());
        const recheck = language === 'haresources' ? !changed.has(d.uri) : language === 'initscript' && headerChangeAfter(d.uri);
        if (recheck) {
          forget(d.uri);
          refreshed.push(d.uri);
        }
      }
      if (refreshed.length === 0) return;
      if (pullDiagnostics) connection.languages.diagnostics.refresh();
      else for (const uri of refreshed) publishLogged(uri);
    }, CROSS_FILE_DELAY_MS);
  }

  documents.onDidOpen((e) => {
    if (e.document.uri.startsWith('file:')) openByPath.set(uriToPath(e.document.uri), e.document.uri);
  });
  documents.onDidChangeContent((e) => {
    // Opened or edited: what the host answers for its path changed (values kept with their reads check it again).
    if (e.document.uri.startsWith('file:')) host.overlayChanged(uriToPath(e.document.uri));
    if (e.document.languageId !== 'shellscript' || !e.document.uri.startsWith('file:')) return;
    const path = uriToPath(e.document.uri);
    const text = e.document.getText();
    // An init.d tree is built from the scripts' headers: rebuild it only when this one's
    // header lines changed (typing in a script body keeps it), and then re-check the others.
    const sig = svc.boot.headerSignature(text);
    const before = headerSigs.get(path) ?? (() => {
      const known = svc.boot.knownScriptText(path);
      return known === undefined ? undefined : svc.boot.headerSignature(known);
    })();
    headerSigs.set(path, sig);
    // Unknown before (no tree has read it yet): a tree built later reads this text anyway.
    if (before !== sig) host.invalidateMemos();
    scheduleCrossFile(e.document.uri, before !== undefined && before !== sig);
  });
  documents.onDidChangeContent((e) => {
    keep(edited, KEEP_EDITED, e.document.uri);
    publishLogged(e.document.uri);
  });
  documents.onDidClose((e) => {
    openByPath.delete(uriToPath(e.document.uri));
    if (e.document.uri.startsWith('file:')) host.overlayChanged(uriToPath(e.document.uri));
    headerSigs.delete(uriToPath(e.document.uri));
    remove(edited, e.document.uri);
    remove(others, e.document.uri);
    forget(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(safe('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async (params) => {
    const a = await analysisOf(params.textDocument.uri);
    return { kind: DocumentDiagnosticReportKind.Full, items: a ? diagnosticsOf(a, params.textDocument.uri) : [] };
  }));

  connection.onCompletion(safe('completion', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.doComplete(a, params.position).map((c) => toCompletionItem(c, a.language)) : [];
  }));

  connection.onCompletionResolve(safe('completionResolve', undefined as never, (item) => {
    const data = item.data as { language?: svc.LanguageId; key?: string } | undefined;
    if (data?.language && data.key && !item.documentation) {
      const doc = svc.resolveCompletion(data.language, data.key);
      if (doc) item.documentation = { kind: 'markdown', value: doc };
    }
    return item;
  }));

  connection.onHover(safe('hover', null, async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    const h = a ? svc.doHover(a, params.position) : null;
    return h ? toHover(h) : null;
  }));

  connection.onDocumentSymbol(safe('documentSymbol', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getSymbols(a).map(toSymbol) : [];
  }));

  connection.onCodeLens(safe('codeLens', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getCodeLenses(a).map(toCodeLens) : [];
  }));

  connection.onSignatureHelp(safe('signatureHelp', null, async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    const sig = a ? svc.getSignatureHelp(a, params.position) : null;
    if (!sig) return null;
    return {
      signatures: [{
        label: sig.label,
        documentation: sig.documentation ? { kind: 'markdown' as const, value: sig.documentation } : undefined,
        parameters: sig.parameters.map((p) => ({ label: p.label, documentation: p.documentation })),
      }],
      activeSignature: 0,
      activeParameter: sig.activeParameter,
    };
  }));

  connection.onFoldingRanges(safe('foldingRange', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getFoldingRanges(a).map(toFolding) : [];
  }));

  connection.onCodeAction(safe('codeAction', [], async (params) => {
    const uri = params.textDocument.uri;
    const a = await analysisForRequest(uri);
    if (!a) return [];
    const codes = params.context.diagnostics.filter((d) => d.source === 'sysv-ha').map((d) => String(d.code));
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions = wants('quickfix') ? svc.getFixes(a, params.range, codes.length > 0 ? codes : undefined).map((f) => toCodeAction(f, uri, params.context.diagnostics)) : [];
    if (wants('refactor.rewrite')) {
      for (const f of svc.getRefactors(a, params.range)) actions.push({ ...toCodeAction(f, uri, []), kind: 'refactor.rewrite', diagnostics: undefined });
    }
    return actions;
  }));

  const uriOf = (path: string, a: svc.Analysis, uri: string) => (path === a.path ? uri : pathToUri(path));

  connection.onDefinition(safe('definition', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getDefinition(a, params.position).map((l) => toLocation(l, uriOf(l.path, a, params.textDocument.uri))) : [];
  }));

  connection.onReferences(safe('references', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getReferences(a, params.position, params.context.includeDeclaration).map((l) => toLocation(l, uriOf(l.path, a, params.textDocument.uri))) : [];
  }));

  connection.onDocumentLinks(safe('documentLinks', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getDocumentLinks(a).map(toDocumentLink) : [];
  }));

  connection.onPrepareRename(safe('prepareRename', null, async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return (a && svc.prepareRename(a, params.position)) ?? null;
  }));

  connection.onRenameRequest(async (params, token) => {
    const r = await safe('rename', null as svc.WorkspaceChange | { error: string } | null, async () => {
      const a = await analysisForRequest(params.textDocument.uri);
      return a ? svc.renameSymbol(a, params.position, params.newName, { canRenameFiles }) : null;
    })(params, token);
    if (r && 'error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
    if (!r) return null;
    const current = params.textDocument.uri;
    const uriFor = (path: string) => (path === uriToPath(current) ? current : pathToUri(path));
    return toWorkspaceEdit(r, uriFor, documentChanges, (uri) => documents.get(uri)?.version ?? null);
  });

  connection.languages.inlayHint.on(safe('inlayHint', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getInlayHints(a, params.range).map(toInlayHint) : [];
  }));

  connection.languages.semanticTokens.on(safe('semanticTokens', { data: [] as number[] }, async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return { data: a ? encodeSemanticTokens(svc.getSemanticTokens(a)) : [] };
  }));

  connection.onDocumentFormatting(safe('formatting', [], async (params) => {
    const a = await analysisForRequest(params.textDocument.uri);
    return a ? svc.getFormatEdits(a) : [];
  }));

  connection.onWorkspaceSymbol(safe('workspaceSymbol', [], (params) => {
    // The workspace folders, and the image roots of the open documents (an editor opened on one file).
    const open = documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => {
      const p = uriToPath(d.uri);
      const i = p.lastIndexOf('/etc/');
      return i < 0 ? undefined : p.slice(0, i) || '/';
    }).filter((p): p is string => p !== undefined);
    return svc.workspaceSymbols([...new Set([...folders, ...open])], params.query, host).map(toWorkspaceSymbol);
  }));

  /**
   * `sysvHa/migrate`: the Corosync and Pacemaker files for the heartbeat cluster of an ha.cf or
   * haresources (docs/migration.md), and the plan as text; nothing is written.
   */
  connection.onRequest('sysvHa/migrate', safe('migrate', null as { files: Record<string, string>; plan: string; notTranslated: number; manual: number } | { error: string } | null, async (params: { path: string }) => {
    if (typeof params?.path !== 'string' || !params.path.startsWith('/')) return { error: 'no file to migrate' };
    host.invalidate();
    const settings = await getSettings(pathToUri(params.path));
    const m = svc.migrate.migrateForFile(params.path, host, { heartbeatVersion: settings.heartbeatVersion, localNode: settings.localNode || undefined });
    if (!m) return { error: `No ha.cf next to ${params.path}: the cluster is described by ha.cf, haresources and authkeys of one folder.` };
    const counts = svc.migrate.planCounts(m.plan);
    return { files: m.files, plan: svc.migrate.renderPlanText(m.plan), notTranslated: counts['not-translated'], manual: counts.manual };
  }));

  /** `sysvHa/previewLinks`: the links of an init script, as a text document. */
  connection.onRequest('sysvHa/previewLinks', safe('previewLinks', null as string | null, (params: { path: string }) => {
    const p = svc.boot.previewLinks(params.path, host);
    return p ? svc.boot.renderPreview(p) : `No init.d folder found around ${params.path}.\n`;
  }));

  /** `sysvHa/previewUnit`: what systemd-sysv-generator makes of an init script, as a text document. */
  connection.onRequest('sysvHa/previewUnit', safe('previewUnit', null as string | null, async (params: { path: string }) => {
    const settings = await getSettings(pathToUri(params.path));
    const profile = settings.profile !== 'auto' ? settings.profile : /\/etc\/rc\.d\/init\.d\//.test(params.path) ? 'rhel' : 'debian';
    return svc.systemd.previewUnit(params.path, host, settings, profile);
  }));

  /** `sysvHa/nativeUnit`: the native unit proposed for an open init script. */
  connection.onRequest('sysvHa/nativeUnit', safe('nativeUnit', null as { name: string; text: string } | null, async (params: { uri: string }) => {
    const a = await analysisForRequest(params.uri);
    const u = a ? svc.systemd.convertToNative(a, undefined, host) : undefined;
    return u ? { name: u.name, text: u.text } : null;
  }));

  /** The image root of a path: the folder above its `etc/`, else the first image root in or around it. */
  function rootFor(path: string): string | undefined {
    const i = path.lastIndexOf('/etc/');
    if (i >= 0) return path.slice(0, i);
    return svc.boot.findRoots(path, host)[0];
  }

  /** `sysvHa/bootView`: the boot-order picture's data (graph, order per runlevel, the script's links). */
  connection.onRequest('sysvHa/bootView', safe('bootView', null as svc.boot.BootView | null, (params: { path: string }) => {
    const root = rootFor(params.path);
    if (root === undefined) return null;
    host.invalidate();
    return svc.boot.bootView(root, host, params.path) ?? null;
  }));

  /** `sysvHa/simulateData`: a runlevel change as data, for the picture (`sysvHa/simulate` gives the text). */
  connection.onRequest('sysvHa/simulateData', safe('simulateData', null as svc.boot.Simulation | null, (params: { path: string; from: string; to: string }) => {
    if (!/^([0-6]|S|N)$/.test(params.from) || !/^[0-6S]$/.test(params.to)) return null;
    const root = rootFor(params.path);
    if (root === undefined) return null;
    host.invalidate();
    return svc.boot.simulateChange(root, host, { from: params.from, to: params.to }) ?? null;
  }));

  /** `sysvHa/services`: every init script of the image roots in these folders, per runlevel. */
  connection.onRequest('sysvHa/services', safe('services', [] as svc.boot.ServiceTree[], async (params: { folders: string[] }) => {
    host.invalidate();
    const roots = [...new Set(params.folders.flatMap((f) => svc.boot.findRoots(f, host)))];
    const trees = roots.map((r) => svc.boot.listServices(r, host)).filter((t): t is svc.boot.ServiceTree => t !== undefined);
    // Per script, the targets that want it on a systemd host (the version the settings say).
    for (const t of trees) {
      const settings = await getSettings(pathToUri(t.root));
      const rows = svc.systemd.systemdRows(t.root, host, settings, settings.profile !== 'auto' ? settings.profile : t.layout === 'rhel' ? 'rhel' : t.layout === 'busybox' ? 'busybox' : 'debian');
      if (rows) for (const s of t.services) Object.assign(s, { systemd: rows.get(s.path) });
    }
    return trees;
  }));

  /**
   * `sysvHa/setService`: the link changes that add (or remove) a script in an image root, as
   * the tree's tool would; with `apply` (after the user confirmed the list) they are written.
   */
  connection.onRequest('sysvHa/setService', safe('setService', { ops: [], conflicts: ['internal error'], applied: [] as string[] }, (params: { root: string; script: string; op: 'add' | 'del'; apply: boolean; confirmed?: LinkOp[] }) => {
    // The root's real path, as the CLI resolves it (a workspace under /home -> /var/home).
    params = { ...params, root: realRootOf(params.root) };
    if (!/^[A-Za-z0-9_.@+-]+$/.test(params.script) || params.root === '' || params.root === '/') return { ops: [], conflicts: ['refused: not a script name, or a live system (use the terminal commands there)'], applied: [] };
    host.invalidate();
    const tree = svc.boot.loadInitTree(params.root, host);
    if (!tree || !tree.scripts.some((s) => s.name === params.script)) return { ops: [], conflicts: [`no script ${params.script} under ${params.root}`], applied: [] };
    const p = svc.boot.plan(tree, svc.boot.defaultTool(tree), host);
    const links = params.op === 'add' ? p.links.filter((l) => l.script === params.script) : [];
    const changes = planLinkChanges(params.root, [params.script], links, levelDirsOf(params.root, tree.initDir));
    const applied: string[] = [];
    // Apply writes exactly the list the user confirmed (sent back as `confirmed`): a plan that
    // changed since (an edited header, a new link) is refused, never written unseen.
    if (params.apply && changes.conflicts.length === 0 && !samePlan(params.confirmed, changes.ops)) {
      return { ...changes, conflicts: ['the changes are not the ones you confirmed (the tree changed since): nothing written; look at the new list and confirm again'], applied };
    }
    if (params.apply && changes.conflicts.length === 0) {
      applyLinkChanges(params.root, changes.ops, (line) => applied.push(line));
      host.invalidate();
    }
    return { ...changes, applied };
  }));

  /** `sysvHa/simulate`: a runlevel change of the image root around a path, as text. */
  connection.onRequest('sysvHa/simulate', safe('simulate', null as string | null, (params: { path: string; from: string; to: string }) => {
    if (!/^([0-6]|S|N)$/.test(params.from) || !/^[0-6S]$/.test(params.to)) return 'Runlevels are 0-6 or S (from: also N for boot).\n';
    const i = params.path.lastIndexOf('/etc/');
    const candidates = i >= 0 ? [params.path.slice(0, i)] : svc.boot.findRoots(params.path, host);
    host.invalidate();
    for (const root of candidates) {
      const sim = svc.boot.simulateChange(root, host, { from: params.from, to: params.to });
      if (sim) return svc.boot.renderSimulation(sim);
    }
    return `No etc/init.d or etc/rc.d/init.d found for ${params.path}.\n`;
  }));

  /**
   * `sysvHa/setLevel`: turn a script on or off in one runlevel of an image root, as
   * `chkconfig --level N NAME on|off` does (one S or K link with the header's priority);
   * with `apply` (after the user confirmed the list) the change is written.
   */
  connection.onRequest('sysvHa/setLevel', safe('setLevel', { ops: [], conflicts: ['internal error'], applied: [] as string[] }, (params: { root: string; script: string; level: string; on: boolean; apply: boolean; confirmed?: LinkOp[] }) => {
    // The root's real path, as the CLI resolves it (a workspace under /home -> /var/home).
    params = { ...params, root: realRootOf(params.root) };
    if (!/^[A-Za-z0-9_.@+-]+$/.test(params.script) || !/^[0-6]$/.test(params.level) || params.root === '' || params.root === '/') return { ops: [], conflicts: ['refused: not a script name or a runlevel 0-6, or a live system (use the terminal there)'], applied: [] };
    host.invalidate();
    const tree = svc.boot.loadInitTree(params.root, host);
    const script = tree?.scripts.find((s) => s.name === params.script);
    if (!tree || !script) return { ops: [], conflicts: [`no script ${params.script} under ${params.root}`], applied: [] };
    const planned = svc.boot.plan(tree, 'chkconfig', host).links.filter((l) => l.script === params.script);
    const ck = script.header.chkconfig;
    const priority = params.on ? (planned.find((l) => l.kind === 'S')?.priority ?? ck?.startPriority ?? 50) : (planned.find((l) => l.kind === 'K')?.priority ?? ck?.stopPriority ?? 50);
    const rel = tree.initDir.slice(params.root.length + 1);
    const dir = `${rel.slice(0, rel.lastIndexOf('/'))}/rc${params.level}.d`;
    const kind = params.on ? 'S' : 'K';
    const link = { link: `${dir}/${kind}${String(priority).padStart(2, '0')}${params.script}`, target: `../init.d/${params.script}`, script: params.script, runlevel: Number(params.level), kind, priority } as const;
    const changes = planLinkChanges(params.root, [params.script], [link], [dir]);
    const applied: string[] = [];
    // Apply writes exactly the list the user confirmed (sent back as `confirmed`): a plan that
    // changed since (an edited header, a new link) is refused, never written unseen.
    if (params.apply && changes.conflicts.length === 0 && !samePlan(params.confirmed, changes.ops)) {
      return { ...changes, conflicts: ['the changes are not the ones you confirmed (the tree changed since): nothing written; look at the new list and confirm again'], applied };
    }
    if (params.apply && changes.conflicts.length === 0) {
      applyLinkChanges(params.root, changes.ops, (line) => applied.push(line));
      host.invalidate();
    }
    return { ...changes, applied };
  }));

  /** `sysvHa/documentInfo`: how a document is checked (for the status bar). */
  connection.onRequest('sysvHa/documentInfo', safe('documentInfo', null as (svc.DocumentInfo & { shellPending: boolean; incremental: boolean }) | null, async (params: { uri: string }) => {
    const a = await analysisOf(params.uri);
    // shellPending: `sh -n` has still to confirm or clear a syntax-error candidate; the
    // diagnostics are published again when it has. incremental: this version was analysed
    // from the previous one (its tree and statements kept), not from scratch.
    return a ? { ...a.info, shellPending: host.shellPending(a.path), incremental: cache.get(params.uri)?.analysis === a && cache.get(params.uri)!.incremental } : null;
  }));

  /** `sysvHa/memoryStats`: where the server's memory is (the bench reads it). */
  connection.onRequest('sysvHa/memoryStats', safe('memoryStats', null as Record<string, unknown> | null, () => memoryStats()));

  /** `sysvHa/parserStats`: what the parser host did (workers started and ended, their heaps). */
  connection.onRequest('sysvHa/parserStats', safe('parserStats', null as svc.ParserHostStats | null, () => parserHost?.stats() ?? null));

  /**
   * `sysvHa/injectParserFault`: the next parse (of `uri`, or any) faults as asked. Honoured only
   * when the server was started with SYSV_HA_PARSER_FAULTS=1 (the fuzzer, the bench, tests).
   */
  connection.onRequest('sysvHa/injectParserFault', safe('injectParserFault', false, async (params: { kind: svc.FaultKind; uri?: string; inThread?: boolean }) => {
    if (!['wasm', 'hang', 'oom', 'exit'].includes(params?.kind)) return false;
    // inThread: the next parse in the server's own thread throws a wasm RuntimeError (kind wasm only).
    return parserHost?.injectFault(params.kind, params.uri === undefined ? undefined : uriToPath(params.uri), params.inThread === true) ?? false;
  }));

  connection.onShutdown(() => parserHost?.close());

  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (err) => connection.console.error(`uncaught exception: ${err.stack ?? err.message}`));

  documents.listen(connection);
  connection.listen();
  return connection;
}
