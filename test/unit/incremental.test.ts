/**
 * Incremental parsing is right: analysing after LSP incremental edits (tree.edit + re-parse
 * from the previous tree) gives the same result as analysing the edited text from scratch.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges } from '../../server/src/lsp/incremental';
import * as svc from '../../server/src/service';
import { REPO } from '../helpers/golden';

const SCRIPT = readFileSync(join(REPO, 'examples/etc/rc.d/init.d/httpd'), 'utf8');
const PIECES = ['start)', 'stop)', ';;', 'esac', 'case "$1" in', '\n', ' ', '"', "'", '#', '# chkconfig: 345 10 90\n', 'exit 9', 'daemon --foo x', 'é', '\r\n', '$(', ')', '{', '}', 'fi'];

/** An analysis's body model without the fragment cache (which holds what was reused, not what was read). */
function bodyOf(a: svc.Analysis): unknown {
  const body = (a.model as { body?: Record<string, unknown> } | undefined)?.body;
  if (!body) return undefined;
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'cache'));
}

describe('incremental re-parsing', () => {
  before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

  it('gives the same diagnostics and outline as a parse from scratch, after any edits', () => {
    const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };
    const edit = fc.record({
      at: fc.nat(), len: fc.nat({ max: 12 }),
      text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })),
    });
    fc.assert(fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rounds) => {
      let doc = TextDocument.create('file:///etc/init.d/httpd', 'shellscript', 1, SCRIPT);
      const path = '/etc/init.d/httpd';
      let analysis = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings);
      let version = 1;
      for (const round of rounds) {
        const changes = round.map((e) => {
          const size = doc.getText().length;
          const start = doc.positionAt(e.at % (size + 1));
          const end = doc.positionAt(Math.min(size, (e.at % (size + 1)) + e.len));
          return { range: { start, end }, text: e.text };
        });
        // Each change is relative to the text after the previous one, as LSP sends them.
        const applied = applyChanges(doc, changes, ++version, []);
        doc = applied.document;
        const next = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings, undefined, { analysis, edits: applied.edits! });
        svc.disposeAnalysis(analysis);
        analysis = next;
        const fresh = svc.analyze({ path, text: doc.getText(), language: 'initscript' }, settings);
        assert.deepEqual(analysis.problems, fresh.problems);
        assert.deepEqual(svc.getSymbols(analysis), svc.getSymbols(fresh));
        // The body model read from reused top-level statements equals the one read in full.
        assert.deepEqual(bodyOf(analysis), bodyOf(fresh));
        // The header model kept from the previous version (body-only edits) equals a fresh read.
        assert.deepEqual((analysis.model as { header?: unknown } | undefined)?.header, (fresh.model as { header?: unknown } | undefined)?.header);
        svc.disposeAnalysis(fresh);
      }
      svc.disposeAnalysis(analysis);
    }), { numRuns: 300 });
  });
});
