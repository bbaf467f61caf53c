/**
 * The ha.cf table: every directive heartbeat reads, with its value kind, default, unit,
 * documentation and source. Completion, hover, validation and the TextMate grammar
 * (`scripts/gen-grammar-heartbeat.ts`) all read this table; a directive is spelled nowhere
 * else.
 *
 * @see spec/domain.md §6.1–§6.3 (heartbeat 3.0.6 `config.c`, 2.1.3 differences), §6.6
 */

export type HeartbeatVersion = 2 | 3;

/**
 * How heartbeat reads the rest of the line:
 * - `option`: split on blanks and commas, each value applied in turn (`Directives[]`);
 * - `media`: an HBcomm plugin; `new`-style ones are split like options, `parse`-style ones
 *   get the whole line;
 * - `wholeline`: the rest of the line goes to the directive's own parser (`WLdirectives[]`).
 */
export type DirectiveKind = 'option' | 'media' | 'wholeline';

export type ValueKind =
  | 'time' | 'integer' | 'boolean' | 'enum' | 'string' | 'path' | 'node' | 'env'
  | 'interfaces' | 'mcast' | 'mcast6' | 'ucast' | 'serial' | 'hosts' | 'ping_group' | 'words'
  | 'stonith' | 'stonith_host' | 'apiauth' | 'respawn';

export interface DirectiveSpec {
  name: string;
  kind: DirectiveKind;
  value: ValueKind;
  /** Accepted values of an `enum` (besides the booleans when `booleans` is set). */
  values?: readonly string[];
  /** The enum also accepts every boolean spelling. */
  booleans?: boolean;
  /** Enum values compared case-insensitively (`strcasecmp`). */
  ignoreCase?: boolean;
  /** Integer limits (inclusive) as the code enforces them. */
  min?: number;
  max?: number;
  /** The default as heartbeat states it (`Directives[]` or the code). */
  default?: string;
  unit?: string;
  /** What the line looks like, for completion details. */
  shape: string;
  summary: string;
  doc: string;
  /** The rule the directive takes part in (deadtime vs keepalive, order, …). */
  rule?: string;
  /** Several values or lines add up (node, env, media); otherwise the last value wins. */
  repeatable?: boolean;
  /** heartbeat refuses a second one. */
  once?: boolean;
  /** Versions that know the directive (default both). */
  versions?: readonly HeartbeatVersion[];
  source: string;
}

export const BOOLEAN_TRUE = ['true', 'on', 'yes', 'y', '1'] as const;
export const BOOLEAN_FALSE = ['false', 'off', 'no', 'n', '0'] as const;

export function parseBoolean(word: string): boolean | undefined {
  const w = word.toLowerCase();
  if ((BOOLEAN_TRUE as readonly string[]).includes(w)) return true;
  if ((BOOLEAN_FALSE as readonly string[]).includes(w)) return false;
  return undefined;
}

export const BAUD_RATES = ['9600', '19200', '38400', '57600', '115200', '230400', '460800'] as const;

export const LOG_FACILITIES = [
  'auth', 'authpriv', 'cron', 'daemon', 'ftp', 'kern', 'lpr', 'mail', 'news', 'security', 'syslog', 'user', 'uucp',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7', 'none',
] as const;

const TIME_DOC = 'A time: a number of seconds (`2`, `1.5`), or with `ms`/`msec` or `us`/`usec` glued to it (`500ms`). `30s`, `1m` and `2min` are invalid, and `500 ms` is two values.';

export const DIRECTIVES: readonly DirectiveSpec[] = [
  // ------------------------------------------------------------------ cluster and nodes
  { name: 'cluster', kind: 'option', value: 'string', default: 'linux-ha', shape: 'cluster NAME', summary: 'Name of the cluster', doc: 'The cluster name, kept for the API and the plugins.', source: 'config.c Directives[]' },
  {
    name: 'node', kind: 'option', value: 'node', repeatable: true, shape: 'node NAME [NAME…]', summary: 'A cluster node (its `uname -n`)',
    doc: 'Declares cluster nodes, one per value (`node a b` and `node a,b` both declare two). Names are compared case-insensitively with `uname -n`; at most 100 nodes.',
    rule: 'At least one node unless `autojoin any` (`no nodes defined`); the local node must be listed (`Current node [x] not in configuration!`); haresources lines must start with one of them.',
    source: 'config.c add_node, init_config',
  },
  {
    name: 'autojoin', kind: 'option', value: 'enum', values: ['none', 'other', 'any'], ignoreCase: true, default: 'none', shape: 'autojoin none|other|any', summary: 'Let nodes not listed join the cluster',
    doc: '`none`: only listed nodes; `other`: other nodes may join; `any`: any node, even the local one unlisted.',
    rule: '`other`/`any` conflicts with haresources (R1) resource management: `R1 style resource management conflicts with autojoin set`.',
    source: 'config.c set_autojoin',
  },
  // ------------------------------------------------------------------ timing
  {
    name: 'keepalive', kind: 'option', value: 'time', default: '1000ms', unit: 'time (s, or ms/us suffix)', shape: 'keepalive TIME', summary: 'Interval between heartbeats',
    doc: `How often heartbeat sends a heartbeat packet. ${TIME_DOC}`,
    rule: 'Must be > 0. deadtime and deadping must be more than twice keepalive.',
    source: 'config.c set_keepalive_ms; cl_get_msec',
  },
  {
    name: 'deadtime', kind: 'option', value: 'time', default: '30000ms', unit: 'time (s, or ms/us suffix)', shape: 'deadtime TIME', summary: 'Silence after which a node is declared dead',
    doc: `How long a node may be silent before it is declared dead and its resources are taken over. ${TIME_DOC}`,
    rule: 'Must be more than 2 × keepalive (`Dead time [D] is too small compared to keeplive [K]`); initdead must not be smaller; warntime should be smaller.',
    source: 'config.c set_deadtime_ms, init_config',
  },
  {
    name: 'warntime', kind: 'option', value: 'time', default: 'deadtime / 2', unit: 'time (s, or ms/us suffix)', shape: 'warntime TIME', summary: 'Silence after which a late heartbeat is logged',
    doc: `After this silence heartbeat logs a "late heartbeat" warning. ${TIME_DOC}`,
    rule: 'Must be > 0 (`Warn time [x] is invalid.`); useless unless smaller than deadtime.',
    source: 'config.c set_warntime_ms',
  },
  {
    name: 'initdead', kind: 'option', value: 'time', default: 'deadtime if > 10 s; 12 s if deadtime < 6 s; else 2 × deadtime', unit: 'time (s, or ms/us suffix)', shape: 'initdead TIME', summary: 'deadtime used right after heartbeat starts',
    doc: `The dead time used at start-up, while the network and the other nodes come up. The sample ha.cf says at least twice deadtime. ${TIME_DOC}`,
    rule: 'Must be ≥ deadtime (`Initial dead time [I] is smaller than deadtime [D]`); below 10 s heartbeat warns `may be too small!`.',
    source: 'config.c set_initial_deadtime, init_config',
  },
  {
    name: 'deadping', kind: 'option', value: 'time', default: '= deadtime', unit: 'time (s, or ms/us suffix)', shape: 'deadping TIME', summary: 'deadtime for ping nodes',
    doc: `How long a ping node may be silent before it is declared dead. ${TIME_DOC}`,
    rule: 'When set, must be more than 2 × keepalive (`Ping dead time [P] is too small compared to keeplive [K]`).',
    source: 'config.c set_deadping',
  },
  { name: 'hopfudge', kind: 'option', value: 'integer', min: 0, max: 255, default: '1', shape: 'hopfudge N', summary: 'Extra hops allowed on serial rings', doc: 'How many nodes more than the cluster size a packet may pass on a serial ring.', source: 'config.c set_hopfudge' },
  // ------------------------------------------------------------------ devices and ports
  {
    name: 'watchdog', kind: 'option', value: 'path', once: true, shape: 'watchdog /dev/watchdog', summary: 'Watchdog device heartbeat keeps alive',
    doc: 'A watchdog device heartbeat writes to; when heartbeat stops writing (deadtime + 1 minute) the machine reboots. The init script loads `softdog` when needed.',
    rule: 'Only once: `Watchdog device multiply specified.`', source: 'config.c set_watchdogdev',
  },
  {
    name: 'baud', kind: 'option', value: 'enum', values: BAUD_RATES, once: true, default: '19200', unit: 'bits per second', shape: 'baud 19200', summary: 'Speed of the serial links',
    doc: 'The speed of the `serial` links.',
    rule: 'Only once (`Baudrate multiply specified.`); it applies only to `serial` lines after it.', source: 'config.c set_baudrate',
  },
  {
    name: 'udpport', kind: 'option', value: 'integer', min: 1, max: 65535, default: '694 (ha-cluster in /etc/services)', unit: 'UDP port', shape: 'udpport 694', summary: 'UDP port of bcast, ucast and rds media',
    doc: 'The UDP port of the `bcast`, `ucast` and `rds` media declared **after** it. It does not apply to `mcast`, whose port is on its line.',
    rule: 'Must come before the media that use it; earlier media keep 694.', source: 'config.c set_udpport',
  },
  // ------------------------------------------------------------------ logging
  {
    name: 'logfacility', kind: 'option', value: 'enum', values: LOG_FACILITIES, ignoreCase: true, shape: 'logfacility local0', summary: 'syslog facility (or none)',
    doc: 'The syslog facility heartbeat logs to; `none` turns syslog off.',
    rule: 'With `use_logd off`, at least one of logfile, debugfile, logfacility (not `none`) is needed; with `use_logd on` it is ignored.', source: 'config.c set_facility; cl_syslog.c',
  },
  { name: 'logfile', kind: 'option', value: 'path', shape: 'logfile /var/log/ha-log', summary: 'File for log messages', doc: 'A file heartbeat appends its log messages to. Ignored when `use_logd` is on.', rule: 'See use_logd.', source: 'config.c set_logfile' },
  { name: 'debugfile', kind: 'option', value: 'path', shape: 'debugfile /var/log/ha-debug', summary: 'File for debug messages', doc: 'A file heartbeat appends its debug messages to. Ignored when `use_logd` is on.', rule: 'See use_logd.', source: 'config.c set_dbgfile' },
  {
    name: 'use_logd', kind: 'option', value: 'boolean', default: 'yes when no logfile, debugfile or logfacility is set', shape: 'use_logd yes|no', summary: 'Log through the logging daemon (ha_logd)',
    doc: 'Send log messages to `ha_logd` instead of writing them directly.',
    rule: '`use_logd off` with no logfile, debugfile or logfacility: `No log entry found in ha.cf and use_logd is set to off` (not started). `use_logd on` with any of them: they are ignored.', source: 'config.c set_use_logd, init_config',
  },
  { name: 'conn_logd_time', kind: 'option', value: 'time', default: '60', unit: 'time (s, or ms/us suffix)', shape: 'conn_logd_time TIME', summary: 'Interval between logd reconnect attempts', doc: `How often heartbeat tries to reconnect to ha_logd. ${TIME_DOC}`, rule: 'Must be > 0.', source: 'config.c set_conn_logd_time' },
  { name: 'debug', kind: 'option', value: 'integer', min: 0, max: 255, default: '0', shape: 'debug N', summary: 'Debug level', doc: 'The debug level (SIGUSR1 raises it, SIGUSR2 lowers it). `debug 0` cancels `-d` on the command line.', source: 'config.c set_debuglevel' },
  // ------------------------------------------------------------------ resources (R1)
  {
    name: 'auto_failback', kind: 'option', value: 'enum', values: ['legacy'], booleans: true, ignoreCase: true, default: 'legacy', shape: 'auto_failback on|off|legacy', summary: 'Move resources back to their preferred node',
    doc: '`on`: resources move back to the node haresources names as preferred when it comes back; `off`: they stay where they are; `legacy`: the old nice_failback behaviour.',
    rule: 'With haresources management, a missing or `legacy` value gives `Deprecated \'legacy\' auto_failback option selected.`; the sample ha.cf says to always set it.', source: 'config.c set_auto_failback',
  },
  {
    name: 'nice_failback', kind: 'option', value: 'boolean', shape: 'nice_failback on|off', summary: 'Obsolete: use auto_failback',
    doc: 'Obsolete. heartbeat 3.0.6 reads any value as `auto_failback legacy` (deprecated); 2.1.3 converts `on` → `auto_failback off` and `off` → `legacy`. `nice_failback on` meant what `auto_failback off` says.',
    rule: '`nice_failback flag is obsolete. Use auto_failback {on, off, legacy} instead.`', source: 'config.c set_nice_failback',
  },
  // ------------------------------------------------------------------ process
  { name: 'rtprio', kind: 'option', value: 'integer', min: 1, max: 99, default: 'middle of the SCHED_FIFO range', shape: 'rtprio N', summary: 'Realtime priority', doc: 'The SCHED_FIFO priority heartbeat runs at.', rule: 'Outside 1-99: `Illegal realtime priority [x]`.', source: 'config.c set_realtime_prio' },
  { name: 'realtime', kind: 'option', value: 'boolean', default: 'true', shape: 'realtime yes|no', summary: 'Lock into memory and run with realtime priority', doc: 'Lock heartbeat into memory and use a realtime scheduling priority.', source: 'config.c set_realtime' },
  { name: 'hbgenmethod', kind: 'option', value: 'enum', values: ['file', 'time'], ignoreCase: true, default: 'file', shape: 'hbgenmethod file|time', summary: 'How the heartbeat generation number is kept', doc: '`file`: kept in a file across restarts; `time`: taken from the clock.', source: 'config.c set_generation_method' },
  { name: 'normalpoll', kind: 'option', value: 'boolean', default: 'true', shape: 'normalpoll yes|no', summary: 'Use normal poll(2)', doc: 'Only in builds with ALLOWPOLLCHOICE.', source: 'config.c set_normalpoll' },
  { name: 'msgfmt', kind: 'option', value: 'enum', values: ['classic', 'netstring'], default: 'classic', shape: 'msgfmt classic|netstring', summary: 'Wire format of messages', doc: 'The message format on the wire; compared exactly (lower case).', source: 'config.c set_msgfmt' },
  { name: 'use_apphbd', kind: 'option', value: 'boolean', shape: 'use_apphbd yes|no', summary: 'Register with apphbd', doc: 'Register heartbeat with the application heartbeat daemon.', source: 'config.c set_register_to_apphbd' },
  { name: 'log_badpack', kind: 'option', value: 'boolean', default: 'true', shape: 'log_badpack yes|no', summary: 'Log bad packets', doc: 'Log a warning for each bad packet received.', source: 'config.c set_badpack_warn' },
  { name: 'syslogmsgfmt', kind: 'option', value: 'boolean', default: 'true (3.x), false (2.1.3)', shape: 'syslogmsgfmt yes|no', summary: 'syslog-style lines in log files', doc: 'Write log files in the syslog line format.', source: 'config.c set_syslog_logfilefmt' },
  { name: 'coredumps', kind: 'option', value: 'boolean', default: 'true', shape: 'coredumps yes|no', summary: 'Allow core dumps', doc: 'Let heartbeat processes dump core.', source: 'config.c set_coredump' },
  { name: 'coreroot', kind: 'option', value: 'path', shape: 'coreroot /var/lib/heartbeat/cores', summary: 'Directory for core dumps', doc: 'Where core dumps go (`Invalid core directory [x]` when unusable).', source: 'config.c set_corerootdir' },
  // ------------------------------------------------------------------ CRM / Pacemaker
  {
    name: 'pacemaker', kind: 'option', value: 'enum', values: ['respawn', 'minimal', 'manual', 'ccm-only', 'valgrind'], booleans: true, ignoreCase: true, once: true, default: 'false', versions: [3], shape: 'pacemaker on|respawn|minimal|manual|ccm-only|valgrind', summary: 'Run Pacemaker as the resource manager',
    doc: 'Turns on Pacemaker: heartbeat starts its daemons (ccm, cib, stonithd, lrmd, attrd, crmd) and **ignores haresources**.',
    rule: 'Only once (`pacemaker/crm directive used multiple times!`); `crm_daemon_dir` and `crmd_spawns_pengine` must come before it.', source: 'config.c set_release2mode',
  },
  {
    name: 'crm', kind: 'option', value: 'enum', values: ['respawn', 'minimal', 'manual', 'ccm-only', 'valgrind'], booleans: true, ignoreCase: true, once: true, default: 'false', shape: 'crm on|respawn|minimal|manual', summary: 'Run the CRM (3.x: same as pacemaker)',
    doc: '2.1.3: turns on the version 2 cluster resource manager. 3.x: an alias of `pacemaker`. Either way **haresources is ignored**.',
    rule: 'Only once, counting `pacemaker`.', source: 'config.c set_release2mode',
  },
  { name: 'crm_daemon_dir', kind: 'option', value: 'path', default: 'CRM_DAEMON_DIR (build time)', versions: [3], shape: 'crm_daemon_dir /usr/lib/pacemaker', summary: 'Where the Pacemaker daemons are', doc: 'The directory heartbeat starts the Pacemaker daemons from.', rule: 'Must come before `pacemaker`.', source: 'config.c' },
  { name: 'crmd_spawns_pengine', kind: 'option', value: 'boolean', default: 'true', versions: [3], shape: 'crmd_spawns_pengine yes|no', summary: 'crmd starts pengine itself', doc: 'Whether crmd starts the policy engine (otherwise heartbeat respawns it).', rule: 'Must come before `pacemaker`.', source: 'config.c' },
  { name: 'record_config_changes', kind: 'option', value: 'boolean', default: 'on', shape: 'record_config_changes on|off', summary: 'Keep CIB change history', doc: 'Valid only with pacemaker/crm on.', source: 'config.c' },
  { name: 'record_pengine_inputs', kind: 'option', value: 'boolean', default: 'on', shape: 'record_pengine_inputs on|off', summary: 'Keep policy engine inputs', doc: 'Valid only with pacemaker/crm on.', source: 'config.c' },
  { name: 'enable_config_writes', kind: 'option', value: 'boolean', default: 'on', shape: 'enable_config_writes on|off', summary: 'Let the CRM write its configuration', doc: 'Valid only with pacemaker/crm on.', source: 'config.c' },
  // ------------------------------------------------------------------ misc
  { name: 'uuidfrom', kind: 'option', value: 'enum', values: ['file', 'nodename'], ignoreCase: true, default: 'file', shape: 'uuidfrom file|nodename', summary: 'Where node UUIDs come from', doc: '`file`: a generated UUID kept on disk; `nodename`: the node name.', source: 'config.c set_uuidfrom' },
  { name: 'compression', kind: 'option', value: 'enum', values: ['zlib', 'bz2'], default: 'zlib', shape: 'compression zlib|bz2', summary: 'Compression plugin for large messages', doc: 'The compression plugin used for messages above compression_threshold.', source: 'config.c set_compression' },
  { name: 'compression_threshold', kind: 'option', value: 'integer', min: 1, default: '2', unit: 'KB', shape: 'compression_threshold N', summary: 'Messages above this are compressed', doc: 'Size in KB above which messages are compressed.', source: 'config.c set_compression_threshold' },
  { name: 'traditional_compression', kind: 'option', value: 'boolean', default: 'no', shape: 'traditional_compression yes|no', summary: 'Compress whole messages', doc: 'Compress the whole message instead of single fields.', source: 'config.c' },
  { name: 'env', kind: 'option', value: 'env', repeatable: true, shape: 'env NAME=value', summary: 'Environment for respawned children', doc: 'Exports `HA_NAME=value` to the children heartbeat respawns.', source: 'config.c set_env' },
  { name: 'max_rexmit_delay', kind: 'option', value: 'integer', min: 1, default: '250', unit: 'ms', shape: 'max_rexmit_delay N', summary: 'Longest delay before a retransmission', doc: 'The longest delay, in ms, before a lost packet is sent again.', rule: '≤ 0: `Invalid max_rexmit_delay time(x)`.', source: 'config.c' },
  { name: 'memreserve', kind: 'option', value: 'integer', min: 1, default: '6500', unit: 'KB', shape: 'memreserve N', summary: 'Memory reserved at start', doc: 'KB of memory heartbeat reserves at start-up.', source: 'config.c' },
  { name: 'quorum_server', kind: 'option', value: 'string', shape: 'quorum_server HOST', summary: 'Quorum server', doc: 'A quorum server (host name or address); also overwrites `cluster` with the same value.', source: 'config.c' },
  // ------------------------------------------------------------------ whole-line
  { name: 'stonith', kind: 'wholeline', value: 'stonith', repeatable: true, shape: 'stonith TYPE CONFIG-FILE', summary: 'A STONITH device (config in a file)', doc: 'A STONITH device that can power off the other node, so that a partitioned cluster cannot run the resources twice (split brain).', source: 'config.c set_stonith_info' },
  { name: 'stonith_host', kind: 'wholeline', value: 'stonith_host', repeatable: true, shape: 'stonith_host FROM|* TYPE PARAMS…', summary: 'A STONITH device (parameters on the line)', doc: 'A STONITH device usable from host FROM (`*`: any). Everything after `#` is a comment, so a password cannot contain `#`.', source: 'config.c set_stonith_host_info' },
  {
    name: 'apiauth', kind: 'wholeline', value: 'apiauth', repeatable: true, shape: 'apiauth CLIENT [uid=U,…] [gid=G,…]', summary: 'Who may use a heartbeat API client name',
    doc: 'Which users and groups may connect to heartbeat as CLIENT. Defaults: `ipfail uid=hacluster`, `ccm uid=hacluster`, `ping gid=haclient`, `anon uid=root gid=haclient`; `default` covers clients without their own entry.',
    rule: 'At least one of uid=/gid=, each once; a client once; a name under 32 characters. Otherwise `Invalid apiauth directive`.', source: 'config.c set_api_authorization',
  },
  { name: 'respawn', kind: 'wholeline', value: 'respawn', repeatable: true, shape: 'respawn USER /path/to/program [ARGS…]', summary: 'A program heartbeat starts and restarts', doc: 'heartbeat starts the program as USER and restarts it when it dies, unless it exits with 100.', rule: 'The program must be an absolute path (`Client child command [c] is not full pathname`).', source: 'config.c add_client_child' },
  { name: 'failfast', kind: 'wholeline', value: 'respawn', repeatable: true, shape: 'failfast USER /path/to/program [ARGS…]', summary: 'Like respawn, but reboot when it dies', doc: 'Like respawn, but the machine reboots when the program dies abnormally.', rule: 'Same syntax as respawn.', source: 'config.c add_failfast_child' },
  // ------------------------------------------------------------------ media
  { name: 'bcast', kind: 'media', value: 'interfaces', repeatable: true, shape: 'bcast IFACE [IFACE…]', summary: 'UDP broadcast heartbeats on an interface', doc: 'Sends heartbeats as UDP broadcasts on each interface (one medium each), to `udpport`.', rule: 'udpport applies only if it comes before this line.', source: 'HBcomm bcast.c' },
  { name: 'mcast', kind: 'media', value: 'mcast', repeatable: true, shape: 'mcast IFACE GROUP PORT TTL LOOP', summary: 'UDP multicast heartbeats', doc: 'Sends heartbeats to a multicast GROUP (224.0.0.0/4; the sample suggests 239.192.0.0/14) on PORT, with TTL 0-4 (the code rejects more) and LOOP 0 or 1.', rule: 'udpport does not apply: the port is on the line.', source: 'HBcomm mcast.c' },
  { name: 'mcast6', kind: 'media', value: 'mcast6', repeatable: true, shape: 'mcast6 IFACE GROUP PORT HOPS LOOP', summary: 'UDP IPv6 multicast heartbeats', doc: 'Like mcast over IPv6: GROUP an IPv6 multicast address (`ff12::…`), HOPS 0-4, LOOP 0 or 1.', source: 'HBcomm mcast6.c' },
  { name: 'ucast', kind: 'media', value: 'ucast', repeatable: true, shape: 'ucast IFACE PEER', summary: 'UDP unicast heartbeats to one peer', doc: 'Sends heartbeats to one peer address on an interface. A ucast to the local node is ignored, so one ha.cf can serve every node. **Only one peer per line.**', rule: 'udpport applies only if it comes before this line.', source: 'HBcomm ucast.c' },
  { name: 'ucast6', kind: 'media', value: 'ucast', repeatable: true, shape: 'ucast6 IFACE PEER6', summary: 'UDP IPv6 unicast heartbeats', doc: 'Like ucast over IPv6 (`PEER%scope` allowed).', source: 'HBcomm ucast6.c' },
  { name: 'serial', kind: 'media', value: 'serial', repeatable: true, shape: 'serial /dev/ttyS0 [DEVICE…]', summary: 'Heartbeats over a serial (null-modem) cable', doc: 'Sends heartbeats over each serial device (absolute paths) at `baud`. A serial link does not depend on the network, which makes it a good second path.', rule: 'baud applies only if it comes before this line.', source: 'HBcomm serial.c' },
  { name: 'ping', kind: 'media', value: 'hosts', repeatable: true, shape: 'ping HOST [HOST…]', summary: 'Ping nodes (e.g. the router)', doc: 'Each host becomes a ping node, a pseudo-member that tells whether this node can still reach the network (used by ipfail).', source: 'HBcomm ping.c' },
  { name: 'ping6', kind: 'media', value: 'hosts', repeatable: true, shape: 'ping6 HOST [HOST…]', summary: 'IPv6 ping nodes', doc: 'Like ping over IPv6.', source: 'HBcomm ping6.c' },
  { name: 'ping_group', kind: 'media', value: 'ping_group', repeatable: true, shape: 'ping_group NAME HOST [HOST…]', summary: 'A group of hosts pinged as one node', doc: 'One ping node that is up while any member answers.', source: 'HBcomm ping_group.c' },
  { name: 'hbaping', kind: 'media', value: 'words', repeatable: true, shape: 'hbaping FC-CARD', summary: 'Fibre Channel HBA ping', doc: 'Needs HBAAPI; the doc says it was never fully supported.', source: 'HBcomm hbaping.c' },
  { name: 'rds', kind: 'media', value: 'words', repeatable: true, shape: 'rds IFACE PEER [PEER…]', summary: 'RDS heartbeats', doc: 'Heartbeats over RDS sockets, to `udpport`.', source: 'HBcomm rds.c' },
  { name: 'tipc', kind: 'media', value: 'words', repeatable: true, shape: 'tipc NAME_TYPE SEQ_LOWER SEQ_UPPER', summary: 'TIPC heartbeats', doc: 'Heartbeats over TIPC.', source: 'HBcomm tipc.c' },
];

const byName = new Map(DIRECTIVES.map((d) => [d.name, d]));

/** A directive as heartbeat looks it up (case-sensitive), for the given version. */
export function findDirective(word: string, version: HeartbeatVersion): DirectiveSpec | undefined {
  const d = byName.get(word);
  return d && (!d.versions || d.versions.includes(version)) ? d : undefined;
}

export function directivesOf(version: HeartbeatVersion): DirectiveSpec[] {
  return DIRECTIVES.filter((d) => !d.versions || d.versions.includes(version));
}

/** Media heartbeat splits like options (the rest go to the plugin's own parser). */
export const SPLIT_MEDIA = ['bcast', 'serial', 'ping', 'ping6', 'hbaping'];

/** Media that use udpport (declared before them). */
export const UDPPORT_MEDIA = ['bcast', 'ucast', 'rds'];

/** Time values as `cl_get_msec` reads them; -1 when invalid. */
export function parseTime(text: string): { ms: number; unit: 's' | 'ms' | 'us' } | undefined {
  let i = 0;
  while (i < text.length && /[0-9.]/.test(text[i]!)) i++;
  let u = i;
  while (u < text.length && /\s/.test(text[u]!)) u++;
  const units = text.slice(u).toLowerCase();
  let unit: 's' | 'ms' | 'us';
  if (units === '') unit = 's';
  else if (units.startsWith('ms')) unit = 'ms';
  else if (units.startsWith('us')) unit = 'us';
  else return undefined;
  // atof: the longest prefix that is a number; `.`, `` or `..` read as 0.
  const m = /^(\d+\.?\d*|\.\d+)/.exec(text.slice(0, i));
  const num = m ? Number.parseFloat(m[1]!) : 0;
  const ms = unit === 's' ? num * 1000 : unit === 'ms' ? num : num / 1000;
  return { ms: Math.floor(ms + 0.5), unit };
}

export function formatMs(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms} ms (${ms / 1000} s)` : ms >= 1000 ? `${ms} ms (${ms / 1000} s)` : `${ms} ms`;
}

/** Defaults the timing rules use when a value is not given (ms). */
export const DEFAULT_KEEPALIVE_MS = 1000;
export const DEFAULT_DEADTIME_MS = 30000;
export const INITDEAD_WARN_MS = 10000;
