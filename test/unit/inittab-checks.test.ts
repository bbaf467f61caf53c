import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { memHost } from '../helpers/memHost';
import { analyzeText, applyEdits, checkDiagnostics, coveredCodes } from '../helpers/fixture';

const RH_HEAD = 'id:3:initdefault:\nsi::sysinit:/etc/rc.d/rc.sysinit\n';

describe('inittab checks (sysvinit)', () => {
  it('accepts a clean Red Hat inittab', () => {
    checkDiagnostics(`${RH_HEAD}l3:3:wait:/etc/rc.d/rc 3\n1:2345:respawn:/sbin/mingetty tty1\nca::ctrlaltdel:/sbin/shutdown -t3 -r now\npf::powerfail:/sbin/shutdown -f -h +2 "Power Failure; System Shutting Down"\n`);
  });

  it('missing-field: initdefault without its final colon, and its consequence', () => {
    checkDiagnostics(`id:3:initdefault
^^^^^^^^^^^^^^^^ inittab/no-initdefault
^^^^^^^^^^^^^^^^ inittab/missing-field
l3:3:wait:/etc/rc.d/rc 3
`);
  });

  it('missing-field: empty id, runlevel, action', () => {
    checkDiagnostics(`${RH_HEAD}:3:wait:/etc/rc.d/rc 3
^^^^^^^^^^^^^^^^^^^^^^ inittab/missing-field
l4
^^ inittab/missing-field
l5:5::/etc/rc.d/rc 5
^^^^^^^^^^^^^^^^^^^^ inittab/missing-field
x:5:respawn
^^^^^^^^^^^ inittab/missing-field
`);
  });

  it('field-too-long: id, runlevels, action, process', () => {
    const longProcess = '/bin/echo ' + 'x'.repeat(130);
    checkDiagnostics(`${RH_HEAD}tty10:2345:respawn:/sbin/getty 38400 tty10
^^^^^ inittab/field-too-long
ab:012345678901:wait:/bin/true
   ^^^^^^^^^^^^ inittab/field-too-long
`);
    checkDiagnostics(`${RH_HEAD}ab:3:wait:${longProcess}\n`);
    checkDiagnostics(`${RH_HEAD}ab:3:wait:${longProcess}
          ${'^'.repeat(longProcess.length)} inittab/field-too-long
`, { settings: { sysvinitVersion: 2 } });
    checkDiagnostics(`${RH_HEAD}ab:3:${'a'.repeat(33)}:/bin/true
     ${'^'.repeat(33)} inittab/field-too-long
`);
  });

  it('duplicate-id on the later entry, ~~ exempt', () => {
    const a = checkDiagnostics(`${RH_HEAD}1:2345:respawn:/sbin/mingetty tty1
1:2345:respawn:/sbin/mingetty tty2
^ inittab/duplicate-id
~~:S:wait:/sbin/sulogin
~~:S:respawn:/sbin/sulogin
`);
    assert.equal(a.problems[0]!.related?.[0]?.range.start.line, 2);
  });

  it('a rejected entry does not claim its id', () => {
    checkDiagnostics(`${RH_HEAD}1:2345:respwn:/sbin/mingetty tty1
       ^^^^^^ inittab/unknown-action
1:2345:respawn:/sbin/mingetty tty1
`);
  });

  it('unknown-action: typo, blanks, BusyBox-only action, case-insensitive match', () => {
    checkDiagnostics(`${RH_HEAD}6:2345:respwn:/sbin/mingetty tty6
       ^^^^^^ inittab/unknown-action
x : 5 : respawn : /etc/X11/prefdm
       ^^^^^^^^^ inittab/unknown-action
::askfirst:-/bin/sh
^^^^^^^^^^^^^^^^^^^ inittab/missing-field
c1:2345:askfirst:-/bin/sh
        ^^^^^^^^ inittab/unknown-action
c2:2345:RESPAWN:/sbin/mingetty tty2
`);
  });

  it('unknown-action quick fixes', () => {
    const text = `${RH_HEAD}6:2345:respwn:/sbin/mingetty tty6\nx : 5 : respawn : /etc/X11/prefdm\n`;
    const a = analyzeText(text);
    const [typo, blanks] = a.problems.filter((p) => p.code === 'inittab/unknown-action');
    assert.equal(typo!.fixes?.[0]?.title, "Change to 'respawn'");
    assert.match(applyEdits(text, typo!.fixes![0]!.edits), /6:2345:respawn:\/sbin\/mingetty tty6/);
    assert.match(applyEdits(text, blanks!.fixes![0]!.edits), /\nx:5:respawn:\/etc\/X11\/prefdm\n/);
    const fixes = svc.getFixes(a, typo!.range);
    // The fix, then the suppression comments every diagnostic has.
    assert.deepEqual(fixes.map((f) => f.title), ["Change to 'respawn'", 'Disable inittab/unknown-action for this line', 'Disable inittab/unknown-action for this file']);
  });

  it('no fix when the typo is ambiguous or far', () => {
    const a = analyzeText(`${RH_HEAD}6:2345:zzzzzzzz:/x\n`);
    assert.equal(a.problems[0]!.fixes, undefined);
  });

  it('whitespace-in-field in the id or runlevels', () => {
    const a = checkDiagnostics(`${RH_HEAD}1 :2345:respawn:/sbin/mingetty tty1
^^ inittab/whitespace-in-field
2:23 45:respawn:/sbin/mingetty tty2
  ^^^^^ inittab/whitespace-in-field
`);
    const fix = a.problems[0]!.fixes![0]!;
    assert.match(applyEdits(a.src.text, fix.edits), /\n1:2345:respawn/);
  });

  it('line-too-long drops the line (3.x) and is reported once', () => {
    const long = 'l9:2345:respawn:/bin/echo ' + 'y'.repeat(240);
    checkDiagnostics(`${RH_HEAD}${long}
${'^'.repeat(long.length)} inittab/line-too-long
# ${'z'.repeat(253)}
${'^'.repeat(255)} inittab/line-too-long
# ${'z'.repeat(252)}
`);
  });

  it('no-final-newline on an entry, 3.x only; not on a comment', () => {
    checkDiagnostics(`${RH_HEAD}l3:3:wait:/etc/rc.d/rc 3
^^^^^^^^^^^^^^^^^^^^^^^^ inittab/no-final-newline`);
    checkDiagnostics(`${RH_HEAD}l3:3:wait:/etc/rc.d/rc 3`, { settings: { sysvinitVersion: 2 } });
    checkDiagnostics(`${RH_HEAD}# end`);
    const a = analyzeText(`${RH_HEAD}l3:3:wait:/etc/rc.d/rc 3`);
    assert.equal(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), `${RH_HEAD}l3:3:wait:/etc/rc.d/rc 3\n`);
  });

  it('crlf once, on the first CR line, and nothing else', () => {
    checkDiagnostics('# comment\r\n^^^^^^^^^ inittab/crlf\nid:3:initdefault:\r\nl3:3:wait:/etc/rc.d/rc 3\r\n');
  });

  it('unknown-runlevel with a certain fix for commas', () => {
    const a = checkDiagnostics(`${RH_HEAD}1:2,3,4:respawn:/sbin/mingetty tty1
  ^^^^^ inittab/unknown-runlevel
2:23x:respawn:/sbin/mingetty tty2
  ^^^ inittab/unknown-runlevel
3:0123456789SABCabc:respawn:/sbin/mingetty tty3
  ^^^^^^^^^^^^^^^^^ inittab/field-too-long
`);
    assert.match(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), /\n1:234:respawn/);
    assert.equal(a.problems[1]!.fixes, undefined);
  });

  it('lowercase-s-runlevel unless S is there too', () => {
    checkDiagnostics(`${RH_HEAD}~~:s:wait:/sbin/sulogin
   ^ inittab/lowercase-s-runlevel
su:1sS:wait:/etc/rc.d/rc.K
`);
  });

  it('runlevels-ignored for sysinit, boot, bootwait', () => {
    checkDiagnostics(`id:3:initdefault:
si:S:sysinit:/etc/rc.d/rc.S
   ^ inittab/runlevels-ignored
rc:2345:bootwait:/etc/rc.d/rc.boot
   ^^^^ inittab/runlevels-ignored
b::boot:/etc/rc.d/rc.b
`);
  });

  it('ondemand-runlevels both ways', () => {
    checkDiagnostics(`${RH_HEAD}x:5:ondemand:/usr/bin/startx
  ^ inittab/ondemand-runlevels
y:a:once:/usr/bin/startDM
  ^ inittab/ondemand-runlevels
z:b:ondemand:/usr/bin/thing
`);
  });

  it('initdefault: halt/reboot, invalid, several levels, empty, multiple', () => {
    checkDiagnostics(`id:6:initdefault:
   ^ inittab/initdefault-halt-reboot
`);
    checkDiagnostics(`id:0:initdefault:
   ^ inittab/initdefault-halt-reboot
`);
    checkDiagnostics(`id:x:initdefault:
   ^ inittab/initdefault-invalid
`);
    const a = checkDiagnostics(`id:35:initdefault:
   ^^ inittab/initdefault-multiple-levels
`);
    assert.equal(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), 'id:5:initdefault:\n');
    checkDiagnostics(`id::initdefault:
^^^^^^^^^^^^^^^^ inittab/initdefault-multiple-levels
`);
    checkDiagnostics(`id:s:initdefault:
id2:5:initdefault:
^^^^^^^^^^^^^^^^^^ inittab/multiple-initdefault
`);
  });

  it('initdefault: S3 boots single user, 06 reboots', () => {
    checkDiagnostics(`id:06:initdefault:
   ^^ inittab/initdefault-halt-reboot
   ^^ inittab/initdefault-multiple-levels
`);
    const a = analyzeText('id:S3:initdefault:\n');
    assert.equal(svc.getCodeLenses(a)[0]?.title.startsWith('Boots into runlevel S'), true);
  });

  it('no-initdefault on line 1, not for a file without entries', () => {
    checkDiagnostics(`# just gettys
^^^^^^^^^^^^^ inittab/no-initdefault
1:2345:respawn:/sbin/mingetty tty1
`);
    checkDiagnostics('# inittab is no longer used when using systemd.\n#\n');
    checkDiagnostics('T0:23:respawn:/sbin/getty -L ttyS0 9600 vt100\n', { path: '/etc/inittab.d/serial.tab' });
    checkDiagnostics('');
  });

  it('hash-in-command: glued # in a plain command; not after a blank, not in shell commands', () => {
    checkDiagnostics(`${RH_HEAD}ir:2345:respawn:/usr/bin/notify ops#1 --verbose
                                   ^^^^^^^^^^^^ inittab/hash-in-command
c1:2345:respawn:/sbin/agetty 38400 tty1 # the first console
sh:2345:respawn:/bin/sh -c "exec /usr/bin/ircbot --room=#ops"
`);
  });

  it('too-many-words after 14 words of a plain command', () => {
    checkDiagnostics(`${RH_HEAD}w:3:once:/bin/echo 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
                                                  ^^^^^ inittab/too-many-words
v:3:once:/bin/echo 2 3 4 5 6 7 8 9 10 11 12 13 14
`);
  });

  it('respawn-backgrounded for respawn and ondemand, not once or &&', () => {
    checkDiagnostics(`${RH_HEAD}S0:2345:respawn:/usr/local/sbin/agent --daemon &
                                               ^ inittab/respawn-backgrounded
od:a:ondemand:/usr/sbin/thing &
                              ^ inittab/respawn-backgrounded
o1:3:once:/usr/sbin/thing &
r1:3:respawn:/bin/sh -c "a && b"
`);
  });

  it('suppression comments and severity settings', () => {
    checkDiagnostics(`${RH_HEAD}# sysv-ha-disable-next-line inittab/unknown-action
6:2345:respwn:/sbin/mingetty tty6
7:2345:respwn:/sbin/mingetty tty7
       ^^^^^^ inittab/unknown-action
`);
    checkDiagnostics(`${RH_HEAD}# sysv-ha-disable-file inittab/unknown-action,inittab/respawn-backgrounded
6:2345:respwn:/sbin/mingetty tty6
S0:2345:respawn:/usr/local/sbin/agent &
`);
    const a = analyzeText(`${RH_HEAD}6:2345:respwn:/sbin/mingetty tty6\ns2:S:sysinit:/x\n`, { settings: { severity: { 'inittab/unknown-action': 'warning', 'inittab/runlevels-ignored': 'off' } } });
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['inittab/unknown-action=warning']);
  });
});

describe('inittab checks (BusyBox)', () => {
  const BB = '::sysinit:/etc/init.d/rcS\n::respawn:-/bin/sh\n';

  it('accepts the Buildroot default', () => {
    checkDiagnostics(`${BB}null::sysinit:/bin/mount -t proc proc /proc
console::respawn:/sbin/getty -L  console 0 vt100 # GENERIC_SERIAL
tty2::askfirst:-/bin/sh
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/umount -a -r
::restart:/sbin/init
/dev/ttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100
`);
  });

  it('busybox-leading-blank: indented comment, indented entry, blank-only line', () => {
    checkDiagnostics(`${BB}  # console getty
^^^^^^^^^^^^^^^^^ inittab/busybox-leading-blank
    ttyS0::respawn:/sbin/getty -L ttyS0 115200 vt100
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ inittab/busybox-leading-blank
${'   '}
^^^ inittab/busybox-leading-blank
`);
  });

  it('missing-field and unknown-action (case-sensitive; sysvinit actions unknown)', () => {
    checkDiagnostics(`${BB}fi
^^ inittab/missing-field
tty1::respawn:
^^^^^^^^^^^^^^ inittab/missing-field
::Respawn:/sbin/getty 38400 tty1
  ^^^^^^^ inittab/unknown-action
::once#:/bin/true
^^^^^^^^^^^^^^^^^ inittab/missing-field
`);
    const a = checkDiagnostics(`${BB}::initdefault:/bin/true
  ^^^^^^^^^^^ inittab/unknown-action
`);
    assert.match(a.problems[0]!.message, /sysvinit action/);
  });

  it('busybox-bad-tty for sysvinit ids left over', () => {
    checkDiagnostics(`${BB}si::sysinit:/etc/init.d/rcS
^^ inittab/busybox-bad-tty
tts/0::askfirst:/bin/ash --login
hvc0::respawn:/sbin/getty -L hvc0 115200 vt100
`);
  });

  it('runlevels-ignored for any runlevels', () => {
    checkDiagnostics(`${BB}tty1:2345:respawn:/sbin/getty 38400 tty1
     ^^^^ inittab/runlevels-ignored
`);
  });

  it('hash-in-command: glued or quoted #', () => {
    checkDiagnostics(`${BB}::respawn:/usr/bin/bot --room=#ops
                              ^^^^ inittab/hash-in-command
::once:/bin/echo "a # b"
                    ^^^^ inittab/hash-in-command
::once:/bin/echo done # a comment
`);
  });

  it('respawn-backgrounded for respawn and askfirst', () => {
    checkDiagnostics(`${BB}::respawn:/usr/sbin/agent &
                          ^ inittab/respawn-backgrounded
tty2::askfirst:/bin/thing&
                         ^ inittab/respawn-backgrounded
`);
  });

  it('dialect follows the setting and the profile', () => {
    const text = 'id:3:initdefault:\nl3:3:wait:/etc/rc.d/rc 3\n';
    assert.equal(analyzeText(text).info.profile, 'sysvinit');
    assert.equal(analyzeText(text, { settings: { inittabDialect: 'busybox' } }).info.profile, 'busybox');
    assert.equal(analyzeText(text, { settings: { profile: 'busybox' } }).info.profile, 'busybox');
    assert.equal(analyzeText(BB).info.profile, 'busybox');
    assert.equal(analyzeText(BB, { settings: { profile: 'rhel' } }).info.profile, 'sysvinit');
    // One stray BusyBox action in a sysvinit file keeps it sysvinit.
    assert.equal(analyzeText(`${RH_HEAD}l3:3:wait:/etc/rc.d/rc 3\n::shutdown:/bin/umount -a -r\n`).info.profile, 'sysvinit');
  });
});

describe('inittab against its image root', () => {
  const run = (files: Record<string, string>, image = true) => svc.analyze({ path: '/img/etc/inittab', text: files['/img/etc/inittab']!, language: 'inittab' }, svc.DEFAULT_SETTINGS, memHost(image ? { '/img/sbin/init': '', ...files } : files)).problems;
  const RH = 'id:3:initdefault:\nsi::sysinit:/etc/rc.d/rc.sysinit\nl3:3:wait:/etc/rc.d/rc 3\n';
  const BBT = '::sysinit:/etc/init.d/rcS\nttyS0::respawn:-/bin/sh\n';

  it('workspace/inittab-rc-missing on the program, when its folder is in the root but the script is not', () => {
    const p = run({ '/img/etc/inittab': RH, '/img/etc/rc.d/rc.sysinit': '#!/bin/sh\n', '/img/etc/rc.d/init.d/x': '' });
    assert.deepEqual(p.map((x) => [x.code, x.severity, x.range.start.line, x.range.start.character, x.range.end.character]), [['workspace/inittab-rc-missing', 'warning', 2, 10, 22]]);
    const bb = run({ '/img/etc/inittab': BBT, '/img/etc/init.d/S10udev': '' });
    // Once per program (on its first entry); a rootfs overlay (no sbin/init, no bin/sh) is not judged.
    assert.equal(run({ '/img/etc/inittab': `${RH}l5:5:wait:/etc/rc.d/rc 5\n`, '/img/etc/rc.d/rc.sysinit': '' }).length, 1);
    assert.deepEqual(run({ '/img/etc/inittab': BBT, '/img/etc/init.d/S10udev': '' }, false), []);
    assert.deepEqual(bb.map((x) => [x.code, x.range.start.line, x.range.start.character]), [['workspace/inittab-rc-missing', 0, 10]]);
  });

  it('nothing when the script is there, when its folder is not (only etc/inittab in the tree), or outside an image root', () => {
    assert.deepEqual(run({ '/img/etc/inittab': RH, '/img/etc/rc.d/rc.sysinit': '', '/img/etc/rc.d/rc': '' }), []);
    assert.deepEqual(run({ '/img/etc/inittab': RH }), []);
    assert.deepEqual(run({ '/img/etc/inittab': BBT, '/img/etc/init.d/rcS': '' }), []);
    const elsewhere = svc.analyze({ path: '/img/inittab', text: RH, language: 'inittab' }, svc.DEFAULT_SETTINGS, memHost({ '/img/inittab': RH, '/img/etc/rc.d/x': '' })).problems;
    assert.deepEqual(elsewhere, []);
  });
});

after(() => {
  // Every inittab code has at least one failing fixture above.
  const missing = svc.allProblems().filter((d) => d.code.startsWith('inittab/') && !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});
