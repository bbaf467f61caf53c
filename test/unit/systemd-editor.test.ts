// What the editor shows of systemd: hover notes on LSB keywords and words, the "systemd unit"
// code lens and preview, the "Convert to a native systemd unit" action, the Services view's rows.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { hoverAt } from '../helpers/fixture';
import { memHost } from '../helpers/memHost';
import { REPO } from '../helpers/golden';

before(async () => {
  await svc.initialize({ wasmDir: join(REPO, 'dist') });
});

const HEADER = (rs: string) => `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: foo bar\n# Required-Start: ${rs}\n# Required-Stop: $remote_fs\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n# Short-Description: foo\n### END INIT INFO\ncase "$1" in\n  start) start-stop-daemon --start --exec /usr/sbin/food ;;\n  stop) : ;;\nesac\n`;
const DEB = { language: 'initscript' as const, path: '/r/etc/init.d/foo' };

describe('systemd in the editor', () => {
  it('hover on $all: After=all.target, which orders nothing; on $network: network-online.target and Wants=', () => {
    const all = hoverAt(HEADER('$remote_fs $a┃ll'), DEB)!;
    assert.match(all.markdown, /systemd 252.*After=all\.target.*orders nothing/s);
    const net = hoverAt(HEADER('$net┃work'), DEB)!;
    assert.match(net.markdown, /network-online\.target.*Wants=network-online\.target/s);
    assert.match(hoverAt(HEADER('$sys┃log'), DEB)!.markdown, /dropped/);
    assert.doesNotMatch(hoverAt(HEADER('$sys┃log'), { ...DEB, settings: { systemdVersion: 'off' } })!.markdown, /systemd/);
  });

  it('hover on keywords: Required-Start is ordering only, Default-Start is ignored (links decide), Provides makes aliases', () => {
    assert.match(hoverAt(HEADER('$remote_fs').replace('# Required-Start', '# Requ┃ired-Start'), DEB)!.markdown, /ordering, not a requirement/);
    assert.match(hoverAt(HEADER('$remote_fs').replace('# Default-Start', '# Default-St┃art'), DEB)!.markdown, /ignored.*S links/s);
    assert.match(hoverAt(HEADER('$remote_fs').replace('# Provides: foo bar', '# Provides: foo b┃ar'), DEB)!.markdown, /alias unit: `bar\.service`/);
    assert.match(hoverAt(HEADER('$remote_fs').replace('# Default-Start', '# Default-St┃art'), { ...DEB, path: '/r/etc/rc.d/init.d/foo', settings: { systemdVersion: '219' } })!.markdown, /runlevelN\.target/);
  });

  it('hover on the Red Hat header lines: chkconfig is not read (the links are), description is Description=, pidfile is PIDFile=', () => {
    const RH = '#!/bin/bash\n# chkconfig: 345 85 15\n# description: The web server.\n# processname: webd\n# pidfile: /run/webd.pid\ncase "$1" in\n  start) daemon /usr/sbin/webd ;;\nesac\n';
    const at = (needle: string) => RH.replace(needle, needle.slice(0, 4) + '┃' + needle.slice(4));
    const opts = { language: 'initscript' as const, path: '/r/etc/rc.d/init.d/web', settings: { systemdVersion: '252' as const } };
    assert.match(hoverAt(at('# chkconfig'), opts)!.markdown, /systemd 252.*does not read this line.*S links/s);
    assert.match(hoverAt(at('# description'), opts)!.markdown, /systemd 252.*`Description=SYSV: The web server\.`/s);
    assert.match(hoverAt(at('# processname'), opts)!.markdown, /systemd 252.*ignored/s);
    assert.match(hoverAt(at('# pidfile'), opts)!.markdown, /PIDFile=\/run\/webd\.pid/);
    // Not on the values: 345 is the runlevels' own hover.
    assert.doesNotMatch(hoverAt(RH.replace('345', '3┃45'), opts)?.markdown ?? '', /does not read this line/);
  });

  it('code lens "systemd 252 unit" and the convert action (not with systemd off)', () => {
    const a = svc.analyze({ path: DEB.path, text: HEADER('$remote_fs'), language: 'initscript' }, svc.DEFAULT_SETTINGS);
    const lens = svc.getCodeLenses(a).find((l) => l.command?.id === 'sysvHa.previewUnit');
    assert.equal(lens?.title, 'systemd 252 unit');
    const action = svc.getRefactors(a, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }).find((f) => f.title === 'Convert to a native systemd unit');
    assert.deepEqual(action?.command, { id: 'sysvHa.convertToNative', args: [DEB.path] });
    const off = svc.analyze({ path: DEB.path, text: HEADER('$remote_fs'), language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, systemdVersion: 'off' });
    assert.equal(svc.getCodeLenses(off).some((l) => l.command?.id === 'sysvHa.previewUnit'), false);
  });

  it('the preview: what each header word becomes, and the files', () => {
    const host = memHost({ '/r/etc/init.d/foo': HEADER('$remote_fs $all'), '/r/etc/rc3.d/S20foo': '' });
    const text = svc.systemd.previewUnit('/r/etc/init.d/foo', host, svc.DEFAULT_SETTINGS, 'debian');
    assert.match(text, /^What systemd 252 \(Debian 12, RHEL 9\) makes of foo/);
    assert.match(text, /Unit foo\.service, wanted by multi-user\.target/);
    assert.match(text, /line 4 {2}Required-Start: \$all {2}→ {2}After=all\.target: no unit is called all\.target/);
    assert.match(text, /==> \/run\/systemd\/generator\.late\/foo\.service <==\n# Automatically generated by systemd-sysv-generator/);
    assert.match(text, /==> \/run\/systemd\/generator\.late\/bar\.service -> foo\.service {2}\(alias from Provides\)/);
    const skipped = svc.systemd.previewUnit('/r/etc/init.d/foo', memHost({ '/r/etc/init.d/foo': HEADER(''), '/r/lib/systemd/system/foo.service': '' }), svc.DEFAULT_SETTINGS, 'debian');
    assert.match(skipped, /No unit: the native unit lib\/systemd\/system\/foo\.service exists/);
  });

  it('the Services view rows: the targets that want each script', () => {
    const host = memHost({ '/r/etc/init.d/foo': HEADER(''), '/r/etc/rc3.d/S20foo': '', '/r/etc/rc5.d/S20foo': '' }, { '/r/etc/init.d/foo': 0o755 });
    const rows = svc.systemd.systemdRows('/r', host, svc.DEFAULT_SETTINGS, 'debian')!;
    assert.deepEqual(rows.get('/r/etc/init.d/foo'), { version: '252', unit: 'foo.service', wantedBy: ['multi-user.target', 'graphical.target'] });
    assert.equal(svc.systemd.systemdRows('/r', host, svc.DEFAULT_SETTINGS, 'busybox'), undefined);
  });

  it('the hover notes reuse the reading the checks made of the same text (and make their own for another version)', () => {
    const text = '#!/bin/bash\n# chkconfig: 345 85 15\n# description: The web server.\ncase "$1" in\n  start) daemon /usr/sbin/webd ;;\nesac\n';
    const a = svc.analyze({ path: '/r/etc/rc.d/init.d/web', text, language: 'initscript' }, { ...svc.DEFAULT_SETTINGS, systemdVersion: '252' });
    const model = a.model as { systemdLoad?: { version: string; load: { description?: string } } };
    assert.equal(model.systemdLoad?.version, '252');
    assert.equal(model.systemdLoad?.load.description, 'SYSV: The web server.');
    // Marked: the note shows the kept reading, so it was not made again.
    model.systemdLoad!.load.description = 'SYSV: kept';
    assert.match(svc.doHover(a, { line: 2, character: 4 })!.markdown, /`Description=SYSV: kept`/);
  });
});
