/** Navigation across files: definition, references, rename, document links, workspace symbols. */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { REPO } from '../helpers/golden';
import { memHost } from '../helpers/memHost';

before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

const script = (provides: string, rs: string, extra = '', body = '') => `#!/bin/sh
### BEGIN INIT INFO
# Provides: ${provides}
# Required-Start: ${rs}
# Required-Stop:
# Default-Start: 2 3 4 5
# Default-Stop: 0 1 6
${extra}### END INIT INFO
${body}case "$1" in
  start|stop|restart|force-reload|status) ;;
  *) exit 2 ;;
esac
`;

const R = '/img';
const files: Record<string, string> = {
  [`${R}/etc/init.d/web`]: script('web', '$remote_fs db', '# Should-Start: cache\n', '. /lib/lsb/init-functions\n[ -r /etc/default/web ] && . /etc/default/web\nDAEMON=/usr/sbin/webd\nlog_daemon_msg "Starting" web\nhelper() { :; }\nhelper\n'),
  [`${R}/etc/init.d/postgresql`]: script('db postgresql', '$remote_fs'),
  [`${R}/etc/init.d/cache`]: script('cache', '$remote_fs', '# X-Start-Before: web\n'),
  [`${R}/etc/insserv.conf`]: '# facilities\n$remote_fs     $local_fs +mountnfs\n',
  [`${R}/lib/lsb/init-functions`]: '# LSB functions\nlog_success_msg () {\n  :\n}\n\nlog_daemon_msg() {\n  echo "$@"\n}\n',
  [`${R}/etc/default/web`]: 'PORT=80\n',
  [`${R}/usr/sbin/webd`]: '\x7fELF',
  [`${R}/etc/ha.d/ha.cf`]: 'node alpha\nnode Beta\nbcast eth0\n',
  [`${R}/etc/ha.d/haresources`]: 'alpha IPaddr::10.0.0.5/24 cache web\nbeta db\n',
  [`${R}/etc/ha.d/authkeys`]: 'auth 2\n1 crc\n2 sha1 secret\n',
};

function open(path: string, host = memHost(files), language?: svc.LanguageId) {
  return svc.analyze({ path, text: host.readFile(path)!, language: language ?? svc.languageForPath(path)! }, svc.DEFAULT_SETTINGS, host);
}
const posOf = (text: string, needle: string, nth = 0): svc.Position => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length + 1 };
};
const where = (ls: svc.Location[]) => ls.map((l) => `${l.path.slice(R.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);

describe('go to definition', () => {
  const web = `${R}/etc/init.d/web`;
  const text = files[web]!;
  it('from a dependency to the Provides word of the script that provides it', () => {
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, 'db'))), ['/etc/init.d/postgresql:2:12-14']);
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, 'cache'))), ['/etc/init.d/cache:2:12-17']);
    // X-Start-Before names a script too.
    const cache = `${R}/etc/init.d/cache`;
    assert.deepEqual(where(svc.getDefinition(open(cache), posOf(files[cache]!, 'web', 0))), ['/etc/init.d/web:2:12-15']);
  });
  it('from a system facility to its insserv.conf line', () => {
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, '$remote_fs'))), ['/etc/insserv.conf:1:0-10']);
  });
  it('from a library call to its definition in the sourced functions file; from a call to the script\'s own function', () => {
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, 'log_daemon_msg'))), ['/lib/lsb/init-functions:5:0-14']);
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, 'helper\n', 0))), ['/etc/init.d/web:13:0-6']);
  });
  it('from a sourced file or a program path to the file (only files of the image root)', () => {
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, '/etc/default/web', 1))), ['/etc/default/web:0:0-0']);
    assert.deepEqual(where(svc.getDefinition(open(web), posOf(text, '/usr/sbin/webd'))), ['/usr/sbin/webd:0:0-0']);
    assert.deepEqual(where(svc.getDefinition(open(web), { line: 0, character: 3 })), []);
  });
  it('from a haresources resource to the script heartbeat runs; from a node to ha.cf', () => {
    const hr = `${R}/etc/ha.d/haresources`;
    const t = files[hr]!;
    assert.deepEqual(where(svc.getDefinition(open(hr), posOf(t, 'cache'))), ['/etc/init.d/cache:0:0-0']);
    assert.deepEqual(where(svc.getDefinition(open(hr), posOf(t, 'beta'))), ['/etc/ha.d/ha.cf:1:5-9']);
    assert.deepEqual(where(svc.getDefinition(open(hr), posOf(t, 'IPaddr'))), []);
  });
  it('from auth N to the key line numbered N, never to the key', () => {
    const ak = `${R}/etc/ha.d/authkeys`;
    assert.deepEqual(where(svc.getDefinition(open(ak), { line: 0, character: 5 })), ['/etc/ha.d/authkeys:2:0-1']);
  });
});

describe('find references', () => {
  it('of a Provides name: the headers that need it and the haresources lines that run the script', () => {
    const cache = `${R}/etc/init.d/cache`;
    const refs = where(svc.getReferences(open(cache), posOf(files[cache]!, 'cache'), true)).sort();
    assert.deepEqual(refs, ['/etc/ha.d/haresources:0:26-31', '/etc/init.d/cache:2:12-17', '/etc/init.d/web:7:16-21']);
    assert.deepEqual(where(svc.getReferences(open(cache), posOf(files[cache]!, 'cache'), false)).sort(), ['/etc/ha.d/haresources:0:26-31', '/etc/init.d/web:7:16-21']);
  });
  it('of a haresources resource and node; of an ha.cf node', () => {
    const hr = `${R}/etc/ha.d/haresources`;
    assert.deepEqual(where(svc.getReferences(open(hr), posOf(files[hr]!, 'web'), false)).sort(), ['/etc/ha.d/haresources:0:32-35', '/etc/init.d/cache:7:18-21']);
    assert.deepEqual(where(svc.getReferences(open(`${R}/etc/ha.d/ha.cf`), { line: 1, character: 6 }, true)), ['/etc/ha.d/ha.cf:1:5-9', '/etc/ha.d/haresources:1:0-4']);
  });
});

describe('rename a Provides name', () => {
  const cache = `${R}/etc/init.d/cache`;
  it('edits the Provides word and every dependency; renames the file and haresources when the client can', () => {
    const c = svc.renameSymbol(open(cache), posOf(files[cache]!, 'cache'), 'memcache', { canRenameFiles: true });
    assert.ok(!('error' in c));
    const flat = Object.entries(c.edits).flatMap(([p, es]) => es.map((e) => `${p.slice(R.length)}:${e.range.start.line}:${e.range.start.character}=${e.newText}`)).sort();
    assert.deepEqual(flat, ['/etc/ha.d/haresources:0:26=memcache', '/etc/init.d/cache:2:12=memcache', '/etc/init.d/web:7:16=memcache']);
    assert.deepEqual(c.renames, [{ from: cache, to: `${R}/etc/init.d/memcache` }]);
    // Without file renames, the file keeps its name and haresources (which names the file) is left alone.
    const d = svc.renameSymbol(open(cache), posOf(files[cache]!, 'cache'), 'memcache', { canRenameFiles: false });
    assert.ok(!('error' in d));
    assert.deepEqual(Object.keys(d.edits).sort(), [cache, `${R}/etc/init.d/web`]);
    assert.deepEqual(d.renames, []);
  });
  it('keeps the file when rcN.d links point at it, renames from a dependency or a haresources resource', () => {
    const host = memHost({ ...files, [`${R}/etc/rc2.d/S20cache`]: '' });
    const c = svc.renameSymbol(open(`${R}/etc/init.d/web`, host), posOf(files[`${R}/etc/init.d/web`]!, 'cache'), 'memcache', { canRenameFiles: true });
    assert.ok(!('error' in c));
    assert.deepEqual(c.renames, []);
    assert.equal(Object.keys(c.edits).length, 2);
    const hr = `${R}/etc/ha.d/haresources`;
    assert.deepEqual(svc.prepareRename(open(hr), posOf(files[hr]!, 'cache')), { range: svc.range(0, 26, 31), placeholder: 'cache' });
  });
  it('refuses names insserv would not take, names already provided, and places that are not names', () => {
    const a = open(cache);
    const p = posOf(files[cache]!, 'cache');
    assert.match((svc.renameSymbol(a, p, '$net', { canRenameFiles: false }) as { error: string }).error, /not a service name/);
    assert.match((svc.renameSymbol(a, p, 'db', { canRenameFiles: false }) as { error: string }).error, /already provided by postgresql/);
    assert.equal(svc.prepareRename(a, posOf(files[cache]!, '$remote_fs')), undefined);
    assert.equal(svc.prepareRename(a, { line: 0, character: 0 }), undefined);
  });
});

describe('document links', () => {
  it('init script: sourced files and programs that exist in the image root', () => {
    const web = `${R}/etc/init.d/web`;
    const links = svc.getDocumentLinks(open(web)).map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character}=${l.target.slice(R.length)}`);
    assert.deepEqual(links, ['9:2-25=/lib/lsb/init-functions', '10:29-45=/etc/default/web', '11:7-21=/usr/sbin/webd']);
  });
  it('xinetd server, inittab process, ha.cf paths, haresources scripts; nothing outside an image root', () => {
    const host = memHost({
      '/i/etc/xinetd.d/tftp': 'service tftp\n{\n\tserver\t\t= /usr/sbin/in.tftpd\n\tserver_args\t= -s /var/lib/tftpboot\n}\n',
      '/i/usr/sbin/in.tftpd': 'x',
      '/i/etc/inittab': 'id:3:initdefault:\nsi::sysinit:/etc/rc.d/rc.sysinit\nl3:3:wait:/etc/rc.d/rc 3\n',
      '/i/etc/rc.d/rc': 'x',
      '/i/etc/ha.d/ha.cf': 'respawn hacluster /usr/lib/heartbeat/ipfail\nnode a\n',
      '/i/usr/lib/heartbeat/ipfail': 'x',
      '/tmp/inittab': 'l3:3:wait:/etc/rc.d/rc 3\n',
    });
    const t = (p: string, lang: svc.LanguageId) => svc.getDocumentLinks(open(p, host, lang)).map((l) => `${l.range.start.line}:${l.range.start.character}=${l.target}`);
    assert.deepEqual(t('/i/etc/xinetd.d/tftp', 'xinetd'), ['2:11=/i/usr/sbin/in.tftpd']);
    assert.deepEqual(t('/i/etc/inittab', 'inittab'), ['2:10=/i/etc/rc.d/rc']);
    assert.deepEqual(t('/i/etc/ha.d/ha.cf', 'hacf'), ['0:18=/i/usr/lib/heartbeat/ipfail']);
    assert.deepEqual(t('/tmp/inittab', 'inittab'), []);
    assert.deepEqual(svc.getDocumentLinks(open(`${R}/etc/ha.d/haresources`)).map((l) => l.target.slice(R.length)), ['/etc/init.d/cache', '/etc/init.d/web', '/etc/init.d/postgresql'].slice(0, 2));
  });
});

describe('workspace symbols', () => {
  it('every service: init scripts (and their other Provides names), xinetd services, haresources resources', () => {
    const host = memHost({ ...files, [`${R}/etc/xinetd.d/tftp`]: 'service tftp\n{\n\tsocket_type = dgram\n\tprotocol = udp\n\twait = yes\n\tuser = root\n\tserver = /usr/sbin/in.tftpd\n}\n' });
    const all = svc.workspaceSymbols([R], '', host).map((s) => `${s.name}@${s.container}`);
    for (const x of ['web@etc/init.d', 'postgresql@etc/init.d', 'db@etc/init.d/postgresql (Provides)', 'tftp@xinetd', 'cache@haresources (alpha)', 'IPaddr::10.0.0.5/24@haresources (alpha)']) assert.ok(all.includes(x), `${x} in ${all.join(', ')}`);
    assert.deepEqual(svc.workspaceSymbols([R], 'pgsql', host).map((s) => s.name), ['postgresql']);
  });
});
