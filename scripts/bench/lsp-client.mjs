// A minimal LSP client over the child's stdio, as an editor would talk to dist/server.js --stdio.
// Times are taken when a message arrives (in the reader callback), not when a waiter resumes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class BenchClient {
  /** @param {string} serverJs @param {string[]} nodeArgs extra node flags (e.g. --cpu-prof) @param {NodeJS.ProcessEnv} [env] */
  constructor(serverJs, nodeArgs = [], env = process.env) {
    this.spawnedAt = performance.now();
    this.proc = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { if (this.stderr.length < 20000) this.stderr += String(d); });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    /** uri -> { version, count, at } of the last publish */
    this.last = new Map();
    this.waiters = [];
    this.published = 0;
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.published++;
      const rec = { version: p.version, count: p.diagnostics.length, codes: p.diagnostics.map((d) => d.code), at };
      this.last.set(p.uri, rec);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
          clearTimeout(w.timer);
          w.resolve(rec);
          return false;
        }
        return true;
      });
      if (this.onPublish) this.onPublish(p.uri, rec);
    });
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.listen();
  }

  get pid() { return this.proc.pid; }

  /** Resolves with the milliseconds from spawn to the `initialize` answer. @param {string} [folderUri] a workspace folder */
  async initialize(folderUri) {
    await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: folderUri ?? null,
      ...(folderUri ? { workspaceFolders: [{ uri: folderUri, name: 'bench' }] } : {}),
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: { versionSupport: true } } },
    });
    const ms = performance.now() - this.spawnedAt;
    await this.conn.sendNotification('initialized', {});
    return ms;
  }

  /** The publish for `uri` at `version` (undefined: any); rejects after `timeoutMs`. */
  waitDiagnostics(uri, version, timeoutMs = 30000) {
    const seen = this.last.get(uri);
    if (seen && (version === undefined || seen.version === version)) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { uri, version, resolve };
      w.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** didOpen → first diagnostics, in ms (null on timeout). */
  async open(uri, languageId, text, timeoutMs = 30000) {
    this.last.delete(uri);
    const t0 = performance.now();
    const wait = this.waitDiagnostics(uri, 1, timeoutMs);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    try {
      const rec = await wait;
      return { ms: rec.at - t0, count: rec.count };
    } catch {
      return { ms: null, count: null };
    }
  }

  /** One incremental didChange → the diagnostics of that version, in ms (null on timeout). */
  async change(uri, version, range, text, timeoutMs = 30000) {
    const t0 = performance.now();
    const wait = this.waitDiagnostics(uri, version, timeoutMs);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    try {
      const rec = await wait;
      return rec.at - t0;
    } catch {
      return null;
    }
  }

  /** A request's round trip in ms, and its result. */
  async timed(method, params) {
    const t0 = performance.now();
    const result = await this.conn.sendRequest(method, params);
    return { ms: performance.now() - t0, result };
  }

  close(uri) {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** A request that the build may not have (an older one): its result, or null. */
  async optional(method, params = {}) {
    try {
      return await Promise.race([this.conn.sendRequest(method, params), new Promise((r) => setTimeout(() => r(null), 10000))]);
    } catch {
      return null;
    }
  }

  /** VmRSS and VmHWM of the server process in MB (Linux /proc), or nulls elsewhere. */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
    } catch {
      return { rssMB: null, hwmMB: null };
    }
  }

  /**
   * Where the resident memory is (Linux /proc/<pid>/smaps), MB: the node binary's pages, the brk
   * heap (malloc), anonymous mappings (V8 heaps, wasm, large mallocs), shared libraries.
   */
  smaps() {
    try {
      const out = { node: 0, heap: 0, anon: 0, libs: 0 };
      let kind = 'anon';
      for (const line of readFileSync(`/proc/${this.pid}/smaps`, 'utf8').split('\n')) {
        const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
        if (m) {
          const name = m[1];
          kind = name === '[heap]' ? 'heap' : name === '' || name.startsWith('[') ? 'anon' : /\/node$/.test(name) ? 'node' : 'libs';
          continue;
        }
        const r = /^Rss:\s+(\d+) kB/.exec(line);
        if (r) out[kind] += Number(r[1]) / 1024;
      }
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    } catch {
      return null;
    }
  }

  /** CPU time (user + system, ms) the server process has used so far (Linux /proc), or null. */
  cpuMs() {
    return procCpuMs(`/proc/${this.pid}/stat`, 13);
  }

  /** shutdown + exit; kills the child if it does not exit within 5 s. */
  async shutdown() {
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch { /* the process is gone already */ }
    const code = await this.exited;
    clearTimeout(timer);
    this.conn.dispose();
    return code;
  }
}

/**
 * RSS of a process over time: VmRSS every `everyMs` (the server's worker threads are in the same
 * process, so this is main + worker), with labelled marks.
 */
export class RssSampler {
  constructor(pid, everyMs = 200) {
    this.pid = pid;
    this.t0 = performance.now();
    this.samples = [];
    this.marks = [];
    this.timer = setInterval(() => this.sample(), everyMs);
    this.sample();
  }

  sample() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
      if (Number.isFinite(kb)) this.samples.push({ t: Math.round(performance.now() - this.t0), rssMB: Math.round(kb / 102.4) / 10 });
    } catch { /* gone */ }
  }

  /** Marks an event now; returns its time (ms since the sampler started). */
  mark(label) {
    this.sample();
    const t = Math.round(performance.now() - this.t0);
    this.marks.push({ t, label });
    return t;
  }

  /** The RSS at (or just before) time t. */
  at(t) {
    let last = null;
    for (const s of this.samples) if (s.t <= t) last = s.rssMB;
    return last;
  }

  /** The highest RSS between two times. */
  max(from = 0, to = Infinity) {
    let m = null;
    for (const s of this.samples) if (s.t >= from && s.t <= to && (m === null || s.rssMB > m)) m = s.rssMB;
    return m;
  }

  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}

let ticks;
/** utime+stime (fields at `at`, `at+1`, counted after the command name) of a /proc stat file, in ms. */
export function procCpuMs(file, at) {
  try {
    const stat = readFileSync(file, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks ??= 100; // USER_HZ is 100 on every Linux ABI node supports
    return ((Number(f[at - 2]) + Number(f[at - 1])) * 1000) / ticks;
  } catch {
    return null;
  }
}
