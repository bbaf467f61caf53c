/** Inlay hints (chkconfig links, ha.cf times, subnets) and semantic tokens (header keywords inside comments). */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { EDITOR_TREE } from '../helpers/editorTree';
import { REPO } from '../helpers/golden';

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

const ALL = svc.range(0, 0, 0, 10_000);
const hints = (text: string, language: svc.LanguageId, path = '/x/etc/rc.d/init.d/web') =>
  svc.getInlayHints(svc.analyze({ path, text, language }), ALL).map((h) => `${h.position.line}:${h.position.character} ${h.label}`);

describe('inlay hints', () => {
  it('chkconfig line: the links chkconfig --add makes', () => {
    const text = EDITOR_TREE['etc/rc.d/init.d/web']!;
    const h = hints(text, 'initscript');
    assert.equal(h[0], '1:22 S85web in 345 · K15web in 0126');
    assert.deepEqual(hints('#!/bin/sh\n# chkconfig: - 10 90\n', 'initscript', '/x/etc/rc.d/init.d/foo'), ['1:20 no links on --add (on: S10foo in 2345)']);
  });
  it('ip addr add: the network and broadcast of the prefix', () => {
    const h = hints(EDITOR_TREE['etc/rc.d/init.d/web']!, 'initscript');
    assert.ok(h.includes('17:24 net 10.1.0.0/22 · brd 10.1.3.255'), h.join(' | '));
    // Not for a host route, not for other commands, not for ip addr del.
    assert.deepEqual(hints('#!/bin/sh\nip addr add 10.0.0.1/32 dev eth0\necho 10.0.0.1/24\nip addr del 10.0.0.1/24 dev eth0\nip a a 192.168.1.7/255.255.255.0 dev eth0\n', 'initscript', '/x/etc/init.d/n'), ['4:32 net 192.168.1.0/24 · brd 192.168.1.255']);
  });
  it('ha.cf: times in ms (not for values already in ms, nor unreadable ones)', () => {
    assert.deepEqual(hints('keepalive 2\ndeadtime 30\nwarntime 500ms\ninitdead 1.5\nnode a\ndeadping 30s\n', 'hacf', '/x/etc/ha.d/ha.cf'), ['0:11 2000 ms', '1:11 30000 ms', '3:12 1500 ms']);
  });
  it('haresources: IPaddr addresses with a prefix', () => {
    assert.deepEqual(hints('alpha IPaddr::10.0.0.5/24/eth0 IPaddr2::10.0.9.1/16 IPaddr::10.0.0.7 web\n', 'haresources', '/x/etc/ha.d/haresources'), ['0:30 net 10.0.0.0/24 · brd 10.0.0.255', '0:51 net 10.0.0.0/16 · brd 10.0.255.255']);
  });
  it('only the lines asked for; never in authkeys', () => {
    const a = svc.analyze({ path: '/x/etc/ha.d/ha.cf', text: 'keepalive 2\ndeadtime 30\n', language: 'hacf' });
    assert.deepEqual(svc.getInlayHints(a, svc.range(1, 0, 0, 1)).map((h) => h.label), ['30000 ms']);
    assert.deepEqual(svc.getInlayHints(svc.analyze({ path: '/x/etc/ha.d/authkeys', text: 'auth 1\n1 sha1 secret\n', language: 'authkeys' }), ALL), []);
  });
});

describe('semantic tokens', () => {
  it('chkconfig and LSB keywords, names, facilities and runlevels inside the comments', () => {
    const text = EDITOR_TREE['etc/rc.d/init.d/web']!;
    const a = svc.analyze({ path: '/x/etc/rc.d/init.d/web', text, language: 'initscript' });
    const lines = text.split('\n');
    const toks = svc.getSemanticTokens(a).map((t) => `${t.line}:${lines[t.line]!.slice(t.start, t.start + t.length)}=${t.type}${t.modifiers ? `+${t.modifiers.join('+')}` : ''}`);
    assert.deepEqual(toks, [
      '1:chkconfig=keyword', '1:345=number', '1:85=number', '1:15=number', '2:description=keyword', '3:BEGIN INIT INFO=keyword',
      '4:Provides=keyword', '4:web=variable+declaration', '5:Required-Start=keyword', '5:$network=variable+defaultLibrary', '5:db=variable',
      '6:Required-Stop=keyword', '6:$network=variable+defaultLibrary', '7:Should-Start=keyword', '7:cache=variable',
      '8:Default-Start=keyword', '8:3=number', '8:4=number', '8:5=number', '9:Default-Stop=keyword', '9:0=number', '9:1=number', '9:2=number', '9:6=number',
      '10:END INIT INFO=keyword',
    ]);
  });
  it('none in the other languages (their grammars colour them)', () => {
    assert.deepEqual(svc.getSemanticTokens(svc.analyze({ path: '/x/etc/inittab', text: 'id:3:initdefault:\n', language: 'inittab' })), []);
  });
});
