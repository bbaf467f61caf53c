/** `ip addr` commands inside init scripts and rc.local go through the ipaddr rules. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { checkDiagnostics, hoverAt, withCursor } from '../helpers/fixture';
import { memHost } from '../helpers/memHost';
import { REPO } from '../helpers/golden';
import { RH } from '../helpers/initscripts';

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

describe('ip addr in init scripts', () => {
  it('the seed\'s commands: right broadcast is clean, a wrong one is flagged on the broadcast', () => {
    const base = RH.replace('prog=foo\n', 'prog=foo\nip addr add 209.100.100.3/24 broadcast 209.100.100.255 dev eth0\n');
    checkDiagnostics(base, { language: 'initscript', path: '/etc/rc.d/init.d/foo' });
    const a = checkDiagnostics(RH.replace('prog=foo\n', `prog=foo
ip addr add 209.100.100.3/24 broadcast 209.100.100.254 dev eth0
                                       ^^^^^^^^^^^^^^^ ipaddr/broadcast-mismatch
`), { language: 'initscript', path: '/etc/rc.d/init.d/foo' });
    assert.match(a.problems[0]!.message, /209\.100\.100\.255/);
  });

  it('commands with expansions are not guessed at', () => {
    checkDiagnostics(RH.replace('prog=foo\n', 'prog=foo\nip addr add $VIP/24 brd + dev $IFACE\n'), { language: 'initscript', path: '/etc/rc.d/init.d/foo' });
  });

  it('rc.local: only ip addr and syntax, no service-script checks', () => {
    const a = checkDiagnostics(`#!/bin/sh
touch /var/lock/subsys/local
/sbin/ip addr add 10.0.0.300/24 dev eth0
                  ^^^^^^^^^^ ipaddr/invalid-address
`, { language: 'initscript', path: '/etc/rc.d/rc.local' });
    assert.equal(a.info.profile, 'rc.local');
    assert.equal(svc.languageForPath('/etc/rc.local'), 'initscript');
  });
});

describe('duplicate ip addr add on one script path', () => {
  const RH_OPTS = { language: 'initscript' as const, path: '/etc/rc.d/init.d/foo' };
  const ADD = 'ip addr add 10.0.0.5/24 brd + dev eth0';
  /** The RH script with `text` at the start of the start) branch. */
  const inStart = (text: string) => RH.replace('  start)\n\tstart\n', `  start)\n${text}\tstart\n`);

  it('twice in one case branch, in one function body, at the top level, in rc.local', () => {
    checkDiagnostics(inStart(`\t${ADD}
\techo "VIP up"
\t${ADD} 2>/dev/null || true
\t            ^^^^^^^^^^^ ipaddr/duplicate-address
`), RH_OPTS);
    checkDiagnostics(RH.replace('start() {\n', `start() {
\t${ADD}
\t${ADD}
\t            ^^^^^^^^^^^ ipaddr/duplicate-address
`), RH_OPTS);
    checkDiagnostics(`#!/bin/sh
${ADD}
if [ -x /usr/sbin/arping ]; then /usr/sbin/arping -U -c 1 -I eth0 10.0.0.5; fi
${ADD}
            ^^^^^^^^^^^ ipaddr/duplicate-address
`, { language: 'initscript', path: '/etc/rc.d/rc.local' });
  });

  it('not in alternative paths: other branches, if/else arms, a condition, after a removal or a call', () => {
    // start) and restart) are different branches.
    checkDiagnostics(inStart(`\t${ADD}\n`).replace('  restart|force-reload)\n', `  restart|force-reload)\n\t${ADD}\n`), RH_OPTS);
    // then and else arms; elif.
    checkDiagnostics(inStart(`\tif [ -n "$X" ]; then\n\t\t${ADD}\n\telif [ -n "$Y" ]; then\n\t\t${ADD}\n\telse\n\t\t${ADD}\n\tfi\n`), RH_OPTS);
    // One of them runs only on a condition.
    checkDiagnostics(inStart(`\t${ADD}\n\t[ -n "$X" ] && ${ADD}\n\tcheck_vip || ${ADD}\n`), { ...RH_OPTS, only: ['ipaddr/duplicate-address'] });
    // Something between may remove it: ip addr del, a function of the script, ifdown, exit.
    checkDiagnostics(inStart(`\t${ADD}\n\tip addr del 10.0.0.5/24 dev eth0\n\t${ADD}\n\tstop\n\t${ADD}\n\tifdown eth0\n\t${ADD}\n`), RH_OPTS);
    // Once in a function and once in the branch that calls it: different statement lists.
    checkDiagnostics(RH.replace('start() {\n', `start() {\n\t${ADD}\n`).replace('  start)\n\tstart\n', `  start)\n\t${ADD}\n\tstart\n`), RH_OPTS);
  });
});

describe('hover on an address in an ip command', () => {
  it('shows the network, broadcast and netmask', () => {
    const h = hoverAt(RH.replace('prog=foo\n', 'prog=foo\nip addr add 209.100.10┃0.3/24 broadcast 209.100.100.255 dev eth0\n'), { language: 'initscript', path: '/etc/rc.d/init.d/foo' });
    assert.match(h!.markdown, /209\.100\.100\.255/);
    assert.match(h!.markdown, /255\.255\.255\.0/);
  });
});

describe('completion of interface names in ip commands', () => {
  it('offers the names used in other scripts, ha.cf and haresources of the tree', () => {
    const files: Record<string, string> = {
      '/r/etc/rc.d/init.d/other': '#!/bin/sh\nip addr add 10.0.0.2/24 brd + dev bond0\n',
      '/r/etc/ha.d/ha.cf': 'bcast eth1\nnode a\n',
      '/r/etc/ha.d/haresources': 'a IPaddr::10.0.0.9/24/eth2\n',
    };
    const { text, position } = withCursor(RH.replace('prog=foo\n', 'prog=foo\nip addr add 10.0.0.1/24 dev e┃\n'));
    files['/r/etc/rc.d/init.d/foo'] = text;
    const a = svc.analyze({ path: '/r/etc/rc.d/init.d/foo', text, language: 'initscript' }, svc.DEFAULT_SETTINGS, memHost(files));
    const labels = svc.doComplete(a, position).map((c) => c.label);
    assert.deepEqual(labels.filter((l) => ['bond0', 'eth1', 'eth2'].includes(l)), ['bond0', 'eth1', 'eth2']);
  });
});
