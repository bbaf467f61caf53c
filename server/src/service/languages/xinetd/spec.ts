/**
 * The xinetd table: entry keywords, operators, every attribute with its value count,
 * operators, value kind, allowed words, default, documentation and source. Completion,
 * hover, validation and the TextMate grammar (`scripts/gen-grammar-xinetd.ts`) all read it;
 * an attribute or value word is spelled nowhere else.
 *
 * What xinetd 2.3.15.3 (Debian 12) compiles in: `libwrap` and `max_load` exist; `leaky_bucket`
 * and `mdns` do not (checked by running it). Keywords, attribute names and keyword values are
 * compared case-insensitively (`EQ` is `strcasecmp`), see spec/checks.md "xinetd".
 *
 * @see spec/domain.md §7 (xinetd `parse.c`, `parsesup.c`, `parsers.c`, `confparse.c`, `sconst.c`)
 */

/** Entry keywords at the top level of a file. */
export const ENTRY_KEYWORDS: readonly { name: string; doc: string }[] = [
  { name: 'service', doc: '**service NAME** — starts a service entry; the next line must be `{` alone. NAME is looked up in `/etc/services` (with the protocol) unless `type` has `UNLISTED`; it is also the service id unless `id` is given.' },
  { name: 'defaults', doc: '**defaults** — the entry whose attributes every service inherits (log settings, `only_from`, `no_access`, `instances`, `cps`…). Only one is allowed per file. Required attributes cannot be inherited.' },
  { name: 'include', doc: '**include FILE** — reads another configuration file at this point. Not allowed inside an entry.' },
  { name: 'includedir', doc: '**includedir DIR** — reads every file of DIR in C-locale name order, **skipping names that contain a `.` or end in `~`** (editor backups, `.rpmnew`, `.conf` files). Debian and Red Hat end `/etc/xinetd.conf` with `includedir /etc/xinetd.d`.' },
];

export type Operator = '=' | '+=' | '-=';
export const OPERATORS: readonly Operator[] = ['=', '+=', '-='];

/** How the values of an attribute are read (which parser xinetd runs). */
export type ValueKind =
  | 'yesno' | 'words' | 'socket' | 'protocol' | 'user' | 'group' | 'path' | 'args'
  | 'count' | 'cps' | 'addresses' | 'times' | 'logtype' | 'id' | 'env' | 'varnames'
  | 'port' | 'redirect' | 'address' | 'file' | 'nice' | 'rpcversion' | 'number'
  | 'load' | 'limit' | 'seconds' | 'files' | 'denytime' | 'umask' | 'name' | 'servicelist';

export interface AttributeSpec {
  name: string;
  /** Values in a service entry: N = exactly N, -1 = a list, -2 = a list that takes `+=`/`-=`; undefined = not allowed there. */
  service?: number;
  /** The same in `defaults`; undefined = not allowed in defaults. */
  defaults?: number;
  kind: ValueKind;
  /** The words the parser accepts (compared case-insensitively), when it is a closed set. */
  values?: readonly string[];
  /** What xinetd uses when the attribute is not given. */
  default: string;
  summary: string;
  doc: string;
  source: string;
}

export const SERVICE_TYPES = ['RPC', 'INTERNAL', 'UNLISTED', 'SPECIAL', 'TCPMUX', 'TCPMUXPLUS'] as const;
export const SERVICE_FLAGS = ['REUSE', 'INTERCEPT', 'NORETRY', 'IDONLY', 'NAMEINARGS', 'NODELAY', 'KEEPALIVE', 'NOLIBWRAP', 'SENSOR', 'IPv4', 'IPv6', 'LABELED'] as const;
export const SOCKET_TYPES = ['stream', 'dgram', 'raw', 'seqpacket'] as const;
export const SUCCESS_LOG = ['PID', 'HOST', 'USERID', 'EXIT', 'DURATION', 'TRAFFIC'] as const;
export const FAILURE_LOG = ['HOST', 'USERID', 'ATTEMPT'] as const;
export const LOG_TYPES = ['SYSLOG', 'FILE'] as const;
export const SYSLOG_FACILITIES = ['daemon', 'auth', 'authpriv', 'user', 'mail', 'lpr', 'news', 'uucp', 'ftp', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'] as const;
export const SYSLOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;
export const YES_NO = ['yes', 'no'] as const;
/** Protocols a service normally names (any name in /etc/protocols is accepted). */
export const COMMON_PROTOCOLS = ['tcp', 'udp'] as const;
/**
 * xinetd's built-in services (`builtins.c` builtin_services[]), for `type = INTERNAL`, with the
 * socket types each exists for. 2.3.15 has no `servers`, `services` or `xadmin` any more
 * ("No such internal service: servers/stream - DISABLING", checked with 2.3.15.3).
 */
export const BUILTINS: Readonly<Record<string, readonly string[]>> = {
  echo: ['stream', 'dgram'], discard: ['stream', 'dgram'], time: ['stream', 'dgram'], daytime: ['stream', 'dgram'],
  chargen: ['stream', 'dgram'], sensor: ['stream', 'dgram'], tcpmux: ['stream'],
};

/** Documentation of the closed-set value words, for hover and completion. */
export const VALUE_DOCS: Readonly<Record<string, string>> = {
  RPC: 'An RPC service: registered with the portmapper; needs `protocol` and `rpc_version` (and `rpc_number` when UNLISTED).',
  INTERNAL: 'A service xinetd implements itself (`echo`, `chargen`, `daytime`, `time`, `discard`, `tcpmux`; `sensor` with SENSOR): no `user` or `server`.',
  UNLISTED: 'Not in `/etc/services` (or `/etc/rpc`): the `port` (and `protocol`) must be given.',
  SPECIAL: 'xinetd\'s own special services.',
  TCPMUX: 'A service started through the TCPMUX multiplexer (RFC 1078); must be UNLISTED and tcp.',
  TCPMUXPLUS: 'A TCPMUX service that answers the `+` itself; must be UNLISTED and tcp.',
  REUSE: 'SO_REUSEADDR on the socket. Deprecated: always on.',
  INTERCEPT: 'Runs the server behind an interceptor that checks every packet against the access rules. Ignored (with an error) for internal and `wait = no` services.',
  NORETRY: 'Do not retry a failed fork.',
  IDONLY: 'Accept connections only from hosts that answer identd; needs `USERID` logging.',
  NAMEINARGS: 'The first word of `server_args` is argv[0] (as inetd did, e.g. for tcpd). Needs `server_args`.',
  NODELAY: 'TCP_NODELAY on the connection.',
  KEEPALIVE: 'SO_KEEPALIVE on the connection.',
  NOLIBWRAP: 'Skip the libwrap (tcp_wrappers) check for this service.',
  SENSOR: 'A honeypot: any host that connects is added to the global `no_access` list for `deny_time` minutes.',
  IPv4: 'Bind an IPv4 socket.',
  IPv6: 'Bind an IPv6 socket (the default; with IPv4 too it falls back to IPv4).',
  LABELED: 'Labeled networking (SELinux): the server runs in the context of the connection.',
  stream: 'A stream socket (TCP). Usually with `wait = no`.',
  dgram: 'A datagram socket (UDP). Needs `wait = yes` (from 2.3.15.4 `wait = no` is refused).',
  raw: 'A raw socket.',
  seqpacket: 'A sequenced-packet socket.',
  PID: 'Log the server\'s PID.',
  HOST: 'Log the remote host address.',
  USERID: 'Log the remote user id (RFC 1413 identd): slows every connection.',
  EXIT: 'Log the server\'s exit status.',
  DURATION: 'Log how long the session lasted.',
  TRAFFIC: 'Log the bytes moved; only for redirected services (`redirect`), otherwise the service is removed.',
  ATTEMPT: 'Log a failed attempt (implied by the other failure flags).',
  SYSLOG: '`SYSLOG facility [level]`: log to syslog (level default `info`).',
  FILE: '`FILE path [soft [hard]]`: log to a file, with optional size limits (K/M suffixes).',
  yes: 'Yes.',
  no: 'No.',
};

const C = 'xinetd.conf(5); parse.c service_attributes[]';
const P = 'parsers.c';

export const ATTRIBUTES: readonly AttributeSpec[] = [
  { name: 'socket_type', service: 1, kind: 'socket', values: SOCKET_TYPES, default: 'from `protocol` (tcp → stream, udp → dgram)', summary: 'stream, dgram, raw or seqpacket', doc: 'The socket type. Required (but derived from `protocol` tcp/udp when only that is given).', source: `${C}; ${P} socket_type_parser` },
  { name: 'protocol', service: 1, kind: 'protocol', default: 'from `socket_type` (stream → tcp, dgram → udp)', summary: 'A protocol from /etc/protocols', doc: 'The protocol, a name from `/etc/protocols` (`Protocol X not in /etc/protocols` otherwise). Derived from `socket_type` when not given.', source: `${C}; ${P} protocol_parser` },
  { name: 'wait', service: 1, kind: 'yesno', values: YES_NO, default: 'none: **required**', summary: 'yes: single-threaded; no: one server per connection', doc: '`yes`: xinetd hands the socket to one server and waits for it to exit (usual for dgram/UDP). `no`: xinetd accepts each connection and starts a server for it (usual for stream/TCP).', source: `${C}; ${P} wait_parser` },
  { name: 'user', service: 1, kind: 'user', default: 'none: **required** unless INTERNAL', summary: 'The user the server runs as', doc: 'The user name (looked up in `/etc/passwd` when xinetd reads the file: `Unknown user: X` disables the service) or a numeric uid.', source: `${C}; ${P} user_parser` },
  { name: 'group', service: 1, kind: 'group', default: "the user's primary group", summary: 'The group the server runs as', doc: 'The group name (from `/etc/group`) or a numeric gid.', source: `${C}; ${P} group_parser` },
  { name: 'server', service: 1, kind: 'path', default: 'none: **required** unless INTERNAL or `redirect`', summary: 'The program to run', doc: 'The absolute path of the program. It must be executable when xinetd reads the file (`Server X is not executable` disables the service).', source: `${C}; ${P} server_parser` },
  { name: 'server_args', service: -1, kind: 'args', default: 'no arguments', summary: 'Arguments for the server', doc: 'The arguments, split on blanks with **no quoting**. argv[0] is the server\'s basename, so do not repeat it here (unless `flags = NAMEINARGS`).', source: `${C}; ${P} server_args_parser` },
  { name: 'instances', service: 1, defaults: 1, kind: 'count', values: ['UNLIMITED'], default: 'UNLIMITED', summary: 'Maximum servers running at once', doc: 'How many servers of this service may run at the same time: a number ≥ 0 or `UNLIMITED`.', source: `${C}; ${P} instances_parser` },
  { name: 'log_on_success', service: -2, defaults: -2, kind: 'words', values: SUCCESS_LOG, default: 'nothing (or the defaults)', summary: 'What to log when a server starts/exits', doc: 'Any of `PID`, `HOST`, `USERID`, `EXIT`, `DURATION`, `TRAFFIC`. `+=`/`-=` change the inherited set.', source: `${C}; ${P} log_on_success_parser` },
  { name: 'log_on_failure', service: -2, defaults: -2, kind: 'words', values: FAILURE_LOG, default: 'nothing (or the defaults)', summary: 'What to log when a connection is refused', doc: 'Any of `HOST`, `USERID`, `ATTEMPT`.', source: `${C}; ${P} log_on_failure_parser` },
  { name: 'log_type', service: -1, defaults: -2, kind: 'logtype', values: LOG_TYPES, default: 'the defaults', summary: 'SYSLOG facility [level] | FILE path [soft [hard]]', doc: '`SYSLOG facility [level]` (facilities: daemon, auth, authpriv, user, mail, lpr, news, uucp, ftp, local0-7; levels emerg…debug, default info) or `FILE path [soft-limit [hard-limit]]`.', source: `${C}; ${P} log_type_parser` },
  { name: 'only_from', service: -2, defaults: -2, kind: 'addresses', default: 'everybody', summary: 'Hosts allowed to connect', doc: 'Addresses allowed to connect: `a.b.c.d` (trailing `.0` parts are wildcards; `0.0.0.0` is everybody), `a.b.c.{x,y}`, `addr/len`, a host or network name, `.domain`. **An empty value means nobody.** No commas between addresses.', source: `${C}; ${P} only_from_parser` },
  { name: 'no_access', service: -2, defaults: -2, kind: 'addresses', default: 'nobody refused', summary: 'Hosts refused', doc: 'Addresses refused, in the `only_from` forms. When both match, the more specific one wins.', source: `${C}; ${P} no_access_parser` },
  { name: 'access_times', service: -1, kind: 'times', default: 'any time', summary: 'When the service is available (H:MM-H:MM)', doc: 'Intervals `hour:min-hour:min` when the service answers. Hours 0-23, minutes 0-59, start before end (`24:00` is invalid, also in the man page\'s own `12:00-24:00` example).', source: `${C}; ${P} access_times_parser, timex.c` },
  { name: 'type', service: -1, kind: 'words', values: SERVICE_TYPES, default: 'a listed service (in /etc/services)', summary: 'RPC, INTERNAL, UNLISTED, SPECIAL, TCPMUX, TCPMUXPLUS', doc: 'What kind of service this is. `UNLISTED` services need `port` (and `protocol`); `INTERNAL` ones need no `user` or `server`.', source: `${C}; ${P} type_parser` },
  { name: 'rpc_version', service: 1, kind: 'rpcversion', default: 'none: required for RPC', summary: 'RPC version N or N-M', doc: 'The RPC program version, `N` or a range `N-M`.', source: `${C}; ${P} rpc_version_parser` },
  { name: 'rpc_number', service: 1, kind: 'number', default: 'from /etc/rpc', summary: 'RPC program number', doc: 'The RPC program number; required for UNLISTED RPC services.', source: `${C}; ${P} rpc_number_parser` },
  { name: 'id', service: 1, kind: 'id', default: 'the service name', summary: 'A unique id for the entry', doc: 'Identifies the entry when several share a name (e.g. `chargen-stream` and `chargen-dgram`). `disabled`/`enabled` in defaults name ids.', source: `${C}; ${P} id_parser` },
  { name: 'env', service: -2, kind: 'env', default: 'the environment of xinetd', summary: 'NAME=value … for the server', doc: '`NAME=value` words added to the server\'s environment. No quoting, so a value cannot contain a blank. `-=` is not supported.', source: `${C}; ${P} env_parser` },
  { name: 'port', service: 1, kind: 'port', default: 'from /etc/services', summary: 'The port number', doc: 'The port, 0-65535. For a listed service it **must equal** the `/etc/services` port (`Service X expects port N, not M`); required for UNLISTED services.', source: `${C}; ${P} port_parser; confparse.c check_entry` },
  { name: 'passenv', service: -2, defaults: -2, kind: 'varnames', default: 'nothing', summary: 'Variables of xinetd passed to the server', doc: 'Names of xinetd\'s environment variables passed on to the server. An empty list passes nothing.', source: `${C}; ${P} passenv_parser` },
  { name: 'flags', service: -1, kind: 'words', values: SERVICE_FLAGS, default: 'IPv6 (with IPv4 fallback)', summary: 'Socket and behaviour flags', doc: 'Any of `REUSE`, `INTERCEPT`, `NORETRY`, `IDONLY`, `NAMEINARGS`, `NODELAY`, `KEEPALIVE`, `NOLIBWRAP`, `SENSOR`, `IPv4`, `IPv6`, `LABELED`.', source: `${C}; ${P} flags_parser; sconst.c` },
  { name: 'nice', service: 1, kind: 'nice', default: '0', summary: 'Nice value of the server', doc: 'The server\'s nice value (an integer).', source: `${C}; ${P} nice_parser` },
  { name: 'redirect', service: 2, kind: 'redirect', default: 'none', summary: 'host port: forward TCP connections', doc: '`host port`: xinetd forwards each TCP connection there instead of running a server. Only for stream services with `wait = no` and no NAMEINARGS; `server` is then not used.', source: `${C}; ${P} redir_parser` },
  { name: 'banner', service: 1, defaults: 1, kind: 'file', default: 'none', summary: 'File printed on every connection', doc: 'A file whose contents xinetd writes to every connection before anything else.', source: `${C}; ${P} banner_parser` },
  { name: 'bind', service: 1, defaults: 1, kind: 'address', default: 'all addresses', summary: 'Local address to listen on', doc: 'The local address the service listens on. Two enabled services on the same port, protocol and bind address collide.', source: `${C}; ${P} bind_parser` },
  { name: 'interface', service: 1, defaults: 1, kind: 'address', default: 'all addresses', summary: 'Same as bind', doc: 'A synonym of `bind`.', source: `${C}; ${P} bind_parser` },
  { name: 'per_source', service: 1, defaults: 1, kind: 'count', values: ['UNLIMITED'], default: 'UNLIMITED', summary: 'Maximum servers per remote address', doc: 'How many servers may run for one source address: a number or `UNLIMITED`.', source: `${C}; ${P} per_source_parser` },
  { name: 'groups', service: 1, defaults: 1, kind: 'yesno', values: YES_NO, default: 'no', summary: 'Give the server the user\'s supplementary groups', doc: '`yes`: the server gets all the groups of `user`; `no`: only its primary group.', source: `${C}; ${P} groups_parser` },
  { name: 'banner_success', service: 1, defaults: 1, kind: 'file', default: 'none', summary: 'File printed on accepted connections', doc: 'A file written to a connection that passes the access checks.', source: `${C}; ${P} banner_success_parser` },
  { name: 'banner_fail', service: 1, defaults: 1, kind: 'file', default: 'none', summary: 'File printed on refused connections', doc: 'A file written to a connection that the access checks refuse.', source: `${C}; ${P} banner_fail_parser` },
  { name: 'cps', service: 2, defaults: 2, kind: 'cps', default: '50 10', summary: 'conn/sec wait-seconds', doc: 'Two numbers: the connections per second allowed, and how many seconds the service is switched off when that rate is exceeded.', source: `${C}; ${P} cps_parser` },
  { name: 'disable', service: 1, kind: 'yesno', values: YES_NO, default: 'no', summary: 'yes: the service is not started', doc: '`yes` switches the service off (xinetd stops reading the entry there). This is the line `chkconfig NAME on|off` rewrites; chkconfig only recognises a lower-case `yes`.', source: `${C}; ${P} svcdisable_parser; chkconfig leveldb.c` },
  { name: 'max_load', service: 1, defaults: 1, kind: 'load', default: 'no limit', summary: 'Refuse connections above this load average', doc: 'A load average (floating point) above which the service refuses connections.', source: `${C}; ${P} max_load_parser` },
  { name: 'rlimit_as', service: 1, kind: 'limit', values: ['UNLIMITED'], default: 'unlimited', summary: 'Address space limit (K/M suffix)', doc: 'The server\'s address space limit in bytes, with an optional `K` or `M`, or `UNLIMITED`.', source: `${C}; ${P} rlim_as_parser` },
  { name: 'rlimit_cpu', service: 1, kind: 'seconds', values: ['UNLIMITED'], default: 'unlimited', summary: 'CPU seconds limit', doc: 'The server\'s CPU time limit in seconds, or `UNLIMITED`.', source: `${C}; ${P} rlim_cpu_parser` },
  { name: 'rlimit_data', service: 1, kind: 'limit', values: ['UNLIMITED'], default: 'unlimited', summary: 'Data segment limit (K/M suffix)', doc: 'The server\'s data size limit in bytes, with an optional `K` or `M`, or `UNLIMITED`.', source: `${C}; ${P} rlim_data_parser` },
  { name: 'rlimit_files', service: 1, kind: 'files', values: ['UNLIMITED'], default: 'unlimited', summary: 'Open files limit', doc: 'The maximum number of open files, or `UNLIMITED`.', source: `${C}; ${P} rlim_files_parser` },
  { name: 'rlimit_rss', service: 1, kind: 'limit', values: ['UNLIMITED'], default: 'unlimited', summary: 'Resident set limit (K/M suffix)', doc: 'The server\'s resident set size limit in bytes, with an optional `K` or `M`, or `UNLIMITED`.', source: `${C}; ${P} rlim_rss_parser` },
  { name: 'rlimit_stack', service: 1, kind: 'limit', values: ['UNLIMITED'], default: 'unlimited', summary: 'Stack limit (K/M suffix)', doc: 'The server\'s stack size limit in bytes, with an optional `K` or `M`, or `UNLIMITED`.', source: `${C}; ${P} rlim_stack_parser` },
  { name: 'v6only', service: 1, defaults: 1, kind: 'yesno', values: YES_NO, default: 'the kernel\'s bindv6only', summary: 'IPv6 socket accepts only IPv6', doc: '`yes`: the IPv6 socket does not accept IPv4-mapped connections.', source: `${C}; ${P} v6only_parser` },
  { name: 'deny_time', service: 1, kind: 'denytime', values: ['FOREVER', 'NEVER'], default: 'NEVER', summary: 'Minutes a SENSOR offender is refused', doc: 'With `flags = SENSOR`: how many minutes an offending host is refused, or `FOREVER` / `NEVER`.', source: `${C}; ${P} deny_time_parser` },
  { name: 'umask', service: 1, defaults: 1, kind: 'umask', default: 'xinetd\'s umask', summary: 'Octal umask for the server', doc: 'The server\'s umask, octal 0-0777.', source: `${C}; ${P} umask_parser` },
  { name: 'libwrap', service: 1, kind: 'name', default: 'the service id', summary: 'Name used for tcp_wrappers', doc: 'The name looked up in `/etc/hosts.allow` and `/etc/hosts.deny` instead of the service id.', source: `${C}; ${P} libwrap_parser` },
  { name: 'disabled', defaults: -2, kind: 'servicelist', default: 'none', summary: 'Service ids not to start (defaults only)', doc: 'Only in `defaults`: the ids of services that are not started, whatever their own `disable` says. In a service entry this attribute does not exist (use `disable`).', source: `${C}; parse.c default_attributes[]` },
  { name: 'enabled', defaults: -2, kind: 'servicelist', default: 'all', summary: 'The only service ids to start (defaults only)', doc: 'Only in `defaults`: when given, only the services with these ids are started.', source: `${C}; parse.c default_attributes[]` },
];

const byLower = new Map(ATTRIBUTES.map((a) => [a.name.toLowerCase(), a]));

/** Looks an attribute up as xinetd does (`strcasecmp`). */
export function findAttribute(name: string): AttributeSpec | undefined {
  return byLower.get(name.toLowerCase());
}

/** Attributes allowed in a section. */
export function attributesOf(section: 'service' | 'defaults'): AttributeSpec[] {
  return ATTRIBUTES.filter((a) => (section === 'service' ? a.service : a.defaults) !== undefined);
}

/** The value count of an attribute in a section, or undefined when it is not allowed there. */
export function countIn(a: AttributeSpec, section: 'service' | 'defaults'): number | undefined {
  return section === 'service' ? a.service : a.defaults;
}

/** `strcasecmp` equality. */
export const eq = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The canonical spelling of a word in a closed set, compared case-insensitively. */
export function findWord(list: readonly string[], word: string): string | undefined {
  return list.find((w) => eq(w, word));
}

/** Services that audits flag when enabled (clear-text logins, unauthenticated file transfer). */
export const INSECURE_SERVICES: Readonly<Record<string, string>> = {
  telnet: 'clear-text logins and passwords',
  login: 'rlogin: host-based trust, clear text',
  shell: 'rsh: host-based trust, no password',
  exec: 'rexec: clear-text passwords',
  tftp: 'no authentication at all',
};
