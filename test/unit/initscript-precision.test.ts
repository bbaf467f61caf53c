/**
 * Issue #13, precision on real packaged files: each rule with a fixture cut down from a real
 * Debian 12 script (../shared/corpus-debian), failing and passing.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { FsHost } from '../../server/src/host/fsHost';
import { analyzeText } from '../helpers/fixture';
import { REPO } from '../helpers/golden';
import { DEB, RH as RH_LIKE } from '../helpers/initscripts';
import { memHost } from '../helpers/memHost';

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

const DEB_OPTS = { language: 'initscript' as const, path: '/etc/init.d/bar' };
const codes = (a: svc.Analysis) => a.problems.map((p) => `${p.range.start.line + 1}:${p.code}=${p.severity}`);

function inRoot(files: Record<string, string>, path: string, settings: Partial<svc.Settings> = {}) {
  return svc.analyze({ path, text: files[path]!, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, ...settings }, memHost(files));
}

const header = (provides: string, start: string, extra = '') => `#!/bin/sh
### BEGIN INIT INFO
# Provides:          ${provides}
# Required-Start:    ${start}
# Required-Stop:     $remote_fs
${extra}# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: ${provides}
### END INIT INFO
. /lib/lsb/init-functions
case "$1" in
  start|stop|restart|force-reload|status) : ;;
  *) echo "Usage: $0 {start|stop}" >&2; exit 2 ;;
esac
`;

describe('initscript precision: the dispatcher', () => {
  // cloud-init's scripts: an upstart guard `case "$1"` inside an `if` comes before the real one.
  const CLOUD_INIT = DEB.replace('case "$1" in\n  start)', `if init_is_upstart; then
	case "$1" in
	stop)
		exit 0
	;;
	*)
		exit 1
	;;
	esac
fi

case "$1" in
  start)`);

  it('is the case on "$1" at the top level, not a guard inside an if before it', () => {
    const a = analyzeText(CLOUD_INIT, DEB_OPTS);
    assert.deepEqual(codes(a), []);
    assert.equal(a.problems.length, 0);
  });

  it('still finds what the real dispatcher lacks', () => {
    const a = analyzeText(CLOUD_INIT.replace('  restart|force-reload)', '  reload)'), DEB_OPTS);
    assert.deepEqual(a.problems.map((p) => p.code).sort(), ['initscript/missing-action', 'initscript/missing-force-reload']);
    assert.equal(a.problems[0]!.range.start.line, 26);
  });

  it('is the case on the variable $1 was copied to', () => {
    const a = analyzeText(DEB.replace('case "$1" in', 'ACTION="$1"\ncase "$ACTION" in'), DEB_OPTS);
    assert.deepEqual(codes(a), []);
  });
});

describe('initscript precision: guarded sources (#15 point 9)', () => {
  // hwclock.sh, cron, and others: every common form of "source it if it is there".
  const forms = [
    '[ ! -r /etc/default/$NAME ] || . /etc/default/$NAME',
    'test ! -r /etc/default/$NAME || . /etc/default/$NAME',
    '[ -r /etc/default/$NAME ] && . /etc/default/$NAME',
    'test -f /etc/default/$NAME && . /etc/default/$NAME',
    'if [ -f /etc/default/$NAME ]; then . /etc/default/$NAME; fi',
    'if [ -r "/etc/default/$NAME" ]; then\n\t. "/etc/default/$NAME"\nfi',
    '[ -r /etc/default/$NAME ] || exit 0\n. /etc/default/$NAME',
    'if [ ! -f /etc/default/$NAME ]; then\n\texit 0\nfi\n. /etc/default/$NAME',
    '[ -f /etc/default/$NAME ] && { . /etc/default/$NAME; }',
  ];
  for (const form of forms) {
    it(`not unguarded: ${form.replace(/\n/g, '; ')}`, () => {
      const a = analyzeText(DEB.replace('[ -r /etc/default/$NAME ] && . /etc/default/$NAME', form), DEB_OPTS);
      assert.deepEqual(codes(a), []);
    });
  }
  it('unguarded, and the wrong way round', () => {
    for (const form of ['. /etc/default/$NAME', '[ -r /etc/default/$NAME ] || . /etc/default/$NAME', '[ ! -r /etc/default/$NAME ] && . /etc/default/$NAME']) {
      const a = analyzeText(DEB.replace('[ -r /etc/default/$NAME ] && . /etc/default/$NAME', form), DEB_OPTS);
      assert.deepEqual(a.problems.map((p) => p.code), ['initscript/unguarded-source'], form);
    }
  });
});

describe('initscript precision: a construct left open at the end of the file (a miss)', () => {
  // acpid's script without its final `esac`: dash and bash say "end of file unexpected"; the tree
  // has only a MISSING node, no ERROR node.
  const host: svc.WorkspaceHost = { readFile: () => undefined, stat: () => undefined, listDir: () => undefined, shellSyntax: (sh, t) => new FsHost().shellSyntax(sh, t) };
  for (const [what, text] of [
    ['case', DEB.replace(/esac\nexit 0\n$/, '')],
    ['if', DEB.replace('. /lib/lsb/init-functions\n', '. /lib/lsb/init-functions\nif [ -x "$DAEMON" ]; then\n\t:\n')],
    ['for', DEB.replace('. /lib/lsb/init-functions\n', '. /lib/lsb/init-functions\nfor f in /etc/bar.d/*; do\n\t. "$f"\n')],
    ['while', DEB.replace('. /lib/lsb/init-functions\n', '. /lib/lsb/init-functions\nwhile read -r l; do\n\t:\n')],
  ] as const) {
    it(`an unclosed ${what} is a syntax error confirmed by the shell`, () => {
      const a = svc.analyze({ path: '/etc/init.d/bar', text, language: 'initscript' }, svc.DEFAULT_SETTINGS, host);
      const p = a.problems.find((x) => x.code === 'initscript/syntax-error');
      assert.ok(p, `${what}: ${codes(a).join(', ')}`);
      assert.equal(p.severity, 'error');
      assert.match(p.message, /end of file unexpected/);
    });
  }
});

describe('initscript precision: facilities', () => {
  it('the facilities Debian packages define are known (lintian\'s list)', () => {
    // fetchmail: Should-Start: $mail-transport-agent; xdebian-edu-firstboot: X-Start-Before: $x-display-manager.
    const a = analyzeText(DEB.replace('# Required-Start:    $remote_fs $syslog\n', '# Required-Start:    $remote_fs $syslog\n# Should-Start:      $mail-transport-agent $x-display-manager\n'), DEB_OPTS);
    assert.deepEqual(codes(a), []);
  });

  it('a facility the folder does not define is information outside a whole image, a warning in one', () => {
    const files = { '/pkg/etc/init.d/a': header('a', '$remote_fs $foo-bar') };
    assert.deepEqual(codes(inRoot(files, '/pkg/etc/init.d/a')), ['4:initscript/unknown-facility=information']);
    // Defined by an insserv.conf.d file of the root: known.
    assert.deepEqual(codes(inRoot({ ...files, '/pkg/etc/insserv.conf.d/foo': '$foo-bar  +foo\n' }, '/pkg/etc/init.d/a')), []);
    // A whole image that does not define it: insserv warns and orders nothing by it.
    const whole = inRoot({ ...files, '/pkg/sbin/init': '' }, '/pkg/etc/init.d/a');
    assert.deepEqual(codes(whole), ['4:initscript/unknown-facility=warning']);
    assert.match(whole.problems[0]!.message, /could not find all dependencies/);
  });

  it('a near miss of a standard facility is a warning anywhere, with a fix', () => {
    const a = inRoot({ '/pkg/etc/init.d/a': header('a', '$remote_fs $netwrok') }, '/pkg/etc/init.d/a');
    assert.deepEqual(codes(a), ['4:initscript/unknown-facility=warning']);
    assert.equal(a.problems[0]!.fixes?.[0]?.edits[0]?.newText, '$network');
  });

  it('a dependency loop through a $facility of insserv.conf (a miss)', () => {
    // Cut down from the real insserv's own verdict: "There is a loop between service a and b if started".
    const files = {
      '/r/etc/insserv.conf': '$local_fs +mountall\n$myfac b\n',
      '/r/etc/init.d/a': header('a', '$myfac'),
      '/r/etc/init.d/b': header('b', 'a'),
    };
    const a = inRoot(files, '/r/etc/init.d/a');
    assert.deepEqual(a.problems.map((p) => p.code), ['workspace/dependency-loop']);
    assert.match(a.problems[0]!.message, /a → \$myfac \(b\) → a/);
    assert.deepEqual(inRoot(files, '/r/etc/init.d/b').problems.map((p) => p.code), ['workspace/dependency-loop']);
    // Without the facility's member in the loop, no loop.
    assert.deepEqual(inRoot({ ...files, '/r/etc/insserv.conf': '$myfac +c\n' }, '/r/etc/init.d/a').problems.map((p) => p.code), []);
  });
});

describe('initscript precision: a link to another script of the folder', () => {
  // dicod ships /etc/init.d/dictd -> dicod: insserv says "script dictd is a symlink to another script, skipped!".
  const dicod = header('dicod dictd', '$remote_fs');
  it('is skipped as insserv skips it, and gives its target no duplicate-provides', () => {
    const files = { '/pkg/etc/init.d/dicod': dicod, '/pkg/etc/init.d/dictd': dicod };
    const host: svc.WorkspaceHost = { ...memHost(files), readLink: (p) => (p === '/pkg/etc/init.d/dictd' ? 'dicod' : undefined) };
    const link = svc.analyze({ path: '/pkg/etc/init.d/dictd', text: dicod, language: 'initscript' }, svc.DEFAULT_SETTINGS, host);
    assert.deepEqual(link.problems, []);
    assert.equal(link.info.profile, 'link');
    assert.match(link.info.reason, /symlink to another script, skipped/);
    assert.deepEqual(svc.analyze({ path: '/pkg/etc/init.d/dicod', text: dicod, language: 'initscript' }, svc.DEFAULT_SETTINGS, host).problems, []);
    // A copy (not a link) is a second script providing the same names.
    assert.deepEqual(inRoot(files, '/pkg/etc/init.d/dictd').problems.map((p) => p.code), ['workspace/duplicate-provides', 'workspace/duplicate-provides']);
  });
  it('as git writes a link where links are off (a file holding the target\'s name)', () => {
    const files = { '/pkg/etc/init.d/dicod': dicod, '/pkg/etc/init.d/dictd': 'dicod' };
    const a = inRoot(files, '/pkg/etc/init.d/dictd');
    assert.deepEqual(a.problems, []);
    assert.equal(a.info.profile, 'link');
    assert.deepEqual(inRoot(files, '/pkg/etc/init.d/dicod').problems, []);
    // A one-word file naming nothing in the folder is a script like any other.
    assert.ok(inRoot({ '/pkg/etc/init.d/x': 'nothing' }, '/pkg/etc/init.d/x').problems.length > 0);
  });
});

describe('initscript precision: profile from the script and the root together', () => {
  const plain = header('a', '$remote_fs').replace('. /lib/lsb/init-functions\n', '');
  const profile = (files: Record<string, string>, path: string) => inRoot(files, path).info;
  it('the root says what it is', () => {
    assert.match(profile({ '/r/etc/init.d/a': plain, '/r/etc/debian_version': '12.5\n' }, '/r/etc/init.d/a').reason, /etc\/debian_version/);
    assert.equal(profile({ '/r/etc/init.d/a': plain, '/r/etc/os-release': 'NAME="Rocky"\nID="rocky"\nID_LIKE="rhel centos fedora"\n' }, '/r/etc/init.d/a').profile, 'rhel');
    assert.equal(profile({ '/r/etc/init.d/a': plain, '/r/etc/os-release': 'ID="opensuse-leap"\n' }, '/r/etc/init.d/a').profile, 'suse');
  });
  it('an LSB script without chkconfig line in etc/init.d is Debian\'s layout; in rc.d/init.d it is Red Hat\'s', () => {
    assert.equal(profile({ '/r/etc/init.d/a': plain }, '/r/etc/init.d/a').profile, 'debian');
    assert.equal(profile({ '/r/etc/rc.d/init.d/a': plain }, '/r/etc/rc.d/init.d/a').profile, 'rhel');
  });
  it('start-stop-daemon, and a multi-distribution script in a Debian layout', () => {
    assert.match(analyzeText(plain.replace(') : ;;', ') start-stop-daemon --start --exec /usr/sbin/a ;;'), { language: 'initscript', path: '/x/a' }).info.reason, /start-stop-daemon/);
    // galera's garb: Red Hat's functions when /etc/redhat-release exists, else Debian's.
    const multi = plain.replace('case "$1"', 'if [ -f /etc/redhat-release ]; then\n\t. /etc/init.d/functions\n\t. /etc/rc.d/init.d/functions\nelse\n\t. /lib/lsb/init-functions\nfi\ncase "$1"').replace('#!/bin/sh\n', '#!/bin/sh\n# chkconfig: - 99 01\n');
    const p = profile({ '/r/etc/init.d/a': multi }, '/r/etc/init.d/a');
    assert.equal(p.profile, 'debian');
    assert.match(p.reason, /several distributions/);
  });
  it('a library named in a comment is not sourced', () => {
    const text = plain.replace('case "$1"', "# Don't need to source /etc/rc.d/init.d/functions at this time\ncase \"$1\"");
    assert.notEqual(analyzeText(text, { language: 'initscript', path: '/x/a' }).info.profile, 'rhel');
  });
});

describe('initscript precision: severities re-derived per profile', () => {
  it('Debian: set -e before init-functions, a lower-case keyword, a comma, no *) branch are information', () => {
    const text = DEB.replace('#!/bin/sh\n', '#!/bin/sh\nset -e\n')
      .replace('# Short-Description:', '# short-description:')
      .replace('# Required-Start:    $remote_fs $syslog', '# Required-Start:    $remote_fs, $syslog')
      .replace(/  \*\)\n\techo[^\n]*\n\texit 2\n\t;;\n/, '');
    const a = analyzeText(text, DEB_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`).sort(), [
      'initscript/comma-in-list=information', 'initscript/lsb-keyword-format=information', 'initscript/no-default-branch=information', 'initscript/set-e-init-functions=information',
    ]);
    // update-rc.d's own reader wants '# Default-Start:' exactly: still a warning.
    assert.deepEqual(analyzeText(DEB.replace('# Default-Start:', '# default-start:'), DEB_OPTS).problems.map((p) => `${p.code}=${p.severity}`), ['initscript/lsb-keyword-format=warning']);
    // Red Hat: chkconfig reads keywords case-sensitively and names split on blanks only.
    assert.deepEqual(analyzeText(text, { ...DEB_OPTS, settings: { profile: 'rhel' } }).problems.filter((p) => /format|comma/.test(p.code)).map((p) => p.severity), ['warning', 'warning']);
  });
  it('an exit code LSB reserves is information outside status, a warning in it', () => {
    const a = analyzeText(DEB.replace('\t$0 start\n', '\t$0 start\n\texit 20\n').replace('\tstatus_of_proc $DAEMON $NAME\n', '\tstatus_of_proc $DAEMON $NAME\n\texit 20\n'), DEB_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/bad-exit-code=information', 'initscript/bad-exit-code=warning']);
  });
  it('missing-local-fs-dependency: only where /var is used for that action; information through $network', () => {
    // aptitude-robot: /var only in the start branch, the stop branch only logs.
    const robot = DEB.replace('# Required-Stop:     $remote_fs $syslog', '# Required-Stop:').replace('\tstart-stop-daemon --start --quiet --oknodo --exec $DAEMON\n', '\tfuser -s /var/lib/dpkg/lock || $DAEMON\n');
    assert.deepEqual(codes(analyzeText(robot, DEB_OPTS)), []);
    // dhis-server: Required-Start: $network, a pid file in /var/run.
    const dhis = DEB.replace('$remote_fs $syslog\n# Required-Stop:     $remote_fs $syslog', '$network\n# Required-Stop:     $network').replace('NAME=bar\n', 'NAME=bar\nPIDFILE=/var/run/bar.pid\n');
    assert.deepEqual(analyzeText(dhis, DEB_OPTS).problems.map((p) => `${p.code}=${p.severity}`), ['initscript/missing-local-fs-dependency=information', 'initscript/missing-local-fs-dependency=information']);
  });
});

describe('initscript precision: templates (#15 point 9)', () => {
  const dhMake = DEB.replace('# Default-Start:     2 3 4 5', '# Default-Start:     %%DEFAULTSTART%%').replace('# Required-Start:    $remote_fs $syslog', '# Required-Start:    @REQUIRED@');
  it('said once instead of the header errors, by its placeholders or its name', () => {
    const a = analyzeText(dhMake, { language: 'initscript', path: '/src/debian/bar.init' });
    assert.deepEqual(codes(a), ['4:initscript/template=information']);
    assert.match(a.problems[0]!.message, /template \(placeholder '@REQUIRED@' on line 4\)/);
    const erb = analyzeText('#!/bin/sh\n# chkconfig: <%= @levels %> 20 80\n<% if @debug %>set -x<% end %>\ncase "$1" in\n  start) : ;;\nesac\n', { language: 'initscript', path: '/src/templates/foo.erb' });
    assert.deepEqual(codes(erb), ['1:initscript/template=information']);
    // The body of an autoconf/dh-make template is still shell, and still checked.
    const body = analyzeText(dhMake.replace('  status)\n\tstatus_of_proc $DAEMON $NAME\n\t;;\n', ''), { language: 'initscript', path: '/src/bar.init.in' });
    assert.deepEqual(body.problems.map((p) => p.code), ['initscript/template', 'initscript/missing-status']);
  });
  it('never for a script where rc runs it: a placeholder there is a shipped bug (cluster-glue\'s logd)', () => {
    const logd = RH_LIKE.replace('# chkconfig: 345 40 60', '# chkconfig: 2345 @LOGD_INITSTARTPRI@ @LOGD_INITSTOPPRI@');
    assert.deepEqual(analyzeText(logd, { language: 'initscript', path: '/etc/init.d/foo' }).problems.map((p) => `${p.code}=${p.severity}`), ['initscript/chkconfig-invalid=error']);
    // dh-make's Default-Start placeholder left in an installed script: said as a placeholder, no
    // 'Write % % D E F A U L T S T A R T % %' (#15 point 9); a word is no runlevels either.
    for (const [token, want] of [['%%DEFAULTSTART%%', /^'%%DEFAULTSTART%%' is a template placeholder the build did not replace, not runlevels: .* started nowhere\. Write the runlevels separated by blanks \(e\.g\. '2 3 4 5'\)/], ['default', /^'default' is one word, not runlevels: .* Write the runlevels separated by blanks/], ['@START@', /template placeholder/]] as const) {
      const a = analyzeText(DEB.replace('# Default-Start:     2 3 4 5', `# Default-Start:     ${token}`), DEB_OPTS);
      assert.deepEqual(codes(a), ['6:initscript/packed-runlevels=error'], token);
      assert.match(a.problems[0]!.message, want);
      assert.equal(a.problems[0]!.fixes, undefined, token);
      assert.ok(!a.problems[0]!.message.includes(`${token[0]} ${token[1]}`), a.problems[0]!.message);
    }
    // Runlevel characters are still spread by the fix.
    assert.equal(analyzeText(DEB.replace('# Default-Start:     2 3 4 5', '# Default-Start:     S2345'), DEB_OPTS).problems[0]!.fixes![0]!.title, "Write 'S 2 3 4 5'");
    // A placeholder only in a comment is no template.
    assert.deepEqual(codes(analyzeText(DEB.replace('#!/bin/sh\n', '#!/bin/sh\n# Author: @FULLNAME@ <@EMAIL@>\n'), { language: 'initscript', path: '/src/debian/bar.init' })), []);
  });
});

describe('initscript: daemon-foreground (#19 point 6)', () => {
  const RH_OPTS = { language: 'initscript' as const, path: '/etc/rc.d/init.d/foo' };
  it('a program daemon waits for forever: on the program, an error', () => {
    // The seed's experiment on atd: 'daemon sleep 120'.
    const a = analyzeText(RH_LIKE.replace('daemon --pidfile=/var/run/foo.pid /usr/sbin/food', 'daemon sleep 120'), RH_OPTS);
    assert.deepEqual(codes(a), ['22:initscript/daemon-foreground=error']);
    assert.equal(a.src.text.split('\n')[21]!.slice(a.problems[0]!.range.start.character, a.problems[0]!.range.end.character), 'sleep');
    for (const call of ['daemon --user memcached /usr/bin/memcached -p 11211', 'daemon /usr/sbin/sshd -D', 'daemon --pidfile=/var/run/foo.pid tail -f /var/log/messages']) {
      assert.deepEqual(analyzeText(RH_LIKE.replace('daemon --pidfile=/var/run/foo.pid /usr/sbin/food', call), RH_OPTS).problems.map((p) => p.code), ['initscript/daemon-foreground'], call);
    }
  });
  it('not for programs that detach, nor a script\'s own daemon function, nor on Debian', () => {
    for (const call of ['daemon /usr/bin/memcached -d -p 11211', 'daemon /usr/sbin/sshd', 'daemon $SLEEP 120', 'daemon --pidfile=/var/run/foo.pid /usr/sbin/food']) {
      assert.deepEqual(codes(analyzeText(RH_LIKE.replace('daemon --pidfile=/var/run/foo.pid /usr/sbin/food', call), RH_OPTS)), [], call);
    }
    const own = RH_LIKE.replace('daemon --pidfile=/var/run/foo.pid /usr/sbin/food', 'daemon sleep 120').replace('start() {', 'daemon() { "$@" & }\nstart() {');
    assert.deepEqual(codes(analyzeText(own, RH_OPTS)), []);
    assert.deepEqual(codes(analyzeText(RH_LIKE.replace('daemon --pidfile=/var/run/foo.pid /usr/sbin/food', 'daemon sleep 120'), { ...RH_OPTS, settings: { profile: 'debian' } })).filter((c) => c.includes('daemon-foreground')), []);
  });
});

describe('initscript: hover notes that became diagnostics (#19 point 6)', () => {
  const RH_OPTS = { language: 'initscript' as const, path: '/etc/rc.d/init.d/foo' };
  it('library-not-sourced: no functions library at all, or a top-level call before it is sourced', () => {
    const none = analyzeText(DEB.replace('. /lib/lsb/init-functions\n', '').replace('[ -r /etc/default/$NAME ] && . /etc/default/$NAME\n', '').replace('\tstart-stop-daemon --start --quiet --oknodo --exec $DAEMON\n', '\tlog_daemon_msg "Starting" "$NAME"\n\tstart-stop-daemon --start --quiet --oknodo --exec $DAEMON\n\tlog_end_msg $?\n'), DEB_OPTS);
    assert.deepEqual(codes(none), ['16:initscript/library-not-sourced=warning', '18:initscript/library-not-sourced=warning', '28:initscript/library-not-sourced=warning']);
    assert.match(none.problems[0]!.message, /log_daemon_msg: command not found/);
    const early = analyzeText(RH_LIKE.replace('. /etc/rc.d/init.d/functions\n', 'action "Loading" true\n. /etc/rc.d/init.d/functions\n'), RH_OPTS);
    assert.deepEqual(early.problems.map((p) => p.code), ['initscript/library-not-sourced']);
    assert.match(early.problems[0]!.message, /before '\/etc\/rc\.d\/init\.d\/functions' is sourced/);
    // Sourced, or through a variable, or defined by the script: nothing.
    assert.deepEqual(codes(analyzeText(DEB, DEB_OPTS)), []);
    assert.deepEqual(codes(analyzeText(DEB.replace('. /lib/lsb/init-functions\n', '. $FUNCTIONS\n'), DEB_OPTS)), []);
    assert.deepEqual(codes(analyzeText(DEB.replace('. /lib/lsb/init-functions\n', 'status_of_proc() { :; }\n'), DEB_OPTS)), []);
    // Debian's postgresql init script (not in the corpora: found on a Debian 12 host): it sources
    // the package's own functions file, which sources /lib/lsb/init-functions. That file may
    // define the helper: nothing, before or after the call.
    const own = DEB.replace('. /lib/lsb/init-functions\n', '. /usr/share/postgresql-common/init.d-functions\n');
    assert.deepEqual(codes(analyzeText(own, DEB_OPTS)), []);
    assert.deepEqual(codes(analyzeText(RH_LIKE.replace('. /etc/rc.d/init.d/functions\n', '. /usr/libexec/foo/functions\naction "Loading" true\n. /etc/rc.d/init.d/functions\n'), RH_OPTS)), []);
    // A configuration file defines no helpers, named or through a variable: still said.
    const config = analyzeText(DEB.replace('. /lib/lsb/init-functions\n', '. /etc/sysconfig/foo\n'), DEB_OPTS);
    assert.deepEqual(config.problems.map((p) => p.code), ['initscript/library-not-sourced']);
  });
  it('pidfile-mismatch: stop reads another pid file than start wrote', () => {
    const a = analyzeText(RH_LIKE.replace(/killproc([^\n]*)\n/, 'killproc -p /var/run/food.pid food\n'), RH_OPTS);
    assert.deepEqual(a.problems.map((p) => `${p.code}=${p.severity}`), ['initscript/pidfile-mismatch=warning']);
    assert.match(a.problems[0]!.message, /start writes \/var\/run\/foo\.pid, but killproc -p .* reads \/var\/run\/food\.pid/);
    assert.deepEqual(codes(analyzeText(RH_LIKE.replace(/killproc([^\n]*)\n/, 'killproc -p /var/run/foo.pid food\n'), RH_OPTS)), []);
    // A path that does not resolve is not compared.
    assert.deepEqual(codes(analyzeText(RH_LIKE.replace(/killproc([^\n]*)\n/, 'killproc -p $PIDFILE food\n'), RH_OPTS)), []);
  });
});
