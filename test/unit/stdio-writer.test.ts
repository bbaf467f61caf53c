/**
 * The server's stdio writer (`TurnWriter`): the bytes vscode-jsonrpc's stream writer makes, the
 * messages of one turn in one write, and that write done before the event loop's next callback
 * (a timer or an immediate queued meanwhile: the diagnostics of an open no longer wait for them).
 */
import * as assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { TurnWriter } from '../../server/src/lsp/stdio';

class Sink extends Writable {
  writes: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.writes.push(Buffer.from(chunk));
    done();
  }
}

const MESSAGES: Message[] = [
  { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///etc/init.d/caf\u00e9', version: 1, diagnostics: [{ message: 'lin\u00e9 \u{1F600} "quoted" \\ back', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } }] } } as Message,
  { jsonrpc: '2.0', id: 7, result: null } as Message,
  { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: '' } } as Message,
];

describe('TurnWriter (the server\'s stdout)', () => {
  it('writes the same bytes as vscode-jsonrpc\'s stream writer', async () => {
    const ours = new Sink();
    const theirs = new Sink();
    const w = new TurnWriter(ours);
    const ref = new StreamMessageWriter(theirs);
    for (const m of MESSAGES) {
      await w.write(m);
      await ref.write(m);
    }
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(Buffer.concat(ours.writes).toString('latin1'), Buffer.concat(theirs.writes).toString('latin1'));
  });

  it('writes the messages of one turn in one write, before the next timer or immediate runs', async () => {
    const sink = new Sink();
    const w = new TurnWriter(sink);
    const seen: number[] = [];
    setTimeout(() => seen.push(sink.writes.length), 0);
    setImmediate(() => seen.push(sink.writes.length));
    await new Promise((r) => setTimeout(r, 5)); // the timer above is due
    // The same turn as a timer that is due and an immediate: both run after the write.
    setImmediate(() => seen.push(sink.writes.length));
    void w.write(MESSAGES[0]!);
    void Promise.resolve().then(() => w.write(MESSAGES[1]!));
    assert.equal(sink.writes.length, 0, 'nothing written inside the turn');
    await new Promise((r) => setImmediate(r));
    assert.equal(sink.writes.length, 1);
    assert.equal(seen.at(-1), 1, 'the immediate queued before the messages found them written');
    const text = sink.writes[0]!.toString('utf8');
    assert.equal(text.match(/Content-Length: /g)?.length, 2);
  });

  it('flushes what is left when the connection ends', () => {
    const sink = new Sink();
    const w = new TurnWriter(sink);
    void w.write(MESSAGES[1]!);
    w.end();
    assert.equal(sink.writes.length, 1);
  });
});
