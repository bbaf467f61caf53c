// Generated cases for the xinetd oracle (test/oracle/xinetd.sh): each is a whole config file
// xinetd is started on. Every service entry in them is judged: xinetd rejects it ⇔ sysv-ha
// reports an error in it. Names are chosen from Debian's /etc/services unless a case is about
// names that are not there.

const svc = (name, body, header = `service ${name}`) => `${header}\n{\n${body.map((l) => `\t${l}\n`).join('')}}\n`;
const ftp = (extra = [], name = 'ftp') => svc(name, ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.ftpd', ...extra]);

export const CASES = [
  {
    name: 'ok-basic',
    text: [
      'defaults\n{\n\tlog_type = SYSLOG daemon info\n\tlog_on_success = PID HOST\n\tinstances = 60\n\tcps = 25 30\n}\n',
      ftp(['server_args = -l', 'log_on_failure += USERID', 'only_from = 127.0.0.1 10.0.0.0/8']),
      svc('tftp', ['socket_type = dgram', 'protocol = udp', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd', 'server_args = -s /srv/tftp', 'flags = IPv4 REUSE']),
      svc('daytime', ['type = INTERNAL', 'id = daytime-stream', 'socket_type = stream', 'wait = no']),
      svc('check-mk-agent', ['type = UNLISTED', 'port = 6556', 'socket_type = stream', 'wait = no', 'user = root', 'server = /usr/bin/check_mk_agent', 'log_on_success =']),
      svc('telnet', ['protocol = tcp', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd']),
    ].join('\n'),
  },
  { name: 'brace-on-header', text: `service telnet {\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n${ftp()}` },
  { name: 'brace-close-shared', text: `service telnet\n{\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/in.telnetd }\n${ftp()}${svc('finger', ['socket_type = stream', 'wait = no', 'user = nobody', 'server = /usr/sbin/in.fingerd'])}` },
  { name: 'no-open-brace', text: `service telnet\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/in.telnetd\n}\n${ftp()}` },
  { name: 'unclosed-at-eof', text: `${ftp()}service telnet\n{\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/in.telnetd\n` },
  { name: 'unclosed-commented', text: `service telnet\n{\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/in.telnetd\n#}\n${ftp()}${svc('finger', ['socket_type = stream', 'wait = no', 'user = nobody', 'server = /usr/sbin/in.fingerd'])}` },
  { name: 'stray-line', text: `${svc('finger', ['socket_type = stream', 'wait = no', 'user = nobody', 'server = /usr/sbin/in.fingerd'])}stray words here\n${ftp()}${svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd'])}` },
  { name: 'glued-operator', text: ftp(['user=root'].slice(0, 0)).replace('user = root', 'user=root') + svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd', 'log_on_failure+= HOST']) },
  { name: 'bad-operator', text: ftp(['log_on_failure USERID']) + svc('telnet', ['socket_type = stream', 'wait', 'user = root', 'server = /usr/sbin/in.telnetd']) },
  { name: 'ignored-attributes', text: ftp(['bogus = 1', 'disabled = yes', 'wait = yes', 'instances += 5', 'mdns = yes', 'leaky_bucket = 1 2 3 4']) },
  { name: 'wrong-value-count', text: ftp().replace('server = /usr/sbin/in.ftpd', 'server = /usr/sbin/in.ftpd -l') + svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd', 'cps = 10', 'nice = 1 2']) },
  { name: 'inline-comment', text: ftp().replace('wait = no', 'wait = no # one per connection') + svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd', 'flags = REUSE # keep']) + svc('finger', ['socket_type = stream', 'wait = no', 'user = nobody', 'server = /usr/sbin/in.fingerd', 'server_args = -w # welcome']) },
  {
    name: 'invalid-values',
    text: [
      ftp().replace('socket_type = stream', 'socket_type = tcp'),
      ftp(['flags = REUSEADDR'], 'telnet').replace('in.ftpd', 'in.telnetd'),
      ftp([], 'finger').replace('wait = no', 'wait = true'),
      ftp(['instances = many'], 'login'),
      ftp(['log_type = SYSLOG daemons'], 'shell'),
      ftp(['umask = 099'], 'exec'),
      ftp(['env = LANG'], 'rsync'),
      ftp(['only_from = 10.0.0.1,10.0.0.2'], 'auth'),
      ftp(['port = 99999'], 'git'),
      ftp(['type = UNLISTED BOGUS', 'port = 4000'], 'myapp'),
      ftp(['protocol = tcpip'], 'distcc'),
      ftp(['access_times = 8-17'], 'printer'),
    ].join(''),
  },
  {
    name: 'case-insensitive',
    text: svc('ftp', ['Socket_Type = STREAM', 'WAIT = No', 'user = root', 'server = /usr/sbin/in.ftpd', 'flags = ipv4', 'log_on_success = pid host', 'disable = NO'])
      + svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd', 'disable = YES']),
  },
  {
    name: 'missing-required',
    text: [
      svc('ftp', ['socket_type = stream', 'user = root', 'server = /usr/sbin/in.ftpd']),
      svc('telnet', ['socket_type = stream', 'wait = no', 'server = /usr/sbin/in.telnetd']),
      svc('finger', ['socket_type = stream', 'wait = no', 'user = nobody']),
      svc('login', ['wait = no', 'user = root', 'server = /usr/sbin/in.rlogind']),
      svc('echo', ['type = INTERNAL', 'socket_type = stream', 'wait = no']),
      svc('myapp', ['type = UNLISTED', 'socket_type = stream', 'wait = no', 'user = nobody', 'server = /usr/sbin/myapp']),
      svc('myrpc', ['type = RPC UNLISTED', 'socket_type = stream', 'wait = no', 'user = nobody', 'server = /usr/sbin/myrpc', 'rpc_number = 400100']),
    ].join(''),
  },
  { name: 'dgram-nowait', text: svc('tftp', ['socket_type = dgram', 'wait = no', 'user = root', 'server = /usr/sbin/in.tftpd']) + svc('daytime', ['type = INTERNAL', 'socket_type = dgram', 'wait = no']) },
  { name: 'services-db', text: ftp(['port = 2121']) + ftp(['port = 21'], 'ftp').replace('service ftp', 'service ftp').replace('socket_type', 'id = ftp-two\n\tbind = 127.0.0.2\n\tsocket_type') + svc('myapp', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/myapp']) + svc('tftp', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.tftpd']) + svc('myapp2', ['socket_type = stream', 'port = 4444', 'wait = no', 'user = root', 'server = /usr/sbin/myapp']) },
  { name: 'server-args-repeat', text: svc('tftp', ['socket_type = dgram', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd', 'server_args = in.tftpd -s /srv']) },
  { name: 'access-times', text: ftp(['access_times = 08:00-24:00']) + ftp(['access_times = 8:00-17:00 18:00-23:59'], 'telnet').replace('in.ftpd', 'in.telnetd') + ftp(['access_times = 18:00-06:00'], 'finger') },
  { name: 'only-from-empty', text: ftp(['only_from =']) },
  { name: 'traffic', text: ftp(['log_on_success += TRAFFIC']) + svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'redirect = 127.0.0.1 2323', 'log_on_success += TRAFFIC']) },
  { name: 'traffic-in-defaults', text: `defaults\n{\n\tlog_on_success = HOST TRAFFIC\n}\n${ftp()}${svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'redirect = 127.0.0.1 2323'])}${ftp(['log_on_success -= TRAFFIC'], 'finger')}` },
  { name: 'flag-misuse', text: ftp(['flags = NAMEINARGS']) + svc('telnet', ['socket_type = stream', 'wait = yes', 'user = root', 'redirect = 127.0.0.1 2323']) + ftp(['flags = NAMEINARGS', 'server_args = in.fingerd -w'], 'finger') + svc('echo', ['type = INTERNAL', 'socket_type = stream', 'wait = no', 'flags = NAMEINARGS', 'server_args = x']) },
  { name: 'duplicates-bound', text: ftp(['bind = 127.0.0.1']) + ftp(['id = ftp-two']).replace('service ftp', 'service ftp') + svc('tftp', ['socket_type = dgram', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd', 'bind = 127.0.0.1']) + svc('tftp', ['id = tftp-two', 'socket_type = dgram', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd', 'bind = 127.0.0.2']) },
  { name: 'duplicates-unbound', text: ftp() + ftp(['id = ftp-two']) },
  { name: 'crlf', text: `${ftp()}${svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd'])}`.replace(/\n/g, '\r\n') },
  { name: 'env-minus', text: ftp(['env -= LANG=C']) + ftp(['env += LANG=C', 'passenv = PATH'], 'telnet').replace('in.ftpd', 'in.telnetd') },
  { name: 'disabled-lists', text: `defaults\n{\n\tdisabled = telnet\n}\n${ftp()}${ftp([], 'telnet')}` },
  { name: 'protocol-only', text: svc('tftp', ['protocol = udp', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd']) + svc('ftp', ['protocol = tcp', 'wait = no', 'user = root', 'server = /usr/sbin/in.ftpd']) },
  { name: 'redirect-dgram', text: svc('tftp', ['socket_type = dgram', 'wait = yes', 'user = root', 'redirect = 127.0.0.1 69']) },
  { name: 'values-misc', text: ftp(['rlimit_as = 64M', 'rlimit_cpu = 30', 'rlimit_files = 100', 'deny_time = FOREVER', 'max_load = 2.5', 'umask = 022', 'nice = -5', 'per_source = UNLIMITED', 'groups = yes', 'v6only = no', 'banner = /etc/issue', 'libwrap = in.ftpd', 'log_type = FILE /var/log/ftp.log 5M 6M']) },
  { name: 'rpc-version', text: svc('rstatd', ['type = RPC', 'socket_type = dgram', 'protocol = udp', 'wait = yes', 'user = root', 'server = /usr/sbin/rpc.rstatd', 'rpc_version = 2-4']) + svc('rusersd', ['type = RPC', 'socket_type = dgram', 'protocol = udp', 'wait = yes', 'user = root', 'server = /usr/sbin/rpc.rusersd', 'rpc_version = 3-2']) },
  { name: 'duplicate-defaults', text: `defaults\n{\n\tinstances = 10\n}\ndefaults\n{\n\tinstances = 20\n}\n${ftp()}` },
  { name: 'defaults-disable', text: `defaults\n{\n\tdisable = yes\n\tserver = /bin/true\n}\n${ftp()}` },
  { name: 'error-then-enable', text: ftp(['instances = many', 'disable = no']) },
  {
    // An image root: xinetd.conf with defaults and includedir, files read in C-locale order,
    // a backup copy includedir skips, duplicates across files.
    name: 'image-includedir',
    files: {
      'etc/xinetd.conf': 'defaults\n{\n\tinstances = 60\n}\n\nincludedir /etc/xinetd.d\n',
      'etc/xinetd.d/a-ftp': ftp(['bind = 127.0.0.1']),
      'etc/xinetd.d/b-ftp': ftp(['id = ftp-b', 'bind = 127.0.0.1']),
      'etc/xinetd.d/c-ftp': ftp(['id = ftp-c', 'bind = 127.0.0.2']),
      'etc/xinetd.d/d-tftp': svc('tftp', ['socket_type = dgram', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd']),
      'etc/xinetd.d/e-tftp': svc('tftp', ['id = tftp-e', 'socket_type = dgram', 'wait = yes', 'user = root', 'server = /usr/sbin/in.tftpd', 'bind = 127.0.0.1']),
      'etc/xinetd.d/telnet.rpmsave': svc('telnet', ['socket_type = stream', 'wait = no', 'user = root', 'server = /usr/sbin/in.telnetd']),
      'etc/xinetd.d/finger~': svc('finger', ['socket_type = stream', 'wait = yes', 'user = nobody', 'redirect = 127.0.0.1 79']),
    },
  },
  { name: 'brace-twice', text: `service ftp {\n{\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/in.ftpd\n}\n` },
  { name: 'internal-unknown', text: svc('servers', ['type = INTERNAL UNLISTED', 'port = 9099', 'socket_type = stream', 'protocol = tcp', 'wait = no']) + svc('tcpmux', ['type = INTERNAL', 'socket_type = dgram', 'wait = yes']) + svc('chargen', ['type = INTERNAL', 'socket_type = dgram', 'wait = yes']) + svc('discard', ['type = INTERNAL', 'id = discard-stream', 'socket_type = stream', 'wait = no']) },
  { name: 'sensor', text: svc('ftp', ['flags = SENSOR', 'socket_type = stream', 'wait = no', 'deny_time = 120']) + svc('telnet', ['flags = SENSOR', 'socket_type = stream', 'wait = no', 'server = /usr/sbin/in.telnetd', 'deny_time = 10']) + svc('finger', ['type = INTERNAL', 'flags = SENSOR', 'socket_type = stream', 'wait = no']) },
];
