// The generator's run is kept while every read it made answers the same (the scripts' bytes,
// their status, the rcN.d links, the unit folders, the headers the planned links come from),
// and made again when one differs, whatever the host's memo says. The host here never forgets
// its memo: a result that depended on the memo being cleared would stay stale.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/service/core/settings';
import type { RawProblem } from '../../server/src/service/core/types';
import { enumerationOf, generatorRun } from '../../server/src/service/systemd/checks';
import { keptWhileReadsAgree, readsAgree, recordingHost, type Read } from '../../server/src/service/systemd/reads';
import { PROFILES } from '../../server/src/service/systemd';

const P252 = PROFILES['252'];
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, systemdVersion: '252' };

/** A mutable in-memory root: files, symbolic links, modes; a memo that is never cleared. */
class Tree implements svc.WorkspaceHost {
  files: Record<string, string> = {};
  links: Record<string, string> = {};
  modes: Record<string, number> = {};
  reads = 0;
  private memos = new Map<string, unknown>();
  constructor(files: Record<string, string>, links: Record<string, string> = {}) {
    Object.assign(this.files, files);
    Object.assign(this.links, links);
  }
  private dirs(): Set<string> {
    const dirs = new Set<string>(['/']);
    for (const p of [...Object.keys(this.files), ...Object.keys(this.links)]) {
      for (let d = p.slice(0, p.lastIndexOf('/')); d.length > 0; d = d.slice(0, d.lastIndexOf('/'))) dirs.add(d);
    }
    return dirs;
  }
  private resolve(p: string, n = 0): string | undefined {
    const t = this.links[p];
    if (t === undefined) return p;
    if (n > 10) return undefined;
    return this.resolve(t.startsWith('/') ? `/r${t}` : `${p.slice(0, p.lastIndexOf('/'))}/${t}`.replace(/\/[^/]+\/\.\.\//g, '/'), n + 1);
  }
  readFile(p: string): string | undefined {
    this.reads++;
    const r = this.resolve(p);
    return r === undefined ? undefined : this.files[r];
  }
  stat(p: string): svc.FileInfo | undefined {
    const r = this.resolve(p);
    if (r === undefined) return undefined;
    if (r in this.files) return { isFile: true, isDirectory: false, mode: this.modes[r] ?? 0o755, size: this.files[r]!.length };
    return this.dirs().has(r) ? { isFile: false, isDirectory: true, size: 0 } : undefined;
  }
  listDir(p: string): string[] | undefined {
    const dirs = this.dirs();
    if (!dirs.has(p)) return undefined;
    const names = new Set<string>();
    for (const f of [...Object.keys(this.files), ...Object.keys(this.links), ...dirs]) if (f !== '/' && f.startsWith(`${p}/`)) names.add(f.slice(p.length + 1).split('/')[0]!);
    return [...names].sort();
  }
  readLink(p: string): string | undefined {
    return this.links[p];
  }
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }
}

const lsb = (provides: string, extra = '', body = 'case "$1" in\n  start|stop) ;;\n  *) echo "Usage: $0 {start|stop}"; exit 2 ;;\nesac\n') =>
  `#!/bin/sh\n### BEGIN INIT INFO\n# Provides: ${provides}\n# Required-Start: $network\n# Default-Start: 2 3 4 5\n# Default-Stop: 0 1 6\n${extra}### END INIT INFO\n${body}`;

const unitText = (run: svc.systemd.GeneratorRun | undefined, name: string) => {
  const e = run?.entries.find((x) => x.path === name);
  assert.ok(e && e.kind === 'unit', `${name} is a unit`);
  return e.text;
};
const rowOf = (t: Tree, path: string) => svc.systemd.systemdRows('/r', t, SETTINGS, 'debian')!.get(path);

describe('systemd: the generator run is kept while what it read is unchanged', () => {
  it('a body edit that adds a reload action: ExecReload= in the run and the preview, the host forgetting nothing', () => {
    const t = new Tree({ '/r/etc/init.d/db': lsb('db'), '/r/etc/init.d/web': lsb('web') });
    assert.doesNotMatch(unitText(generatorRun('/r', t, P252, SETTINGS), 'db.service'), /ExecReload/);
    assert.doesNotMatch(svc.systemd.previewUnit('/r/etc/init.d/db', t, SETTINGS, 'debian'), /ExecReload/);
    t.files['/r/etc/init.d/db'] = t.files['/r/etc/init.d/db']!.replace('{start|stop}', '{start|stop|reload}');
    assert.match(unitText(generatorRun('/r', t, P252, SETTINGS), 'db.service'), /^ExecReload=\/etc\/init\.d\/db reload$/m);
    assert.match(svc.systemd.previewUnit('/r/etc/init.d/db', t, SETTINGS, 'debian'), /^ExecReload=\/etc\/init\.d\/db reload$/m);
    // A "# pidfile:" line below the header is read too.
    t.files['/r/etc/init.d/db'] += '# pidfile: /run/db.pid\n';
    assert.match(unitText(generatorRun('/r', t, P252, SETTINGS), 'db.service'), /^PIDFile=\/run\/db\.pid$/m);
  });

  it('an rcN.d link added, then removed: the targets that want the unit follow (Services rows too)', () => {
    // Every rc1.d-rc5.d exists (else the links the tree's tool would make stand in for it).
    const t = new Tree({ '/r/etc/init.d/db': lsb('db'), ...Object.fromEntries([1, 2, 3, 4, 5].map((l) => [`/r/etc/rc${l}.d/README`, ''])) }, { '/r/etc/rc3.d/S20db': '../init.d/db' });
    assert.deepEqual(rowOf(t, '/r/etc/init.d/db')?.wantedBy, ['multi-user.target']);
    t.links['/r/etc/rc5.d/S20db'] = '../init.d/db';
    assert.deepEqual(rowOf(t, '/r/etc/init.d/db')?.wantedBy, ['multi-user.target', 'graphical.target']);
    delete t.links['/r/etc/rc3.d/S20db'];
    assert.deepEqual(rowOf(t, '/r/etc/init.d/db')?.wantedBy, ['graphical.target']);
    // A link that changes where it points (same name): what the preview says it read follows.
    t.links['/r/etc/rc5.d/S20db'] = '/etc/init.d/db';
    assert.match(svc.systemd.previewUnit('/r/etc/init.d/db', t, SETTINGS, 'debian'), /Links read: rc5\.d\/S20db\./);
  });

  it('no rcN.d folder: the planned links follow another script\'s Default-Start; an alias follows its Provides', () => {
    const t = new Tree({ '/r/etc/init.d/db': lsb('db'), '/r/etc/init.d/web': lsb('web') });
    assert.deepEqual(rowOf(t, '/r/etc/init.d/web')?.wantedBy, ['multi-user.target', 'graphical.target']);
    t.files['/r/etc/init.d/web'] = t.files['/r/etc/init.d/web']!.replace('Default-Start: 2 3 4 5', 'Default-Start: 5');
    assert.deepEqual(rowOf(t, '/r/etc/init.d/web')?.wantedBy, ['graphical.target']);
    const aliases = () => generatorRun('/r', t, P252, SETTINGS)!.entries.filter((e) => e.kind === 'link' && e.role === 'alias').map((e) => e.path);
    assert.deepEqual(aliases(), []);
    t.files['/r/etc/init.d/web'] = t.files['/r/etc/init.d/web']!.replace('Provides: web', 'Provides: web httpd');
    assert.deepEqual(aliases(), ['httpd.service']);
  });

  it('a native unit appears, a script loses its x bit: the run and the root check follow', () => {
    const t = new Tree({ '/r/etc/init.d/db': lsb('db'), '/r/etc/init.d/web': lsb('web') });
    const settings: Settings = { ...SETTINGS, checkFileModes: true };
    const check = () => {
      const out: RawProblem[] = [];
      svc.systemd.checkSystemd({ path: '/r/etc/init.d/db', text: t.files['/r/etc/init.d/db']!, profile: 'debian', settings, host: t, root: '/r' }, out);
      return out.map((p) => p.code);
    };
    assert.deepEqual(check(), []);
    t.files['/r/lib/systemd/system/db.service'] = '[Service]\nExecStart=/usr/sbin/db\n';
    assert.match(generatorRun('/r', t, P252, settings)!.scripts.find((s) => s.name === 'db')!.skipped!, /native unit lib\/systemd\/system\/db\.service/);
    assert.deepEqual(check(), ['systemd/native-unit']);
    delete t.files['/r/lib/systemd/system/db.service'];
    assert.deepEqual(check(), []);
    t.modes['/r/etc/init.d/web'] = 0o644;
    assert.match(generatorRun('/r', t, P252, settings)!.scripts.find((s) => s.name === 'web')!.skipped!, /not executable/);
  });

  it('nothing changed: the same run; one body changed: only that script is read again by load_sysv()', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`/r/etc/init.d/s${i}`] = lsb(`s${i}`);
    const t = new Tree(files);
    const first = generatorRun('/r', t, P252, SETTINGS)!;
    assert.equal(generatorRun('/r', t, P252, SETTINGS), first);
    const loadOf = (run: svc.systemd.GeneratorRun, name: string) => run.scripts.find((s) => s.name === name)!.load;
    t.files['/r/etc/init.d/s7'] += 'echo "Usage: $0 {reload}"\n';
    const second = generatorRun('/r', t, P252, SETTINGS)!;
    assert.notEqual(second, first);
    assert.equal(loadOf(second, 's6'), loadOf(first, 's6'));
    assert.notEqual(loadOf(second, 's7'), loadOf(first, 's7'));
    assert.equal(loadOf(second, 's7')!.reload, true);
    // The root check's enumeration reads no text: typing in a body keeps it.
    const e = enumerationOf('/r', t, P252, SETTINGS);
    t.files['/r/etc/init.d/s7'] += ': typing\n';
    assert.equal(enumerationOf('/r', t, P252, SETTINGS), e);
    // Another version is another run, kept beside this one.
    const v219 = generatorRun('/r', t, PROFILES['219'], SETTINGS)!;
    assert.equal(v219.profile.version, '219');
    assert.equal(generatorRun('/r', t, PROFILES['219'], SETTINGS), v219);
  });
});

describe('systemd: reads kept and compared', () => {
  it('each read is kept once with its answer; a changed text, listing, status or link is seen', () => {
    const t = new Tree({ '/r/a': 'x' }, { '/r/l': 'a' });
    const reads: Read[] = [];
    const h = recordingHost(t, reads);
    h.readFile('/r/a');
    h.readFile('/r/a');
    h.listDir('/r');
    assert.equal(h.stat('/r/a')?.isFile, true);
    h.readLink!('/r/l');
    assert.equal(reads.length, 4);
    // The size of a status counts only once it was read.
    t.files['/r/a'] = 'xx';
    assert.equal(readsAgree(t, reads.filter((r) => r.kind === 'stat')), true);
    assert.equal(h.stat('/r/a')?.size, 1);
    assert.equal(readsAgree(t, reads.filter((r) => r.kind === 'stat')), false);
    t.files['/r/a'] = 'x';
    assert.equal(readsAgree(t, reads), true);
    t.links['/r/l'] = 'b';
    assert.equal(readsAgree(t, reads), false);
    t.links['/r/l'] = 'a';
    t.files['/r/b'] = '';
    assert.equal(readsAgree(t, reads), false); // /r lists b now
    delete t.files['/r/b'];
    t.modes['/r/a'] = 0o600;
    assert.equal(readsAgree(t, reads), false);
    delete t.modes['/r/a'];
    t.files['/r/a'] = 'y';
    assert.equal(readsAgree(t, reads), false);
  });

  it('keptWhileReadsAgree computes again only when a read differs, and hands over the previous value', () => {
    const t = new Tree({ '/r/a': '1' });
    let runs = 0;
    const get = () => keptWhileReadsAgree<{ n: number; before?: number }>(t, 'test:sum', (h, previous) => {
      runs++;
      return { n: Number(h.readFile('/r/a')), before: previous?.n };
    });
    assert.deepEqual(get(), { n: 1, before: undefined });
    get();
    assert.equal(runs, 1);
    t.files['/r/a'] = '2';
    assert.deepEqual(get(), { n: 2, before: 1 });
    assert.equal(runs, 2);
  });
});
