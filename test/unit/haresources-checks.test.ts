import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText, applyEdits, checkDiagnostics, coveredCodes, parseFixture, withCursor } from '../helpers/fixture';

const HR = { language: 'haresources' as const, path: '/etc/ha.d/haresources' };
const check = (fixture: string) => checkDiagnostics(fixture, HR);

type Files = Record<string, string | { text: string; mode: number }>;

/** A WorkspaceHost over an in-memory tree. */
function memoryHost(files: Files): svc.WorkspaceHost {
  const entries = new Map(Object.entries(files).map(([p, f]) => [p, typeof f === 'string' ? { text: f, mode: 0o755 } : f]));
  const isDir = (p: string) => [...entries.keys()].some((k) => k.startsWith(`${p}/`));
  return {
    readFile: (p) => entries.get(p)?.text,
    stat: (p) => (entries.has(p) ? { isFile: true, isDirectory: false, mode: entries.get(p)!.mode, size: entries.get(p)!.text.length } : isDir(p) ? { isFile: false, isDirectory: true, mode: 0o755, size: 0 } : undefined),
    listDir: (p) => (isDir(p) ? [...new Set([...entries.keys()].filter((k) => k.startsWith(`${p}/`)).map((k) => k.slice(p.length + 1).split('/')[0]!))].sort() : undefined),
  };
}

const ROOT = '/img';
const HACF = 'node alpha beta\nbcast eth0\nauto_failback on\nlogfacility local0\n';

function analyzeWith(text: string, files: Files, path = `${ROOT}/etc/ha.d/haresources`): svc.Analysis {
  return svc.analyze({ path, text, language: 'haresources' }, svc.DEFAULT_SETTINGS, memoryHost(files));
}

function checkWithHost(fixture: string, files: Files, path?: string): svc.Analysis {
  const { text, expected } = parseFixture(fixture);
  const a = analyzeWith(text, files, path);
  for (const e of expected) coveredCodes.add(e.code);
  const show = (xs: { line: number; start: number; end: number; code: string }[]) => xs.map((x) => `${x.line + 1}:${x.start}-${x.end} ${x.code}`).sort();
  assert.deepEqual(show(a.problems.map((p) => ({ line: p.range.start.line, start: p.range.start.character, end: p.range.end.character, code: p.code }))), show(expected), a.problems.map((p) => p.message).join('\n'));
  return a;
}

describe('haresources checks', () => {
  it('accepts groups, bare addresses, continuations and comments', () => {
    check('# node  resources\nalpha 10.0.0.10/24/eth0 httpd\nbeta IPaddr::10.0.0.11/24/eth0 Filesystem::/dev/sdb1::/data::ext3 \\\n    mysql\n');
    check('');
    check('alpha IPaddr2::10.0.0.12/24/eth0:web Filesystem::/dev/drbd0::/srv::ext4::noatime,data=ordered MailTo::ops+ha@example.org::failover\n');
  });

  it('blank-after-backslash (with a fix); the next line is its own group', () => {
    const a = check(`alpha 10.0.0.10/24 \\   
                   ^^^^ haresources/blank-after-backslash
    httpd
`);
    const text = parseFixture('alpha 10.0.0.10/24 \\   \n    httpd\n').text;
    assert.equal(applyEdits(text, a.problems[0]!.fixes![0]!.edits), 'alpha 10.0.0.10/24 \\\n    httpd\n');
  });

  it('duplicate-group-key on the later group', () => {
    check(`alpha 10.0.0.10/24 httpd
beta 10.0.0.10/24 mysql
     ^^^^^^^^^^^^ haresources/duplicate-group-key
alpha httpd
`);
  });

  it('missing-resource-args: Filesystem with one, IPaddr with none, portblock with two', () => {
    check(`alpha Filesystem::/dev/sdb1 IPaddr portblock::tcp::80
      ^^^^^^^^^^^^^^^^^^^^^ haresources/missing-resource-args
                            ^^^^^^ haresources/missing-resource-args
                                   ^^^^^^^^^^^^^^^^^^ haresources/missing-resource-args
beta Filesystem::/dev/sdc1:: Delay MailTo::root
     ^^^^^^^^^^^^^^^^^^^^^^^ haresources/missing-resource-args
`);
  });

  it('ip-without-netmask: an IPaddr/IPaddr2/bare address with no /nbits', () => {
    const a = check(`alpha 10.0.0.10 IPaddr::10.0.0.11 IPaddr2::10.0.0.12 httpd
      ^^^^^^^^^ haresources/ip-without-netmask
                        ^^^^^^^^^ haresources/ip-without-netmask
                                           ^^^^^^^^^ haresources/ip-without-netmask
beta 10.0.0.20/24 IPaddr::10.0.0.21/24/eth0 IPaddr2::10.0.0.22/255.255.255.0 IPv6addr::2001:db8::1
`);
    assert.equal(a.problems[0]!.severity, 'information');
    // An invalid address or an empty prefix is reported by the ipaddr checks only.
    check(`alpha IPaddr::10.0.0.300 IPaddr::10.0.0.5/
              ^^^^^^^^^^ ipaddr/invalid-address
                                          ^ ipaddr/invalid-prefix (empty)
`);
  });

  it('IPaddr arguments go to the ipaddr checks', () => {
    check(`alpha IPaddr::10.0.0.300/24
              ^^^^^^^^^^ ipaddr/invalid-address
`);
  });
});

describe('haresources workspace checks', () => {
  const files: Files = {
    [`${ROOT}/etc/ha.d/ha.cf`]: HACF,
    [`${ROOT}/etc/ha.d/resource.d/drbddisk`]: '#!/bin/sh\n',
    [`${ROOT}/etc/init.d/httpd`]: '#!/bin/sh\n',
    [`${ROOT}/etc/init.d/notexec`]: { text: '#!/bin/sh\n', mode: 0o644 },
  };

  it('unknown-node: not a node of ha.cf (case-insensitive)', () => {
    checkWithHost(`ALPHA 10.0.0.10/24 httpd
gamma 10.0.0.11/24 httpd
^^^^^ workspace/unknown-node
`, files);
    checkWithHost('gamma 10.0.0.11/24\n', { ...files, [`${ROOT}/etc/ha.d/ha.cf`]: `${HACF}autojoin any\ncrm off\n` });
    // No ha.cf, or a file not named haresources: nothing to compare with.
    checkWithHost('gamma 10.0.0.11/24\n', {});
    checkWithHost('gamma 10.0.0.11/24\n', files, `${ROOT}/etc/ha.d/haresources.bak`);
  });

  it('a broken continuation is reported once, not also as an unknown node', () => {
    checkWithHost(`alpha 10.0.0.10/24 \\ 
                   ^^ haresources/blank-after-backslash
    httpd
`, files);
  });

  it('missing-resource-script: not in resource.d or init.d, or not executable', () => {
    checkWithHost(`alpha drbddisk::r0 httpd mysqld notexec Filesystem::/dev/drbd0::/data::ext4
                         ^^^^^^ workspace/missing-resource-script
                                ^^^^^^^ workspace/missing-resource-script
`, files);
    // Without any script directory in the workspace, nothing is known.
    checkWithHost('alpha mysqld\n', { [`${ROOT}/etc/ha.d/ha.cf`]: HACF });
  });

  it('filesystem-in-fstab: a Filesystem mount point that etc/fstab also mounts at boot', () => {
    const fstab = `# <file system> <mount point> <type> <options> <dump> <pass>
/dev/sda1 / ext4 errors=remount-ro 0 1
/dev/drbd0 /data/ ext4 defaults 0 2
/dev/drbd1 /srv/www ext4 noauto,noatime 0 0
/dev/drbd2\t/srv/db xfs
UUID=1234 none swap sw 0 0
`;
    const withFstab = { ...files, [`${ROOT}/etc/fstab`]: fstab };
    const a = checkWithHost(`alpha Filesystem::/dev/drbd0::/data::ext4 Filesystem::/dev/drbd1::/srv/www::ext4
                              ^^^^^ haresources/filesystem-in-fstab
beta Filesystem::/dev/drbd2::/srv/db/::xfs Filesystem::/dev/drbd3::/export::ext4 Filesystem::/dev/drbd4::none::ext4
                             ^^^^^^^^ haresources/filesystem-in-fstab
`, withFstab);
    assert.equal(a.problems[0]!.severity, 'warning');
    assert.deepEqual(a.problems.map((p) => [p.related![0]!.path, p.related![0]!.range.start.line]), [[`${ROOT}/etc/fstab`, 2], [`${ROOT}/etc/fstab`, 4]]);
    // No fstab in the image, or a file not named haresources: nothing to compare with.
    checkWithHost('alpha Filesystem::/dev/drbd0::/data::ext4\n', files);
    checkWithHost('alpha Filesystem::/dev/drbd0::/data::ext4\n', withFstab, `${ROOT}/etc/ha.d/haresources.bak`);
  });

  it('haresources-ignored when ha.cf turns pacemaker on', () => {
    checkWithHost(`gamma 10.0.0.10/24
^^^^^^^^^^^^^^^^^^ workspace/haresources-ignored
`, { ...files, [`${ROOT}/etc/ha.d/ha.cf`]: `${HACF}pacemaker respawn\n` });
    checkWithHost('alpha 10.0.0.10/24\n', { ...files, [`${ROOT}/etc/ha.d/ha.cf`]: `${HACF}crm off\n` });
  });
});

describe('haresources features', () => {
  const files: Files = { [`${ROOT}/etc/ha.d/ha.cf`]: HACF, [`${ROOT}/etc/init.d/httpd`]: '#!/bin/sh\n' };

  it('completes node names from ha.cf and resources (agents and workspace scripts)', () => {
    const { text, position } = withCursor('al┃ 10.0.0.10\n');
    const a = analyzeWith(text, files);
    const node = svc.doComplete(a, position).find((i) => i.label === 'alpha')!;
    assert.equal(applyEdits(text, [node.edit]), 'alpha 10.0.0.10\n');
    const r = withCursor('alpha 10.0.0.10 Fil┃\n');
    const items = svc.doComplete(analyzeWith(r.text, files), r.position);
    assert.equal(applyEdits(r.text, [items.find((i) => i.label === 'Filesystem')!.edit]), 'alpha 10.0.0.10 Filesystem::\n');
    assert.equal(applyEdits(r.text, [items.find((i) => i.label === 'httpd')!.edit]), 'alpha 10.0.0.10 httpd\n');
  });

  it('completion on a 200,000-character line without blanks returns (fuzz finding: a quadratic regex hung it)', () => {
    const line = `alpha ${'"'.repeat(200_000)} x y Fil`;
    const a = analyzeWith(`${line}\n`, files);
    const items = svc.doComplete(a, { line: 0, character: line.length });
    assert.equal(applyEdits(`${line}\n`, [items.find((i) => i.label === 'Filesystem')!.edit]), `${line.slice(0, -3)}Filesystem::\n`);
  });

  it('hover: node (where declared), agent, address, group key', () => {
    const a = analyzeWith('alpha IPaddr::10.0.0.10/24/eth0 Filesystem::/dev/sdb1::/data httpd\nalpha 10.0.0.20\n', files);
    assert.match(svc.doHover(a, { line: 0, character: 2 })!.markdown, /ha\.cf` line 1[\s\S]*line 2/);
    const ip = svc.doHover(a, { line: 0, character: 10 })!.markdown;
    assert.match(ip, /IPaddr/);
    assert.match(ip, /group key/);
    assert.match(ip, /10\.0\.0\.255|broadcast/i);
    assert.match(svc.doHover(a, { line: 0, character: 36 })!.markdown, /device::directory/);
    assert.match(svc.doHover(a, { line: 0, character: 62 })!.markdown, /\/img\/etc\/init\.d\/httpd/);
  });

  it('outline: a group per line with its resources', () => {
    const a = analyzeText('alpha 10.0.0.10 \\\n  httpd\n', HR);
    const syms = svc.getSymbols(a);
    assert.equal(syms.length, 1);
    assert.equal(syms[0]!.name, 'alpha');
    assert.deepEqual(syms[0]!.children!.map((c) => c.name), ['10.0.0.10', 'httpd']);
    assert.deepEqual(svc.getFoldingRanges(a), [{ startLine: 0, endLine: 1, kind: 'region' }]);
  });
});

after(() => {
  const mine = svc.allProblems().filter((d) => d.code.startsWith('haresources/') || ['workspace/unknown-node', 'workspace/missing-resource-script', 'workspace/haresources-ignored'].includes(d.code));
  const missing = mine.filter((d) => !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});
