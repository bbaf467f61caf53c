/**
 * `sysv-ha check --jobs`: a check worker reads files and parses their shell bodies while the
 * CLI's thread reads the init.d tree (`BodiesReadAhead`); a script checked with the body read
 * ahead gives exactly what its analysis gives when it parses the body itself.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { BodiesReadAhead, withHeaders } from '../../server/src/cli/checkFile';
import { SnapshotFsHost } from '../../server/src/host/fsHost';
import { knownHeader, loadInitTree, scriptInfo, type InitTree } from '../../server/src/service/boot/scripts';
import { REPO } from '../helpers/golden';
import { DEB, lsbScript, RH, webStoreRoot } from '../helpers/initscripts';

const settings = { ...svc.DEFAULT_SETTINGS, checkFileModes: false };

/** What an analysis gives that the CLI prints (problems, the document's info), and its body. */
function outcome(a: svc.Analysis): unknown {
  const model = a.model as { body?: Record<string, unknown>; parseStopped?: boolean } | undefined;
  const body = model?.body && Object.fromEntries(Object.entries(model.body).filter(([k]) => k !== 'cache'));
  return { problems: a.problems, info: a.info, body, stopped: model?.parseStopped };
}

describe('the bodies a check worker reads ahead', () => {
  before(async () => svc.initialize({ wasmDir: join(REPO, 'dist') }));

  it('give the same problems, info and body as the analysis parsing the script itself', () => {
    const dir = join(REPO, '..', 'shared', 'corpus', 'initscripts');
    const texts: [string, string][] = [['/etc/init.d/foo', RH], ['/etc/init.d/deb', DEB]];
    try {
      for (const n of readdirSync(dir).sort()) texts.push([`/etc/init.d/${n}`, readFileSync(join(dir, n), 'utf8')]);
    } catch {
      // the shared corpus is beside the repository in the project's checkouts only
    }
    // Refused by the guards, unparsable, a template, an rc.local, a link written as text, empty.
    texts.push(['/etc/init.d/deep', `#!/bin/sh\n${'('.repeat(5000)}\n`], ['/etc/init.d/broken', '#!/bin/sh\ncase "$1" in\n  start) echo ) ;;\nesac\n'],
      ['/etc/init.d/tpl', '#!/bin/sh\n# Provides: @NAME@\necho @prefix@\n'], ['/etc/rc.local', '#!/bin/sh\nip addr add 10.0.0.1/24 dev eth0\n'],
      ['/etc/init.d/alias', 'foo'], ['/etc/init.d/empty', '']);
    for (const [path, text] of texts) {
      const ahead = new BodiesReadAhead();
      ahead.readAhead(path, text);
      const withAhead = svc.analyze({ path, text, language: 'initscript' }, settings, undefined, undefined, ahead);
      const alone = svc.analyze({ path, text, language: 'initscript' }, settings);
      assert.deepEqual(outcome(withAhead), outcome(alone), path);
    }
    // Given for that text only, and once.
    const ahead = new BodiesReadAhead();
    ahead.readAhead('/etc/init.d/foo', RH);
    assert.equal(ahead.bodyOf('/etc/init.d/foo', DEB), undefined);
    assert.ok(ahead.bodyOf('/etc/init.d/foo', RH)?.body);
    assert.equal(ahead.bodyOf('/etc/init.d/foo', RH), undefined);
  });
});

describe('the init.d tree a check worker is sent', () => {
  it('without its header models, reads each header from the script when asked: the same header, and the analysis takes it', () => {
    const root = webStoreRoot('sysv-ha-tree-headers-');
    const host = new SnapshotFsHost({ roots: () => [root], strict: true });
    const tree = loadInitTree(root, host)!;
    assert.ok(tree.scripts.length >= 2);
    // As checkPool.ts posts it: a structured clone of the tree without the headers.
    const posted = structuredClone({ ...tree, scripts: tree.scripts.map(({ header: _h, ...rest }) => rest) }) as unknown as InitTree;
    assert.ok(posted.scripts.every((s) => !Object.hasOwn(s, 'header')));
    // One script's text is read anew by the worker's host (here: changed on disk, so its header is parsed, not found).
    const changed = tree.scripts[0]!;
    const text = `${lsbScript('web2', '$network')}# more\n`;
    writeFileSync(changed.path, text);
    const other = new SnapshotFsHost({ roots: () => [root], strict: true });
    const rebuilt = withHeaders(posted, other)!;
    for (const [i, s] of rebuilt.scripts.entries()) {
      const expected = i === 0 ? scriptInfo(s.name, s.path, text).header : tree.scripts[i]!.header;
      assert.deepEqual(s.header, expected, s.path);
      assert.equal(knownHeader(s.path, other.readFile(s.path)!), s.header);
      assert.deepEqual({ ...s }, { ...tree.scripts[i]!, header: expected });
    }
    rmSync(root, { recursive: true, force: true });
  });
});
