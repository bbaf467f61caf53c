/**
 * The server's connection over stdio, with its output written once per turn of the event loop.
 * vscode-jsonrpc's stream writer queues every message behind a semaphore that runs it on a
 * later turn (`setImmediate`), encodes it through promises and writes it as two writes (the
 * header, then the JSON); stdout to a pipe is synchronous on Linux, so each write became a
 * system call that also woke the editor. Opening a folder of 1,000 scripts made 2,000 of them,
 * and each diagnostics message left two turns later than it was made, after whatever timers
 * came due meanwhile. Here a message is encoded when it is sent, and the messages of one turn
 * go out as one write at the end of that turn (`process.nextTick`).
 */
import { format } from 'node:util';
import { AbstractMessageWriter, createConnection, ProposedFeatures, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Writes JSON-RPC messages (`Content-Length` framing, UTF-8 JSON, as vscode-jsonrpc's) to `target`, one write per turn. */
export class TurnWriter extends AbstractMessageWriter implements MessageWriter {
  private chunks: Buffer[] = [];
  private scheduled = false;
  private errors = 0;
  private readonly flushNow = () => this.flush();

  constructor(private readonly target: NodeJS.WritableStream) {
    super();
    target.on('error', (err: Error) => this.fireError(err));
    target.on('close', () => this.fireClose());
    process.on('exit', this.flushNow);
  }

  write(msg: Message): Promise<void> {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(msg), 'utf8');
    } catch (err) {
      this.fireError(err, msg, ++this.errors);
      return Promise.reject(err);
    }
    this.chunks.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body);
    if (!this.scheduled) {
      this.scheduled = true;
      process.nextTick(this.flushNow);
    }
    return Promise.resolve();
  }

  end(): void {
    this.flush();
  }

  /** Everything written so far, in one write. */
  flush(): void {
    this.scheduled = false;
    if (this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    this.target.write(data);
  }
}

/** `--stdio`: the connection over this process's stdin and stdout, as vscode-languageserver makes it, with the output written per turn. */
export function stdioConnection(): Connection {
  // stdin as a stream (vscode-languageserver then ends the process when it closes), the writer as
  // a MessageWriter: vscode-jsonrpc takes either at run time; the typings pair them.
  const writer: MessageWriter = new TurnWriter(process.stdout);
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
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
