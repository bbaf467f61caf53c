/** Property tests for the heartbeat languages: for any input nothing throws, ranges stay inside the document, and no key is shown. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import * as svc from '../../server/src/service';
import { inside } from '../helpers/fixture';
import { DIRECTIVES } from '../../server/src/service/languages/hacf/spec';
import { AGENTS } from '../../server/src/service/languages/haresources/spec';

const token = fc.oneof(
  fc.constantFrom(...DIRECTIVES.map((d) => d.name), ...AGENTS.map((a) => a.name), 'auth', 'auth1', 'sha1', 'md5', 'crc', '1', '16', '-1', '500ms', '2s', '::', '/', '#', ' ', '\t', ',', '\\', '\r', '10.0.0.1/24/eth0', 'alpha', 'é', '\u0000'),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(token, { maxLength: 8 }).map((t) => t.join(''));
const text = fc.oneof(fc.array(line, { maxLength: 12 }).map((l) => l.join('\n')), fc.string({ maxLength: 300 }));


const host: svc.WorkspaceHost = {
  readFile: (p) => (p.endsWith('/ha.cf') ? 'node alpha beta\nbcast eth0\n' : p.endsWith('/haresources') ? 'alpha 10.0.0.1 httpd\n' : undefined),
  stat: (p) => (p.endsWith('/resource.d') || p.endsWith('/init.d') ? { isFile: false, isDirectory: true, size: 0 } : p.endsWith('/authkeys') ? { isFile: true, isDirectory: false, mode: 0o644, size: 1 } : undefined),
  listDir: (p) => (p.endsWith('.d') ? ['httpd'] : undefined),
};

describe('heartbeat properties', () => {
  for (const [language, name] of [['hacf', 'ha.cf'], ['haresources', 'haresources'], ['authkeys', 'authkeys']] as const) {
    it(`${language}: never throws, ranges inside the document`, () => {
      fc.assert(fc.property(text, fc.constantFrom(2, 3) as fc.Arbitrary<2 | 3>, (t, version) => {
        const a = svc.analyze({ path: `/img/etc/ha.d/${name}`, text: t, language }, { ...svc.DEFAULT_SETTINGS, heartbeatVersion: version }, host);
        for (const p of a.problems) {
          assert.ok(inside(a, p.range), `${p.code} out of range`);
          assert.ok(!p.message.includes('\n'), `${p.code}: multi-line message`);
          for (const f of p.fixes ?? []) for (const e of f.edits) assert.ok(inside(a, e.range), `${p.code} fix out of range`);
        }
        for (const s of svc.getSymbols(a)) assert.ok(inside(a, s.range) && inside(a, s.selectionRange));
        for (const l of svc.getCodeLenses(a)) assert.ok(inside(a, l.range));
        svc.getFoldingRanges(a);
        for (let ln = 0; ln < a.src.lineCount; ln++) {
          for (let character = 0; character <= a.src.lineText(ln).length; character += 2) {
            for (const c of svc.doComplete(a, { line: ln, character })) assert.ok(inside(a, c.edit.range));
            const h = svc.doHover(a, { line: ln, character });
            if (h) assert.ok(inside(a, h.range));
          }
        }
      }), { numRuns: 200 });
    });
  }

  it('authkeys: a key is never in a message, hover, symbol or lens', () => {
    const key = fc.stringMatching(/^[A-Za-z0-9]{12,20}$/);
    fc.assert(fc.property(fc.array(line, { maxLength: 4 }), key, fc.constantFrom('sha1', 'md5', 'crc', 'SHA1'), fc.boolean(), (extra, k, method, authFirst) => {
      const keyLine = `1 ${method} ${k}`;
      const t = (authFirst ? ['auth 1', keyLine, ...extra] : [keyLine, 'auth 1', ...extra]).join('\n');
      if (extra.some((e) => e.includes(k))) return;
      const a = svc.analyze({ path: '/etc/ha.d/authkeys', text: t, language: 'authkeys' });
      const shown = [
        ...a.problems.map((p) => p.message),
        JSON.stringify(svc.getSymbols(a)), JSON.stringify(svc.getCodeLenses(a)),
        ...[0, 1].flatMap((ln) => [...Array(40).keys()].map((c) => svc.doHover(a, { line: ln, character: c })?.markdown ?? '')),
        svc.displayText('authkeys', t),
      ];
      for (const s of shown) assert.ok(!s.includes(k), `key shown in: ${s}`);
    }), { numRuns: 200 });
  });
});
