/**
 * Through the server and its parser worker (the body re-parsed there from the previous tree,
 * only the changed statements sent back, the checks reusing what the previous version found),
 * the diagnostics after random edit sequences on the corpus's init scripts are exactly those
 * of the final text opened fresh.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO } from '../helpers/golden';
import { TestClient, type Published } from '../helpers/lspClient';

const DIR = join(REPO, '..', 'shared', 'corpus', 'initscripts');
const SCRIPTS = readdirSync(DIR).sort().map((f) => ({ name: f.replace(/[^A-Za-z0-9_.-]/g, ''), text: readFileSync(join(DIR, f), 'utf8') }));
const PIECES = [
  '\n', ' ', '"', '#', '}', 'fi\n', ';;\n', '. /etc/rc.d/init.d/functions\n', '. /lib/lsb/init-functions\n', 'ip addr add 10.0.0.1/24 dev eth0\n',
  'ifdown eth0\n', 'daemon --foo x\n', 'daemon sleep 5\n', 'killproc -p /var/run/y.pid x\n', 'touch /var/lock/subsys/other\n', 'exit 300\n', 'f() { pidofproc x; }\n',
];

const clientWith = (env: Record<string, string>): TestClient => new TestClient(undefined, env);

/** A publish without the document's own URI in it (related information names it). */
function normalised(p: Published, uri: string): string {
  return JSON.stringify(p.diagnostics).split(uri).join('<doc>');
}

describe('LSP over stdio: incremental analysis through the parser worker', () => {
  // Every text to the worker, as large documents go there.
  const client = clientWith({ SYSV_HA_PARSER: 'worker' });
  before(async () => {
    await client.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
  });
  after(async () => {
    await client.shutdown();
  });

  it('publishes after each edit exactly what a fresh open of the same text publishes', async () => {
    const edit = fc.record({
      lineStart: fc.boolean(), at: fc.nat(), len: fc.oneof(fc.constant(0), fc.nat({ max: 40 })),
      text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })),
    });
    const cases = fc.sample(fc.record({
      index: fc.nat({ max: SCRIPTS.length - 1 }),
      rounds: fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
    }), { numRuns: 30, seed: 18 });
    let n = 0;
    for (const { index, rounds } of cases) {
      const { name, text } = SCRIPTS[index]!;
      const uri = `file:///incr/${n}/etc/init.d/${name}`;
      let doc = TextDocument.create(uri, 'shellscript', 1, text);
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'shellscript', version: 1, text } });
      await client.diagnostics(uri, (p) => p.version === 1);
      for (const round of rounds) {
        const changes = [];
        for (const e of round) {
          const size = doc.getText().length;
          const from = e.lineStart ? doc.offsetAt({ line: e.at % doc.lineCount, character: 0 }) : e.at % (size + 1);
          const change = { range: { start: doc.positionAt(from), end: doc.positionAt(Math.min(size, from + e.len)) }, text: e.text };
          changes.push(change);
          doc = TextDocument.update(doc, [change], doc.version + 1);
        }
        const version = doc.version;
        await client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
        const edited = await client.diagnostics(uri, (p) => p.version === version);
        const freshUri = `file:///incr/${n}-${version}/etc/init.d/${name}`;
        await client.notify('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'shellscript', version: 1, text: doc.getText() } });
        const fresh = await client.diagnostics(freshUri, (p) => p.version === 1);
        assert.equal(normalised(edited, uri), normalised(fresh, freshUri), `${name} (case ${n}) at version ${version}`);
        await client.notify('textDocument/didClose', { textDocument: { uri: freshUri } });
      }
      await client.notify('textDocument/didClose', { textDocument: { uri } });
      n++;
    }
  });
});
