// The LSP slice of the fuzzer: cases go through the real server (`node dist/server.js
// --stdio`): didOpen of the unmutated file, incremental didChange(s) to the mutated text and a
// few typing edits, then every request the server offers. The server must answer each
// request, log no handler failure, never exit, keep ranges inside the document as the client
// sees it, and publish the same diagnostics as a fresh in-process analysis of the final text.
//
// With `faults` (--lsp-faults) the server is started with SYSV_HA_PARSER_FAULTS=1 and a clean
// sentinel script open; the parse of each init script's mutated version faults in the parser
// worker (a wasm RuntimeError, the wasm heap out of memory, or a parse that never returns). The
// server must stay up, the typing edits after it must be analysed with their body (the same
// diagnostics as a fresh analysis), and the sentinel must keep its body analysis.
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serverLaunch } from '../server-launch.mjs';
import { rngFor } from './cases.mjs';
import { CaseFailure, parseStopped, rangeProblem } from './check.mjs';

/** CPU milliseconds (user + system, all its threads) of process `pid`, or undefined (not Linux). */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold blanks): state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const EDITOR_ID = { inittab: 'inittab', initscript: 'shellscript', hacf: 'ha-cf', haresources: 'ha-resources', authkeys: 'ha-authkeys', xinetd: 'xinetd' };

export class LspDriver {
  constructor(repo, opts = {}) {
    this.repo = repo;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    const require = createRequire(join(repo, 'package.json'));
    this.rpc = require('vscode-jsonrpc/node');
    this.TextDocument = require('vscode-languageserver-textdocument').TextDocument;
    this.svc = require(join(repo, 'out/server/src/service/index.js'));
    this.FsHost = require(join(repo, 'out/server/src/host/fsHost.js')).FsHost;
    this.restarts = 0;
    this.faults = !!opts.faults;
    this.faultCount = 0;
  }

  async start() {
    const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = this.rpc;
    // Started as the editors start it: the node flags and environment of dist/server-launch.json.
    const launch = serverLaunch(join(this.repo, 'dist'));
    this.proc = spawn(process.execPath, [...launch.nodeFlags, join(this.repo, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...launch.env, ...(this.faults ? { SYSV_HA_PARSER_FAULTS: '1' } : {}) } });
    this.exited = undefined;
    this.stderr = '';
    this.errors = [];
    this.published = new Map();
    this.waiters = [];
    this.proc.on('exit', (code, signal) => { this.exited = `server exited (code ${code}, signal ${signal})`; for (const w of this.waiters) w.reject(new Error(this.exited)); this.waiters = []; });
    this.proc.stderr.on('data', (d) => { this.stderr = (this.stderr + String(d)).slice(-20_000); });
    this.proc.stdin.on('error', () => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onError(() => undefined);
    this.conn.onNotification('window/logMessage', (p) => {
      if (p.type !== 1) return;
      this.errors.push(p.message);
      // Diagnostics that failed are never published: fail the waiter now rather than time out.
      for (const w of this.waiters) if (p.message.includes(w.uri)) w.reject(new CaseFailure('lsp-log-error', `the server logged an error: ${p.message.slice(0, 4000)}`));
      this.waiters = this.waiters.filter((w) => !p.message.includes(w.uri));
    });
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.published.set(`${p.uri}#${p.version}`, p);
      this.waiters = this.waiters.filter((w) => (w.uri === p.uri && w.version === p.version ? (w.resolve(p), false) : true));
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
    await this.request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
    await this.conn.sendNotification('initialized', {});
    if (this.faults) {
      // A clean script that stays open: after every fault its body must still be analysed.
      this.sentinel = { uri: 'file:///fuzz-root/sentinel/etc/rc.d/init.d/httpd', version: 1 };
      const text = readFileSync(join(this.repo, 'examples/etc/rc.d/init.d/httpd'), 'utf8');
      await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: this.sentinel.uri, languageId: 'shellscript', version: 1, text } });
      await this.diagnostics(this.sentinel.uri, 1);
    }
  }

  /** The fault for the next init script: mostly wasm faults, out-of-memory and a worker thread that ends mid-parse, one hang in eight (each costs the watchdog's seconds). */
  nextFaultKind() {
    return ['wasm', 'oom', 'exit', 'oom', 'wasm', 'exit', 'wasm', 'hang'][this.faultCount++ % 8];
  }

  /** After a fault: the sentinel, edited, is analysed with its body (the fault stayed with its input). */
  async checkSentinel() {
    const s = this.sentinel;
    const v = ++s.version;
    // Insert a comment line after the first line, then remove it: the text alternates.
    const change = v % 2 === 0
      ? { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# sentinel\n' }
      : { range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' };
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: s.uri, version: v }, contentChanges: [change] });
    await this.diagnostics(s.uri, v);
    const info = await this.request('sysvHa/documentInfo', { uri: s.uri });
    if (/shell body not checked/.test(info?.reason ?? '')) throw new CaseFailure('lsp-fault-spread', `after a parser fault in another document, the sentinel script has no body analysis: ${info.reason}`);
  }

  async stop() {
    if (!this.proc || this.exited) return;
    try {
      await this.request('shutdown', null, 5000);
      await this.conn.sendNotification('exit');
    } catch { /* killed below */ }
    await new Promise((resolve) => { const t = setTimeout(() => { this.proc.kill(); resolve(); }, 3000); this.proc.once('exit', () => { clearTimeout(t); resolve(); }); });
    this.conn.dispose();
  }

  /**
   * Calls `fire(what)` once the server has spent `timeoutMs` of CPU time on it (Linux), or 10
   * times that of wall time; the machine is shared, and under load (and nice) a request that
   * needs 2 s of CPU can take a minute. Returns the function that cancels it.
   */
  timeout(timeoutMs, fire) {
    const pid = this.proc?.pid;
    const cpu0 = processCpuMs(pid);
    const t0 = performance.now();
    if (cpu0 === undefined) {
      const t = setTimeout(() => fire(`${timeoutMs} ms`), timeoutMs);
      return () => clearTimeout(t);
    }
    const t = setInterval(() => {
      const cpu = (processCpuMs(pid) ?? cpu0) - cpu0;
      const wall = performance.now() - t0;
      if (cpu > timeoutMs || wall > 10 * timeoutMs) {
        clearInterval(t);
        fire(`${timeoutMs} ms of the server's CPU time (it used ${(cpu / 1000).toFixed(1)} s in ${(wall / 1000).toFixed(1)} s)`);
      }
    }, Math.min(1000, timeoutMs));
    return () => clearInterval(t);
  }

  request(method, params, timeoutMs = this.timeoutMs) {
    if (this.exited) return Promise.reject(new CaseFailure('lsp-exit', this.exited));
    return new Promise((resolve, reject) => {
      const cancel = this.timeout(timeoutMs, (within) => reject(new CaseFailure('lsp-timeout', `${method}: no answer within ${within}`)));
      this.conn.sendRequest(method, params).then((r) => { cancel(); resolve(r); }, (err) => {
        cancel();
        reject(this.exited ? new CaseFailure('lsp-exit', `${method}: ${this.exited}\n${this.stderr}`) : new CaseFailure('lsp-error', `${method} answered with an error: ${err?.message ?? err}`));
      });
    });
  }

  diagnostics(uri, version) {
    const seen = this.published.get(`${uri}#${version}`);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const cancel = this.timeout(this.timeoutMs, (within) => reject(new CaseFailure('lsp-timeout', `no diagnostics published for version ${version} within ${within}`)));
      this.waiters.push({ uri, version, resolve: (p) => { cancel(); resolve(p); }, reject: (e) => { cancel(); reject(e instanceof CaseFailure ? e : new CaseFailure('lsp-exit', e.message)); } });
    });
  }

  /** A publish of (uri, version) other than `prev`: the server publishes again when `sh -n` answers. */
  nextPublish(uri, version, prev) {
    const seen = this.published.get(`${uri}#${version}`);
    if (seen && seen !== prev) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const cancel = this.timeout(this.timeoutMs, (within) => reject(new CaseFailure('lsp-timeout', `no second publish for version ${version} after sh -n within ${within}`)));
      this.waiters.push({ uri, version, resolve: (p) => { cancel(); resolve(p); }, reject: (e) => { cancel(); reject(e instanceof CaseFailure ? e : new CaseFailure('lsp-exit', e.message)); } });
    });
  }

  /** The diagnostics of a version once the server's background `sh -n` (if any) has answered. */
  async settledDiagnostics(uri, version) {
    let p = await this.diagnostics(uri, version);
    for (let i = 0; i < 20; i++) {
      const info = await this.request('sysvHa/documentInfo', { uri });
      if (!info?.shellPending) {
        // The publish made when the shell answered may still be on its way.
        await new Promise((r) => setTimeout(r, 20));
        return this.published.get(`${uri}#${version}`) ?? p;
      }
      p = await this.nextPublish(uri, version, p);
    }
    return p;
  }

  /** Runs case `c` (from makeCase) through the server; throws a CaseFailure on a fault. */
  async runCase(c, baseBytes) {
    if (!this.proc || this.exited) {
      if (this.proc) this.restarts++;
      await this.start();
    }
    this.errors = [];
    const TD = this.TextDocument;
    const r = rngFor(c.seed, c.k, c.rngSalt ^ 0x1234);
    const uri = `file:///fuzz-root/c${c.k}${c.path}`;
    const path = `/fuzz-root/c${c.k}${c.path}`;
    const languageId = EDITOR_ID[c.language];
    const start = baseBytes.toString('utf8');
    const target = c.bytes.toString('utf8');
    let doc = TD.create(uri, languageId, 1, start);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: start } });
    let fault;
    try {
      if (this.faults && c.language === 'initscript') {
        // The parse of the mutated version (2) faults in the worker.
        await this.diagnostics(uri, 1);
        const kind = this.nextFaultKind();
        const before = await this.request('sysvHa/parserStats', {});
        if ((await this.request('sysvHa/injectParserFault', { kind, uri })) !== true) throw new CaseFailure('lsp-fault-injection', 'the server did not take the fault (started without SYSV_HA_PARSER_FAULTS=1?)');
        fault = { kind, before };
      }
      // The mutation as one incremental change (common prefix and suffix kept; never splitting a CR LF).
      let pre = 0;
      while (pre < start.length && pre < target.length && start[pre] === target[pre]) pre++;
      let suf = 0;
      while (suf < start.length - pre && suf < target.length - pre && start[start.length - 1 - suf] === target[target.length - 1 - suf]) suf++;
      const splitsPair = (s, i) => i > 0 && i < s.length && s.charCodeAt(i - 1) === 13 && s.charCodeAt(i) === 10;
      while (pre > 0 && (splitsPair(start, pre) || splitsPair(target, pre) || isLowSurrogate(start, pre) || isLowSurrogate(target, pre))) pre--;
      while (suf > 0 && (splitsPair(start, start.length - suf) || splitsPair(target, target.length - suf) || isLowSurrogate(start, start.length - suf) || isLowSurrogate(target, target.length - suf))) suf--;
      const changes = [{ range: { start: doc.positionAt(pre), end: doc.positionAt(start.length - suf) }, text: target.slice(pre, target.length - suf) }];
      doc = TD.update(doc, changes, 2);
      await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: changes });
      // The faulting parse is that of version 2 (typing at once would let the server skip it).
      if (fault) await this.diagnostics(uri, 2);
      // A few typing edits on top (after a fault at least one: a new text, parsed again).
      const typing = r.int(3) + (fault ? 1 : 0);
      for (let v = 3; v < 3 + typing; v++) {
        const size = doc.getText().length;
        const at = r.int(size + 1);
        // After a fault the last edit appends a newline: the final text is not the one that faulted.
        const change = fault && v === 2 + typing
          ? { range: { start: doc.positionAt(size), end: doc.positionAt(size) }, text: '\n' }
          : { range: { start: doc.positionAt(at), end: doc.positionAt(Math.min(size, at + r.int(6))) }, text: r.pick(['', 'x', ' ', '\n', '"', '#', ';;', 'fi', '}', '{', ':', 'é', '\\']) };
        doc = TD.update(doc, [change], v);
        await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
      }
      const text = doc.getText();
      const version = doc.version;
      // Lines as the client counts them (CR, LF and CR LF all end a line).
      const lens = [];
      for (let i = 0; i < doc.lineCount; i++) lens.push(doc.getText({ start: { line: i, character: 0 }, end: { line: i, character: Number.MAX_SAFE_INTEGER } }).replace(/[\r\n]+$/, '').length);
      const loneCr = /\r(?!\n)/.test(text);
      const check = (what, range) => {
        const bad = rangeProblem(lens, range);
        // A lone CR ends a line for LSP clients but not for the service (SourceText splits on LF).
        if (bad) throw new CaseFailure(loneCr ? 'lsp-range:lone-cr' : `lsp-range:${what.split(' ')[0]}`, `${what}: ${bad} (as the client counts lines${loneCr ? '; the text has a lone CR' : ''})`);
      };
      const published = await this.settledDiagnostics(uri, version);
      for (const d of published.diagnostics) check(`diagnostic ${d.code}`, d.range);

      // Same diagnostics as a fresh in-process analysis of the final text.
      const host = new this.FsHost((p) => (p === path ? text : undefined));
      const language = this.svc.languageForDocument(path, languageId, text);
      if (language && this.svc.isSupported(language)) {
        const a = this.svc.analyze({ path, text, language }, this.svc.DEFAULT_SETTINGS, host);
        const fresh = a.problems.map((p) => `${p.code}@${p.range.start.line}:${p.range.start.character}-${p.range.end.line}:${p.range.end.character}`);
        this.svc.disposeAnalysis(a);
        const got = published.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
        const serverInfo = await this.request('sysvHa/documentInfo', { uri });
        if (/the shell parser (failed|did not finish|ran out of memory|stopped)/.test(serverInfo?.reason ?? '')) throw new CaseFailure('lsp-parser-failed', `the server turned shell parsing off: ${serverInfo.reason}`);
        if (!parseStopped(a, { info: serverInfo }) && JSON.stringify(got) !== JSON.stringify(fresh)) {
          throw new CaseFailure('lsp-incremental', `server diagnostics after incremental changes differ from a fresh analysis: only server ${JSON.stringify(got.filter((x) => !fresh.includes(x)).slice(0, 3))}, only fresh ${JSON.stringify(fresh.filter((x) => !got.includes(x)).slice(0, 3))}`);
        }
      }

      const td = { uri };
      const positions = [];
      for (let i = 0; i < 3; i++) { const line = r.int(lens.length); positions.push({ line, character: r.int(lens[line] + 1) }); }
      for (const d of published.diagnostics.slice(0, 2)) positions.push(d.range.start);
      const pending = [];
      for (const position of positions) {
        pending.push(this.request('textDocument/completion', { textDocument: td, position }).then((items) => {
          for (const it of items ?? []) if (it.textEdit) check(`completion ${it.label}`, it.textEdit.range ?? it.textEdit.replace);
          const first = (items ?? [])[0];
          return first ? this.request('completionItem/resolve', first) : null;
        }));
        pending.push(this.request('textDocument/hover', { textDocument: td, position }).then((h) => { if (h?.range) check('hover', h.range); }));
        pending.push(this.request('textDocument/signatureHelp', { textDocument: td, position }));
      }
      pending.push(this.request('textDocument/documentSymbol', { textDocument: td }).then((syms) => {
        const walk = (list) => { for (const s of list ?? []) { check(`symbol ${s.name}`, s.range); check(`symbol ${s.name} selection`, s.selectionRange); walk(s.children); } };
        walk(syms);
      }));
      pending.push(this.request('textDocument/codeLens', { textDocument: td }).then((ls) => { for (const l of ls ?? []) check('codeLens', l.range); }));
      pending.push(this.request('textDocument/foldingRange', { textDocument: td }).then((fs) => {
        for (const f of fs ?? []) if (!(f.startLine <= f.endLine && f.endLine < lens.length)) throw new CaseFailure('lsp-range:folding', `folding ${f.startLine}-${f.endLine} outside ${lens.length} lines`);
      }));
      for (const d of published.diagnostics.slice(0, 6)) {
        pending.push(this.request('textDocument/codeAction', { textDocument: td, range: d.range, context: { diagnostics: [d] } }).then((acts) => {
          for (const a of acts ?? []) for (const e of a.edit?.changes?.[uri] ?? []) check(`codeAction ${a.title}`, e.range);
        }));
      }
      pending.push(this.request('textDocument/codeAction', { textDocument: td, range: { start: { line: 0, character: 0 }, end: { line: lens.length - 1, character: lens[lens.length - 1] } }, context: { diagnostics: [] } }));
      // Positions past the end, as a client racing an edit may send.
      pending.push(this.request('textDocument/hover', { textDocument: td, position: { line: lens.length + 5, character: 3 } }));
      pending.push(this.request('textDocument/completion', { textDocument: td, position: { line: 0, character: (lens[0] ?? 0) + 40 } }));
      pending.push(this.request('sysvHa/documentInfo', { uri }));
      const settled = await Promise.allSettled(pending);
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
      if (this.errors.length > 0) throw new CaseFailure('lsp-log-error', `the server logged an error: ${this.errors[0].slice(0, 4000)}`);
      if (this.exited) throw new CaseFailure('lsp-exit', `${this.exited}\n${this.stderr}`);
      if (fault) {
        const after = await this.request('sysvHa/parserStats', {});
        const ended = (s) => s.ended.fault + s.ended.hang;
        fault.observed = ended(after) > ended(fault.before);
        await this.checkSentinel();
      }
      return { requests: pending.length, fault };
    } finally {
      if (!this.exited) await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } }).catch(() => undefined);
    }
  }
}

function isLowSurrogate(s, i) {
  const c = s.charCodeAt(i);
  return i > 0 && i < s.length && c >= 0xdc00 && c <= 0xdfff;
}
