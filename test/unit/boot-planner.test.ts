import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findRoots, listServices, loadInitTree, plan, type PlannedLink } from '../../server/src/service/boot';
import { memHost } from '../helpers/memHost';

const lsb = (o: { provides?: string; start?: string; stop?: string; rs?: string; rstop?: string; ss?: string; extra?: string }) => [
  '### BEGIN INIT INFO',
  o.provides !== undefined ? `# Provides: ${o.provides}` : '',
  `# Required-Start: ${o.rs ?? ''}`,
  `# Required-Stop: ${o.rstop ?? ''}`,
  o.ss ? `# Should-Start: ${o.ss}` : '',
  `# Default-Start: ${o.start ?? '2 3 4 5'}`,
  `# Default-Stop: ${o.stop ?? '0 1 6'}`,
  o.extra ?? '',
  '### END INIT INFO',
].filter(Boolean).join('\n');

function rhTree(scripts: Record<string, string>, extra: Record<string, string> = {}) {
  const files: Record<string, string> = { ...extra };
  for (const [n, h] of Object.entries(scripts)) files[`/r/etc/rc.d/init.d/${n}`] = `#!/bin/sh\n${h}\nexit 0\n`;
  const host = memHost(files);
  return { tree: loadInitTree('/r', host)!, host };
}

function debTree(scripts: Record<string, string>, extra: Record<string, string> = {}) {
  const files: Record<string, string> = { ...extra };
  for (const [n, h] of Object.entries(scripts)) files[`/r/etc/init.d/${n}`] = `#!/bin/sh\n${h}\nexit 0\n`;
  const host = memHost(files);
  return { tree: loadInitTree('/r', host)!, host };
}

const names = (links: PlannedLink[], script?: string) => links.filter((l) => !script || l.script === script).map((l) => l.link.replace(/^etc\/(rc\.d\/)?/, ''));

describe('chkconfig planner (spec/domain.md §2.2, Appendix A)', () => {
  it('the seed: chkconfig: 234 99 90 → S99 in 2-4, K90 in 0,1,5,6', () => {
    const { tree, host } = rhTree({ myscript: '# chkconfig: 234 99 90\n# description: x' });
    assert.equal(tree.layout, 'rhel');
    const p = plan(tree, 'chkconfig', host);
    assert.deepEqual(names(p.links), ['rc0.d/K90myscript', 'rc1.d/K90myscript', 'rc2.d/S99myscript', 'rc3.d/S99myscript', 'rc4.d/S99myscript', 'rc5.d/K90myscript', 'rc6.d/K90myscript']);
    assert.equal(p.links[0]!.target, '../init.d/myscript');
  });

  const levelsOf = (header: string) => {
    const { tree, host } = rhTree({ x: header });
    const p = plan(tree, 'chkconfig', host);
    return p.refused.length > 0 ? 'refused' : p.links.filter((l) => l.kind === 'S').map((l) => l.runlevel).join('');
  };

  it('levels build up in file order, as Appendix A verified', () => {
    assert.equal(levelsOf(`# chkconfig: 2345 10 90\n${lsb({ provides: 'x', start: '3 5', stop: '0 1 2 4 6' })}`), '35');
    assert.equal(levelsOf(`${lsb({ provides: 'x', start: '3 5', stop: '0 1 2 4 6' })}\n# chkconfig: 2345 10 90`), '35');
    assert.equal(levelsOf('# chkconfig: 2 10 90\n### BEGIN INIT INFO\n# Default-Start: 3 5\n### END INIT INFO'), '235');
    assert.equal(levelsOf('# chkconfig: - 10 90'), '');
    assert.equal(levelsOf('### BEGIN INIT INFO\n# Default-Start: 2,3,4,5\n### END INIT INFO'), '2');
    assert.equal(levelsOf('### BEGIN INIT INFO\n# Default-Start: 2345\n# Default-Stop: 016\n### END INIT INFO'), '');
    assert.equal(levelsOf('### BEGIN INIT INFO\n# Default-Start: 2 3 4 5 7\n### END INIT INFO'), '2345');
  });

  it('refuses what chkconfig refuses', () => {
    for (const h of ['# chkconfig: 2345 10', '# chkconfig: 2378 10 90', '# chkconfig: 345 100 90', '# description: x', '### BEGIN INIT INFO\n# Default-Start: S\n### END INIT INFO', `# chkconfig:\n${lsb({ provides: 'x' })}`]) {
      assert.equal(levelsOf(h), 'refused', h);
    }
    const { tree, host } = rhTree({ x: '# description: only' });
    assert.match(plan(tree, 'chkconfig', host).refused[0]!.reason, /service x does not support chkconfig/);
  });

  it('LSB dependencies push start priorities after, stop priorities before, across all scripts', () => {
    const { tree, host } = rhTree({
      network: `# chkconfig: 2345 10 90\n${lsb({ provides: '$network' })}`,
      db: `# chkconfig: 345 10 90\n${lsb({ provides: 'db', rs: '$network', rstop: '$network' })}`,
      web: `# chkconfig: 345 10 90\n${lsb({ provides: 'web', rs: 'db', rstop: 'db', start: '3 4 5', stop: '0 1 2 6' })}`,
      lonely: `# chkconfig: 2 10 90\n${lsb({ provides: 'lonely', rs: 'web', start: '2', stop: '0 1 6' })}`,
    });
    const p = plan(tree, 'chkconfig', host);
    const s3 = names(p.links).filter((l) => l.startsWith('rc3.d/S'));
    assert.deepEqual(s3, ['rc3.d/S10network', 'rc3.d/S11db', 'rc3.d/S12web']);
    assert.deepEqual(names(p.links).filter((l) => l.startsWith('rc0.d/K')), ['rc0.d/K88web', 'rc0.d/K89db', 'rc0.d/K90lonely', 'rc0.d/K90network']);
    // web is not on in level 2, so lonely (on in 2 only) is not moved after it.
    assert.deepEqual(names(p.links, 'lonely').filter((l) => l.includes('/S')), ['rc2.d/S10lonely']);
  });

  it('/etc/chkconfig.d/NAME overrides the header', () => {
    const { tree, host } = rhTree({ x: '# chkconfig: 345 10 90' }, { '/r/etc/chkconfig.d/x': '# chkconfig: 2 20 80\n' });
    assert.deepEqual(names(plan(tree, 'chkconfig', host).links).filter((l) => l.includes('/S')), ['rc2.d/S20x']);
  });
});

describe('insserv planner (§5.2-5.3)', () => {
  it('orders by dependencies: 1 + the highest order of what a script needs', () => {
    const { tree } = debTree({
      a: lsb({ provides: 'a', rs: '$remote_fs' }),
      b: lsb({ provides: 'b', rs: 'a' }),
      c: lsb({ provides: 'c', rs: 'b', ss: 'a' }),
      late: lsb({ provides: 'late', rs: '$all' }),
    }, { '/r/etc/insserv.conf': '$remote_fs +mountall\n' });
    assert.equal(tree.layout, 'debian');
    const p = plan(tree, 'insserv');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(names(p.links).filter((l) => l.startsWith('rc2.d/S')), ['rc2.d/S01a', 'rc2.d/S02b', 'rc2.d/S03c', 'rc2.d/S04late']);
    assert.equal(p.links.find((l) => l.link === 'etc/rc2.d/S01a')!.target, '../init.d/a');
  });

  it('stop links: a script stops before what it needs', () => {
    const { tree } = debTree({ a: lsb({ provides: 'a' }), b: lsb({ provides: 'b', rstop: 'a' }) });
    assert.deepEqual(names(plan(tree, 'insserv').links).filter((l) => l.startsWith('rc0.d/')), ['rc0.d/K01b', 'rc0.d/K02a']);
  });

  it('reports loops, missing required services, $all dependencies and overlaps', () => {
    const loop = debTree({ a: lsb({ provides: 'a', rs: 'b' }), b: lsb({ provides: 'b', rs: 'a' }) });
    const pl = plan(loop.tree, 'insserv');
    assert.match(pl.errors[0]!.message, /There is a loop between service a and b if started/);
    assert.equal(pl.links.length, 0, 'insserv exits without changing the boot order');
    const missing = plan(debTree({ a: lsb({ provides: 'a', rs: 'nothere' }) }).tree, 'insserv');
    assert.match(missing.errors[0]!.message, /FATAL: service nothere has to be enabled to use service a/);
    const all = plan(debTree({ late: lsb({ provides: 'late', rs: '$all' }), x: lsb({ provides: 'x', rs: 'late' }) }).tree, 'insserv');
    assert.ok(all.errors.some((e) => /therefore on system facility `\$all'/.test(e.message)));
    const overlap = plan(debTree({ a: lsb({ provides: 'a', start: '2 3', stop: '0 3 6' }) }).tree, 'insserv');
    assert.match(overlap.errors[0]!.message, /overlapping Default-Start and Default-Stop/);
  });

  // The numbers below are what insserv 1.24 wrote (insserv -s on the same scripts in a scratch
  // folder). listing.c __follow() walks a chain of first links and counts only the services
  // that share a run level with where the walk started, passing the others without counting.
  it('cross-level: a runlevel script needing an rcS script that needs a runlevel script starts after the latter', () => {
    const { tree } = debTree({
      base: lsb({ provides: 'base' }),
      early: lsb({ provides: 'early', rs: 'base', start: 'S', stop: '' }),
      late: lsb({ provides: 'late', rs: 'early' }),
    });
    const p = plan(tree, 'insserv');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(names(p.links).filter((l) => /^rc[2S]\.d\/S/.test(l)), ['rc2.d/S01base', 'rc2.d/S02late', 'rcS.d/S01early']);
  });

  it('cross-level: the chain takes the first script that named a service, in the order insserv reads init.d', () => {
    // base's first link is early or other, whichever insserv read first (readdir order, after
    // the first script named on the command line): through early the chain reaches late.
    const files: Record<string, string> = {};
    const scripts = {
      base: lsb({ provides: 'base' }),
      early: lsb({ provides: 'early', ss: 'base', start: 'S', stop: '' }),
      other: lsb({ provides: 'other', rs: 'base', start: 'S', stop: '' }),
      late: lsb({ provides: 'late', rs: 'early' }),
    };
    for (const [n, h] of Object.entries(scripts)) files[`/r/etc/init.d/${n}`] = `#!/bin/sh\n${h}\nexit 0\n`;
    const lateIn = (order: string[]) => {
      const host = { ...memHost(files), readDirOrder: (d: string) => (d === '/r/etc/init.d' ? order : undefined) };
      const tree = loadInitTree('/r', host)!;
      assert.deepEqual(tree.scanOrder, order);
      return names(plan(tree, 'insserv', host).links, 'late').filter((l) => l.startsWith('rc2.d/'));
    };
    assert.deepEqual(lateIn(['late', 'early', 'other', 'base']), ['rc2.d/S02late']);
    assert.deepEqual(lateIn(['late', 'other', 'early', 'base']), ['rc2.d/S01late']);
    // Without the folder's order (a host that cannot tell): name order.
    assert.deepEqual(names(plan(debTree(scripts).tree, 'insserv').links, 'late').filter((l) => l.startsWith('rc2.d/')), ['rc2.d/S02late']);
  });

  it('a missing Required-Stop service is not fatal (chkrequired looks at start requirements only)', () => {
    const p = plan(debTree({ a: lsb({ provides: 'a', rstop: 'nothere' }) }).tree, 'insserv');
    assert.deepEqual(p.errors, []);
    assert.deepEqual(names(p.links), ['rc0.d/K01a', 'rc1.d/K01a', 'rc2.d/S01a', 'rc3.d/S01a', 'rc4.d/S01a', 'rc5.d/S01a', 'rc6.d/K01a']);
  });

  it('S goes to rcS.d; packed tokens are ignored', () => {
    const { tree } = debTree({ early: lsb({ provides: 'early', start: 'S', stop: '' }), packed: lsb({ provides: 'packed', start: '2345', stop: '016' }) });
    assert.deepEqual(names(plan(tree, 'insserv').links), ['rcS.d/S01early']);
  });
});

describe('update-rc.d without insserv (§5.1)', () => {
  it('S01 in Default-Start levels, K01 in Default-Stop levels, exact keyword only', () => {
    const { tree } = debTree({ a: lsb({ provides: 'a' }), b: '### BEGIN INIT INFO\n#Default-Start: 2 3\n### END INIT INFO' });
    const p = plan(tree, 'update-rc.d');
    assert.deepEqual(names(p.links), ['rc0.d/K01a', 'rc1.d/K01a', 'rc2.d/S01a', 'rc3.d/S01a', 'rc4.d/S01a', 'rc5.d/S01a', 'rc6.d/K01a']);
    assert.match(p.refused[0]!.reason, /b Default-Start contains no runlevels/);
  });
});

describe('Services view data', () => {
  it('per runlevel: on/off from the links present, else as the tool would set them', () => {
    const host = memHost({
      '/img/etc/rc.d/init.d/atd': '#!/bin/sh\n# chkconfig: 345 95 5\n',
      '/img/etc/rc.d/init.d/cups': '#!/bin/sh\n# chkconfig: 2345 25 10\n',
      '/img/etc/rc.d/init.d/odd': '#!/bin/sh\n# description: none\n',
      '/img/etc/rc.d/rc3.d/K05atd': '',
    });
    assert.deepEqual(listServices('/img', host)!.services.map((s) => [s.name, s.registered, s.current['3'], s.planned['3'], s.refused !== undefined]), [
      ['atd', true, 'off', 'on', false],
      ['cups', false, null, 'on', false],
      ['odd', false, null, null, true],
    ]);
    assert.deepEqual(findRoots('/img/etc', host), ['/img']);
    assert.deepEqual(findRoots('/', memHost({ '/node1/etc/init.d/x': '', '/node2/etc/init.d/x': '' })), ['/node1', '/node2']);
  });

  it('reads each script\'s links from one index per level, as a per-script match of ^[SK]NNname$ would (names with regex characters, S and K for one name, odd link names)', () => {
    const names = ['atd', 'a.b', 'c++', 'x(y)', 'S10', 'd'];
    const files: Record<string, string> = {};
    for (const n of names) files[`/img/etc/rc.d/init.d/${n}`] = '#!/bin/sh\n# chkconfig: 345 50 50\n';
    const rc3 = ['K20a.b', 'S10a.b', 'S95atd', 'S1atd', 'Sxxd', 'S10c++', 'S10axb', 'S99', 'K05x(y)', 'S10S10', 'S0١d', 'README'];
    for (const l of rc3) files[`/img/etc/rc.d/rc3.d/${l}`] = '';
    const host = memHost(files);
    const listed = host.listDir('/img/etc/rc.d/rc3.d') ?? [];
    const expected = (name: string) => {
      const re = new RegExp(`^([SK])\\d\\d${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      const m = listed.map((n) => re.exec(n)).find((x) => x);
      return m ? (m[1] === 'S' ? 'on' : 'off') : null;
    };
    const got = listServices('/img', host)!.services;
    assert.deepEqual(got.map((s) => [s.name, s.current['3']]), got.map((s) => [s.name, expected(s.name)]));
    assert.deepEqual(Object.fromEntries(got.map((s) => [s.name, s.current['3']])), { atd: 'on', 'a.b': listed.indexOf('K20a.b') < listed.indexOf('S10a.b') ? 'off' : 'on', 'c++': 'on', 'x(y)': 'off', S10: 'on', d: null });
  });

  it('lists rcN.d links whose script is gone (a name the folder lists that leads nowhere)', () => {
    const base = memHost({ '/img/etc/rc.d/init.d/atd': '#!/bin/sh\n# chkconfig: 345 95 5\n', '/img/etc/rc.d/rc3.d/S95atd': '' });
    const host = {
      ...base,
      listDir: (p: string) => (p === '/img/etc/rc.d/rc3.d' ? ['S10gone', 'S95atd'] : base.listDir(p)),
      readLink: (p: string) => (p === '/img/etc/rc.d/rc3.d/S10gone' ? '../init.d/gone' : undefined),
    };
    assert.deepEqual(listServices('/img', host)!.dangling, [{ link: '/img/etc/rc.d/rc3.d/S10gone', target: '../init.d/gone', runlevel: '3', name: 'gone' }]);
    assert.deepEqual(listServices('/img', base)!.dangling, []);
  });
});
