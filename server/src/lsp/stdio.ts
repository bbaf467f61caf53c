/**
 * The server's connection over stdio, with its output written once per turn of the event loop.
 * vscode-jsonrpc writes every message as two writes (the header, then the JSON); stdout to a pipe
 * is synchronous on Linux, so each became a system call that also woke the editor. Opening a
 * folder of 1,000 scripts made 2,000 of them. Here the writes of one turn go out as one.
 */
import { Writable } from 'node:stream';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';

/** Collects what is written and hands it to `target` in one write on the next turn (at once on exit). */
export class BatchedOutput extends Writable {
  private chunks: Buffer[] = [];
  private scheduled = false;

  constructor(private readonly target: NodeJS.WritableStream) {
    super();
    target.on('error', (err: Error) => this.destroy(err));
    process.on('exit', () => this.flush());
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.flush();
    done();
  }

  private flush(): void {
    this.scheduled = false;
    if (this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    this.target.write(data);
  }
}

/** `--stdio`: the connection over this process's stdin and stdout, as vscode-languageserver makes it, with batched output. */
export function stdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, process.stdin, new BatchedOutput(process.stdout));
  // As vscode-languageserver does for --stdio: console output goes to the client's log, never
  // into the protocol stream (a library that prints would corrupt it).
  const log = connection.console;
  console.log = (...args: unknown[]) => log.log(format(...args));
  console.info = (...args: unknown[]) => log.info(format(...args));
  console.debug = (...args: unknown[]) => log.log(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
  return connection;
}
