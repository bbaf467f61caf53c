/**
 * SARIF as GitHub code scanning reads it (issue #15 point 8), and the code links of every
 * front end pointing at the code's own section of the rendered docs (point 11).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { allProblems, docsAnchor, docsUrl, DOCS_URL } from '../../server/src/service';
import { TestClient } from '../helpers/lspClient';
import { REPO } from '../helpers/golden';

const CLI = join(REPO, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-sarif-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function sarif(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr, log: JSON.parse(r.stdout) };
}

/** The anchors GitHub makes for the headings of docs/diagnostics.md. */
function docHeadingAnchors(): Set<string> {
  const md = readFileSync(join(REPO, 'docs/diagnostics.md'), 'utf8');
  return new Set([...md.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-')));
}

// What the catalogue's authors read (spec/domain.md sections, invariants I1…), never users.
const INTERNAL = /§|\bI\d+\b|domain\.md|checks\.md|spec\//;

describe('SARIF', () => {
  it('locations relative to %SRCROOT% (the directory the check ran in), declared in originalUriBaseIds', () => {
    const { code, log } = sarif(['examples/etc'], REPO);
    assert.equal(code, 1);
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${REPO}/` } });
    assert.ok(run.results.length > 0);
    for (const r of run.results) {
      const loc = r.locations[0].physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, '%SRCROOT%');
      assert.match(loc.uri, /^examples\/etc\/[^:]+$/, loc.uri);
    }
    assert.ok(run.results.some((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'examples/etc/inittab'));
  });

  it('outside the directory: an absolute file URI; names percent-encoded', () => {
    const root = mkdtempSync(join(tmp, 'with space-'));
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/inittab'), 'x:5:respwn:/bin/x\n');
    const inside = sarif([root], root).log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(inside, { uri: 'etc/inittab', uriBaseId: '%SRCROOT%' });
    const outside = sarif([root], REPO).log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(outside, { uri: `file://${root.replace(/ /g, '%20')}/etc/inittab` });
  });

  it('every rule has a helpUri at its section of the rendered docs; no internal references anywhere', () => {
    const { log } = sarif(['examples/etc'], REPO);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    assert.equal(rules.length, allProblems().length);
    const anchors = docHeadingAnchors();
    for (const rule of rules) {
      assert.equal(rule.helpUri, `${DOCS_URL}#${docsAnchor(rule.id)}`);
      assert.ok(anchors.has(docsAnchor(rule.id)), `docs/diagnostics.md has a heading for ${rule.id}`);
      assert.doesNotMatch(JSON.stringify(rule), INTERNAL, rule.id);
    }
    assert.doesNotMatch(JSON.stringify(log.runs[0].results), INTERNAL);
  });
});

describe('the code link of a diagnostic in the editor', () => {
  it('is the rendered docs at the code\'s heading, not the raw Markdown file', async () => {
    const client = new TestClient([CLI, 'lsp', '--stdio']);
    try {
      await client.initialize({ textDocument: { publishDiagnostics: { codeDescriptionSupport: true } } });
      const uri = `file://${tmp}/inittab`;
      await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'inittab', version: 1, text: 'x:5:respwn:/bin/x\n' } });
      const p = await client.diagnostics(uri);
      const all = p.diagnostics as unknown as { code: string; codeDescription: { href: string } }[];
      for (const x of all) assert.equal(x.codeDescription.href, docsUrl(x.code));
      const d = all.find((x) => x.code === 'inittab/unknown-action')!;
      assert.equal(d.codeDescription.href, docsUrl('inittab/unknown-action'));
      assert.match(d.codeDescription.href, /^https:\/\/.*\/docs\/diagnostics\.md#inittabunknown-action$/);
      assert.ok(docHeadingAnchors().has(d.codeDescription.href.split('#')[1]!));
    } finally {
      await client.shutdown();
    }
  });
});
