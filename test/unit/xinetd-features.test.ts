import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { chkconfigRewrite, chkconfigState } from '../../server/src/service/languages/xinetd';
import { analyzeText, applyEdits, checkCompletion, hoverAt, withCursor, type CheckOptions } from '../helpers/fixture';
import { REPO } from '../helpers/golden';

const X: CheckOptions = { language: 'xinetd', path: '/etc/xinetd.d/tftp' };
const completeAt = (fixture: string, label: string, result: string): svc.CompletionEntry[] => checkCompletion(fixture, label, result, X);
const labels = (fixture: string): string[] => {
  const { text, position } = withCursor(fixture);
  return svc.doComplete(analyzeText(text, X), position).map((i) => i.label);
};
const hover = (fixture: string): string => hoverAt(fixture, X)?.markdown ?? '';

const TFTP = `service tftp
{
\tsocket_type\t= dgram
\tprotocol\t= udp
\twait\t\t= yes
\tuser\t\t= root
\tserver\t\t= /usr/sbin/in.tftpd
\tserver_args\t= -s /srv/tftp
\tdisable\t\t= yes
}
`;

describe('xinetd completion', () => {
  it('offers entry keywords at the top level', () => {
    completeAt('┃', 'service', 'service ');
    completeAt('def┃', 'defaults', 'defaults');
    completeAt(`${TFTP}inc┃`, 'includedir', `${TFTP}includedir `);
  });

  it('offers service names from the services database after `service`', () => {
    completeAt('service tf┃', 'tftp', 'service tftp');
  });

  it('offers the attributes of the section, adding the operator', () => {
    completeAt('service ftp\n{\n  wa┃\n}\n', 'wait', 'service ftp\n{\n  wait = \n}\n');
    completeAt('service ftp\n{\n  so┃ = stream\n}\n', 'socket_type', 'service ftp\n{\n  socket_type = stream\n}\n');
    const inService = labels('service ftp\n{\n  wait = no\n  ┃\n}\n');
    assert.ok(inService.includes('server') && !inService.includes('disabled') && !inService.includes('wait'), 'no defaults-only or already-set attribute');
    const inDefaults = labels('defaults\n{\n  ┃\n}\n');
    assert.ok(inDefaults.includes('disabled') && !inDefaults.includes('server'));
  });

  it('offers the operators the attribute takes', () => {
    completeAt('service ftp\n{\n  log_on_success ┃\n}\n', '+=', 'service ftp\n{\n  log_on_success += \n}\n');
    assert.deepEqual(labels('service ftp\n{\n  wait ┃\n}\n'), ['=']);
  });

  it('offers the allowed values, without the ones already there', () => {
    completeAt('service ftp\n{\n  socket_type = ┃\n}\n', 'dgram', 'service ftp\n{\n  socket_type = dgram\n}\n');
    completeAt('service ftp\n{\n  wait = n┃\n}\n', 'no', 'service ftp\n{\n  wait = no\n}\n');
    completeAt('service ftp\n{\n  wait =┃\n}\n', 'yes', 'service ftp\n{\n  wait = yes\n}\n');
    const flags = labels('service ftp\n{\n  flags = IPv4 ┃\n}\n');
    assert.ok(flags.includes('REUSE') && !flags.includes('IPv4'));
    completeAt('defaults\n{\n  log_type = SYSLOG ┃\n}\n', 'authpriv', 'defaults\n{\n  log_type = SYSLOG authpriv\n}\n');
    assert.deepEqual(labels('service ftp\n{\n  wait = yes ┃\n}\n'), []);
  });

  it('offers nothing in a comment', () => {
    assert.deepEqual(labels('# serv┃'), []);
  });

  it('documentation is built on resolve', () => {
    const { text, position } = withCursor('service ftp\n{\n  wa┃\n}\n');
    const item = svc.doComplete(analyzeText(text, X), position).find((i) => i.label === 'wait')!;
    assert.match(svc.resolveCompletion('xinetd', item.resolveKey!)!, /required/);
  });
});

describe('xinetd hover', () => {
  it('documents an attribute with its default, values and source', () => {
    const md = hover(`service tftp\n{\n  wa┃it = yes\n}\n`);
    assert.match(md, /\*\*wait\*\*/);
    assert.match(md, /default \| none: \*\*required\*\*/);
    assert.match(md, /Source: /);
    assert.match(hover('defaults\n{\n  ser┃ver = /x\n}\n'), /Not allowed in defaults/);
  });

  it('documents values', () => {
    assert.match(hover('service tftp\n{\n  socket_type = dgr┃am\n}\n'), /wait = yes/);
    assert.match(hover('service tftp\n{\n  flags = NAMEIN┃ARGS\n}\n'), /argv\[0\]/);
    assert.match(hover('service tftp\n{\n  bind = 10.0.0.┃1\n}\n'), /IPv4 address/);
    assert.match(hover('service tftp\n{\n  only_from = 192.168.1.0/2┃4\n}\n'), /255\.255\.255\.0/);
    assert.match(hover('service ftp\n{\n  port = 2┃1\n}\n'), /ftp\/tcp/);
  });

  it('shows the services database entry, the state and security hints of a service', () => {
    const md = hover('service tel┃net\n{\n  socket_type = stream\n  wait = no\n  user = root\n  server = /usr/sbin/in.telnetd\n}\n');
    assert.match(md, /23\/tcp/);
    assert.match(md, /audits flag/);
    assert.match(md, /no `only_from`/);
    assert.match(hover('service myap┃p\n{\n}\n'), /UNLISTED/);
  });

  it('documents the entry keywords', () => {
    assert.match(hover('includ┃edir /etc/xinetd.d\n'), /skipping names that contain a `\.`/);
    assert.equal(hoverAt('# serv┃ice\n', X), null);
  });
});

describe('xinetd symbols, folding, chkconfig lens and refactoring', () => {
  const text = `# tftp\n# server\n${TFTP}`;
  const a = analyzeText(text, X);

  it('lists each entry with its attributes', () => {
    const syms = svc.getSymbols(a);
    assert.deepEqual(syms.map((s) => s.name), ['service tftp']);
    assert.equal(syms[0]!.detail, 'dgram · udp/69 · disabled');
    assert.deepEqual(syms[0]!.children!.map((c) => c.name), ['socket_type', 'protocol', 'wait', 'user', 'server', 'server_args', 'disable']);
  });

  it('folds entries and comment blocks', () => {
    assert.deepEqual(svc.getFoldingRanges(a), [{ startLine: 0, endLine: 1, kind: 'comment' }, { startLine: 2, endLine: 11, kind: 'region' }]);
  });

  it('shows chkconfig\'s state as a code lens with the toggle command', () => {
    const lenses = svc.getCodeLenses(a);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0]!.title, "chkconfig: off — run 'chkconfig tftp on'");
    assert.deepEqual(lenses[0]!.command, { id: 'sysvHa.xinetdToggle', args: ['file:///etc/xinetd.d/tftp', 'tftp', 'on'] });
    assert.deepEqual(svc.getCodeLenses(analyzeText(text, { ...X, path: '/etc/xinetd.conf' })), []);
  });

  it('offers chkconfig on as a refactoring that rewrites the file as chkconfig does', () => {
    const fixes = svc.getRefactors(a, svc.range(3, 0, 0));
    assert.deepEqual(fixes.map((f) => f.title), ['chkconfig tftp on (enable the service)', 'chkconfig tftp off (disable the service)']);
    const on = applyEdits(text, fixes[0]!.edits);
    assert.equal(on, `# tftp\n# server\nservice tftp\n{\n\tdisable\t= no\n\tsocket_type\t= dgram\n\tprotocol\t= udp\n\twait\t\t= yes\n\tuser\t\t= root\n\tserver\t\t= /usr/sbin/in.tftpd\n\tserver_args\t= -s /srv/tftp\n}\n`);
    assert.equal(chkconfigState(on), 'on');
  });
});

describe('chkconfig on/off rewrite (leveldb.c setXinetdService)', () => {
  it('drops disable* lines and blank lines, adds the line after every {', () => {
    const before = 'service a\n{\n\n\tdisabled = yes\n   disable = YES\n\twait = no\n   \n}\n';
    assert.equal(chkconfigRewrite(before, 'off'), 'service a\n{\n\tdisable\t= yes\n\twait = no\n}\n');
    assert.equal(chkconfigState('service a\n{\n   disable = YES\n}\n'), 'on', 'chkconfig reads only a lower-case yes as off');
    assert.equal(chkconfigState(before), 'off');
  });

  it('adds no disable line when { shares the service line', () => {
    assert.equal(chkconfigRewrite('service a {\n\tdisable = no\n}', 'off'), 'service a {\n}\n');
  });
});

/** A snippet body with every placeholder replaced by its default (choices: the first). */
function expand(body: string[]): string {
  return body.join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

describe('xinetd snippets', () => {
  const snippets = JSON.parse(readFileSync(join(REPO, 'snippets/xinetd.json'), 'utf8')) as Record<string, { body: string[]; prefix: string | string[] }>;
  it('has a stream service, a udp service and a defaults block', () => {
    assert.deepEqual(Object.keys(snippets).length, 3);
  });
  for (const [name, s] of Object.entries(snippets)) {
    it(`"${name}" produces no diagnostic`, () => {
      const text = expand(s.body).replace(/\n*$/, '\n');
      const path = /defaults/.test(name) ? '/etc/xinetd.conf' : '/etc/xinetd.d/snippet';
      const a = analyzeText(text, { ...X, path });
      assert.deepEqual(a.problems.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`), []);
      assert.ok(a.problems.length === 0 && svc.getSymbols(a).length === 1);
    });
  }
});
