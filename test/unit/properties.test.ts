/** Property tests: for any input the service does not throw and stays inside the document. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import * as svc from '../../server/src/service';
import { inside } from '../helpers/fixture';
import { ACTIONS } from '../../server/src/service/languages/inittab/spec';

const token = fc.oneof(
  fc.constantFrom(...ACTIONS.map((a) => a.name), ':', '::', '#', ' ', '\t', '&', '~~', 'id', '3', '2345', 'S', 's', '/sbin/getty', 'tty1', '"', "'", '\\', '\r', 'é', '\u0000'),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(token, { maxLength: 8 }).map((t) => t.join(''));
const inittabText = fc.array(line, { maxLength: 12 }).map((l) => l.join('\n'));


describe('inittab properties', () => {
  for (const dialect of ['auto', 'sysvinit', 'busybox'] as const) {
    it(`never throws and reports ranges inside the document (${dialect})`, () => {
      fc.assert(fc.property(fc.oneof(inittabText, fc.string({ maxLength: 300 })), (text) => {
        const settings = { ...svc.DEFAULT_SETTINGS, inittabDialect: dialect };
        const a = svc.analyze({ path: '/etc/inittab', text, language: 'inittab' }, settings);
        for (const p of a.problems) {
          assert.ok(inside(a, p.range), `${p.code} out of range`);
          for (const f of p.fixes ?? []) for (const e of f.edits) assert.ok(inside(a, e.range), `${p.code} fix out of range`);
        }
        for (const s of svc.getSymbols(a)) assert.ok(inside(a, s.range) && inside(a, s.selectionRange));
        for (const l of svc.getCodeLenses(a)) assert.ok(inside(a, l.range));
        // Deterministic.
        assert.deepEqual(svc.analyze({ path: '/etc/inittab', text, language: 'inittab' }, settings).problems, a.problems);
        // Completion and hover anywhere do not throw.
        for (let line = 0; line < a.src.lineCount; line++) {
          for (let character = 0; character <= a.src.lineText(line).length; character += 3) {
            for (const c of svc.doComplete(a, { line, character })) assert.ok(inside(a, c.edit.range));
            const h = svc.doHover(a, { line, character });
            if (h) assert.ok(inside(a, h.range));
          }
        }
      }), { numRuns: 300 });
    });
  }
});
