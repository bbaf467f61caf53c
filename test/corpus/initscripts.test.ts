/**
 * The init scripts of ../shared/corpus/initscripts: no crash, no error or warning on a
 * working script (the findings that stay are reviewed below, each with what the real
 * program does), and a golden file of the CLI's output for review.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { isSkippedInitdName } from '../../server/src/service/core/detect';
import { FsHost } from '../../server/src/host/fsHost';
import { assertGolden, REPO } from '../helpers/golden';

const CORPUS = process.env['SYSV_HA_CORPUS'] ?? join(REPO, '..', 'shared', 'corpus');

interface Row { file: string; path: string; notes: string }

function rows(): Row[] {
  return readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.startsWith('initscripts\t')).map((l) => {
    const c = l.split('\t');
    return { file: c[1]!, path: c[3]!, notes: c[6] ?? '' };
  });
}

/** Kinds of files that are not SysV service scripts in init.d (skipped by name or foreign). */
const NOT_A_SERVICE = /dialect=(LIBRARY|rc-driver|slackware-rc|gentoo-openrc|openwrt|formilux|non-linux-sysv)/;
const GENERIC = new Set(['init', 'init.d', 'linux', 'init-script', 'daemon-init', 'debian-init', 'default-init', 'redis_init_script', 'init-suse', 'docker', 'client', 'salt-minion']);

/** Names packagers install these files under (from their spec files / debian rules). */
const INSTALLED_AS: Record<string, string> = {
  'linux-ha-japan__pm_diskd__debian__init': 'heartbeat',
  'puppetlabs__puppet__conf__redhat__client.init': 'puppet',
  'puppetlabs__puppet__conf__suse__client.init': 'puppet',
  'Supervisor__initscripts__fedora-bmbouter': 'supervisord',
  'Supervisor__initscripts__redhat-init-equeffelec': 'supervisord',
  'Supervisor__initscripts__debian-norrgard': 'supervisor',
  'Supervisor__initscripts__opensuse-garymonson': 'supervisord',
  'postgres__postgres__contrib__start-scripts__linux': 'postgresql',
  'distcc__distcc__contrib__distccd-init': 'distcc',
  'distcc__distcc__contrib__redhat__init': 'distccd',
  'distcc__distcc__doc__example__init-suse': 'distcc',
  'redis__redis__utils__redis_init_script': 'redis_6379',
  'memcached__memcached__scripts__memcached-init': 'memcached',
  'nginx__pkg-oss__rpm__SOURCES__nginx.suse.init': 'nginx',
  'OpenVPN__openvpn__distro__rpm__openvpn.init.d.rhel': 'openvpn',
  'OpenVPN__openvpn__distro__rpm__openvpn.init.d.suse': 'openvpn',
};

/** The name the script is installed under in /etc/init.d (the service name). */
export function installedName(row: Row, text: string): string {
  if (INSTALLED_AS[row.file]) return INSTALLED_AS[row.file]!;
  let b = row.path.slice(row.path.lastIndexOf('/') + 1).replace(/\.(in|tpl)$/, '');
  b = b.replace(/\.init\.d\.(rhel|suse)$/, '').replace(/\.(init|initrc|sysv|redhat|suse|rc)$/, '').replace(/^init\.d-/, '').replace(/^rc\./, '');
  const inInitD = /(^|\/)init\.d\/[^/]+$/.test(row.path);
  if ((inInitD && !GENERIC.has(b)) || (!GENERIC.has(b) && !/-/.test(b.replace(/-(init|server)$/, 'x')))) return b;
  const provides = /^#[ \t]*Provides:[ \t]*(\S+)/m.exec(text)?.[1];
  if (provides && !provides.startsWith('$') && provides !== 'FOO') return provides;
  const assigned = /^(?:prog|NAME|name)=["']?([A-Za-z0-9_.-]+)/m.exec(text)?.[1];
  return assigned ?? b;
}

/**
 * Findings on working scripts that are right: each names what the real program does.
 * Anything not listed here is a false alarm and fails the test.
 */
const PRE_LSB = 'A pre-LSB script with no header at all: chkconfig refuses it ("does not support chkconfig") and insserv warns "missing LSB tags and overrides" and orders it by guesswork.';
const NO_STATUS = "No status action: 'service NAME status' prints the usage and fails, and heartbeat cannot use it as a resource (LSB requires status).";
const REVIEWED: Record<string, { codes: string[]; why: string }> = {
  'acassen__keepalived__debian__init.d': { codes: ['initscript/no-header', 'initscript/missing-status'], why: `${PRE_LSB} ${NO_STATUS}` },
  'classilla__dclinux__etc__init.d__apache': { codes: ['initscript/no-header', 'initscript/missing-status'], why: `${PRE_LSB} ${NO_STATUS}` },
  'distcc__distcc__contrib__distccd-init': { codes: ['initscript/no-header', 'initscript/missing-status'], why: `${PRE_LSB} ${NO_STATUS}` },
  'OpenInkpot-archive__iplinux-sysvinit__debian__initscripts__etc__init.d__skeleton': { codes: ['initscript/no-header', 'initscript/missing-status'], why: `${PRE_LSB} ${NO_STATUS}` },
  'zabbix__zabbix__misc__init.d__debian__zabbix-server': { codes: ['initscript/no-header', 'initscript/missing-status'], why: `${PRE_LSB} ${NO_STATUS}` },
  'puppetlabs__puppet__conf__debian__puppet.init': { codes: ['initscript/no-header'], why: PRE_LSB },
  'postgres__postgres__contrib__start-scripts__linux': { codes: ['initscript/no-header'], why: PRE_LSB },
  'squid-cache__squid__tools__sysvinit__squid.rc': { codes: ['initscript/no-header'], why: PRE_LSB },
  'victronenergy__openembedded-core__meta__recipes-extended__xinetd__xinetd__xinetd.init': { codes: ['initscript/no-header'], why: `${PRE_LSB} (OpenEmbedded runs it through update-rc.d with explicit priorities, which works.)` },
  'victronenergy__openembedded-core__meta__recipes-connectivity__openssh__openssh__init': { codes: ['initscript/no-header'], why: `${PRE_LSB} (OpenEmbedded runs it through update-rc.d with explicit priorities, which works.)` },
  'SliTaz-official__slitaz-boot-scripts__etc__init.d__network.sh': { codes: ['initscript/no-header', 'initscript/missing-status'], why: `${PRE_LSB} ${NO_STATUS}` },
  'bradfa__clfs-embedded-bootscripts__clfs__rc.d__init.d__sshd': { codes: ['initscript/no-header', 'initscript/subsys-lock-missing'], why: 'CLFS ships its own functions library at the Red Hat path, so the script is read as Red Hat, where both findings are right; on CLFS set sysvHa.profile to generic.' },
  'fedora-sysv__initscripts__rc.d__init.d__halt': { codes: ['initscript/no-header', 'initscript/missing-action', 'initscript/missing-status'], why: "Red Hat's halt is only ever run as S01halt/S00reboot with 'start'; chkconfig does not manage it (no header)." },
  'fedora-sysv__initscripts__rc.d__init.d__skeleton': { codes: ['initscript/no-header', 'initscript/missing-action', 'initscript/missing-status'], why: 'The 1997 Red Hat skeleton: a template with no header, no restart and no status; chkconfig refuses a script made from it as is.' },
  'fedora-sysv__initscripts__etc__rc.d__init.d__network': { codes: ['initscript/unknown-facility'], why: "'$network-pre' is not a facility chkconfig or insserv know; systemd's sysv generator ignores it too, so the ordering it asks for does not happen." },
  'lyda__Linux-From-Scratch__BOOK__bootscripts__lfs__init.d__sysklogd': { codes: ['initscript/provides-facility', 'initscript/missing-force-reload'], why: 'LFS ships its own /lib/lsb/init-functions, so the script is read as Debian, where insserv would skip it ("provides system facility $syslog") and lintian wants force-reload; on LFS set sysvHa.profile to generic.' },
  'lyda__Linux-From-Scratch__BOOK__bootscripts__lfs__init.d__template': { codes: ['initscript/missing-force-reload'], why: 'LFS template read as Debian (LFS ships its own /lib/lsb/init-functions): Debian policy requires force-reload.' },
  'rabbitmq__rabbitmq-server__packaging__debs__Debian__debian__rabbitmq-server.init': { codes: ['initscript/set-e-init-functions'], why: "'set -e' before sourcing /lib/lsb/init-functions, which LSB 3.1 forbids: a helper that returns non-zero aborts the script." },
  'redis__redis__utils__redis_init_script': { codes: ['initscript/lsb-missing-keyword', 'initscript/missing-action', 'initscript/missing-status'], why: "insserv reports the missing Required-Start/Required-Stop; 'service redis_6379 restart' and 'status' print the usage and fail." },
  'saltstack__salt__pkg__rpm__salt-minion': { codes: ['initscript/subsys-lock-missing'], why: 'A Red Hat script that never creates /var/lock/subsys/salt-minion: rc does not stop the minion on a runlevel change or at shutdown.' },
  'OpenVPN__openvpn__distro__rpm__openvpn.init.d.suse': { codes: ['initscript/missing-local-fs-dependency'], why: "It keeps its lock and pid files under /var (/var/lock/subsys/openvpn, /var/run/openvpn) but Required-Start/Required-Stop name only $network: lintian's init.d-script-missing-dependency-on-local_fs. It is ordered after the file systems today only because SUSE's network script itself needs $local_fs." },
  'distcc__distcc__packaging__RedHat__init.d__distcc': { codes: ['initscript/missing-force-reload'], why: 'A multi-distribution script that sources /lib/lsb/init-functions first; Debian policy requires force-reload.' },
};

describe('corpus: init scripts', { skip: !existsSync(CORPUS) && `no corpus at ${CORPUS}` }, () => {
  before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));
  const all = existsSync(CORPUS) ? rows() : [];
  // Only the shell's syntax check comes from the machine; no other file is looked at.
  const fs = new FsHost();
  const host: svc.WorkspaceHost = { readFile: () => undefined, stat: () => undefined, listDir: () => undefined, shellSyntax: (sh, t) => fs.shellSyntax(sh, t) };
  const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };

  function analyze(row: Row): svc.Analysis {
    const text = readFileSync(join(CORPUS, 'initscripts', row.file), 'utf8');
    return svc.analyze({ path: `/etc/init.d/${installedName(row, text)}`, text, language: 'initscript' }, settings, host);
  }

  it('no crash on any file, with every profile, and ranges inside the file', () => {
    for (const row of all) {
      const text = readFileSync(join(CORPUS, 'initscripts', row.file), 'utf8');
      for (const profile of svc.PROFILES) {
        const a = svc.analyze({ path: `/etc/rc.d/init.d/${installedName(row, text)}`, text, language: 'initscript' }, { ...settings, profile }, host);
        for (const p of a.problems) assert.ok(p.range.start.line < a.src.lineCount, `${row.file}: ${p.code}`);
        svc.getSymbols(a);
        svc.getFoldingRanges(a);
        svc.disposeAnalysis(a);
      }
    }
  });

  it('no error or warning on a working init script', () => {
    const falseAlarms: string[] = [];
    let judged = 0;
    for (const row of all) {
      if (NOT_A_SERVICE.test(row.notes) || /\bTEMPLATE\b|KNOWN BUG/.test(row.notes)) continue;
      const a = analyze(row);
      // rc, chkconfig and the CLI skip these names in init.d (the functions library, rc, rcS…).
      if (isSkippedInitdName(a.path.slice(a.path.lastIndexOf('/') + 1))) continue;
      judged++;
      const allowed = REVIEWED[row.file]?.codes ?? [];
      for (const p of a.problems) {
        if ((p.severity === 'error' || p.severity === 'warning') && !allowed.includes(p.code)) {
          falseAlarms.push(`${row.file} [${a.info.profile}, as ${a.path}]:${p.range.start.line + 1}: ${p.severity} ${p.code}: ${p.message}`);
        }
      }
      svc.disposeAnalysis(a);
    }
    assert.ok(judged > 60, `only ${judged} scripts judged`);
    assert.deepEqual(falseAlarms, []);
  });

  it('the findings over the whole folder match the reviewed golden file', () => {
    const lines: string[] = [];
    for (const row of all) {
      const a = analyze(row);
      lines.push(`== ${row.file} (as ${a.path}; ${a.info.profile}: ${a.info.reason})`);
      for (const p of a.problems) lines.push(`${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${p.code}: ${p.message}`);
      svc.disposeAnalysis(a);
    }
    assertGolden('corpus/initscripts.txt', lines.join('\n') + '\n');
  });
});
