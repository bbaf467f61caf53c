import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText, checkCompletion, hoverAt, withCursor } from '../helpers/fixture';

describe('inittab completion', () => {
  it('offers the dialect\'s actions in the action field and replaces the whole field', () => {
    const items = checkCompletion('id:3:initdefault:\nx:3:┃', 'respawn', 'id:3:initdefault:\nx:3:respawn');
    assert.ok(items.some((i) => i.label === 'wait'));
    assert.ok(!items.some((i) => i.label === 'askfirst'), 'no BusyBox action in a sysvinit file');
    checkCompletion('id:3:initdefault:\nx:3:resp┃awn:/bin/foo', 'respawn', 'id:3:initdefault:\nx:3:respawn:/bin/foo');
    checkCompletion('id:3:initdefault:\nx:3:on┃:/bin/foo', 'once', 'id:3:initdefault:\nx:3:once:/bin/foo');
  });

  it('offers BusyBox actions in a BusyBox file', () => {
    const items = checkCompletion('::sysinit:/etc/init.d/rcS\n::┃', 'askfirst', '::sysinit:/etc/init.d/rcS\n::askfirst');
    assert.ok(!items.some((i) => i.label === 'initdefault'));
  });

  it('offers runlevels not yet in the field, inserted at the cursor', () => {
    const items = checkCompletion('id:3:initdefault:\nx:23┃:respawn:/x', '5', 'id:3:initdefault:\nx:235:respawn:/x');
    assert.ok(!items.some((i) => i.label === '2'));
  });

  it('documentation is built on resolve', () => {
    const { text, position } = withCursor('id:3:initdefault:\nx:3:┃');
    const item = svc.doComplete(analyzeText(text), position).find((i) => i.label === 'respawn')!;
    assert.equal(item.documentation, undefined);
    const doc = svc.resolveCompletion('inittab', item.resolveKey!);
    assert.match(doc!, /respawning too fast/);
  });

  it('suggests commands for the action', () => {
    checkCompletion('id:3:initdefault:\nl3:3:wait:┃', '/etc/rc.d/rc 3', 'id:3:initdefault:\nl3:3:wait:/etc/rc.d/rc 3');
  });

  it('offers nothing inside a comment', () => {
    const { text, position } = withCursor('# x:3:┃');
    assert.deepEqual(svc.doComplete(analyzeText(text), position), []);
  });
});

describe('inittab hover', () => {
  it('explains the action, with the respawn rule', () => {
    const h = hoverAt('id:3:initdefault:\n1:2345:resp┃awn:/sbin/mingetty tty1\n');
    assert.match(h!.markdown, /\*\*respawn\*\*/);
    assert.match(h!.markdown, /respawning too fast/);
    assert.deepEqual(h!.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 14 } });
  });

  it('explains each runlevel per distribution', () => {
    const h = hoverAt('id:3:initdefault:\n1:23┃45:respawn:/sbin/mingetty tty1\n');
    assert.match(h!.markdown, /Runlevel 4/);
    assert.match(h!.markdown, /Red Hat/);
  });

  it('says which runlevel initdefault boots into', () => {
    assert.match(hoverAt('id:3┃5:initdefault:\n')!.markdown, /Boots into runlevel 5/);
  });

  it('explains the process: rc N runs the rcN.d scripts', () => {
    assert.match(hoverAt('id:3:initdefault:\nl3:3:wait:/etc/rc.d/r┃c 3\n')!.markdown, /\/etc\/rc\.d\/rc3\.d/);
    assert.match(hoverAt('id:3:initdefault:\nx:5:respawn:/etc/X11/prefdm -nodae┃mon\n')!.markdown, /display manager/);
  });

  it('explains the id, and ~~', () => {
    assert.match(hoverAt('id:3:initdefault:\n~┃~:S:wait:/sbin/sulogin\n')!.markdown, /sulogin/);
    assert.match(hoverAt('::sysinit:/etc/init.d/rcS\ntty┃S0::respawn:/sbin/getty -L ttyS0 115200 vt100\n')!.markdown, /\/dev\/ttyS0/);
  });

  it('returns nothing on a comment', () => {
    assert.equal(hoverAt('# a comm┃ent\n'), null);
  });
});

describe('inittab symbols, lenses, folding', () => {
  const text = '# one\n# two\nid:3:initdefault:\nl3:3:wait:/etc/rc.d/rc 3\n';
  const a = analyzeText(text);

  it('lists entries as symbols', () => {
    const syms = svc.getSymbols(a);
    assert.deepEqual(syms.map((s) => s.name), ['id', 'l3']);
    assert.equal(syms[1]!.detail, 'wait · runlevels 3 · /etc/rc.d/rc 3');
    assert.equal(syms[0]!.kind, 'constant');
  });

  it('shows the boot runlevel as a code lens', () => {
    assert.deepEqual(svc.getCodeLenses(a).map((l) => [l.range.start.line, l.title]), [[2, 'Boots into runlevel 3 (full multi-user)'], [2, 'Simulate boot to runlevel 3']]);
    assert.deepEqual(svc.getCodeLenses(a)[1]!.command, { id: 'sysvHa.simulate', args: ['/etc/inittab', 'N', '3'] });
    // Outside an image root there is nothing to simulate.
    assert.equal(svc.getCodeLenses(analyzeText(text, { path: '/tmp/inittab' })).length, 1);
  });

  it('folds comment blocks', () => {
    assert.deepEqual(svc.getFoldingRanges(a), [{ startLine: 0, endLine: 1, kind: 'comment' }]);
  });

  it('names BusyBox console entries', () => {
    assert.deepEqual(svc.getSymbols(analyzeText('::sysinit:/etc/init.d/rcS\n')).map((s) => s.name), ['(console)']);
  });
});
