// The native unit sysv-ha proposes for an init script (sysv-ha unit --native, "Convert to a
// native systemd unit"): what the start action does, as a unit. test/oracle/systemd-native.mjs
// runs systemd-analyze verify on the units of the whole corpus.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { REPO } from '../helpers/golden';

before(async () => {
  await svc.initialize({ wasmDir: join(REPO, 'dist') });
});

function convert(text: string, path = '/etc/init.d/foo', version: '219' | '252' = '252') {
  const a = svc.analyze({ path, text, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, systemdVersion: version });
  const u = svc.systemd.convertToNative(a, version);
  assert.ok(u, 'a unit');
  for (const line of u.text.split('\n')) assert.ok(line === '' || line.startsWith('#') || line.startsWith('[') || /^[A-Za-z]+=/.test(line), `a unit-file line: ${line}`);
  return u;
}
const lines = (text: string, key: string) => text.split('\n').filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1));
const script = (header: string, start: string, more = '') => `#!/bin/sh\n${header}\n${more}\ncase "$1" in\n  start)\n    ${start}\n    ;;\n  stop)\n    :\n    ;;\nesac\n`;
const LSB = '### BEGIN INIT INFO\n# Provides: foo\n# Required-Start: $network $remote_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: the foo daemon\n### END INIT INFO';

describe('native units', () => {
  it('examples/etc/rc.d/init.d/httpd (Red Hat: daemon --pidfile, /etc/sysconfig/httpd, killproc -HUP)', () => {
    const path = join(REPO, 'examples/etc/rc.d/init.d/httpd');
    const u = convert(readFileSync(path, 'utf8'), '/etc/rc.d/init.d/httpd', '219');
    assert.equal(u.text, [
      '# httpd.service: a native unit for /etc/rc.d/init.d/httpd, proposed by sysv-ha from what its start action does',
      '# (systemd 219). Review it, then install it as /etc/systemd/system/httpd.service: it takes the',
      '# place of the unit systemd-sysv-generator makes of the script.',
      '[Unit]',
      'Description=start and stop Apache HTTP Server',
      'After=remote-fs.target network-online.target nss-lookup.target distcache.service',
      'Wants=network-online.target',
      '',
      '[Service]',
      'Type=forking',
      'PIDFile=/var/run/httpd/httpd.pid',
      'EnvironmentFile=-/etc/sysconfig/httpd',
      'ExecStart=/usr/sbin/httpd $OPTIONS',
      'ExecReload=/bin/kill -HUP $MAINPID',
      'TimeoutStopSec=10',
      '# Not decided: ${HTTPD} from /etc/sysconfig/httpd can change the program (/usr/sbin/httpd here), which systemd cannot take from the environment.',
      '# Not decided: ${PIDFILE} from /etc/sysconfig/httpd can change the pid file (/var/run/httpd/httpd.pid here), which systemd cannot take from the environment.',
      '# Not decided: httpd is taken to detach (Type=forking); if it can stay in the foreground, run it so with Type=simple (or Type=notify if it supports sd_notify).',
      '# Not decided: EnvironmentFile= reads VAR=value lines, not shell: check that /etc/sysconfig/httpd runs no commands and uses no $VAR.',
      '',
      '[Install]',
      'WantedBy=multi-user.target',
      '# Not decided: The script is not started in any runlevel by default: enable the unit only where it should start at boot.',
      '',
    ].join('\n'));
    assert.equal(u.type, 'forking');
    assert.equal(u.program, '/usr/sbin/httpd');
  });

  it('start-stop-daemon --background --make-pidfile --chuid: Type=simple, User= and Group=, arguments after --', () => {
    const u = convert(script(LSB, 'start-stop-daemon --start --quiet --background --make-pidfile --pidfile /run/foo.pid --chuid foo:bar --exec /usr/bin/food -- -c /etc/foo.conf'));
    assert.equal(u.type, 'simple');
    assert.deepEqual(lines(u.text, 'User'), ['foo']);
    assert.deepEqual(lines(u.text, 'Group'), ['bar']);
    assert.deepEqual(lines(u.text, 'ExecStart'), ['/usr/bin/food -c /etc/foo.conf']);
    assert.deepEqual(lines(u.text, 'PIDFile'), []);
    assert.deepEqual(lines(u.text, 'After'), ['network-online.target remote-fs.target']);
  });

  it('variables: the script\'s values, $VAR for what /etc/default/foo sets, Environment= for defaults it may override', () => {
    const u = convert(script(LSB, 'start-stop-daemon --start --pidfile $PIDFILE --exec $DAEMON -- $DAEMON_OPTS "$CONF"', 'DAEMON=/usr/sbin/food\nPIDFILE=/run/$NAME.pid\nNAME=foo\nCONF=/etc/foo.conf\nDAEMON_OPTS="-v -x"\n[ -r /etc/default/foo ] && . /etc/default/foo'));
    assert.deepEqual(lines(u.text, 'Environment'), ['"DAEMON_OPTS=-v -x"', 'CONF=/etc/foo.conf']);
    assert.deepEqual(lines(u.text, 'EnvironmentFile'), ['-/etc/default/foo']);
    assert.deepEqual(lines(u.text, 'ExecStart'), ['/usr/sbin/food $DAEMON_OPTS ${CONF}']);
    assert.ok(u.undecided.some((n) => n.includes('${DAEMON} from /etc/default/foo can change the program')));
  });

  it('a program the shell puts in the background (&), and one that stays in the foreground, are Type=simple', () => {
    assert.equal(convert(script(LSB, '/usr/bin/food --config /etc/foo.conf &')).type, 'simple');
    assert.equal(convert(script(LSB, '/usr/sbin/sshd -D')).type, 'simple');
    assert.equal(convert(script(LSB, '/usr/sbin/sshd')).type, 'forking');
  });

  it('su -c and runuser: User= and the command line', () => {
    const u = convert(script(LSB, 'su - postgres -c "/usr/lib/postgresql/bin/postgres -D \'/var/lib/pg\' &"'));
    assert.deepEqual(lines(u.text, 'User'), ['postgres']);
    assert.deepEqual(lines(u.text, 'ExecStart'), ['/usr/lib/postgresql/bin/postgres -D /var/lib/pg']);
    assert.equal(u.type, 'simple');
    assert.deepEqual(lines(convert(script(LSB, 'runuser -u svc -- /usr/bin/svcd --foreground')).text, 'User'), ['svc']);
  });

  it('reload: a signal becomes kill $MAINPID; a restart is no reload', () => {
    const withReload = (r: string) => `#!/bin/sh\n${LSB}\ncase "$1" in\n start) start-stop-daemon --start --exec /usr/sbin/food ;;\n reload) ${r} ;;\nesac\n`;
    assert.deepEqual(lines(convert(withReload('start-stop-daemon --stop --signal 1 --exec /usr/sbin/food')).text, 'ExecReload'), ['/bin/kill -HUP $MAINPID']);
    assert.deepEqual(lines(convert(withReload('killproc -p /run/f.pid food -USR1')).text, 'ExecReload'), ['/bin/kill -USR1 $MAINPID']);
    assert.deepEqual(lines(convert(withReload('/usr/sbin/food -s reload')).text, 'ExecReload'), ['/usr/sbin/food -s reload']);
    const restart = convert(withReload('$0 restart'));
    assert.deepEqual(lines(restart.text, 'ExecReload'), []);
    assert.ok(restart.undecided.some((n) => n.includes('no ExecReload=')));
  });

  it('no daemon to name: a oneshot unit running the script, said so; $all and rcS are noted', () => {
    const u = convert(script(LSB.replace('$network', '$network $all'), 'iptables-restore < /etc/iptables.rules'));
    assert.equal(u.type, 'oneshot');
    assert.deepEqual(lines(u.text, 'ExecStart'), ['/etc/init.d/foo start']);
    assert.ok(u.undecided.some((n) => n.includes('runs no daemon')));
    assert.ok(u.undecided.some((n) => n.includes('$all')));
    const early = convert(script(LSB.replace('2 3 4 5', 'S'), '/sbin/early-thing'));
    assert.deepEqual(lines(early.text, 'DefaultDependencies'), ['no']);
  });

  it('User=nobody becomes DynamicUser=yes; a user name systemd would warn about is left to the reader', () => {
    assert.deepEqual(lines(convert(script(LSB, 'start-stop-daemon --start --chuid nobody --exec /usr/bin/food')).text, 'DynamicUser'), ['yes']);
    const odd = convert(script(LSB, 'start-stop-daemon --start --chuid $U --exec /usr/bin/food', 'U=${U:-missing-user-setting-in-the-config-file}'));
    assert.deepEqual(lines(odd.text, 'User'), []);
  });
});
