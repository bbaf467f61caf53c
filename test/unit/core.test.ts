import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { splitLines, nearest } from '../../server/src/service/core/text';

describe('which files are checked', () => {
  const cases: [string, svc.LanguageId | undefined][] = [
    ['/etc/inittab', 'inittab'],
    ['/srv/image/etc/inittab', 'inittab'],
    ['/etc/inittab.d/serial.tab', 'inittab'],
    ['/etc/inittab.d/.tab', undefined],
    ['/etc/ha.d/ha.cf', 'hacf'],
    ['/anywhere/haresources', 'haresources'],
    ['/etc/ha.d/authkeys', 'authkeys'],
    ['/etc/xinetd.conf', 'xinetd'],
    ['/etc/xinetd.d/tftp', 'xinetd'],
    ['/etc/rc.d/init.d/httpd', 'initscript'],
    ['/etc/init.d/ssh', 'initscript'],
    ['/etc/init.d/functions', undefined],
    ['/etc/init.d/README', undefined],
    ['/etc/init.d/rcS', undefined],
    ['/etc/init.d/.depend.start', undefined],
    ['/etc/rc3.d/S10network', undefined],
    ['/etc/passwd', undefined],
  ];
  for (const [path, lang] of cases) it(`${path} → ${lang ?? 'none'}`, () => assert.equal(svc.languageForPath(path), lang));

  it('editor language ids and init-script headers', () => {
    assert.equal(svc.languageForDocument('/tmp/x', 'inittab', ''), 'inittab');
    assert.equal(svc.languageForDocument('/tmp/x', 'shellscript', '#!/bin/sh\n# chkconfig: 345 40 60\n'), 'initscript');
    assert.equal(svc.languageForDocument('/tmp/x', 'shellscript', '#!/bin/sh\n### BEGIN INIT INFO\n'), 'initscript');
    assert.equal(svc.languageForDocument('/etc/init.d/foo', 'shellscript', '#!/bin/sh\n'), 'initscript');
    assert.equal(svc.languageForDocument('/tmp/build.sh', 'shellscript', '#!/bin/sh\necho hi\n'), undefined);
  });
});

describe('settings', () => {
  it('normalises valid input and reports what it ignores', () => {
    const { settings, ignored } = svc.normalizeSettings({
      profile: 'debian', severity: { 'inittab/crlf': 'off', 'inittab/x': 'loud' }, inittab: { dialect: 'busybox' }, sysvinitVersion: '2', maxFileSize: -1,
    });
    assert.equal(settings.profile, 'debian');
    assert.deepEqual(settings.severity, { 'inittab/crlf': 'off' });
    assert.equal(settings.inittabDialect, 'busybox');
    assert.equal(settings.sysvinitVersion, 2);
    assert.equal(settings.maxFileSize, svc.DEFAULT_SETTINGS.maxFileSize);
    assert.equal(ignored.length, 2);
  });

  it('localNode: a host name, trimmed; anything else is ignored', () => {
    assert.equal(svc.normalizeSettings({ localNode: ' node1 ' }).settings.localNode, 'node1');
    assert.equal(svc.DEFAULT_SETTINGS.localNode, '');
    for (const bad of [42, 'two words', '#x']) {
      const { settings, ignored } = svc.normalizeSettings({ localNode: bad });
      assert.equal(settings.localNode, '');
      assert.equal(ignored.length, 1);
    }
  });

  it('falls back to defaults for garbage', () => {
    for (const input of [null, undefined, 42, 'x', [], { profile: 7 }]) {
      const { settings } = svc.normalizeSettings(input);
      assert.equal(settings.profile, 'auto');
    }
  });
});

describe('text helpers', () => {
  it('keeps line terminators', () => {
    assert.deepEqual(splitLines('a\r\nb\nc').map((l) => [l.text, l.eol]), [['a', '\r\n'], ['b', '\n'], ['c', '']]);
    assert.deepEqual(splitLines('').map((l) => l.text), ['']);
  });

  it('finds a single nearest word, or none on a tie', () => {
    assert.equal(nearest('respwn', ['respawn', 'wait']), 'respawn');
    assert.equal(nearest('xx', ['ab', 'cd']), undefined);
  });
});

describe('registry', () => {
  it('every code is <language>/<kebab-name>, with docs', () => {
    for (const d of svc.allProblems()) {
      assert.match(d.code, /^(inittab|initscript|hacf|haresources|authkeys|xinetd|ipaddr|workspace|systemd|pacemaker)\/[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(d.detects.length > 20 && d.behaviour.length > 10 && d.source.length > 0, d.code);
    }
  });

  it('problems at one position are ordered by code units exactly as localeCompare ordered them (every pair of registered codes)', () => {
    // The server sorts by code units so that ICU's collator is never loaded (memory); the order
    // users and tests saw must not change.
    const codes = svc.allProblems().map((d) => d.code);
    assert.ok(codes.length > 100);
    const sign = (n: number) => Math.sign(n);
    for (const a of codes) for (const b of codes) assert.equal(sign(svc.compareCodes(a, b)), sign(a.localeCompare(b)), `${a} / ${b}`);
    assert.deepEqual([...codes].sort(svc.compareCodes), [...codes].sort((a, b) => a.localeCompare(b)));
  });

  it("a problem count is written as toLocaleString('en-US') writes it, without ICU", () => {
    for (const n of [0, 1, 12, 999, 1000, 1001, 99_800, 100_000, 1_234_567, 987_654_321_012]) assert.equal(svc.groupThousands(n), n.toLocaleString('en-US'));
  });

  it('user severity beats the profile default, which beats the code default', () => {
    const s = { ...svc.DEFAULT_SETTINGS, severity: {} };
    assert.equal(svc.levelFor('inittab/duplicate-id', s, ['sysvinit']), 'error');
    assert.equal(svc.levelFor('inittab/duplicate-id', s, ['busybox']), 'off');
    assert.equal(svc.levelFor('inittab/duplicate-id', { ...s, severity: { 'inittab/duplicate-id': 'hint' } }, ['busybox']), 'hint');
  });
});
