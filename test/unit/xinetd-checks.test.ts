import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { listXinetdServices } from '../../server/src/service/languages/xinetd';
import { analyzeText, applyEdits, checkDiagnostics, coveredCodes, type CheckOptions } from '../helpers/fixture';

const X: CheckOptions = { language: 'xinetd', path: '/etc/xinetd.d/svc' };
const check = (fixture: string, options: CheckOptions = {}): svc.Analysis => checkDiagnostics(fixture, { ...X, ...options });
const analyze = (text: string, path = '/etc/xinetd.d/svc'): svc.Analysis => analyzeText(text, { ...X, path });

const FTP = `service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
}
`;

describe('xinetd checks', () => {
  it('accepts a clean stream service, a udp service, defaults and includedir', () => {
    check(`# a comment
defaults
{
  log_type       = SYSLOG daemon info
  log_on_success = PID HOST
  log_on_failure = HOST
  instances      = 60
  cps            = 25 30
}

includedir /etc/xinetd.d

${FTP}
service tftp
{
\tsocket_type\t= dgram
\tprotocol\t= udp
\twait\t\t= yes
\tuser\t\t= root
\tserver\t\t= /usr/sbin/in.tftpd
\tserver_args\t= -s /srv/tftp
\tdisable\t\t= yes
  only_from = 10.0.0.0/8 192.168.1.{1,2}
  access_times = 2:00-8:59 12:00-23:59
  flags = IPv4 REUSE
}
service check-mk-agent
{
  type = UNLISTED
  port = 6556
  socket_type = stream
  protocol = tcp
  wait = No
  user = root
  server = /usr/bin/check_mk_agent
  log_on_success =
}
service chargen
{
  id = chargen-dgram
  type = INTERNAL
  wait = yes
  socket_type = dgram
}
`);
  });

  it('brace-not-alone: `{` on the service line, with a fix that moves it', () => {
    const a = check(`service telnet {
^^^^^^^^^^^^^^^^ xinetd/brace-not-alone
  socket_type = stream
}
${FTP}`);
    assert.equal(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits).split('\n').slice(0, 2).join('\n'), 'service telnet\n{');
  });

  it('brace-not-alone: a `}` sharing a line swallows the next entry', () => {
    check(`service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd }
  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ xinetd/brace-not-alone
service telnet
^^^^^^^^^^^^^^ xinetd/bad-attribute-line
{
  socket_type = stream
}
`);
  });

  it('a `{` after the name is ignored when a `{` line follows', () => {
    check(`service ftp {\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/in.ftpd\n}\n`);
  });

  it('brace-not-alone: no `{` line after the header', () => {
    check(`service ftp
^^^^^^^^^^^ xinetd/brace-not-alone
  socket_type = stream
}
`);
  });

  it('missing-close-brace at the end of the file, with a fix', () => {
    const a = check(`${FTP}service tftp
^^^^^^^^^^^^ xinetd/missing-close-brace
{
  socket_type = dgram
`);
    const fixed = applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits);
    assert.ok(fixed.endsWith('socket_type = dgram\n}\n'), fixed);
  });

  it('bad-entry-line: an unknown keyword, and service without a name', () => {
    const a = check(`services ftp
^^^^^^^^^^^^ xinetd/bad-entry-line
${FTP}service
^^^^^^^ xinetd/bad-entry-line
`);
    assert.match(a.problems[0]!.message, /losing service ftp/);
  });

  it('duplicate-defaults on the second one', () => {
    check(`defaults
{
}
defaults
^^^^^^^^ xinetd/duplicate-defaults
{
  instances = 10
}
`);
  });

  it('no-space-before-operator with a certain fix', () => {
    const a = check(`service ftp
{
  socket_type = stream
  wait        = no
  user=root
  ^^^^^ xinetd/no-space-before-operator
  server      = /usr/sbin/in.ftpd
}
`);
    assert.match(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), /\n {2}user = root\n/);
  });

  it('bad-attribute-line: no operator, nothing after the name', () => {
    check(`service ftp
{
  log_on_failure USERID
  ^^^^^^^^^^^^^^^^^^^^^ xinetd/bad-attribute-line
}
service telnet
{
  wait
  ^^^^ xinetd/bad-attribute-line
}
`);
  });

  it('bad-attribute-line: an unclosed entry eats the next header', () => {
    check(`service ftp
{
  socket_type = stream
#}
service telnet
^^^^^^^^^^^^^^ xinetd/bad-attribute-line
{
}
`);
  });

  it('unknown-attribute, with a typo fix, and service-only attributes in defaults', () => {
    const a = check(`defaults
{
  server = /bin/true
  ^^^^^^ xinetd/unknown-attribute
}
service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  sever       = /usr/sbin/in.ftpd
  ^^^^^ xinetd/unknown-attribute
  server      = /usr/sbin/in.ftpd
  leaky_bucket = 1 2 3 4
  ^^^^^^^^^^^^ xinetd/unknown-attribute
}
`);
    assert.equal(a.problems[1]!.fixes?.[0]?.edits[0]?.newText, 'server');
  });

  it('wrong-disable-attribute both ways', () => {
    check(`defaults
{
  disable = yes
  ^^^^^^^ xinetd/wrong-disable-attribute
}
service ftp
{
  disabled    = yes
  ^^^^^^^^ xinetd/wrong-disable-attribute
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
}
`);
  });

  it('duplicate-attribute on the second, also bind/interface', () => {
    check(`service ftp
{
  socket_type = stream
  wait        = no
  wait        = yes
  ^^^^ xinetd/duplicate-attribute
  user        = root
  server      = /usr/sbin/in.ftpd
  bind        = 127.0.0.1
  interface   = 127.0.0.2
  ^^^^^^^^^ xinetd/duplicate-attribute
}
`);
  });

  it('operator-not-allowed on single-value attributes and -= on env', () => {
    check(`service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
  instances  += 5
             ^^ xinetd/operator-not-allowed
  env        -= LANG=C
             ^^ xinetd/operator-not-allowed
  log_on_success += DURATION
}
`);
  });

  it('wrong-value-count, and the required attribute it leaves missing', () => {
    check(`service tftp
^^^^^^^^^^^^ xinetd/missing-required-attribute
{
  socket_type = dgram
  wait        = yes
  user        = root
  server      = /usr/sbin/in.tftpd -s /srv
                ^^^^^^^^^^^^^^^^^^^^^^^^^^ xinetd/wrong-value-count
  cps         = 10
                ^^ xinetd/wrong-value-count
}
`);
  });

  it('inline-comment after a value, with a fix that moves it up', () => {
    const a = check(`service ftp
{
  socket_type = stream
  wait        = no # one server per connection
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ xinetd/inline-comment
  user        = root
  server      = /usr/sbin/in.ftpd
}
`);
    assert.match(applyEdits(a.src.text, a.problems[0]!.fixes![0]!.edits), /\n {2}# one server per connection\n {2}wait {8}= no\n/);
  });

  it('invalid-value: socket type, flag, yes/no, numbers, log_type, env, CR', () => {
    const a = check(`service ftp
{
  socket_type = tcp
                ^^^ xinetd/invalid-value
  wait        = true
                ^^^^ xinetd/invalid-value
  user        = root
  server      = /usr/sbin/in.ftpd
  flags       = REUSE REUSEADDR
                      ^^^^^^^^^ xinetd/invalid-value
  instances   = many
                ^^^^ xinetd/invalid-value
  log_type    = SYSLOG daemons
                       ^^^^^^^ xinetd/invalid-value
  env         = LANG
                ^^^^ xinetd/invalid-value
  umask       = 099
                ^^^ xinetd/invalid-value
  only_from   = 10.0.0.1,10.0.0.2
                ^^^^^^^^^^^^^^^^^ xinetd/invalid-value
}
`);
    assert.match(a.problems.find((p) => p.message.includes('daemons'))!.message, /daemon/);
    // CR LF: one problem for the entry, on the first value the CR breaks.
    check('service time\r\n{\r\n  type = INTERNAL\r\n         ^^^^^^^^ xinetd/invalid-value\n  wait = no\r\n  socket_type = stream\r\n}\r\n');
  });

  it('disable-value-case with a fix; lower case and other attributes are fine', () => {
    const a = check(`service ftp
{
  disable     = YES
                ^^^ xinetd/disable-value-case
  socket_type = stream
  wait        = No
  user        = root
  server      = /usr/sbin/in.ftpd
}
`);
    assert.equal(a.problems[0]!.fixes![0]!.edits[0]!.newText, 'yes');
  });

  it('missing-required-attribute, one per attribute; INTERNAL needs no user/server; protocol gives the socket type', () => {
    check(`service ftp
^^^^^^^^^^^ xinetd/missing-required-attribute
^^^^^^^^^^^ xinetd/missing-required-attribute
{
  socket_type = stream
  server      = /usr/sbin/in.ftpd
}
service daytime
{
  type     = INTERNAL
  protocol = tcp
  wait     = no
}
service myapp
^^^^^^^^^^^^^ xinetd/missing-required-attribute
{
  type        = UNLISTED
  socket_type = stream
  wait        = no
  user        = nobody
  server      = /usr/sbin/myapp
}
`);
  });

  it('dgram-nowait on the wait line, with a fix', () => {
    const a = check(`service tftp
{
  socket_type = dgram
  wait        = no
  ^^^^^^^^^^^^^^^^ xinetd/dgram-nowait
  user        = root
  server      = /usr/sbin/in.tftpd
}
`);
    assert.equal(a.problems[0]!.fixes![0]!.edits[0]!.newText, 'yes');
  });

  it('port-mismatch and not-in-services against the bundled services file', () => {
    check(`service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
  port        = 2121
                ^^^^ xinetd/port-mismatch
}
service myapp
        ^^^^^ xinetd/not-in-services
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/myapp
}
service tftp
        ^^^^ xinetd/not-in-services
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.tftpd
}
`);
  });

  it('reads the image root\'s etc/services through the host', () => {
    const files: Record<string, string> = { '/img/etc/services': 'myapp 7777/tcp\n' };
    const host: svc.WorkspaceHost = {
      readFile: (p) => files[p],
      stat: (p) => (files[p] !== undefined ? { isFile: true, isDirectory: false, size: files[p]!.length } : undefined),
      listDir: () => undefined,
    };
    const text = 'service myapp\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/myapp\n}\nservice ftp\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/in.ftpd\n}\n';
    const a = svc.analyze({ path: '/img/etc/xinetd.d/myapp', text, language: 'xinetd' }, svc.DEFAULT_SETTINGS, host);
    assert.deepEqual(a.problems.map((p) => `${p.range.start.line}:${p.code}`), ['7:xinetd/not-in-services']);
    assert.match(a.problems[0]!.message, /\/img\/etc\/services/);
  });

  it('server-args-repeats-program unless NAMEINARGS', () => {
    check(`service tftp
{
  socket_type = dgram
  wait        = yes
  user        = root
  server      = /usr/sbin/in.tftpd
  server_args = in.tftpd -s /srv
                ^^^^^^^^ xinetd/server-args-repeats-program
}
service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  flags       = NAMEINARGS
  server      = /usr/sbin/tcpd
  server_args = tcpd /usr/sbin/in.ftpd
}
`);
  });

  it('invalid-time-interval: 24:00, start after end, bad format', () => {
    check(`service ftp
{
  socket_type  = stream
  wait         = no
  user         = root
  server       = /usr/sbin/in.ftpd
  access_times = 08:00-24:00
                 ^^^^^^^^^^^ xinetd/invalid-time-interval
}
service telnet
{
  socket_type  = stream
  wait         = no
  user         = root
  server       = /usr/sbin/in.telnetd
  access_times = 8:00-17:00 18:00-06:00
                            ^^^^^^^^^^^ xinetd/invalid-time-interval
}
`);
  });

  it('empty-only-from', () => {
    check(`service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
  only_from   =
  ^^^^^^^^^^^^^ xinetd/empty-only-from
}
`);
  });

  it('includedir-skipped-file for names with a dot or a tilde, only in xinetd.d', () => {
    check(`service ftp
^^^^^^^^^^^ xinetd/includedir-skipped-file
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
}`, { path: '/etc/xinetd.d/ftp.rpmnew' });
    check(`# backup
^^^^^^^^ xinetd/includedir-skipped-file
`, { path: '/etc/xinetd.d/ftp~' });
    check(FTP, { path: '/srv/examples/ftp.xinetd' });
  });

  it('traffic-without-redirect, also when inherited from defaults', () => {
    check(`service ftp
{
  socket_type    = stream
  wait           = no
  user           = root
  server         = /usr/sbin/in.ftpd
  log_on_success += TRAFFIC
                    ^^^^^^^ xinetd/traffic-without-redirect
}
service telnet
{
  socket_type    = stream
  wait           = no
  user           = root
  redirect       = 10.0.0.2 23
  log_on_success += TRAFFIC
}
`);
    check(`defaults
{
  log_on_success = TRAFFIC
}
service ftp
^^^^^^^^^^^ xinetd/traffic-without-redirect
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
}
`);
  });

  it('flag-misuse: NAMEINARGS without server_args, redirect that waits', () => {
    check(`service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
  flags       = NAMEINARGS
                ^^^^^^^^^^ xinetd/flag-misuse
}
service telnet
{
  socket_type = stream
  wait        = yes
  user        = root
  redirect    = 10.0.0.2 23
  ^^^^^^^^ xinetd/flag-misuse
}
`);
  });

  it('unknown-internal-service: an INTERNAL name xinetd has no built-in for, or a built-in without that socket type', () => {
    // openSUSE's contrib/xinetd.d/servers, cut down: xinetd 2.3.15.3 says "No such internal service: servers/stream - DISABLING".
    check(`service servers
        ^^^^^^^ xinetd/unknown-internal-service
{
  type        = INTERNAL UNLISTED
  port        = 9099
  socket_type = stream
  protocol    = tcp
  wait        = no
}
service tcpmux
        ^^^^^^ xinetd/unknown-internal-service
        ^^^^^^ xinetd/not-in-services
{
  type        = INTERNAL
  socket_type = dgram
  wait        = yes
}
`);
    // The built-ins, and a SENSOR (internal by its flag), are fine; an id does not change the name xinetd looks up.
    check(`service daytime
{
  type        = INTERNAL
  id          = daytime-stream
  socket_type = stream
  wait        = no
}
service chargen
{
  type        = INTERNAL
  socket_type = dgram
  wait        = yes
}
service finger
{
  type        = INTERNAL
  flags       = SENSOR
  socket_type = stream
  wait        = no
}
`);
  });

  it('workspace/xinetd-duplicate-service in one file: only when the earlier one has a bind', () => {
    const a = check(`service ftp
{
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
  bind        = 127.0.0.1
}
service ftp
^^^^^^^^^^^ workspace/xinetd-duplicate-service
{
  id          = ftp-two
  socket_type = stream
  wait        = no
  user        = root
  server      = /usr/sbin/in.ftpd
}
service tftp
{
  socket_type = dgram
  wait        = yes
  user        = root
  server      = /usr/sbin/in.tftpd
}
service tftp
{
  id          = tftp-two
  socket_type = dgram
  wait        = yes
  user        = root
  server      = /usr/sbin/in.tftpd
}
`);
    assert.equal(a.problems[0]!.related?.[0]?.range.start.line, 0);
  });

  it('workspace/xinetd-duplicate-service across the files includedir reads', () => {
    const files: Record<string, string> = {
      '/img/etc/xinetd.conf': 'defaults\n{\n}\nincludedir /etc/xinetd.d\n',
      '/img/etc/xinetd.d/a-ftp': 'service ftp\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/in.ftpd\n  bind = 10.0.0.1\n}\n',
      '/img/etc/xinetd.d/b-ftp': 'service ftp\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/vsftpd\n  bind = 10.0.0.1\n}\n',
      '/img/etc/xinetd.d/c-ftp.rpmsave': 'service ftp\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/vsftpd\n  bind = 10.0.0.1\n}\n',
    };
    const host: svc.WorkspaceHost = {
      readFile: (p) => files[p],
      stat: (p) => (files[p] !== undefined ? { isFile: true, isDirectory: false, size: 1 } : p === '/img/etc/xinetd.d' ? { isFile: false, isDirectory: true, size: 0 } : undefined),
      listDir: (p) => (p === '/img/etc/xinetd.d' ? Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1)).sort() : undefined),
    };
    const b = svc.analyze({ path: '/img/etc/xinetd.d/b-ftp', text: files['/img/etc/xinetd.d/b-ftp']!, language: 'xinetd' }, svc.DEFAULT_SETTINGS, host);
    assert.deepEqual(b.problems.map((p) => `${p.range.start.line}:${p.code}`), ['0:workspace/xinetd-duplicate-service']);
    assert.equal(b.problems[0]!.related?.[0]?.path, '/img/etc/xinetd.d/a-ftp');
    const a = svc.analyze({ path: '/img/etc/xinetd.d/a-ftp', text: files['/img/etc/xinetd.d/a-ftp']!, language: 'xinetd' }, svc.DEFAULT_SETTINGS, host);
    assert.deepEqual(a.problems, []);
  });

  it('lists the services of an image root for a Services view', () => {
    const files: Record<string, string> = {
      '/img/etc/xinetd.conf': 'includedir /etc/xinetd.d\n',
      '/img/etc/xinetd.d/ftp': FTP,
      '/img/etc/xinetd.d/tftp': 'service tftp\n{\n  disable = yes\n  socket_type = dgram\n  wait = yes\n  user = root\n  server = /usr/sbin/in.tftpd\n}\n',
      '/img/etc/xinetd.d/telnet': 'service telnet {\n}\n',
    };
    const host: svc.WorkspaceHost = {
      readFile: (p) => files[p],
      stat: (p) => (files[p] !== undefined ? { isFile: true, isDirectory: false, size: 1 } : p === '/img/etc/xinetd.d' ? { isFile: false, isDirectory: true, size: 0 } : undefined),
      listDir: (p) => (p === '/img/etc/xinetd.d' ? ['ftp', 'telnet', 'tftp'] : undefined),
    };
    assert.deepEqual(listXinetdServices('/img', host).map((s) => `${s.name} ${s.enabled ? 'enabled' : s.disabled ? 'disabled' : 'broken'} chkconfig ${s.chkconfig}`), [
      'ftp enabled chkconfig on', 'telnet broken chkconfig on', 'tftp disabled chkconfig off',
    ]);
  });

  it('a disabled service is still checked, and parse never throws on junk', () => {
    check(`service ftp
^^^^^^^^^^^ xinetd/missing-required-attribute
{
  disable     = yes
  socket_type = stream
  user        = root
  server      = /usr/sbin/in.ftpd
}
`);
    for (const junk of ['{', '}', '{\n}\n}', 'service', 'service x\n{\n=\n}', '\r\n\r\n', 'defaults\n{\n  += x\n}', 'service x\n{\n a = \r\n']) analyze(junk);
  });
});

after(() => {
  const missing = svc.allProblems().filter((d) => (d.code.startsWith('xinetd/') || d.code === 'workspace/xinetd-duplicate-service') && !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});

describe('xinetd quick fixes clear their diagnostic', () => {
  const texts = [
    'service telnet {\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/in.telnetd\n}\n',
    `${FTP.replace('  user        = root', '  user=root')}`,
    `${FTP.replace('  wait        = no', '  wait        = no # one per connection')}`,
    `${FTP.replace('}\n', '  disable = YES\n}\n')}`,
    `${FTP.replace('}\n', '  disabled = yes\n}\n')}`,
    `${FTP.replace('  server ', '  sever  ')}`,
    `${FTP.replace('}\n', '  instances += 5\n}\n')}`,
    `${FTP.replace('}\n', '  flags = NODELY\n}\n')}`,
    'service tftp\n{\n  socket_type = dgram\n  wait = no\n  user = root\n  server = /usr/sbin/in.tftpd\n}\n',
    `${FTP}service tftp\n{\n  socket_type = dgram\n  wait = yes\n  user = root\n  server = /usr/sbin/in.tftpd\n`,
    `${FTP.replace('  server      = /usr/sbin/in.ftpd', '  server      = /usr/sbin/in.ftpd }')}`,
  ];
  for (const text of texts) {
    const a = analyze(text);
    const fixable = a.problems.filter((p) => p.fixes && p.fixes.length > 0);
    it(`${fixable.map((p) => p.code).join(', ') || 'nothing'} on: ${JSON.stringify(text.split('\n').find((l) => /[={]|sever/.test(l) && !/^\s*(socket_type|user|server|wait) +=/.test(l)) ?? text.slice(0, 30))}`, () => {
      assert.ok(fixable.length > 0, 'a fix is offered');
      for (const p of fixable) {
        const fixed = applyEdits(text, p.fixes![0]!.edits);
        const after = analyze(fixed).problems.filter((q) => q.code === p.code);
        assert.ok(after.length < a.problems.filter((q) => q.code === p.code).length, `${p.code} is still there after '${p.fixes![0]!.title}':\n${fixed}`);
      }
    });
  }
});
