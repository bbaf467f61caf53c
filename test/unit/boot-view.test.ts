/** The boot-order picture: its data (service) and its page (client renderer, no editor API). */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { layoutGraph, renderBootView, renderSimulationView } from '../../client/src/bootView';
import { EDITOR_TREE } from '../helpers/editorTree';
import { memHost } from '../helpers/memHost';

const R = '/r';
const tree = (extra: Record<string, string> = {}) => memHost({ ...Object.fromEntries(Object.entries(EDITOR_TREE).map(([k, v]) => [`${R}/${k}`, v])), ...extra });

describe('boot view data', () => {
  it('the dependency graph: Required-Start, Should-Start and X-Start-Before edges; missing names as nodes', () => {
    const v = svc.boot.bootView(R, tree(), `${R}/etc/rc.d/init.d/web`)!;
    assert.equal(v.focus, 'web');
    assert.deepEqual(v.nodes.map((n) => `${n.name}${n.focus ? '*' : ''}`).sort(), ['cache', 'db', 'web*']);
    assert.deepEqual(v.edges.map((e) => `${e.from}>${e.to}:${e.kind}:${e.via.join(',')}`).sort(), ['web>cache:should:cache,web', 'web>db:required:db']);
    const missing = svc.boot.bootView(R, tree({ [`${R}/etc/rc.d/init.d/x`]: '#!/bin/sh\n# chkconfig: 345 10 90\n### BEGIN INIT INFO\n# Provides: x\n# Required-Start: nosuch\n### END INIT INFO\n' }))!;
    assert.ok(missing.nodes.some((n) => n.name === 'nosuch' && n.missing));
  });

  it('the order per runlevel: K links then S links, planned where there is no rcN.d yet, the focus marked', () => {
    const v = svc.boot.bootView(R, tree(), `${R}/etc/rc.d/init.d/web`)!;
    const three = v.levels.find((l) => l.level === '3')!;
    assert.equal(three.source, 'planned');
    assert.deepEqual(three.steps.map((s) => `${s.link}${s.focus ? '*' : ''}`), ['S60db', 'S70cache', 'S85web*']);
    assert.deepEqual(v.levels.find((l) => l.level === '0')!.steps.map((s) => s.link), ['K15web', 'K30cache', 'K40db']);
    assert.match(three.meaning, /full multi-user/);
    // Present links win over the plan.
    const w = svc.boot.bootView(R, tree({ [`${R}/etc/rc.d/rc3.d/S99web`]: '', [`${R}/etc/rc.d/rc3.d/K01db`]: '' }))!;
    assert.deepEqual(w.levels.find((l) => l.level === '3')!.steps.map((s) => s.link), ['K01db', 'S99web']);
  });

  it('the links preview of a Red Hat tree compares with no second tool', () => {
    const v = svc.boot.bootView(R, tree(), `${R}/etc/rc.d/init.d/web`)!;
    assert.equal(v.preview?.otherTool, undefined);
    assert.ok(!v.preview!.notes.flat().some((n) => n.includes('disagree')));
  });

  it('a large tree: the focus and its neighbours only', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++) files[`${R}/etc/init.d/s${i}`] = `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: s${i}\n# Required-Start: ${i > 0 ? `s${i - 1}` : ''}\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n### END INIT INFO\n`;
    const v = svc.boot.bootView(R, memHost(files), `${R}/etc/init.d/s50`)!;
    assert.equal(v.nodes.length, svc.boot.GRAPH_MAX);
    assert.deepEqual(v.truncated, { shown: svc.boot.GRAPH_MAX, total: 100 });
    for (const n of ['s48', 's49', 's50', 's51', 's52']) assert.ok(v.nodes.some((x) => x.name === n), n);
  });
});

describe('boot view page', () => {
  it('lays the graph out top to bottom: a dependency above the script that needs it', () => {
    const g = layoutGraph([{ name: 'web', provides: [], focus: true, missing: false }, { name: 'db', provides: [], focus: false, missing: false }], [{ from: 'web', to: 'db', kind: 'required', via: ['db'] }]);
    const y = (n: string) => g.nodes.find((x) => x.name === n)!.y;
    assert.ok(y('db') < y('web'));
    assert.ok(g.edges[0]!.points.length >= 2);
    // A loop is laid out too.
    const loop = layoutGraph([{ name: 'a', provides: [], focus: false, missing: false }, { name: 'b', provides: [], focus: false, missing: false }], [{ from: 'a', to: 'b', kind: 'required', via: ['b'] }, { from: 'b', to: 'a', kind: 'required', via: ['a'] }]);
    assert.equal(loop.nodes.length, 2);
  });

  it('renders tables, the graph and a text list; runs no script; escapes names from the tree', () => {
    const v = svc.boot.bootView(R, tree({ [`${R}/etc/rc.d/init.d/a<b>`]: '#!/bin/sh\n# chkconfig: 345 50 50\n' }), `${R}/etc/rc.d/init.d/web`)!;
    const html = renderBootView(v, `${R}/etc/rc.d/init.d/web`);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;"/);
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('a&lt;b&gt;') && !html.includes('a<b>'));
    assert.match(html, /<h2 id="links-h">Links of <code>web<\/code><\/h2>/);
    assert.match(html, /<caption>Runlevel 3 <span class="meaning">/);
    assert.match(html, /<svg [^>]*role="img" aria-labelledby="graph-title graph-desc"/);
    assert.match(html, /<li><a href="command:sysvHa\.openScript\?[^"]+"[^>]*><code>web<\/code><\/a> needs <code>db<\/code>; should start after <code>cache<\/code><\/li>/);
    assert.match(html, /command:sysvHa\.previewLinksText\?/);
    assert.doesNotMatch(html, /disagree/);
  });

  it('the simulation page: steps with their reasons and the plain-text link', () => {
    const sim = svc.boot.simulateChange(R, tree(), { from: 'N', to: '3' })!;
    const html = renderSimulationView(sim, 'boot: nothing runs yet', [`${R}/etc/inittab`, 'N', '3']);
    assert.match(html, /<h1>Runlevel N → 3<\/h1>/);
    assert.match(html, /<td data-label="Action" class="start">start<\/td><td data-label="Link"><code>S60db<\/code><\/td>/);
    assert.match(html, /command:sysvHa\.simulateText\?/);
    assert.doesNotMatch(html, /<script/i);
  });
});
