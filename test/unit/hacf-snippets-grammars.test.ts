/** The heartbeat snippets are valid files, and the heartbeat grammar tests pass. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { REPO } from '../helpers/golden';

/** A snippet body with every placeholder replaced by its default (choices: the first). */
function expand(body: string[]): string {
  return body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

const FILES: [string, svc.LanguageId][] = [['ha-cf', 'hacf'], ['ha-resources', 'haresources'], ['ha-authkeys', 'authkeys']];

describe('heartbeat snippets', () => {
  for (const [file, language] of FILES) {
    const snippets = JSON.parse(readFileSync(join(REPO, 'snippets', `${file}.json`), 'utf8')) as Record<string, { body: string[] }>;
    for (const [name, s] of Object.entries(snippets)) {
      it(`"${name}" gives no diagnostic`, () => {
        let text = expand(s.body).replace(/\n*$/, '\n');
        // A lone medium line is checked inside a minimal valid ha.cf (with a second path and fencing).
        if (language === 'hacf' && !/^node /m.test(text)) text = `node alpha beta\nauto_failback on\nlogfacility local0\nserial /dev/ttyS0\nstonith_host * suicide\n${text}`;
        const a = svc.analyze({ path: `/etc/ha.d/${language === 'hacf' ? 'ha.cf' : language}`, text, language });
        assert.deepEqual(a.problems.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`), []);
      });
    }
  }
  it('the ha.cf snippet has two independent paths', () => {
    const snippets = JSON.parse(readFileSync(join(REPO, 'snippets', 'ha-cf.json'), 'utf8')) as Record<string, { body: string[] }>;
    const body = expand(Object.values(snippets)[0]!.body);
    assert.match(body, /^bcast /m);
    assert.match(body, /^serial /m);
  });
});

describe('heartbeat grammars (vscode-tmgrammar-test)', () => {
  for (const [file] of FILES) {
    it(`test/grammar/*.${file}`, () => {
      const bin = join(REPO, 'node_modules', '.bin', 'vscode-tmgrammar-test');
      const r = spawnSync(bin, ['-g', `syntaxes/${file}.tmLanguage.json`, `test/grammar/*.${file}`], { cwd: REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /run successfuly/);
    });
  }
});
