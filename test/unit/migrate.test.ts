import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { migrateForFile, migrateRoot, renderPlanText, splitIpaddrArg, type Migration } from '../../server/src/service/migrate';
import { DIRECTIVES } from '../../server/src/service/languages/hacf/spec';
import { coveredCodes, parseFixture } from '../helpers/fixture';
import { memHost } from '../helpers/memHost';

const R = '/img';
const HACF = ['keepalive 2', 'deadtime 10', 'bcast eth1', 'node alpha beta', 'auto_failback on', 'logfacility local0'];

function cluster(opts: { hacf?: string[]; haresources?: string; authkeys?: string; extra?: Record<string, string>; addrs?: Record<string, string[]>; version?: 2 | 3 } = {}): Migration {
  const files: Record<string, string> = {
    [`${R}/etc/ha.d/ha.cf`]: `${(opts.hacf ?? HACF).join('\n')}\n`,
    [`${R}/etc/ha.d/authkeys`]: opts.authkeys ?? 'auth 1\n1 sha1 TopSecretKey42\n',
    ...(opts.extra ?? {}),
  };
  if (opts.haresources !== undefined) files[`${R}/etc/ha.d/haresources`] = opts.haresources;
  const nodeAddrs = new Map(Object.entries(opts.addrs ?? {}));
  const m = migrateRoot(R, memHost(files), { heartbeatVersion: opts.version ?? 3, nodeAddrs });
  assert.ok(m, 'an ha.cf is there');
  return m;
}

const prim = (m: Migration, id: string) => {
  for (const r of m.plan.resources) {
    if (r.kind === 'primitive' && r.id === id) return r;
    if (r.kind === 'clone' && r.primitive.id === id) return r.primitive;
    if (r.kind === 'group') for (const p of r.members) if (p.id === id) return p;
  }
  return undefined;
};
const params = (m: Migration, id: string) => Object.fromEntries(prim(m, id)?.params ?? []);
const kinds = (m: Migration, kind: string) => m.plan.notes.filter((n) => n.kind === kind).map((n) => n.message);

describe('migrate: IPaddr arguments are read as the wrappers read them', () => {
  it('address, prefix, interface, broadcast; a leading digit in the third part makes it the broadcast', () => {
    assert.deepEqual(splitIpaddrArg('10.0.0.5'), { ip: '10.0.0.5' });
    assert.deepEqual(splitIpaddrArg('10.0.0.5/24/eth0'), { ip: '10.0.0.5', netmask: '24', nic: 'eth0', broadcast: undefined });
    assert.deepEqual(splitIpaddrArg('10.0.0.5/24/10.0.0.255'), { ip: '10.0.0.5', netmask: '24', broadcast: '10.0.0.255' });
    assert.deepEqual(splitIpaddrArg('10.0.0.5/24/eth0/10.0.0.255'), { ip: '10.0.0.5', netmask: '24', nic: 'eth0', broadcast: '10.0.0.255' });
  });

  it("sed's s%^IP/*%% drops every slash: '10.0.30.15//8/eth0:10' is /8 on eth0:10", () => {
    assert.deepEqual(splitIpaddrArg('10.0.30.15//8/eth0:10'), { ip: '10.0.30.15', netmask: '8', nic: 'eth0:10', broadcast: undefined });
  });
});

describe('migrate: resources', () => {
  it('one group per haresources line, in order, with the agents and named parameters', () => {
    const m = cluster({ haresources: 'alpha IPaddr::10.0.0.5/24/eth0 Filesystem::/dev/sdb1::/srv::ext4::noatime MailTo::ops@example.com::failover Delay::5 apache\n' });
    const g = m.plan.resources.find((r) => r.kind === 'group');
    assert.ok(g && g.kind === 'group');
    assert.deepEqual(g.members.map((p) => `${p.agent.cls}:${p.agent.provider}:${p.agent.type}`), [
      'ocf:heartbeat:IPaddr2', 'ocf:heartbeat:Filesystem', 'ocf:heartbeat:MailTo', 'ocf:heartbeat:Delay', 'ocf:heartbeat:apache',
    ]);
    assert.deepEqual(params(m, 'ip_10.0.0.5'), { ip: '10.0.0.5', cidr_netmask: '24', nic: 'eth0' });
    assert.deepEqual(params(m, 'fs_srv'), { device: '/dev/sdb1', directory: '/srv', fstype: 'ext4', options: 'noatime' });
    assert.deepEqual(params(m, 'mailto'), { email: 'ops@example.com', subject: 'failover' });
    // The Delay wrapper sets startdelay=10 when it is not given; here it is.
    assert.deepEqual(params(m, 'delay'), { startdelay: '5' });
    assert.ok(m.plan.constraints.some((c) => c.kind === 'location' && c.rsc === g.id && c.node === 'alpha'));
  });

  it('IPaddr2 nic:label becomes nic and iflabel; an IPaddr alias becomes the plain interface (reported)', () => {
    const m = cluster({ haresources: 'alpha IPaddr2::10.0.0.5/24/eth0:web IPaddr::10.0.0.6/24/eth0:1\n' });
    assert.deepEqual(params(m, 'ip_10.0.0.5'), { ip: '10.0.0.5', cidr_netmask: '24', nic: 'eth0', iflabel: 'web' });
    assert.deepEqual(params(m, 'ip_10.0.0.6'), { ip: '10.0.0.6', cidr_netmask: '24', nic: 'eth0' });
    assert.ok(kinds(m, 'changed').some((x) => x.includes("alias 'eth0:1'")));
  });

  it('IPaddr netmasks as heartbeat read them (08 → 8, 255.255.255.0 → 24); what IPaddr2 refuses is not translated, with its message', () => {
    const m = cluster({ haresources: 'alpha IPaddr::10.0.0.5/08/eth0 IPaddr::10.0.0.6/255.255.255.0/eth0 IPaddr::0.0.0.7/24/eth0 IPaddr::10.0.0.8/24/eth0/0.0.0.0 IPaddr2::10.0.0.9/24/eth0:a-very-long-label\n' });
    assert.equal(params(m, 'ip_10.0.0.5')['cidr_netmask'], '8');
    assert.equal(params(m, 'ip_10.0.0.6')['cidr_netmask'], '24');
    assert.ok(kinds(m, 'changed').some((x) => x.includes("the netmask '08' becomes cidr_netmask=8")));
    const nt = kinds(m, 'not-translated');
    assert.ok(nt.some((x) => x.startsWith('IPaddr::0.0.0.7/24/eth0: Pacemaker\'s IPaddr2 refuses it ("IP address [0.0.0.7] not valid.") where heartbeat\'s IPaddr took it')), nt.join('\n'));
    assert.ok(nt.some((x) => x.includes('"Invalid broadcast address [0.0.0.0]."')));
    assert.ok(nt.some((x) => x.includes('"Interface label [eth0:a-very-long-label] exceeds maximum character limit of 15"') && x.includes('the same agent')));
    assert.match(m.files['cib.xml'], /NOT TRANSLATED: IPaddr::0\.0\.0\.7\/24\/eth0/);
  });

  it('a bare address is IPaddr::ADDR; empty :: parts vanish as the shell splits them', () => {
    const m = cluster({ haresources: 'beta 10.1.1.1 Filesystem::/dev/sdc1::::/data::xfs\n' });
    assert.deepEqual(params(m, 'ip_10.1.1.1'), { ip: '10.1.1.1' });
    assert.deepEqual(params(m, 'fs_data'), { device: '/dev/sdc1', directory: '/data', fstype: 'xfs' });
  });

  it('drbddisk becomes a promotable ocf:linbit:drbd clone, the group colocated with the promoted instance and started after it', () => {
    const m = cluster({ haresources: 'alpha drbddisk::r0 Filesystem::/dev/drbd0::/srv::ext4 mysql\n' });
    const clone = m.plan.resources.find((r) => r.kind === 'clone');
    assert.ok(clone && clone.kind === 'clone');
    assert.deepEqual(clone.primitive.params, [['drbd_resource', 'r0']]);
    assert.ok(clone.meta.some(([n, v]) => n === 'promotable' && v === 'true'));
    const g = m.plan.resources.find((r) => r.kind === 'group')!;
    assert.ok(m.plan.constraints.some((c) => c.kind === 'colocation' && c.rsc === g.id && c.withRsc === clone.id && c.withRole === 'Promoted' && c.score === 'INFINITY'));
    assert.ok(m.plan.constraints.some((c) => c.kind === 'order' && c.first === clone.id && c.firstAction === 'promote' && c.then === g.id));
    assert.match(m.files['cib.xml'], /with-rsc-role="Promoted"/);
  });

  it('an init script is lsb:NAME, or systemd:NAME when the root has a native unit', () => {
    const m = cluster({
      haresources: 'alpha nginx postfix\n',
      extra: { [`${R}/etc/init.d/nginx`]: '#!/bin/sh\n', [`${R}/etc/init.d/postfix`]: '#!/bin/sh\n', [`${R}/lib/systemd/system/postfix.service`]: '[Service]\n' },
    });
    assert.equal(prim(m, 'nginx')?.agent.cls, 'lsb');
    assert.equal(prim(m, 'postfix')?.agent.cls, 'systemd');
  });

  it('a custom resource.d script and an init script with arguments are not translated: a comment in every output and a note', () => {
    const m = cluster({ haresources: 'alpha 10.0.0.5 myscript IProute::10.0.0.1 nginx\n', extra: { [`${R}/etc/ha.d/resource.d/myscript`]: '#!/bin/sh\n', [`${R}/etc/init.d/nginx`]: '#!/bin/sh\n' } });
    const nt = kinds(m, 'not-translated');
    assert.ok(nt.some((x) => x.startsWith('myscript:')));
    assert.ok(nt.some((x) => x.startsWith('IProute::10.0.0.1:')));
    for (const f of ['cib.xml', 'pcs.sh', 'crm.txt'] as const) {
      assert.match(m.files[f], /NOT TRANSLATED: myscript/, f);
      assert.match(m.files[f], /NOT TRANSLATED: IProute::10\.0\.0\.1/, f);
    }
    // The group keeps the rest, in order.
    const g = m.plan.resources.find((r) => r.kind === 'group');
    assert.deepEqual(g?.kind === 'group' && g.members.map((p) => p.id), ['ip_10.0.0.5', 'nginx']);
    assert.match(m.files['README.md'], /## Not translated/);
  });

  it('a Filesystem without a type is not translated (the agent needs one; heartbeat let mount guess)', () => {
    const m = cluster({ haresources: 'alpha Filesystem::/dev/sdb1::/srv\n' });
    assert.ok(kinds(m, 'not-translated').some((x) => x.includes('file system type')));
    assert.equal(prim(m, 'fs_srv'), undefined);
  });
});

describe('migrate: failback and placement', () => {
  const stick = (m: Migration) => m.plan.rscDefaults.find((p) => p.name === 'resource-stickiness')?.value;
  it('auto_failback on → stickiness 0 (back to the preferred node); off → 200 per resource, above the location score 100', () => {
    assert.equal(stick(cluster({ haresources: 'alpha 10.0.0.5\n' })), '0');
    assert.equal(stick(cluster({ hacf: HACF.map((l) => l.replace('auto_failback on', 'auto_failback off')), haresources: 'alpha 10.0.0.5\n' })), '200');
  });

  it('legacy (and a missing auto_failback) means failback on, reported', () => {
    const m = cluster({ hacf: HACF.filter((l) => !l.startsWith('auto_failback')), haresources: 'alpha 10.0.0.5\n' });
    assert.equal(stick(m), '0');
    assert.ok(kinds(m, 'changed').some((x) => x.includes('legacy')));
  });

  it('nice_failback on: heartbeat 2.1.3 reads auto_failback off, 3.0.6 reads legacy', () => {
    const hacf = HACF.map((l) => l.replace('auto_failback on', 'nice_failback on'));
    assert.equal(stick(cluster({ hacf, haresources: 'alpha 10.0.0.5\n', version: 2 })), '200');
    assert.equal(stick(cluster({ hacf, haresources: 'alpha 10.0.0.5\n', version: 3 })), '0');
  });

  it('groups are ordered one after the other as heartbeat took them over (Optional orders)', () => {
    const m = cluster({ haresources: 'alpha 10.0.0.5\nbeta 10.0.0.6\n' });
    const orders = m.plan.constraints.filter((c) => c.kind === 'order');
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.kind === 'order' && orders[0]!.kindOf, 'Optional');
  });

  it('a node name that is not in ha.cf gets no location (reported)', () => {
    const m = cluster({ haresources: 'gamma 10.0.0.5\n' });
    assert.ok(!m.plan.constraints.some((c) => c.kind === 'location'));
    assert.ok(kinds(m, 'not-translated').some((x) => x.includes("'gamma'")));
  });
});

describe('migrate: corosync.conf', () => {
  it('nodes, one link per path (bcast and ucast on the same interface are one), token from deadtime, two_node', () => {
    const m = cluster({ hacf: ['keepalive 2', 'deadtime 10', 'bcast eth1', 'ucast eth1 10.0.0.2', 'mcast eth2 239.192.0.1 694 1 0', 'node alpha beta', 'auto_failback on'] });
    assert.equal(m.plan.links.length, 2);
    const conf = m.files['corosync.conf'];
    assert.match(conf, /token: 10000\n/);
    assert.match(conf, /knet_ping_interval: 2000\n/);
    assert.match(conf, /two_node: 1\n/);
    assert.match(conf, /linknumber: 1\n/);
    assert.match(conf, /ring1_addr: FILL-IN-beta-link1\n/);
  });

  it('addresses: --node-addr, then a ucast peer is the other node once one address is known', () => {
    const m = cluster({ hacf: ['ucast eth1 10.0.0.1', 'ucast eth1 10.0.0.2', 'node alpha beta', 'auto_failback on'], addrs: { alpha: ['10.0.0.1'] } });
    assert.deepEqual(m.plan.nodes.map((n) => n.addrs[0]?.addr), ['10.0.0.1', '10.0.0.2']);
    assert.doesNotMatch(m.files['corosync.conf'], /FILL-IN/);
  });

  it("addresses: the local node's ha.cf (etc/hostname) names the other node as its ucast peer", () => {
    const m = cluster({ hacf: ['ucast eth1 10.0.0.2', 'node alpha beta', 'auto_failback on'], extra: { [`${R}/etc/hostname`]: 'alpha\n' } });
    assert.equal(m.plan.nodes[1]!.addrs[0]?.addr, '10.0.0.2');
    assert.equal(m.plan.nodes[0]!.addrs[0], undefined);
    assert.ok(kinds(m, 'manual').some((x) => x.includes('alpha')));
  });

  it('addresses: etc/hosts for a single link', () => {
    const m = cluster({ extra: { [`${R}/etc/hosts`]: '127.0.0.1 localhost\n192.168.1.1 alpha\n192.168.1.2 beta.example beta\n' } });
    assert.deepEqual(m.plan.nodes.map((n) => n.addrs[0]?.addr), ['192.168.1.1', '192.168.1.2']);
  });

  it('serial and tipc have no knet equivalent: not translated, in the report and as a comment among the links of corosync.conf', () => {
    const m = cluster({ hacf: [...HACF, 'serial /dev/ttyS0', 'tipc 18888 1 2'] });
    assert.ok(kinds(m, 'not-translated').some((x) => x.startsWith('serial /dev/ttyS0')));
    assert.ok(kinds(m, 'not-translated').some((x) => x.startsWith('tipc 18888 1 2')));
    assert.equal(m.plan.links.length, 1);
    const totem = m.files['corosync.conf'].slice(0, m.files['corosync.conf'].indexOf('nodelist {'));
    assert.match(totem, /# NOT TRANSLATED \(ha\.cf line 7\): serial \/dev\/ttyS0: Corosync has no serial links/);
    assert.match(totem, /# NOT TRANSLATED \(ha\.cf line 8\): tipc 18888 1 2: Corosync has no TIPC transport/);
    assert.match(renderPlanText(m.plan), /ha\.cf:8: tipc 18888 1 2: Corosync has no TIPC/);
  });

  it('rds: the same interface and peer addresses become a knet link over UDP (reported); the peers tell the addresses as ucast peers do', () => {
    const m = cluster({ hacf: ['rds ib0 10.5.0.1 10.5.0.2', 'node alpha beta', 'auto_failback on'], addrs: { alpha: ['10.5.0.1'] } });
    assert.deepEqual(m.plan.links.map((l) => [l.media, l.iface]), [['rds ib0', 'ib0']]);
    assert.deepEqual(m.plan.nodes.map((n) => n.addrs[0]?.addr), ['10.5.0.1', '10.5.0.2']);
    assert.ok(kinds(m, 'changed').some((x) => x.startsWith('rds ib0 10.5.0.1 10.5.0.2: Corosync has no RDS transport')));
    assert.deepEqual(kinds(m, 'not-translated'), []);
    // rds on an interface that also has bcast is the same path, one link.
    assert.equal(cluster({ hacf: ['bcast ib0', 'rds ib0 10.5.0.1 10.5.0.2', 'node alpha beta'] }).plan.links.length, 1);
    // rds alone, without peers, is refused by heartbeat: no link from it.
    assert.equal(cluster({ hacf: ['bcast eth1', 'rds ib0', 'node alpha beta'] }).plan.links.length, 1);
  });

  it('every media kind of ha.cf becomes a link, a ping node or a note: none is dropped silently', () => {
    const line: Record<string, string> = {
      bcast: 'bcast eth5', mcast: 'mcast eth5 239.192.0.1 694 1 0', mcast6: 'mcast6 eth6 ff12::1 694 1 0', ucast: 'ucast eth5 10.0.0.2', ucast6: 'ucast6 eth6 fd00::2',
      serial: 'serial /dev/ttyS1', ping: 'ping 10.0.0.254', ping6: 'ping6 fd00::fe', ping_group: 'ping_group gw 10.0.0.1 10.0.0.2', hbaping: 'hbaping qla-0', rds: 'rds eth7 10.7.0.1 10.7.0.2', tipc: 'tipc 18888 1 2',
    };
    const media = DIRECTIVES.filter((d) => d.kind === 'media').map((d) => d.name);
    assert.deepEqual(media.filter((k) => !line[k]), [], 'a media kind of the spec without a line in this test');
    for (const k of media) {
      for (const ipfail of [false, true]) {
        const m = cluster({ hacf: ['bcast eth1', line[k]!, 'node alpha beta', ...(ipfail ? ['respawn hacluster /usr/lib/heartbeat/ipfail'] : [])], haresources: 'alpha 10.0.0.5\n' });
        const linked = m.plan.links.some((l) => l.origins.some((o) => o.line === 1));
        const noted = m.plan.notes.some((n) => n.origin?.line === 1);
        const pinged = m.plan.resources.some((r) => r.kind === 'clone' && r.primitive.from.startsWith(k));
        assert.ok(linked || noted || pinged, `${k} (ipfail ${ipfail}): no link, note or ping clone`);
      }
    }
  });

  it('hbaping (a Fibre Channel HBA as a ping node): with ipfail not translated, commented at the connectivity clone; without ipfail not needed', () => {
    const m = cluster({ hacf: [...HACF, 'ping 10.0.0.254', 'hbaping qla-0', 'respawn hacluster /usr/lib/heartbeat/ipfail'], haresources: 'alpha 10.0.0.5\n' });
    assert.ok(kinds(m, 'not-translated').some((x) => x.startsWith('hbaping qla-0: ipfail counted this Fibre Channel HBA')));
    for (const f of ['cib.xml', 'pcs.sh', 'crm.txt'] as const) assert.match(m.files[f], /NOT TRANSLATED \(ha\.cf line 8\): hbaping qla-0/, f);
    const alone = cluster({ hacf: [...HACF, 'hbaping qla-0', 'respawn hacluster /usr/lib/heartbeat/ipfail'], haresources: 'alpha 10.0.0.5\n' });
    assert.ok(kinds(alone, 'not-translated').some((x) => x.startsWith('hbaping qla-0')));
    assert.match(alone.files['cib.xml'], /NOT TRANSLATED \(ha\.cf line 7\): hbaping qla-0/);
    const without = cluster({ hacf: [...HACF, 'hbaping qla-0'], haresources: 'alpha 10.0.0.5\n' });
    assert.ok(kinds(without, 'not-needed').some((x) => x.startsWith('hbaping qla-0')));
  });

  it('crypto: the method of the selected key, never the key; crc gives none', () => {
    const m = cluster({ authkeys: 'auth 2\n1 md5 OtherKey\n2 sha1 TopSecretKey42\n' });
    assert.equal(m.plan.crypto?.hash, 'sha1');
    for (const [name, text] of Object.entries(m.files)) {
      assert.doesNotMatch(text, /TopSecretKey42|OtherKey/, name);
    }
    assert.equal(cluster({ authkeys: 'auth 1\n1 crc\n' }).plan.crypto?.hash, 'none');
  });
});

describe('migrate: fencing and connectivity', () => {
  it('stonith_host: positional parameters named as cluster-glue names them, the last taking the rest; the device stays on its host', () => {
    const m = cluster({ hacf: [...HACF, 'stonith_host alpha external/ipmi beta 10.9.9.2 admin pass word lanplus'], haresources: 'alpha 10.0.0.5\n' });
    const st = m.plan.resources.find((r) => r.kind === 'primitive' && r.agent.cls === 'stonith');
    assert.ok(st && st.kind === 'primitive');
    assert.deepEqual(Object.fromEntries(st.params), { hostname: 'beta', ipaddr: '10.9.9.2', userid: 'admin', passwd: 'pass', interface: 'word lanplus' });
    assert.ok(m.plan.constraints.some((c) => c.kind === 'location' && c.rsc === st.id && c.node === 'beta' && c.score === '-INFINITY'));
    assert.equal(m.plan.properties.find((p) => p.name === 'stonith-enabled')?.value, 'true');
  });

  it('no STONITH: stonith-enabled=false, and the user is told', () => {
    const m = cluster({ haresources: 'alpha 10.0.0.5\n' });
    assert.equal(m.plan.properties.find((p) => p.name === 'stonith-enabled')?.value, 'false');
    assert.ok(kinds(m, 'manual').some((x) => x.includes('stonith-enabled=false')));
  });

  it('ping + ipfail → an ocf:pacemaker:ping clone and a location rule per group; ping alone changes nothing', () => {
    const withIpfail = cluster({ hacf: [...HACF, 'ping 10.0.0.254', 'respawn hacluster /usr/lib/heartbeat/ipfail'], haresources: 'alpha 10.0.0.5\n' });
    const clone = withIpfail.plan.resources.find((r) => r.kind === 'clone');
    assert.equal(clone?.kind === 'clone' && clone.primitive.agent.type, 'ping');
    assert.ok(withIpfail.plan.constraints.some((c) => c.kind === 'location-rule' && c.scoreAttribute === 'pingd'));
    const without = cluster({ hacf: [...HACF, 'ping 10.0.0.254'], haresources: 'alpha 10.0.0.5\n' });
    assert.ok(!without.plan.resources.some((r) => r.kind === 'clone'));
    assert.ok(kinds(without, 'not-needed').some((x) => x.startsWith('ping 10.0.0.254')));
  });
});

describe('migrate: safety of the outputs', () => {
  it('values from the files are quoted for the shell, crmsh and XML', () => {
    const m = cluster({ haresources: `alpha MailTo::ops@example.com::'$(touch${'\t'}x)'&<b>\n`.replace('\t', '_') });
    const pcs = m.files['pcs.sh'];
    assert.ok(pcs.includes(`'subject='"'"'$(touch_x)'"'"'&<b>'`) || pcs.includes(`'subject='\\''$(touch_x)'\\''&<b>'`), pcs);
    assert.match(m.files['cib.xml'], /value="&apos;\$\(touch_x\)&apos;&amp;&lt;b&gt;"/);
    assert.match(m.files['crm.txt'], /subject="'\$\(touch_x\)'&<b>"/);
  });

  it('every construct has a disposition: directives of ha.cf not translated are listed, never dropped silently', () => {
    const m = cluster({ hacf: [...HACF, 'udpport 694', 'watchdog /dev/watchdog', 'respawn root /usr/local/bin/agent', 'rtprio 5', 'apiauth ipfail uid=hacluster'] });
    const all = m.plan.notes.map((n) => n.message).join('\n');
    for (const d of ['udpport', 'watchdog', 'respawn', 'rtprio', 'apiauth']) assert.match(all, new RegExp(`^${d}`, 'm'), d);
  });

  it('the CRM on: haresources is not translated (heartbeat ignores it), only corosync.conf is new', () => {
    const m = cluster({ hacf: [...HACF, 'crm respawn'], haresources: 'alpha 10.0.0.5\n' });
    assert.equal(m.plan.crmMode, true);
    assert.equal(m.plan.resources.length, 0);
  });

  it('a heartbeat file outside an image root is migrated with its own directory (nothing else is looked up)', () => {
    const host = memHost({ '/cfg/ha.cf': `${HACF.join('\n')}\n`, '/cfg/haresources': 'alpha nginx\n', '/etc/init.d/nginx': '', '/lib/systemd/system/nginx.service': '' });
    const m = migrateForFile('/cfg/haresources', host, { heartbeatVersion: 3 });
    assert.equal(m?.plan.resources.find((r) => r.kind === 'group')?.kind, 'group');
    assert.equal(prim(m!, 'nginx')?.agent.cls, 'lsb');
  });

  it('large files stay linear: 20,000 ucast lines, 20,000 groups of the same resource', () => {
    const hacf = [...HACF, ...Array.from({ length: 20_000 }, (_, i) => `ucast eth${i % 3} 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)];
    const m = cluster({ hacf, haresources: Array.from({ length: 20_000 }, (_, i) => `${i % 2 ? 'alpha' : 'beta'} MailTo::ops@example.com Delay::1\n`).join('') });
    assert.equal(m.plan.resources.filter((r) => r.kind === 'group').length, 20_000);
    assert.equal(m.plan.links.length, 3);
    assert.ok(m.files['corosync.conf'].length < 100_000);
  });

  it('a 100,000-character resource is handled (not translated, no crash)', () => {
    const m = cluster({ haresources: `alpha ${'x'.repeat(100_000)}:: 10.0.0.5\n` });
    assert.ok(m.files['cib.xml'].length > 0);
  });
});

describe('pacemaker/* diagnostics on haresources (what only the migration knows)', () => {
  const HR = `${R}/etc/ha.d/haresources`;
  const base: Record<string, string> = {
    [`${R}/etc/ha.d/ha.cf`]: `${HACF.join('\n')}\n`,
    [`${R}/etc/ha.d/resource.d/myscript`]: '#!/bin/sh\n',
    [`${R}/etc/ha.d/resource.d/IPaddr`]: '#!/bin/sh\n',
    [`${R}/etc/ha.d/resource.d/drbddisk`]: '#!/bin/sh\n',
    [`${R}/etc/init.d/IProute`]: '#!/bin/sh\n',
    [`${R}/etc/init.d/nginx`]: '#!/bin/sh\ncase "$1" in status) echo running;; esac\n',
  };
  function check(fixture: string, files: Record<string, string> = base): void {
    const { text, expected } = parseFixture(fixture);
    for (const e of expected) coveredCodes.add(e.code);
    const a = svc.analyze({ path: HR, text, language: 'haresources' }, svc.DEFAULT_SETTINGS, memHost({ ...files, [HR]: text }));
    const got = a.problems.filter((p) => p.code.startsWith('pacemaker/')).map((p) => `${p.range.start.line + 1}:${p.range.start.character}-${p.range.end.character} ${p.code}`).sort();
    assert.deepEqual(got, expected.map((e) => `${e.line + 1}:${e.start}-${e.end} ${e.code}`).sort(), a.problems.map((p) => p.message).join('\n'));
  }

  it('no-agent: a heartbeat resource script of resource.d (not one of heartbeat\'s wrappers)', () => {
    check(`alpha 10.0.0.5 myscript IPaddr::10.0.0.6/24 nginx
               ^^^^^^^^ pacemaker/no-agent
`);
  });

  it('init-script-args: an init script with :: arguments', () => {
    check(`alpha IProute::10.0.0.1 nginx
             ^^^^^^^^^^ pacemaker/init-script-args
`);
  });

  it('filesystem-no-fstype and drbddisk-all, in a file alone too', () => {
    check(`alpha drbddisk Filesystem::/dev/drbd0::/srv drbddisk::r1 Filesystem::/dev/drbd1::/data::ext4
      ^^^^^^^^ pacemaker/drbddisk-all
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ pacemaker/filesystem-no-fstype
`, {});
  });

  it("ipaddr2-refuses: what heartbeat's IPaddr takes and IPaddr2 refuses (an address or broadcast starting with 0, a mask that is not contiguous)", () => {
    check(`alpha IPaddr::0.0.0.8/24/eth0 0.1.2.3 IPaddr::10.0.0.7/24/eth0/0.0.0.0 IPaddr::10.0.0.6/255.0.255.0/eth0
              ^^^^^^^ pacemaker/ipaddr2-refuses
                              ^^^^^^^ pacemaker/ipaddr2-refuses
                                                               ^^^^^^^ pacemaker/ipaddr2-refuses
                                                                                        ^^^^^^^^^^^ pacemaker/ipaddr2-refuses
`, {});
  });

  it('ipaddr2-refuses is silent where IPaddr2 takes it (a prefix 08 and a dotted mask are given as heartbeat read them), on IPaddr2:: (the same agent under heartbeat) and where heartbeat refuses it too', () => {
    check('alpha IPaddr::10.0.0.5/24/eth0 IPaddr::10.0.0.6/08/eth0 IPaddr::10.0.0.7/255.255.255.0/eth0:1/10.0.0.255 10.0.0.8 IPaddr::10.0.0.9/24/eth0/+\n', {});
    check('alpha IPaddr2::0.0.0.5/24/eth0 IPaddr::10.0.0.05/24/eth0 IPaddr::10.0.0.6/33/eth0 IPaddr::10.0.0.7/024/eth0\n', {});
  });

  it('silent while the CRM is on (heartbeat ignores the file), and on what Pacemaker runs', () => {
    check('alpha Filesystem::/dev/sdb1::/srv myscript\n', { ...base, [`${R}/etc/ha.d/ha.cf`]: `${HACF.join('\n')}\ncrm respawn\n` });
    check('alpha 10.0.0.5 nginx drbddisk::r0 Filesystem::/dev/drbd0::/srv::ext4 MailTo::a@b.c\n');
    // Without an image root the scripts are unknown: nothing about them.
    const a = svc.analyze({ path: '/tmp/haresources', text: 'alpha myscript IProute::10.0.0.1\n', language: 'haresources' }, svc.DEFAULT_SETTINGS, memHost({}));
    assert.deepEqual(a.problems.filter((p) => p.code.startsWith('pacemaker/')), []);
  });

  after(() => {
    const missing = svc.allProblems().filter((d) => d.code.startsWith('pacemaker/') && !coveredCodes.has(d.code)).map((d) => d.code);
    assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
  });
});

describe('migrate in the editor: lens and hover', () => {
  it('"Migrate to Pacemaker…" on ha.cf and haresources only', () => {
    const lens = (path: string, language: 'hacf' | 'haresources', text: string) => svc.getCodeLenses(svc.analyze({ path, text, language })).filter((l) => l.command?.id === 'sysvHa.migrate');
    assert.deepEqual(lens('/img/etc/ha.d/ha.cf', 'hacf', 'node a b\n').map((l) => l.command!.args), [['/img/etc/ha.d/ha.cf']]);
    assert.equal(lens('/img/etc/ha.d/haresources', 'haresources', 'a 10.0.0.5\n').length, 1);
    assert.equal(lens('/tmp/ha.cf.orig', 'hacf', 'node a b\n').length, 0);
  });

  it('hover on a resource tells the agent and parameters it becomes, or why not', () => {
    const files = { [`${R}/etc/ha.d/ha.cf`]: `${HACF.join('\n')}\n`, [`${R}/etc/init.d/nginx`]: '#!/bin/sh\n', [`${R}/etc/ha.d/resource.d/myscript`]: '#!/bin/sh\n' };
    const text = 'alpha IPaddr2::10.0.0.5/24/eth0:web nginx drbddisk::r0 myscript\n';
    const a = svc.analyze({ path: `${R}/etc/ha.d/haresources`, text, language: 'haresources' }, svc.DEFAULT_SETTINGS, memHost({ ...files, [`${R}/etc/ha.d/haresources`]: text }));
    const at = (word: string) => svc.doHover(a, { line: 0, character: text.indexOf(word) + 1 })?.markdown ?? '';
    assert.match(at('IPaddr2'), /In Pacemaker:\*\* `ocf:heartbeat:IPaddr2` with `ip=10\.0\.0\.5`, `cidr_netmask=24`, `nic=eth0`, `iflabel=web`/);
    assert.match(at('nginx'), /`lsb:nginx`/);
    assert.match(at('drbddisk'), /promotable clone of `ocf:linbit:drbd` with `drbd_resource=r0`/);
    assert.match(at('myscript'), /not translated/);
  });
});
