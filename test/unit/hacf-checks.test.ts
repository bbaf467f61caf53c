import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText, applyEdits, checkDiagnostics, coveredCodes, parseFixture } from '../helpers/fixture';

const HACF = { language: 'hacf' as const, path: '/etc/ha.d/ha.cf' };
/** A valid two-node ha.cf: every fixture below adds to it. */
const BASE = 'node alpha beta\nbcast eth0\nserial /dev/ttyS0\nauto_failback on\nlogfacility local0\nstonith_host * suicide\n';

/** A second heartbeat path and a STONITH line, for fixtures that are not built on BASE. */
const SAFE = 'serial /dev/ttyS0\nstonith_host * suicide\n';

const check = (fixture: string, settings?: Partial<svc.Settings>) => checkDiagnostics(fixture, { ...HACF, settings });

/** A WorkspaceHost over an in-memory tree. */
function memoryHost(files: Record<string, string | { text: string; mode: number }>): svc.WorkspaceHost {
  const entries = new Map(Object.entries(files).map(([p, f]) => [p, typeof f === 'string' ? { text: f, mode: 0o644 } : f]));
  const isDir = (p: string) => [...entries.keys()].some((k) => k.startsWith(p.endsWith('/') ? p : `${p}/`));
  return {
    readFile: (p) => entries.get(p)?.text,
    stat: (p) => (entries.has(p) ? { isFile: true, isDirectory: false, mode: entries.get(p)!.mode, size: entries.get(p)!.text.length } : isDir(p) ? { isFile: false, isDirectory: true, mode: 0o755, size: 0 } : undefined),
    listDir: (p) => (isDir(p) ? [...new Set([...entries.keys()].filter((k) => k.startsWith(`${p}/`)).map((k) => k.slice(p.length + 1).split('/')[0]!))].sort() : undefined),
  };
}

function checkWithHost(fixture: string, path: string, files: Record<string, string | { text: string; mode: number }>, settings: Partial<svc.Settings> = {}): svc.Analysis {
  const { text, expected } = parseFixture(fixture);
  const a = svc.analyze({ path, text, language: 'hacf' }, { ...svc.DEFAULT_SETTINGS, ...settings }, memoryHost(files));
  for (const e of expected) coveredCodes.add(e.code);
  const show = (xs: { line: number; start: number; end: number; code: string }[]) => xs.map((x) => `${x.line + 1}:${x.start}-${x.end} ${x.code}`).sort();
  assert.deepEqual(show(a.problems.map((p) => ({ line: p.range.start.line, start: p.range.start.character, end: p.range.end.character, code: p.code }))), show(expected));
  return a;
}

describe('hacf checks', () => {
  it('accepts a clean two-node ha.cf, and comments, commas and CRLF', () => {
    check(BASE);
    check(`# two nodes\n${BASE}keepalive 500ms\ndeadtime 10 # seconds\nwarntime 5\ninitdead 60\nnode gamma,delta\n`);
    check(BASE.replace(/\n/g, '\r\n'));
    check(`${BASE}keepalive 1000000us\ndeadtime 2.5\n`);
  });

  it('unknown-directive: wrong case (with a fix), a colon, an old name', () => {
    const a = check(`${BASE}Keepalive 2
^^^^^^^^^ hacf/unknown-directive
keepalive: 2
^^^^^^^^^^ hacf/unknown-directive
udp eth0
^^^ hacf/unknown-directive
`);
    const fix = a.problems.find((p) => p.range.start.line === 6)!.fixes![0]!;
    assert.equal(applyEdits(parseFixture(`${BASE}Keepalive 2\n`).text, fix.edits), `${BASE}keepalive 2\n`);
  });

  it('unknown-directive: pacemaker in heartbeat 2.1.3; crm is fine in both', () => {
    check(`${BASE}pacemaker on
^^^^^^^^^ hacf/unknown-directive
`, { heartbeatVersion: 2 });
    check(`${BASE}crm on\n`, { heartbeatVersion: 2 });
    check(`${BASE}crm ccm-only
    ^^^^^^^^ hacf/invalid-value
`, { heartbeatVersion: 2 });
    check(`${BASE}crm ccm-only\n`);
    check(`${BASE}pacemaker respawn\n`);
  });

  it('empty-value', () => {
    check(`${BASE}keepalive
^^^^^^^^^ hacf/empty-value
node
^^^^ hacf/empty-value
`);
  });

  it('overridden-value: a later line, several values on one line', () => {
    check(`${BASE}keepalive 1
keepalive 2
^^^^^^^^^ hacf/overridden-value
deadtime 20 30
            ^^ hacf/overridden-value
`);
    // Repeatable directives are not overridden, nor udpport with media in between.
    check(`${BASE}node gamma\nping 10.0.0.1\nping 10.0.0.2\n`);
    check(`udpport 694\nbcast eth1\nudpport 695
^^^^^^^^^^^ hacf/setting-after-media
bcast eth2\n${BASE}`);
    check(`udpport 694
udpport 695
^^^^^^^ hacf/overridden-value
${BASE}`);
  });

  it('duplicate-once-directive: baud, watchdog, crm + pacemaker', () => {
    check(`baud 19200\n${BASE}watchdog /dev/watchdog
watchdog /dev/watchdog
^^^^^^^^ hacf/duplicate-once-directive
baud 19200
^^^^ hacf/duplicate-once-directive
`);
    check(`${BASE}crm on
pacemaker on
^^^^^^^^^ hacf/duplicate-once-directive
`);
  });

  it('invalid-time: s and min units (with fixes), a split unit, a sign', () => {
    const a = check(`${BASE}keepalive 2s
          ^^ hacf/invalid-time
deadtime 1min
         ^^^^ hacf/invalid-time
warntime 500 ms
             ^^ hacf/invalid-time
initdead -60
         ^^^ hacf/invalid-time
`);
    const text = parseFixture(`${BASE}keepalive 2s\ndeadtime 1min\nwarntime 500 ms\n`).text;
    const fixes = a.problems.filter((p) => p.fixes).map((p) => p.fixes![0]!);
    assert.equal(applyEdits(text, fixes.flatMap((f) => f.edits)), `${BASE}keepalive 2\ndeadtime 60\nwarntime 500ms\n`);
  });

  it('value-out-of-range: keepalive 0, 499us, udpport, rtprio, hopfudge, debug, text', () => {
    check(`${BASE}keepalive 0
          ^ hacf/value-out-of-range
warntime 499us
         ^^^^^ hacf/value-out-of-range
udpport 0
        ^ hacf/value-out-of-range
rtprio 100
       ^^^ hacf/value-out-of-range
hopfudge 256
         ^^^ hacf/value-out-of-range
memreserve x
           ^ hacf/value-out-of-range
max_rexmit_delay 0
                 ^ hacf/value-out-of-range
`);
    check(`${BASE}rtprio 99\nhopfudge 255\ndebug 0\n`);
    // Integers are read with atoi(): heartbeat accepts these (checked with the real daemon).
    check(`${BASE}debug x\nmax_rexmit_delay 10x\nmcast eth1 239.0.0.1 694 x 0\n`);
  });

  it('invalid-value: booleans, enums (msgfmt case with a fix), baud, logfacility', () => {
    check(`node alpha beta\nbcast eth0\nauto_failback maybe
              ^^^^^ hacf/invalid-value
logfacility local9
            ^^^^^^ hacf/invalid-value
baud 9601
     ^^^^ hacf/invalid-value
realtime sure
         ^^^^ hacf/invalid-value
msgfmt Classic
       ^^^^^^^ hacf/invalid-value
autojoin some
         ^^^^ hacf/invalid-value
compression gzip
            ^^^^ hacf/invalid-value
${SAFE}`);
    check(`node alpha beta\nbcast eth0\nauto_failback LEGACY\nrealtime Y\nautojoin NONE\nlogfacility Local7\nbaud 460800\nhbgenmethod time\nuuidfrom nodename\n${SAFE}`.replace('auto_failback LEGACY', 'auto_failback On'));
  });

  it('deadtime-too-small: on deadtime, or on keepalive when deadtime is the default', () => {
    check(`${BASE}keepalive 2
deadtime 4
         ^ hacf/deadtime-too-small
`);
    check(`${BASE}keepalive 15
          ^^ hacf/deadtime-too-small
`);
    check(`${BASE}keepalive 2\ndeadtime 5\n`);
    check(`${BASE}keepalive 500ms\ndeadtime 1001ms\ninitdead 10\n`);
  });

  it('initdead-too-small and initdead-short', () => {
    check(`${BASE}deadtime 10
initdead 5
         ^ hacf/initdead-too-small
`);
    check(`${BASE}keepalive 1\ndeadtime 3
initdead 4
         ^ hacf/initdead-short
`);
    check(`${BASE}deadtime 10\ninitdead 10\n`);
  });

  it('deadping-too-small and warntime-too-large', () => {
    check(`${BASE}deadping 2
         ^ hacf/deadping-too-small
deadtime 10
warntime 10
         ^^ hacf/warntime-too-large
`);
    check(`${BASE}deadping 3\ndeadtime 10\nwarntime 9\n`);
  });

  it('no-media and no-nodes on line 1; autojoin any needs no node', () => {
    check(`# a cluster
^^^^^^^^^^^ hacf/no-media
^^^^^^^^^^^ hacf/no-nodes
auto_failback on
logfacility local0
`);
    check('ping 10.0.0.1\nautojoin any\npacemaker on\n');
    check('bcast eth0 eth1\nautojoin any\npacemaker on\n');
  });

  it('setting-after-media: udpport after bcast, baud after serial; 694 and 19200 are fine', () => {
    check(`${BASE}udpport 695
^^^^^^^^^^^ hacf/setting-after-media
baud 38400
^^^^^^^^^^ hacf/setting-after-media
`);
    check(`udpport 695\nbaud 38400\n${BASE}`);
    check(`${BASE}udpport 694\n`);
    check(`node alpha beta\nmcast eth0 239.0.0.1 694 1 0\nudpport 695\nauto_failback on\nlogfacility local0\n${SAFE}`);
  });

  it('bad-mcast: missing fields, group, port, ttl, loop', () => {
    check(`node alpha beta\nauto_failback on\nlogfacility local0\nmcast eth0 239.0.0.1 694
^^^^^^^^^^^^^^^^^^^^^^^^ hacf/bad-mcast
mcast eth0 10.0.0.1 0 5 2
           ^^^^^^^^ hacf/bad-mcast
                    ^ hacf/bad-mcast
                      ^ hacf/bad-mcast
                        ^ hacf/bad-mcast
mcast6 eth0 fe80::1 694 1 0
            ^^^^^^^ hacf/bad-mcast
mcast eth1 225.0.0.1 694 1 0
stonith_host * suicide
`);
    check(`${BASE}mcast eth1 239.192.0.1 694 4 1\nmcast6 eth1 ff12::1 694 0 0\n`);
  });

  it('ucast-extra-peers', () => {
    check(`${BASE}ucast eth1 10.0.0.2 10.0.0.3
                    ^^^^^^^^ hacf/ucast-extra-peers
`);
    check(`${BASE}ucast eth1 10.0.0.2\n`);
  });

  it('serial-not-absolute (with a fix)', () => {
    const a = check(`node alpha beta\nbcast eth0\nauto_failback on\nlogfacility local0\nserial ttyS1
       ^^^^^ hacf/serial-not-absolute
stonith_host * suicide
`);
    assert.equal(a.problems[0]!.fixes![0]!.edits[0]!.newText, '/dev/ttyS1');
  });

  it('auto-failback-legacy: missing (line 1) or legacy; not with pacemaker', () => {
    check(`node alpha beta
^^^^^^^^^^^^^^^ hacf/auto-failback-legacy
bcast eth0
logfacility local0
${SAFE}`);
    check(`node alpha beta
bcast eth0
logfacility local0
auto_failback legacy
              ^^^^^^ hacf/auto-failback-legacy
${SAFE}`);
    check('node alpha beta\nbcast eth0 eth1\nlogfacility local0\npacemaker on\n');
  });

  it('nice-failback-obsolete, with the conversion as a fix', () => {
    const a = check(`node alpha beta\nbcast eth0\nlogfacility local0\nnice_failback on
^^^^^^^^^^^^^ hacf/nice-failback-obsolete
${SAFE}`);
    const text = `node alpha beta\nbcast eth0\nlogfacility local0\nnice_failback on\n${SAFE}`;
    assert.equal(applyEdits(text, a.problems[0]!.fixes![0]!.edits), text.replace('nice_failback on', 'auto_failback off'));
    // off becomes legacy: one diagnostic, not a second one about legacy.
    check(`node alpha beta\nbcast eth0\nlogfacility local0\nnice_failback off
^^^^^^^^^^^^^ hacf/nice-failback-obsolete
${SAFE}`);
  });

  it('crm-option-after-pacemaker (3.x)', () => {
    check(`${BASE}crm_daemon_dir /usr/lib/pacemaker\npacemaker on
crmd_spawns_pengine yes
^^^^^^^^^^^^^^^^^^^ hacf/crm-option-after-pacemaker
`);
  });

  it('autojoin-conflict in R1 mode', () => {
    check(`${BASE}autojoin other
^^^^^^^^^^^^^^ hacf/autojoin-conflict
`);
    check(`${BASE}autojoin other\ncrm yes\n`);
    check(`${BASE}autojoin none\n`);
  });

  it('no-logging and logd-with-logfile', () => {
    check(`node alpha beta\nbcast eth0\nauto_failback on\nuse_logd off
^^^^^^^^^^^^ hacf/no-logging
${SAFE}`);
    check(`node alpha beta\nbcast eth0\nauto_failback on\nlogfacility none\nuse_logd no
^^^^^^^^^^^ hacf/no-logging
${SAFE}`);
    check(`${BASE}use_logd yes
^^^^^^^^^^^^ hacf/logd-with-logfile
`);
    check(`node alpha beta\nbcast eth0\nauto_failback on\nuse_logd yes\n${SAFE}`);
    check(`node alpha beta\nbcast eth0\nauto_failback on\nlogfile /var/log/ha-log\nuse_logd off\n${SAFE}`);
  });

  it('bad-respawn: missing command, relative path', () => {
    check(`${BASE}respawn hacluster
^^^^^^^^^^^^^^^^^ hacf/bad-respawn
failfast hacluster ipfail
                   ^^^^^^ hacf/bad-respawn
respawn hacluster /usr/lib/heartbeat/ipfail
`);
  });

  it('bad-apiauth: no uid/gid, twice, duplicate client, long name', () => {
    check(`${BASE}apiauth ipfail
^^^^^^^^^^^^^^ hacf/bad-apiauth
apiauth ping uid=a uid=b
                   ^^^^^ hacf/bad-apiauth
apiauth ccm uid=hacluster
apiauth ccm gid=haclient
        ^^^ hacf/bad-apiauth
apiauth ${'x'.repeat(32)} uid=root
        ${'^'.repeat(32)} hacf/bad-apiauth
apiauth default gid=haclient uid=alanr,root
`);
  });

  it('hash-in-value: a # glued to a value', () => {
    check(`${BASE}stonith_host * baytech 10.0.0.3 mylogin pa#ss
                                          ^^^ hacf/hash-in-value
`);
  });

  it('workspace/authkeys-missing needs a host and the name ha.cf', () => {
    checkWithHost(`${BASE}`.replace('node alpha beta\n', `node alpha beta
^^^^^^^^^^^^^^^ workspace/authkeys-missing
`), '/img/etc/ha.d/ha.cf', {});
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf', { '/img/etc/ha.d/authkeys': 'auth 1\n1 crc\n' });
    checkWithHost(BASE, '/img/ha.cf.j2', {});
    check(BASE);
  });

  it('bad-stonith: stonith without type or file; stonith_host without host, type or parameters', () => {
    check(`${BASE}stonith
^^^^^^^ hacf/bad-stonith
stonith baytech
^^^^^^^^^^^^^^^ hacf/bad-stonith
stonith_host
^^^^^^^^^^^^ hacf/bad-stonith
stonith_host *
^^^^^^^^^^^^^^ hacf/bad-stonith
stonith_host alpha baytech
^^^^^^^^^^^^^^^^^^^^^^^^^^ hacf/bad-stonith
stonith_host Beta
^^^^^^^^^^^^^^^^^ hacf/bad-stonith
`);
    // Complete lines; types whose parameter list may be empty; a host that is no node (never read).
    check(`${BASE}stonith baytech /etc/ha.d/conf/stonith.baytech
stonith_host * baytech 10.0.0.3 mylogin mysecretpassword
stonith_host alpha external/ipmi beta 10.0.0.2 admin secret lan
stonith_host * suicide
stonith_host beta external/sbd
stonith_host gamma
stonith_host gamma baytech
`);
    // The nodes may come after the stonith_host line.
    check(`bcast eth0 eth1\nauto_failback on\nstonith_host alpha
^^^^^^^^^^^^^^^^^^ hacf/bad-stonith
node alpha beta
`);
  });

  it('single-path: one device carries every heartbeat (counted per interface or serial port)', () => {
    const base = 'node alpha beta\nauto_failback on\nlogfacility local0\nstonith_host * suicide\n';
    check(`${base}bcast eth0
^^^^^^^^^^ hacf/single-path
`);
    // Two lines on the same NIC are still one path; the diagnostic is on the first media line.
    check(`${base}ucast eth0 10.0.0.2
^^^^^^^^^^^^^^^^^^^ hacf/single-path
ucast eth0 10.0.0.3
bcast eth0
ping 10.0.0.254
`);
    check(`${base}serial /dev/ttyS0
^^^^^^^^^^^^^^^^^ hacf/single-path
`);
    // Two paths: two interfaces on one line, a NIC and a serial cable, two multicast NICs.
    check(`${base}bcast eth0 eth1\n`);
    check(`${base}ucast eth0 10.0.0.2\nserial /dev/ttyS0\n`);
    check(`${base}mcast eth0 239.0.0.1 694 1 0\nmcast eth1 239.0.0.1 694 1 0\n`);
    // ping nodes carry no heartbeat between the nodes; no media at all is hacf/no-media alone.
    check(`${base}ping 10.0.0.254\n`);
  });

  it('no-stonith: two nodes in R1 mode without stonith or stonith_host', () => {
    const text = 'node alpha beta\nbcast eth0 eth1\nauto_failback on\nlogfacility local0\n';
    check(`${text.replace('node alpha beta\n', 'node alpha beta\n^^^^^^^^^^^^^^^ hacf/no-stonith\n')}`);
    check(`# cluster
^^^^^^^^^ hacf/no-stonith
${text.replace('node alpha beta', 'node alpha\nnode beta')}`);
    check(`${text}stonith baytech /etc/ha.d/conf/stonith.baytech\n`);
    check(`${text}stonith_host * external/ipmi beta 10.0.0.2 admin secret lan\n`);
    // One node; the CRM configures fencing in the CIB.
    check(text.replace('node alpha beta', 'node alpha'));
    check(`${text}crm respawn\n`);
  });

  it('local-node-missing: the host name from sysvHa.localNode (case-insensitive)', () => {
    check(`${BASE}`.replace('node alpha beta\n', `node alpha beta
^^^^^^^^^^^^^^^ hacf/local-node-missing
`), { localNode: 'gamma' });
    const a = analyzeText(BASE, { ...HACF, settings: { localNode: 'gamma' } });
    assert.equal(a.problems[0]!.severity, 'error');
    assert.match(a.problems[0]!.message, /'gamma' \(sysvHa\.localNode\)/);
    check(BASE, { localNode: 'BETA' });
    check(`${BASE}node gamma\n`, { localNode: 'gamma' });
    check(`${BASE}node delta,Gamma\n`, { localNode: 'gamma' });
    // autojoin any lets any node join; no node at all is hacf/no-nodes alone.
    check(`${BASE}pacemaker on\nautojoin any\n`, { localNode: 'gamma' });
    check(`bcast eth0 eth1
^^^^^^^^^^^^^^^ hacf/no-nodes
auto_failback on
`, { localNode: 'gamma' });
    // Unknown host name: nothing.
    check(BASE);
  });

  it('local-node-missing: the host name from the image root\'s etc/hostname', () => {
    const keys = { '/img/etc/ha.d/authkeys': { text: 'auth 1\n1 crc\n', mode: 0o600 } };
    const fixture = `${BASE}`.replace('node alpha beta\n', `node alpha beta
^^^^^^^^^^^^^^^ hacf/local-node-missing
`);
    const a = checkWithHost(fixture, '/img/etc/ha.d/ha.cf', { ...keys, '/img/etc/hostname': 'gamma\n' });
    assert.match(a.problems[0]!.message, /\/img\/etc\/hostname/);
    checkWithHost(fixture, '/img/etc/ha.d/ha.cf', { ...keys, '/img/etc/hostname': '  gamma  \r\nignored\n' });
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf', { ...keys, '/img/etc/hostname': 'Alpha\n' });
    // The setting wins over the file.
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf', { ...keys, '/img/etc/hostname': 'gamma\n' }, { localNode: 'beta' });
    // No usable name: empty, a comment, no file, not named ha.cf, or the /etc of the machine itself.
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf', { ...keys, '/img/etc/hostname': '\n' });
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf', { ...keys, '/img/etc/hostname': '# set by the installer\n' });
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf', keys);
    checkWithHost(BASE, '/img/etc/ha.d/ha.cf.new', { ...keys, '/img/etc/hostname': 'gamma\n' });
    checkWithHost(BASE, '/etc/ha.d/ha.cf', { '/etc/ha.d/authkeys': { text: 'auth 1\n1 crc\n', mode: 0o600 }, '/etc/hostname': 'gamma\n' });
  });

  it('suppression comments work', () => {
    check(`${BASE}# sysv-ha-disable-next-line hacf/unknown-directive\nKeepalive 2\n`);
  });

  it('heartbeat 2: crm is the directive, crm_daemon_dir is unknown', () => {
    check(`${BASE}crm_daemon_dir /usr/lib/heartbeat
^^^^^^^^^^^^^^ hacf/unknown-directive
`, { heartbeatVersion: 2 });
    const a = analyzeText(`${BASE}crm respawn\n`, { ...HACF, settings: { heartbeatVersion: 2 } });
    assert.equal(a.info.profile, 'heartbeat 2.1.3');
  });
});

after(() => {
  const mine = svc.allProblems().filter((d) => d.code.startsWith('hacf/') || d.code === 'workspace/authkeys-missing');
  const missing = mine.filter((d) => !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});
