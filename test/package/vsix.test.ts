/**
 * What the .vsix holds (issue #15 point 12), read from the package `npm run package` wrote:
 * the icon, the marketplace README (not the contributor README) with its screenshots bundled,
 * a settings table naming every setting, an up-to-date CHANGELOG, the walkthrough with its
 * media and the sample tree it opens, the problem matcher for `sysv-ha check`, and nothing of
 * the sources or tests. Run by `npm run test:package`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';
import { readZip, type ZipEntry } from '../helpers/zip';

interface Manifest {
  version: string;
  icon: string;
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
    views: Record<string, { id: string }[]>;
    walkthroughs: { id: string; steps: { id: string; description: string; media: { image?: string; markdown?: string } }[] }[];
    problemMatchers: { name: string; owner: string; severity: string; fileLocation: string[]; pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number } }[];
  };
}

let zip: Map<string, ZipEntry>;
let manifest: Manifest;
const text = (name: string) => {
  const e = zip.get(`extension/${name}`);
  assert.ok(e, `the .vsix has extension/${name}`);
  return e.read().toString('utf8');
};

before(() => {
  zip = readZip(join(REPO, 'sysv-ha.vsix'));
  manifest = JSON.parse(text('package.json')) as Manifest;
});

describe('the .vsix', () => {
  it('has the icon the manifest names, a PNG', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const png = zip.get('extension/images/icon.png')!.read();
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'at least 128×128');
  });

  it('carries the marketplace README, with every image it shows bundled', () => {
    const readme = text('readme.md');
    assert.equal(readme, readFileSync(join(REPO, 'MARKETPLACE.md'), 'utf8'));
    assert.ok(!zip.has('extension/README.md'), 'the contributor README stays out');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 4, `screenshots: ${images.join(', ')}`);
    for (const src of images) {
      assert.doesNotMatch(src, /^[a-z]+:/, `${src}: relative, so it is read from the installed extension`);
      assert.ok(zip.has(`extension/${src}`), `${src} is in the .vsix`);
    }
  });

  it('the README\'s settings table lists every setting with its default', () => {
    const readme = text('readme.md');
    const rows = new Map([...readme.matchAll(/^\| `(sysvHa\.[A-Za-z.]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1]!, m[2]!]));
    for (const [key, def] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(rows.has(key), `${key} is in the settings table`);
      const shown = typeof def.default === 'string' ? (def.default === '' ? '""' : def.default) : JSON.stringify(def.default);
      assert.equal(rows.get(key), shown, `${key}: the default in the table`);
    }
    assert.equal(rows.size, Object.keys(manifest.contributes.configuration.properties).length, 'no setting that does not exist');
  });

  it('has a CHANGELOG whose latest entry is this version', () => {
    const changelog = text('changelog.md');
    assert.equal(/^## (\S+)/m.exec(changelog)?.[1], manifest.version);
  });

  it('contributes a walkthrough whose media are bundled and whose command links exist', () => {
    const w = manifest.contributes.walkthroughs[0]!;
    assert.ok(w.steps.length >= 3);
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const view of Object.values(manifest.contributes.views).flat()) commands.add(`${view.id}.focus`);
    const builtin = /^workbench\./;
    for (const step of w.steps) {
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media && zip.has(`extension/${media}`), `${step.id}: ${media} is in the .vsix`);
      for (const m of step.description.matchAll(/\(command:([A-Za-z0-9_.]+)\)/g)) {
        assert.ok(commands.has(m[1]!) || builtin.test(m[1]!), `${step.id}: command ${m[1]} exists`);
      }
    }
    assert.match(w.steps[0]!.description, /\(command:sysvHa\.openSampleTree\)/);
    // The sample tree the first step opens.
    for (const f of ['examples/etc/inittab', 'examples/etc/ha.d/ha.cf', 'examples/etc/ha.d/haresources', 'examples/etc/ha.d/authkeys', 'examples/etc/xinetd.d/tftp', 'examples/etc/rc.d/init.d/myscript']) {
      assert.ok(zip.has(`extension/${f}`), f);
    }
  });

  it('contributes a problem matcher that reads what `sysv-ha check` prints', () => {
    const pm = manifest.contributes.problemMatchers.find((p) => p.name === 'sysv-ha');
    assert.ok(pm);
    assert.deepEqual(pm.fileLocation, ['autoDetect', '${workspaceFolder}']);
    const re = new RegExp(pm.pattern.regexp);
    const cli = join(REPO, 'dist', 'cli.js');
    const textOut = spawnSync(process.execPath, [cli, 'check', 'examples/etc'], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } }).stdout;
    const json = JSON.parse(spawnSync(process.execPath, [cli, 'check', '--format', 'json', 'examples/etc'], { cwd: REPO, encoding: 'utf8' }).stdout) as { file: string; line: number; column: number; severity: string; code: string; message: string }[];
    const matched = textOut.split('\n').map((l) => re.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    assert.equal(matched.length, json.length, 'one match per diagnostic, and none on the excerpt lines');
    // VS Code reads "error" and "warning"; other words take the matcher's default severity.
    const vscodeSeverity = (s: string) => (s === 'error' || s === 'warning' ? s : pm.severity);
    matched.forEach((m, i) => {
      const d = json[i]!;
      assert.equal(join(REPO, m[pm.pattern.file]!), d.file);
      assert.equal(Number(m[pm.pattern.line]), d.line);
      assert.equal(Number(m[pm.pattern.column]), d.column);
      assert.equal(m[pm.pattern.code], d.code);
      assert.equal(m[pm.pattern.message], d.message);
      assert.equal(vscodeSeverity(m[pm.pattern.severity]!), d.severity === 'information' || d.severity === 'hint' ? 'info' : d.severity);
    });
  });

  it('holds nothing of the sources, tests or local state', () => {
    for (const name of zip.keys()) {
      assert.doesNotMatch(name, /^extension\/(server|client|test|scripts|node_modules|out|\.e2e|\.cli-package)\//, name);
      assert.doesNotMatch(name, /\.(ts|map|tgz)$/, name);
    }
  });
});
