import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText, checkCompletion, hoverAt, withCursor } from '../helpers/fixture';

const HACF = { language: 'hacf' as const, path: '/etc/ha.d/ha.cf' };

describe('hacf completion', () => {
  it('directives at the start of a line, by resulting text', () => {
    const items = checkCompletion('node a b\nkeep┃\n', 'keepalive', 'node a b\nkeepalive \n', HACF);
    assert.ok(items.some((i) => i.label === 'mcast' && i.detail === 'mcast IFACE GROUP PORT TTL LOOP'));
    assert.ok(items.some((i) => i.label === 'pacemaker'));
    checkCompletion('┃\n', 'deadtime', 'deadtime \n', HACF);
    // Replacing a directive keeps its value.
    checkCompletion('Keep┃alive 2\n', 'keepalive', 'keepalive 2\n', HACF);
  });

  it('heartbeat 2.1.3 does not offer pacemaker', () => {
    const { text, position } = withCursor('pa┃\n');
    const items = svc.doComplete(analyzeText(text, { ...HACF, settings: { heartbeatVersion: 2 } }), position);
    assert.ok(!items.some((i) => i.label === 'pacemaker'));
    assert.ok(items.some((i) => i.label === 'crm'));
  });

  it('values: enums, booleans, times', () => {
    checkCompletion('auto_failback ┃\n', 'off', 'auto_failback off\n', HACF);
    checkCompletion('use_logd y┃\n', 'yes', 'use_logd yes\n', HACF);
    checkCompletion('baud 9┃\n', '115200', 'baud 115200\n', HACF);
    const items = checkCompletion('keepalive ┃\n', '500ms', 'keepalive 500ms\n', HACF);
    assert.equal(items.find((i) => i.label === '500ms')!.detail, '500 ms');
  });

  it('node values: the preferred nodes of the haresources next to it', () => {
    const { text, position } = withCursor('node alpha ┃\n');
    const host: svc.WorkspaceHost = { readFile: (p) => (p === '/img/etc/ha.d/haresources' ? 'alpha 10.0.0.1\nBeta httpd\n' : undefined), stat: () => undefined, listDir: () => undefined };
    const a = svc.analyze({ path: '/img/etc/ha.d/ha.cf', text, language: 'hacf' }, svc.DEFAULT_SETTINGS, host);
    const items = svc.doComplete(a, position);
    assert.deepEqual(items.map((i) => i.label), ['beta']);
  });

  it('the documentation resolves lazily from the table', () => {
    const { text, position } = withCursor('dead┃\n');
    const item = svc.doComplete(analyzeText(text, HACF), position).find((i) => i.label === 'deadtime')!;
    assert.match(svc.resolveCompletion('hacf', item.resolveKey!)!, /Default: `30000ms`/);
  });
});

describe('hacf hover', () => {
  it('a directive: meaning, default, unit, rule, source', () => {
    const h = hoverAt('dead┃time 10\n', HACF)!;
    assert.match(h.markdown, /\*\*deadtime\*\*/);
    assert.match(h.markdown, /Default: `30000ms`/);
    assert.match(h.markdown, /Unit: time/);
    assert.match(h.markdown, /\*\*Rule:\*\* Must be more than 2 × keepalive/);
    assert.match(h.markdown, /Source: heartbeat config\.c/);
    assert.deepEqual(h.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
  });

  it('a time value in ms as heartbeat computes it', () => {
    assert.match(hoverAt('keepalive 1.┃5\n', HACF)!.markdown, /keepalive = 1500 ms/);
    assert.match(hoverAt('warntime 1501u┃s\n', HACF)!.markdown, /warntime = 2 ms/);
    assert.match(hoverAt('deadtime 30┃s\n', HACF)!.markdown, /not a time heartbeat reads/);
  });

  it('an unknown directive', () => {
    assert.match(hoverAt('Keep┃alive 2\n', HACF)!.markdown, /not a directive heartbeat 3\.0\.6 knows/);
  });

  it('a node name: where else it appears (haresources through the host)', () => {
    const { text, position } = withCursor('node al┃pha beta\n');
    const host: svc.WorkspaceHost = {
      readFile: (p) => (p === '/img/etc/ha.d/haresources' ? 'alpha 10.0.0.1\nbeta 10.0.0.2\nALPHA httpd\n' : undefined),
      stat: () => undefined,
      listDir: () => undefined,
    };
    const a = svc.analyze({ path: '/img/etc/ha.d/ha.cf', text, language: 'hacf' }, svc.DEFAULT_SETTINGS, host);
    const h = svc.doHover(a, position)!.markdown;
    assert.match(h, /Node `alpha`/);
    assert.match(h, /2 resource groups in `\/img\/etc\/ha\.d\/haresources` \(line 1, 3\)/);
  });

  it('node and media hovers list the heartbeat paths; one path and no STONITH are diagnostics, not hover notes', () => {
    const md = (text: string) => hoverAt(text, HACF)!.markdown;
    const two = md('bcast eth0\nserial /dev/ttyS0\nstonith_host * baytech 10.0.0.3 admin secret\nnode al┃pha beta\n');
    assert.match(two, /Heartbeat paths: `bcast eth0`, `serial \/dev\/ttyS0` — redundant/);
    assert.match(md('bcast eth0\nserial /dev/ttyS0\nnode alpha beta\nbc┃ast eth1\n'), /`bcast eth0`, `bcast eth1`, `serial \/dev\/ttyS0`|`bcast eth0`, `serial \/dev\/ttyS0`, `bcast eth1`/);
    // One path: the hover says nothing about it (hacf/single-path does), nor about STONITH (hacf/no-stonith).
    const one = 'bcast eth0\nucast eth0 10.0.0.2\nnode al┃pha beta\n';
    assert.doesNotMatch(md(one), /path|stonith|⚠/i);
    const a = analyzeText(one.replace('┃', ''), HACF);
    assert.deepEqual(a.problems.map((p) => p.code).filter((c) => c === 'hacf/single-path' || c === 'hacf/no-stonith').sort(), ['hacf/no-stonith', 'hacf/single-path']);
  });
});

describe('hacf outline, lenses, folding', () => {
  it('one symbol per directive; a lens with the dead time; comment folding', () => {
    const a = analyzeText('# a\n# b\nnode alpha beta\nkeepalive 2\ndeadtime 10\nbcast eth0\n', HACF);
    assert.deepEqual(svc.getSymbols(a).map((s) => `${s.name}:${s.kind}`), ['node:constant', 'keepalive:key', 'deadtime:key', 'bcast:event']);
    // (the second lens is the migration's: docs/migration.md)
    assert.deepEqual(svc.getCodeLenses(a).map((l) => l.title), ['A node is declared dead after 10000 ms (5 missed heartbeats of 2000 ms)', 'Migrate to Pacemaker…']);
    assert.deepEqual(svc.getFoldingRanges(a), [{ startLine: 0, endLine: 1, kind: 'comment' }]);
  });
});
