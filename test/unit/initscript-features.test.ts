import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { analyzeText, applyEdits, checkCompletion, hoverAt, withCursor, type CheckOptions } from '../helpers/fixture';
import { REPO } from '../helpers/golden';
import { memHost } from '../helpers/memHost';
import { DEB, RH } from '../helpers/initscripts';

const RH_OPTS: CheckOptions = { language: 'initscript', path: '/etc/rc.d/init.d/foo' };
const DEB_OPTS: CheckOptions = { language: 'initscript', path: '/etc/init.d/bar' };

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

/** A snippet body expanded as VS Code would with the defaults (choices: the first). */
function expand(body: string[], name: string): string {
  return body.join('\n')
    .replace(/\$\{1:[^}]*\}/g, name)
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/(?<!\\)\$\d+/g, '')
    .replace(/\\\$/g, '$')
    .replace(/\\\\/g, '\\');
}

describe('initscript snippets', () => {
  const snippets = JSON.parse(readFileSync(join(REPO, 'snippets/initscript.json'), 'utf8')) as Record<string, { body: string[] }>;
  for (const [title, s] of Object.entries(snippets)) {
    for (const name of ['foo', 'my-app']) {
      it(`"${title}" expanded as ${name} gets no diagnostics`, () => {
        const path = /Red Hat/.test(title) ? `/etc/rc.d/init.d/${name}` : /BusyBox/.test(title) ? `/etc/init.d/S50${name}` : `/etc/init.d/${name}`;
        const a = analyzeText(expand(s.body, name), { language: 'initscript', path });
        assert.deepEqual(a.problems.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`), []);
        assert.ok(a.info.profile === 'rhel' || a.info.profile === 'debian' || a.info.profile === 'busybox');
      });
    }
  }
});

describe('initscript completion', () => {
  it('LSB keywords inside the block', () => {
    const text = DEB.replace('# Short-Description: Bar daemon\n', '# Short-Description: Bar daemon\n# Sh┃\n');
    checkCompletion(text, 'Should-Start:', DEB.replace('# Short-Description: Bar daemon\n', '# Short-Description: Bar daemon\n# Should-Start: \n'), DEB_OPTS);
  });

  it('facilities and the Provides of other scripts in Required-Start', () => {
    const host: svc.WorkspaceHost = {
      readFile: (p) => (p === '/etc/init.d/db' ? '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: postgresql\n### END INIT INFO\n' : p === '/etc/init.d/plain' ? '#!/bin/sh\n' : undefined),
      stat: () => undefined,
      listDir: (p) => (p === '/etc/init.d' ? ['bar', 'db', 'plain'] : undefined),
    };
    const { text, position } = withCursor(DEB.replace('# Required-Start:    $remote_fs $syslog', '# Required-Start:    $remote_fs $syslog p┃'));
    const a = svc.analyze({ path: '/etc/init.d/bar', text, language: 'initscript' }, svc.DEFAULT_SETTINGS, host);
    const labels = svc.doComplete(a, position).map((c) => c.label);
    assert.ok(labels.includes('$network') && labels.includes('postgresql') && labels.includes('plain'), labels.join(' '));
    assert.ok(!labels.includes('$syslog'), 'facilities already listed are not offered again');
    assert.ok(!labels.includes('bar'), 'not the script itself');
  });

  it('runlevels in Default-Start and on the chkconfig line', () => {
    checkCompletion(DEB.replace('# Default-Start:     2 3 4 5', '# Default-Start:     2 3 4 5 ┃'), 'S', DEB.replace('# Default-Start:     2 3 4 5', '# Default-Start:     2 3 4 5 S'), DEB_OPTS);
    checkCompletion(RH.replace('# chkconfig: 345 40 60', '# chkconfig: 34┃ 40 60'), '5', RH, RH_OPTS);
  });

  it('actions missing from the dispatcher', () => {
    const text = RH.replace('  status)\n\tstatus -p /var/run/foo.pid food\n\t;;\n', '  sta┃\n');
    const items = checkCompletion(text, 'status', RH.replace('  status)\n\tstatus -p /var/run/foo.pid food\n\t;;\n', '  status)\n'), RH_OPTS);
    assert.ok(!items.some((i) => i.label === 'start'), 'start is there already');
  });

  it('library functions at a command position, by profile', () => {
    const rh = checkCompletion(RH.replace('\tRETVAL=$?\n\t[ $RETVAL -eq 0 ] && touch $lockfile', '\tkil┃\n\tRETVAL=$?\n\t[ $RETVAL -eq 0 ] && touch $lockfile'), 'killproc',
      RH.replace('\tRETVAL=$?\n\t[ $RETVAL -eq 0 ] && touch $lockfile', '\tkillproc\n\tRETVAL=$?\n\t[ $RETVAL -eq 0 ] && touch $lockfile'), RH_OPTS);
    assert.ok(!rh.some((i) => i.label === 'log_daemon_msg'));
    const deb = checkCompletion(DEB.replace('\t$0 stop\n', '\tlog┃\n\t$0 stop\n'), 'log_daemon_msg', DEB.replace('\t$0 stop\n', '\tlog_daemon_msg\n\t$0 stop\n'), DEB_OPTS);
    assert.ok(!deb.some((i) => i.label === 'daemon'));
    const item = deb.find((i) => i.label === 'log_daemon_msg')!;
    assert.match(svc.resolveCompletion('initscript', item.resolveKey!)!, /log_daemon_msg message/);
  });
});

describe('initscript hover', () => {
  it('runlevels and priorities of the chkconfig line: which links', () => {
    assert.match(hoverAt(RH.replace('# chkconfig: 345 40 60', '# chkconfig: ┃345 40 60'), RH_OPTS)!.markdown, /Runlevel 3\*\* — full multi-user with network/);
    const start = hoverAt(RH.replace('# chkconfig: 345 40 60', '# chkconfig: 345 4┃0 60'), RH_OPTS)!.markdown;
    assert.match(start, /rc3\.d\/S40foo/);
    assert.match(start, /rc5\.d\/S40foo/);
    assert.match(hoverAt(RH.replace('# chkconfig: 345 40 60', '# chkconfig: 345 40 6┃0'), RH_OPTS)!.markdown, /rc0\.d\/K60foo/);
  });

  it('LSB keywords, facilities and runlevels', () => {
    assert.match(hoverAt(DEB.replace('# Required-Start:', '# Required-St┃art:'), DEB_OPTS)!.markdown, /insserv/);
    assert.match(hoverAt(DEB.replace('$remote_fs $syslog\n# Required-Stop', '$remote_fs $sys┃log\n# Required-Stop'), DEB_OPTS)!.markdown, /system logger/);
    assert.match(hoverAt(DEB.replace('# Default-Start:     2 3 4 5', '# Default-Start:     2┃ 3 4 5'), DEB_OPTS)!.markdown, /Runlevel 2\*\* — multi-user \(the default\)/);
    // Each distribution on a line of its own (a hover draws a table without column rules).
    const md = hoverAt(DEB.replace('# Default-Start:     2 3 4 5', '# Default-Start:     2┃ 3 4 5'), DEB_OPTS)!.markdown;
    assert.match(md, /\n- \*\*Red Hat:\*\* multi-user without NFS\n- \*\*Debian:\*\* multi-user \(the default\)\n/);
    assert.doesNotMatch(md, /\|/);
  });

  it('library calls, exit codes and the subsys lock', () => {
    assert.match(hoverAt(RH.replace('\tdaemon --pidfile', '\tdae┃mon --pidfile'), RH_OPTS)!.markdown, /waits for it/);
    assert.match(hoverAt(RH.replace('\texit 2\n', '\texit ┃2\n'), RH_OPTS)!.markdown, /invalid or excess argument/);
    assert.match(hoverAt(RH.replace('lockfile=/var/lock/subsys/$prog\n', 'lockfile=/var/lock/subsys/$prog\ntouch /var/lock/sub┃sys/foo\n'), RH_OPTS)!.markdown, /Subsys lock/);
    assert.match(hoverAt(RH.replace('  status)', '  stat┃us)'), RH_OPTS)!.markdown, /3 not running|3 stopped/);
  });
});

describe('initscript hover: facts about the body that have no diagnostic code', () => {
  const md = (text: string) => hoverAt(text, RH_OPTS)!.markdown;
  it('where a library function comes from, and whether it is sourced before it is used', () => {
    assert.match(md(RH.replace('\tdaemon --pidfile', '\tdae┃mon --pidfile')), /Defined by `\/etc\/rc\.d\/init\.d\/functions`, sourced on line 16\./);
    const unsourced = RH.replace('. /etc/rc.d/init.d/functions\n', '');
    assert.match(md(unsourced.replace('\tdaemon --pidfile', '\tdae┃mon --pidfile')), /sources no functions library \(`\/etc\/rc\.d\/init\.d\/functions` defines `daemon`\).*command not found/);
    // Sourced too late for a top-level call.
    const late = RH.replace('. /etc/rc.d/init.d/functions\n', '').replace('prog=foo\n', 'prog=foo\nstatus -p /var/run/foo.pid food\n. /etc/rc.d/init.d/functions\n');
    assert.match(md(late.replace('prog=foo\nstatus -p', 'prog=foo\nsta┃tus -p')), /Used on line 18, before `\/etc\/rc\.d\/init\.d\/functions` is sourced on line 19/);
  });

  it('daemon of a program that stays in the foreground (the seed\'s daemon sleep 120)', () => {
    assert.match(md(RH.replace('\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food', '\tdae┃mon sleep 120')), /`sleep` never detaches: `daemon` waits for it/);
    assert.match(md(RH.replace('\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food', '\tdae┃mon --user memcached /usr/bin/memcached -p 11211')), /`memcached` stays in the foreground without `-d`/);
    assert.match(md(RH.replace('\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food', '\tdae┃mon /usr/sbin/sshd -D')), /`sshd -D` stays in the foreground/);
    for (const ok of ['\tdae┃mon --pidfile=/var/run/foo.pid /usr/sbin/food', '\tdae┃mon /usr/bin/memcached -d -p 11211', '\tdae┃mon $exec']) {
      assert.doesNotMatch(md(RH.replace('\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food', ok)), /foreground|never detaches/, ok);
    }
  });

  it('says nothing it cannot know: SUSE\'s killproc program, a script run by init-d-script, a sourced $VARIABLE', () => {
    const bare = RH.replace('. /etc/rc.d/init.d/functions\n', '');
    assert.doesNotMatch(md(bare.replace('\tkillproc -p', '\tkill┃proc -p')), /⚠|Defined by/);
    assert.doesNotMatch(md(bare.replace('prog=foo\n', 'prog=foo\n. $LIB\n').replace('\tdaemon --pidfile', '\tdae┃mon --pidfile')), /⚠|Defined by/);
    const viaInitD = DEB.replace(/^#!.*\n/, '#!/lib/init/init-d-script\n').replace('. /lib/lsb/init-functions\n', '');
    const at = viaInitD.indexOf('status_of_proc');
    assert.ok(at > 0);
    assert.match(hoverAt(`${viaInitD.slice(0, at)}status┃${viaInitD.slice(at + 6)}`, DEB_OPTS)!.markdown, /loads before this script/);
  });

  it('pid files: the same file everywhere, or which helpers read another one than start wrote', () => {
    const same = md(RH.replace('\tkillproc -p /var/run/foo.pid', '\tkillproc -p /var/run/f┃oo.pid'));
    assert.match(same, /Pid file `\/var\/run\/foo\.pid`, named the same by daemon --pidfile \(line 22, start, restart\|force-reload\), killproc -p \(line 29, stop, restart\|force-reload\), status -p \(line 47, status\)/);
    const differs = md(RH.replace('\tkillproc -p /var/run/foo.pid', '\tkillproc -p /var/run/fo┃od.pid'));
    assert.match(differs, /⚠ `start` writes `\/var\/run\/foo\.pid`, but killproc -p \(line 29, stop, restart\|force-reload\) reads `\/var\/run\/food\.pid`: it does not find the process/);
    // A -p after the program is the program's own option, not a pid file.
    assert.doesNotMatch(md(RH.replace('\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food', '\tdaemon --pidfile=/var/run/foo.pid /usr/sbin/food -p /tmp/x.pid').replace('\tkillproc -p /var/run/foo.pid', '\tkillproc -p /var/run/f┃oo.pid')), /x\.pid/);
    // Through a variable, and on the header's pidfile: tag.
    const viaVar = RH.replace('prog=foo\n', 'prog=foo\npidfile=/var/run/$prog.pid\n').replace('\tkillproc -p /var/run/foo.pid', '\tkillproc -p $pidfile').replace('# description: Foo daemon.\n', '# description: Foo daemon.\n# pidf┃ile: /var/run/foo.pid\n');
    assert.match(md(viaVar), /Pid file `\/var\/run\/foo\.pid`, named the same by # pidfile: \(line 7\)/);
  });

  it('the usage text against the implemented actions, on the *) branch', () => {
    // `${0}` is not a list of actions; a glob branch (`*start)`) implements what it matches.
    assert.doesNotMatch(md(RH.replace('$0 {start|stop|restart|force-reload|status}', '${0} start|stop').replace('  *)', '  ┃*)')), /`0`/);
    assert.match(md(RH.replace('  start)', '  *start)').replace('  *)', '  ┃*)')), /It matches the implemented actions/);
    assert.match(md(RH.replace('  *)', '  ┃*)')), /lists `start`, `stop`, `restart`, `force-reload`, `status`\. It matches the implemented actions\./);
    const promised = RH.replace('{start|stop|restart|force-reload|status}', '{start|stop|restart|force-reload|status|reload}').replace('  *)', '  ┃*)');
    assert.match(md(promised), /Not implemented, so they land here: `reload`/);
    const hidden = RH.replace('{start|stop|restart|force-reload|status}', '{start|stop|status}').replace('  *)', '  ┃*)');
    assert.match(md(hidden), /Implemented but not listed: `restart`, `force-reload`/);
  });
});

describe('initscript signature help, outline, folding, refactors', () => {
  it('signature help for killproc, with the active option', () => {
    const { text, position } = withCursor(RH.replace('\tkillproc -p /var/run/foo.pid /usr/sbin/food', '\tkillproc -p /var/run/f┃oo.pid /usr/sbin/food'));
    const sig = svc.getSignatureHelp(analyzeText(text, RH_OPTS), position)!;
    assert.match(sig.label, /^killproc \[-p pidfile\]/);
    assert.equal(sig.parameters[sig.activeParameter]!.label, 'program');
    const { text: t2, position: p2 } = withCursor(RH.replace('\tkillproc -p /var/run/foo.pid /usr/sbin/food', '\tkillproc ┃-p /var/run/foo.pid /usr/sbin/food'));
    const sig2 = svc.getSignatureHelp(analyzeText(t2, RH_OPTS), p2)!;
    assert.equal(sig2.parameters[sig2.activeParameter]!.label, '-p pidfile');
  });

  it('outline: header, functions, action branches', () => {
    const syms = svc.getSymbols(analyzeText(RH, RH_OPTS));
    assert.deepEqual(syms.map((s) => s.name), ['header', 'start()', 'stop()', 'case "$1"']);
    assert.deepEqual(syms[3]!.children!.map((c) => c.name), ['start', 'stop', 'restart|force-reload', 'status', '*']);
    assert.deepEqual(syms[0]!.children!.map((c) => c.name), ['chkconfig', 'INIT INFO']);
  });

  it('folds the LSB block, functions and branches', () => {
    const folds = svc.getFoldingRanges(analyzeText(RH, RH_OPTS));
    assert.ok(folds.some((f) => f.startLine === 6 && f.endLine === 13 && f.kind === 'region'));
    assert.ok(folds.length >= 6);
  });

  it('derives an LSB block from the chkconfig line, and a chkconfig line from the LSB block', () => {
    const rhOnly = RH.replace(/### BEGIN INIT INFO[\s\S]*### END INIT INFO\n/, '');
    const a = analyzeText(rhOnly, RH_OPTS);
    const [lsb] = svc.getRefactors(a, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(lsb!.title, 'Add an LSB INIT INFO block derived from the chkconfig line');
    const withBlock = applyEdits(rhOnly, lsb!.edits);
    assert.match(withBlock, /# Default-Start:     3 4 5\n# Default-Stop:      0 1 2 6\n/);
    assert.deepEqual(analyzeText(withBlock, RH_OPTS).problems, []);
    const b = analyzeText(DEB, DEB_OPTS);
    const [ck] = svc.getRefactors(b, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
    assert.match(applyEdits(DEB, ck!.edits), /# chkconfig: 2345 50 50\n### BEGIN INIT INFO/);
  });
});

describe('initscript code lenses and link preview', () => {
  it('lenses run the service and register it with the tree\'s tool', () => {
    const rh = svc.getCodeLenses(analyzeText(RH, RH_OPTS));
    assert.deepEqual(rh.map((l) => l.title), ['▶ start', '■ stop', '↻ restart', 'status', 'chkconfig --add', 'chkconfig --del', 'Preview links', 'systemd 219 unit']);
    assert.deepEqual(rh[0]!.command, { id: 'sysvHa.runService', args: ['foo', 'start', '/etc/rc.d/init.d/foo', 'rhel'] });
    const deb = svc.getCodeLenses(analyzeText(DEB, DEB_OPTS));
    assert.deepEqual(deb[4]!.command, { id: 'sysvHa.registerService', args: ['bar', 'add', 'update-rc.d'] });
    const bb = svc.getCodeLenses(analyzeText('#!/bin/sh\ncase "$1" in\n start|stop) ;;\n *) exit 1;;\nesac\n', { language: 'initscript', path: '/etc/init.d/S50foo' }));
    assert.deepEqual(bb.map((l) => l.title), ['▶ start', '■ stop', '↻ restart', 'status']);
  });

  it('the preview lists, per runlevel, the planned and present links; another tool\'s only where it applies', () => {
    const files = {
      '/r/etc/rc.d/init.d/foo': RH,
      '/r/etc/rc.d/rc3.d/S20foo': '',
    };
    // A Red Hat tree: chkconfig alone (insserv does not run there), so nothing "disagrees".
    const p = svc.boot.previewLinks('/r/etc/rc.d/init.d/foo', memHost(files))!;
    assert.equal(p.tool, 'chkconfig');
    assert.equal(p.otherTool, undefined);
    assert.deepEqual(p.rows.find((r) => r.runlevel === '3')!, { runlevel: '3', planned: 'S40foo', present: ['S20foo'], other: undefined });
    const text = svc.boot.renderPreview(p);
    assert.match(text, /^3 +S40foo +S20foo +would change$/m);
    assert.doesNotMatch(text, /disagree|insserv/);
    // With an insserv configuration as well, both apply: the rows compare them.
    const q = svc.boot.previewLinks('/r/etc/rc.d/init.d/foo', memHost({ ...files, '/r/etc/insserv.conf': '$local_fs +mountall\n' }))!;
    assert.equal(q.otherTool, 'insserv');
    assert.deepEqual(q.rows.find((r) => r.runlevel === '3')!, { runlevel: '3', planned: 'S40foo', present: ['S20foo'], other: 'S01foo' });
    assert.match(svc.boot.renderPreview(q), /^3 +S40foo +S20foo +S01foo +would change; chkconfig and insserv disagree$/m);
  });
});

describe('hover on link names', () => {
  it('explains S40atd and rc3.d/K60atd anywhere in an init script', () => {
    const text = RH.replace('prog=foo\n', 'prog=foo\n# see /etc/rc.d/rc3.d/S4┃0foo and K60foo\n');
    assert.match(hoverAt(text, RH_OPTS)!.markdown, /start\*\* link: rc runs `foo start` when entering runlevel 3, in position 40/);
    assert.match(hoverAt(RH.replace('prog=foo\n', 'prog=foo\n# see K6┃0foo\n'), RH_OPTS)!.markdown, /kill\*\* link/);
  });
});

describe('hover on a chkconfig line with levels "-"', () => {
  it('says no start link is made by --add, and what chkconfig on would create', () => {
    const md = hoverAt(RH.replace('# chkconfig: 345 40 60', '# chkconfig: - 4┃0 60'), RH_OPTS)!.markdown;
    assert.match(md, /makes no start link; `chkconfig foo on` would create `\/etc\/rc\.d\/rc2\.d\/S40foo`/);
    assert.doesNotMatch(md, /no link/);
  });
});
