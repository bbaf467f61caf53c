/** A small image root on disk for the editor-feature tests (LSP over stdio, e2e): every language, files that name each other. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const EDITOR_TREE: Record<string, string> = {
  'etc/rc.d/init.d/functions': '# functions\ndaemon() {\n  "$@"\n}\n\nkillproc() {\n  :\n}\n',
  'etc/rc.d/init.d/web': `#!/bin/bash
# chkconfig: 345 85 15
# description: Web server.
### BEGIN INIT INFO
# Provides: web
# Required-Start: $network db
# Required-Stop: $network
# Should-Start: cache
# Default-Start: 3 4 5
# Default-Stop: 0 1 2 6
### END INIT INFO

. /etc/rc.d/init.d/functions
[ -f /etc/sysconfig/web ] && . /etc/sysconfig/web

start() {
	daemon /usr/sbin/webd
	ip addr add 10.1.2.3/22 dev eth0
}

case "$1" in
  start) start ;;
  stop) killproc webd ;;
  restart|reload|force-reload|status) ;;
  *) echo "Usage: $0 {start|stop|restart|reload|force-reload|status}"; exit 2 ;;
esac
`,
  'etc/rc.d/init.d/db': '#!/bin/bash\n# chkconfig: 345 60 40\n# description: Database.\n### BEGIN INIT INFO\n# Provides: db\n# Required-Start: $network\n# Required-Stop: $network\n# Default-Start: 3 4 5\n# Default-Stop: 0 1 2 6\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|reload|force-reload|status) ;;\n  *) exit 2 ;;\nesac\n',
  'etc/rc.d/init.d/cache': '#!/bin/bash\n# chkconfig: 345 70 30\n# description: Cache.\n### BEGIN INIT INFO\n# Provides: cache\n# Required-Start: $network\n# Required-Stop: $network\n# X-Start-Before: web\n# Default-Start: 3 4 5\n# Default-Stop: 0 1 2 6\n### END INIT INFO\ncase "$1" in\n  start|stop|restart|reload|force-reload|status) ;;\n  *) exit 2 ;;\nesac\n',
  'etc/sysconfig/web': 'OPTIONS=\n',
  'usr/sbin/webd': '#!/bin/sh\n',
  'usr/sbin/in.tftpd': '#!/bin/sh\n',
  'etc/inittab': 'id:3:initdefault:\nsi::sysinit:/etc/rc.d/rc.sysinit\nl3:3:wait:/etc/rc.d/rc 3\n',
  'etc/rc.d/rc': '#!/bin/sh\n',
  'etc/rc.d/rc.sysinit': '#!/bin/sh\n',
  'etc/ha.d/ha.cf': 'keepalive 2\ndeadtime 30\nwarntime 10\ninitdead 120\nbcast eth0\nnode alpha\nnode beta\n',
  'etc/ha.d/haresources': 'alpha IPaddr::10.0.0.5/24/eth0 cache web\n',
  'etc/ha.d/authkeys': 'auth 1\n1 sha1 n0t-a-real-key\n',
  'etc/xinetd.d/tftp': 'service tftp\n{\n\tsocket_type = dgram\n\tprotocol = udp\n\twait = yes\n\tuser = root\n\tserver = /usr/sbin/in.tftpd\n\tserver_args = -s /var/lib/tftpboot\n\tdisable = no\n}\n',
};

/** Writes the tree under a new temporary folder (scripts executable, authkeys 600); returns the root. */
export function writeEditorTree(files: Record<string, string> = EDITOR_TREE): string {
  const root = mkdtempSync(join(tmpdir(), 'sysv-ha-editor-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text, { mode: rel.includes('init.d/') || rel.startsWith('usr/') || rel.startsWith('etc/rc.d/rc') ? 0o755 : rel.endsWith('authkeys') ? 0o600 : 0o644 });
  }
  return root;
}

/** 0-based line and the column of the `nth` occurrence of `needle` (plus `offset`) in `text`. */
export function positionOf(text: string, needle: string, offset = 1, nth = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length + offset };
}
