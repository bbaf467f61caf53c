/** Format Document: blanks only, never what the real program reads. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { applyEdits } from '../helpers/fixture';

const format = (text: string, language: svc.LanguageId, path = '/x/etc/file') => {
  const a = svc.analyze({ path, text, language });
  const edits = svc.getFormatEdits(a);
  return { edits, text: applyEdits(text, edits) };
};

describe('Format Document', () => {
  it('inittab: trailing blanks only, never a field', () => {
    const text = 'id:3:initdefault:  \n  x:2345 :respawn:/sbin/getty  tty1\t\n# comment  \r\nl3:3:wait:/etc/rc.d/rc 3';
    assert.equal(format(text, 'inittab').text, 'id:3:initdefault:\n  x:2345 :respawn:/sbin/getty  tty1\n# comment\r\nl3:3:wait:/etc/rc.d/rc 3');
  });

  it('ha.cf: no indentation, one blank after the directive, one blank line at most, none at the end', () => {
    const text = '  keepalive    2\n\n\n\ndeadtime\t30  \nnode   a,  b\t c\nrespawn   hacluster   /usr/lib/heartbeat/ipfail  -a  b\nwarntime 10  # ten\n    # indented comment\n\n\n';
    assert.equal(format(text, 'hacf').text, 'keepalive 2\n\ndeadtime 30\nnode a, b c\nrespawn hacluster   /usr/lib/heartbeat/ipfail  -a  b\nwarntime 10  # ten\n# indented comment\n');
  });

  it('haresources: one blank between resources; blanks after a final \\ stay (heartbeat ends the group there)', () => {
    const text = '  alpha   IPaddr::10.0.0.5/24   web  \\\n\t\tdb   cache\n\n\nbeta  x \\  \n  y   z\n';
    assert.equal(format(text, 'haresources').text, 'alpha IPaddr::10.0.0.5/24 web \\\n\t\tdb cache\n\nbeta  x \\  \ny z\n');
    // A blank line that a \ continues is part of the group: never removed.
    const cont = 'alpha web \\\n\n\nbeta db\n';
    assert.equal(format(cont, 'haresources').text, cont);
  });

  it('authkeys: the edits touch blanks only, never a key', () => {
    const text = '  auth   2\n1   crc\n2  sha1    s3cr3t-key   \n\n\n';
    const { edits, text: out } = format(text, 'authkeys');
    assert.equal(out, 'auth 2\n1 crc\n2 sha1 s3cr3t-key\n');
    for (const e of edits) assert.match(e.newText, /^[ \t]*$/);
  });

  it('xinetd: operators aligned, one blank between values, the file\'s indentation; broken entries untouched', () => {
    const text = 'service  tftp\n{\n  socket_type = dgram\n  protocol\t=    udp\n   # the server\n  server    =   /usr/sbin/in.tftpd\n  server_args  += -s    /tftpboot\n}\n\nservice bad\n{\n  user=root\n  wait    = no\n}\n';
    assert.equal(format(text, 'xinetd').text, 'service tftp\n{\n  socket_type = dgram\n  protocol    = udp\n  # the server\n  server      = /usr/sbin/in.tftpd\n  server_args += -s /tftpboot\n}\n\nservice bad\n{\n  user=root\n  wait    = no\n}\n');
  });

  it('nothing for init scripts (shell layout is the author\'s); nothing for a formatted file', () => {
    assert.deepEqual(format('#!/bin/sh\n  echo   x  \n', 'initscript', '/x/etc/init.d/x').edits, []);
    assert.deepEqual(format('keepalive 2\ndeadtime 30\n', 'hacf').edits, []);
  });
});
