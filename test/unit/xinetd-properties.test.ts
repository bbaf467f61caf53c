/** Property tests for xinetd and ipaddr: for any input nothing throws and every range stays inside the document. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import * as svc from '../../server/src/service';
import { inside } from '../helpers/fixture';
import { checkIpCommand, checkIpaddrResource, describeAddress } from '../../server/src/service/languages/ipaddr';
import { ATTRIBUTES } from '../../server/src/service/languages/xinetd/spec';

const token = fc.oneof(
  fc.constantFrom(...ATTRIBUTES.map((a) => a.name), 'service', 'defaults', 'includedir', 'include', '{', '}', '=', '+=', '-=', ' ', '\t', '#', 'ftp', 'tftp',
    'yes', 'no', 'YES', 'stream', 'dgram', 'UNLISTED', 'INTERNAL', 'NAMEINARGS', 'TRAFFIC', '8:00-24:00', '127.0.0.1', '21', '\r', 'é', '\u0000'),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(token, { maxLength: 8 }).map((t) => t.join(' '));
const xinetdText = fc.array(line, { maxLength: 14 }).map((l) => l.join('\n'));


describe('xinetd properties', () => {
  it('never throws and reports ranges inside the document', () => {
    fc.assert(fc.property(fc.oneof(xinetdText, fc.string({ maxLength: 300 })), (text) => {
      const a = svc.analyze({ path: '/etc/xinetd.d/x', text, language: 'xinetd' });
      for (const p of a.problems) {
        assert.ok(inside(a, p.range), `${p.code} out of range`);
        for (const f of p.fixes ?? []) for (const e of f.edits) assert.ok(inside(a, e.range), `${p.code} fix out of range`);
      }
      for (const s of svc.getSymbols(a)) assert.ok(inside(a, s.range) && inside(a, s.selectionRange));
      for (const l of svc.getCodeLenses(a)) assert.ok(inside(a, l.range));
      for (const f of svc.getRefactors(a, svc.range(0, 0, 0))) for (const e of f.edits) assert.ok(inside(a, e.range));
      svc.getFoldingRanges(a);
      for (let line = 0; line < a.src.lineCount; line++) {
        for (let character = 0; character <= a.src.lineText(line).length; character += 3) {
          for (const c of svc.doComplete(a, { line, character })) assert.ok(inside(a, c.edit.range));
          const h = svc.doHover(a, { line, character });
          if (h) assert.ok(inside(a, h.range));
        }
      }
    }), { numRuns: 300 });
  });
});

describe('ipaddr properties', () => {
  const word = fc.oneof(fc.constantFrom('ip', 'addr', 'a', 'add', 'del', 'dev', 'eth0', 'brd', '+', '-', 'broadcast', 'label', 'peer', 'local', '10.0.0.1/24', '::1/64', '$IP', '/08'), fc.string({ maxLength: 8 }));
  it('never throws and keeps ranges inside the words given', () => {
    fc.assert(fc.property(fc.array(word, { maxLength: 10 }), fc.string({ maxLength: 30 }), (ws, arg) => {
      let col = 0;
      const words = ['ip', ...ws].map((text) => {
        const w = { text, range: svc.range(0, col, col + text.length) };
        col += text.length + 1;
        return w;
      });
      for (const p of checkIpCommand(words)) assert.ok(p.range.start.character >= 0 && p.range.end.character <= col && p.message.length > 0);
      for (const agent of ['IPaddr', 'IPaddr2', 'bare'] as const) {
        for (const p of checkIpaddrResource(agent, { text: arg, range: svc.range(0, 0, arg.length) })) assert.ok(p.range.end.character <= arg.length);
      }
      describeAddress(arg);
    }), { numRuns: 500 });
  });
});
