/** The commands code lenses send to a terminal: names and actions validated, parts quoted. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { RefusedCommand, levelCommand, quote, registerCommand, serviceCommand } from '../../client/src/commands';

describe('terminal commands', () => {
  it('builds service, chkconfig and update-rc.d commands', () => {
    assert.equal(serviceCommand({ name: 'httpd', action: 'start', prefix: 'sudo' }), "sudo service 'httpd' start");
    assert.equal(serviceCommand({ name: 'S50nginx', action: 'restart', path: '/etc/init.d/S50nginx', busybox: true, prefix: '' }), "'/etc/init.d/S50nginx' restart");
    assert.equal(registerCommand({ name: 'atd', op: 'add', tool: 'chkconfig', prefix: 'sudo -n' }), "sudo -n chkconfig --add 'atd'");
    assert.equal(registerCommand({ name: 'atd', op: 'del', tool: 'update-rc.d', prefix: '' }), "update-rc.d 'atd' remove");
    assert.equal(levelCommand({ name: 'atd', level: '3', on: false, prefix: 'sudo' }), "sudo chkconfig --level 3 'atd' off");
    assert.throws(() => levelCommand({ name: 'atd', level: '3;id', on: true, prefix: '' }), RefusedCommand);
  });

  it('refuses names, actions and prefixes that could reach a shell', () => {
    const bad = ['a;touch x', '$(id)', '`id`', 'a b', '-rf', "a'b", 'a\nb', '../x', ''];
    for (const name of bad) {
      assert.throws(() => serviceCommand({ name, action: 'start', prefix: 'sudo' }), RefusedCommand, JSON.stringify(name));
      assert.throws(() => registerCommand({ name, op: 'add', tool: 'chkconfig', prefix: '' }), RefusedCommand, JSON.stringify(name));
    }
    assert.throws(() => serviceCommand({ name: 'x', action: 'start; reboot', prefix: '' }), RefusedCommand);
    assert.throws(() => serviceCommand({ name: 'x', action: 'start', prefix: 'sudo; rm -rf /' }), RefusedCommand);
    assert.throws(() => serviceCommand({ name: 'x', action: 'start', path: '/tmp/$(id)/x', busybox: true, prefix: '' }), /not the script's path|not a plain/);
    assert.throws(() => registerCommand({ name: 'x', op: 'add', tool: 'sh -c', prefix: '' }), RefusedCommand);
  });

  it('quoting keeps any text one literal word for sh', () => {
    const nasty = "it's $(id) `id` ; touch x";
    // sh parses the quoted word; printf shows what it got: the text unchanged, nothing ran.
    const r = spawnSync('/bin/sh', ['-c', `printf '%s\\n' ${quote(nasty)} status`], { encoding: 'utf8' });
    assert.deepEqual(r.stdout.split('\n').slice(0, 2), [nasty, 'status']);
  });
});
