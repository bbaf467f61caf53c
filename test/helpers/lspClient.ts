/** A minimal LSP client over a real stdio connection to the built server, for tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { REPO } from './golden';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: { range: unknown; severity: number; code: string; source: string; message: string }[];
}

export class TestClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  private waiters: { pred: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  configuration: unknown = {};

  /** `env`: variables set for the server on top of this process's environment. */
  constructor(args: string[] = [join(REPO, 'dist', 'server.js'), '--stdio'], env?: Record<string, string>) {
    this.proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
    this.proc.stderr!.on('data', (d) => this.logs.push(String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.pred(p) ? (w.resolve(p), false) : true));
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.configuration));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.listen();
  }

  async initialize(capabilities: Record<string, unknown> = {}, initializationOptions?: unknown, workspaceFolders?: { uri: string; name: string }[]): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions, ...(workspaceFolders ? { workspaceFolders } : {}) });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** The next diagnostics published for `uri` matching `pred` (or an earlier one). */
  diagnostics(uri: string, pred: (p: Published) => boolean = () => true, timeoutMs = 10000): Promise<Published> {
    const seen = [...this.published].reverse().find((p) => p.uri === uri && pred(p));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ pred: (p) => p.uri === uri && pred(p), resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.on('exit', (code) => resolve(code)));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}
