/**
 * The integrations people use for linters (issue #15 point 15), run for real where the tool is
 * here: the pre-commit hook (.pre-commit-hooks.yaml: pre-commit installs this repository at its
 * HEAD commit as a node hook and runs it in a throw-away repository) and the GitHub Actions
 * example (its check step run with the packed CLI, the SARIF it uploads). Run by
 * `npm run test:package`; .ci/run installs Debian's pre-commit.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO } from '../helpers/golden';

const tmp = mkdtempSync(join(tmpdir(), 'sysv-ha-integrations-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** YAML as data, through the python3 that pre-commit itself runs on. */
function yaml(path: string): unknown {
  return JSON.parse(execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', path], { encoding: 'utf8' }));
}

describe('pre-commit hook', { skip: !has('pre-commit') && 'pre-commit is not installed (apt-get install pre-commit)' }, () => {
  it('pre-commit installs the hook from this repository and reports the files it names', () => {
    const hooks = yaml(join(REPO, '.pre-commit-hooks.yaml')) as { id: string; language: string; entry: string; files: string }[];
    assert.equal(hooks[0]!.id, 'sysv-ha');
    assert.equal(hooks[0]!.language, 'node');
    const rev = execFileSync('git', ['-C', REPO, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const user = join(tmp, 'user-repo');
    mkdirSync(join(user, 'etc/ha.d'), { recursive: true });
    mkdirSync(join(user, 'etc/init.d'), { recursive: true });
    writeFileSync(join(user, 'etc/inittab'), 'id:3:initdefault:\nx:5:respwn:/bin/x\n');
    cpSync(join(REPO, 'examples/etc/ha.d'), join(user, 'etc/ha.d'), { recursive: true });
    chmodSync(join(user, 'etc/ha.d/authkeys'), 0o644); // as every checkout has it
    writeFileSync(join(user, 'etc/init.d/README'), 'not a script\n');
    cpSync(join(REPO, 'examples/etc/rc.d/init.d/httpd'), join(user, 'etc/init.d/httpd')); // haresources runs it
    chmodSync(join(user, 'etc/init.d/httpd'), 0o755);
    writeFileSync(join(user, 'notes.txt'), 'respwn\n');
    writeFileSync(join(user, '.pre-commit-config.yaml'), `repos:\n  - repo: ${REPO}\n    rev: ${rev}\n    hooks:\n      - id: sysv-ha\n`);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: user, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    const env = { ...process.env, PRE_COMMIT_HOME: join(tmp, 'pre-commit-home'), NO_COLOR: '1' };
    const run = () => spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], { cwd: user, encoding: 'utf8', env, timeout: 600_000 });
    const first = run();
    assert.equal(first.status, 1, first.stdout + first.stderr);
    assert.match(first.stdout, /^sysv-ha check\.+Failed$/m);
    assert.match(first.stdout, /^etc\/inittab:2:5: error inittab\/unknown-action: /m);
    assert.match(first.stdout, /^etc\/ha\.d\/ha\.cf:\d+:\d+: error hacf\/deadtime-too-small: /m);
    assert.doesNotMatch(first.stdout, /authkeys\/bad-permissions|notes\.txt|README/);
    // Fixed: the hook passes.
    writeFileSync(join(user, 'etc/inittab'), 'id:3:initdefault:\nx:5:respawn:/bin/x\n');
    writeFileSync(join(user, 'etc/ha.d/ha.cf'), readFileSync(join(user, 'etc/ha.d/ha.cf'), 'utf8').replace(/^deadtime 4$/m, 'deadtime 25'));
    git('add', '-A');
    const second = run();
    assert.match(second.stdout, /^sysv-ha check\.+(Passed|Failed)$/m, second.stdout + second.stderr);
    assert.doesNotMatch(second.stdout, /error (inittab\/unknown-action|hacf\/deadtime-too-small)/);
    assert.doesNotMatch(second.stdout, / error /, 'no error left: the remaining findings are warnings');
    assert.equal(second.status, 0, second.stdout);
  });
});

describe('GitHub Actions example', { skip: !has('python3') && 'python3 is not installed' }, () => {
  it('its check step writes SARIF with relative locations, and the upload step sends that file', () => {
    const wf = yaml(join(REPO, 'docs/integrations/github-actions.yml')) as {
      permissions: Record<string, string>; env: Record<string, string>;
      jobs: { check: { steps: { id?: string; uses?: string; run?: string; with?: Record<string, string> }[] } };
    };
    assert.equal(wf.permissions['security-events'], 'write');
    const steps = wf.jobs.check.steps;
    const check = steps.find((s) => s.id === 'check')!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.ok(check.run && upload);
    const out = /> (\S+)/.exec(check.run)![1]!;
    assert.equal(upload.with!['sarif_file'], out);
    // The step's script, with the packed CLI standing in for the registry's (npx --yes sysv-ha@VERSION).
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.match(check.run, new RegExp(`npx --yes sysv-ha@${pkg.version.replace(/\./g, '\\.')} check `));
    const project = mkdtempSync(join(tmp, 'actions-'));
    writeFileSync(join(project, 'package.json'), '{ "private": true }\n');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(REPO, '.cli-package', 'out', `sysv-ha-${pkg.version}.tgz`)], { cwd: project });
    cpSync(join(REPO, 'examples'), join(project, 'examples'), { recursive: true });
    const script = check.run.replace(/npx --yes sysv-ha@\S+/, join(project, 'node_modules/.bin/sysv-ha'));
    const outputs = join(project, 'github-output');
    const r = spawnSync('bash', ['-e', '-c', script], { cwd: project, encoding: 'utf8', env: { ...process.env, ROOT: 'examples/etc', GITHUB_OUTPUT: outputs } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(outputs, 'utf8'), 'status=1\n', 'errors found: the last step fails the job after the upload');
    const sarif = JSON.parse(readFileSync(join(project, out), 'utf8'));
    const locs = sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation);
    assert.ok(locs.length > 0);
    for (const l of locs) assert.ok(l.uriBaseId === '%SRCROOT%' && l.uri.startsWith('examples/etc/'), JSON.stringify(l));
  });
});
