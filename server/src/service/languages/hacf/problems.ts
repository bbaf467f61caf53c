/** The ha.cf rows of the problem registry (spec/checks.md "hacf"), and the workspace row about ha.cf. */
import { defineProblems, type ProblemDef } from '../../core/registry';

export const HACF_PROBLEMS: readonly ProblemDef[] = [
  {
    code: "hacf/unknown-directive", severity: "error", core: true, appliesTo: "heartbeat 2.x: `pacemaker` and the `crmd_*` directives are unknown",
    detects: "A first word that is not a directive, a whole-line directive or a known media plugin, compared case-sensitively (`Keepalive`, `udp`, `keepalive:`).",
    behaviour: "`Illegal directive [X] in /etc/ha.d/ha.cf`; heartbeat does not start.",
    source: "§6.1, H1",
  },
  {
    code: "hacf/empty-value", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A directive with no value (`node`, `keepalive`, `mcast` alone).",
    behaviour: "Silently ignored.",
    source: "§6.1, §6.3",
  },
  {
    code: "hacf/overridden-value", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A single-valued directive given again on a later line, or given several values on one line (`keepalive 1 2`); on the later line.",
    behaviour: "Each value is applied in turn; the last one wins.",
    source: "§6.1",
  },
  {
    code: "hacf/duplicate-once-directive", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`baud`, `watchdog`, or `pacemaker`/`crm` given a second time; on the second.",
    behaviour: "`Baudrate multiply specified.`, `Watchdog device multiply specified.`, `pacemaker/crm directive used multiple times!`: heartbeat does not start.",
    source: "§6.3, H12, H13, H16",
  },
  {
    code: "hacf/invalid-time", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A time value `cl_get_msec` rejects: a unit other than ms/us (`30s`, `1m`, `2min`), a sign, or a unit split off by a blank (`500 ms` makes the value `ms`).",
    behaviour: "The value is −1; the directive fails and heartbeat does not start.",
    source: "§6.2, H2",
  },
  {
    code: "hacf/value-out-of-range", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A number out of range: `keepalive` or `warntime` ≤ 0 (`Warn time [x] is invalid.`), `hopfudge`/`debug` > 255, `udpport` ≤ 0 (`invalid port`), `rtprio` outside 1-99 (`Illegal realtime priority`), `conn_logd_time`/`compression_threshold`/`max_rexmit_delay`/`memreserve` ≤ 0, or a non-number where a number belongs.",
    behaviour: "The directive fails; heartbeat does not start.",
    source: "§6.3",
  },
  {
    code: "hacf/invalid-value", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A value outside the directive's set: `auto_failback` (boolean or `legacy`), `baud` (9600 ... 460800), `hbgenmethod` (`file`/`time`), `msgfmt` (`classic`/`netstring`), `autojoin` (`none`/`other`/`any`), `uuidfrom` (`file`/`nodename`), `logfacility` (a syslog facility or `none`), `compression` (`zlib`/`bz2`), `pacemaker`/`crm` values, and booleans (`true on yes y 1 false off no n 0`).",
    behaviour: "e.g. `invalid baudrate [x] specified.`, `Log facility(x) not valid`, `Illegal hb generation method [x]`, `Invalid autojoin directive [x]`: heartbeat does not start.",
    source: "§6.2, §6.3, H12, H19",
  },
  {
    code: "hacf/deadtime-too-small", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "deadtime ≤ 2 × keepalive (defaults 30 s and 1 s count when a value is not given); on the deadtime line, or the keepalive line when deadtime is not set.",
    behaviour: "`Dead time [D] is too small compared to keeplive [K]`; heartbeat does not start.",
    source: "§6.3, H3",
  },
  {
    code: "hacf/initdead-too-small", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "initdead < deadtime; on the initdead line.",
    behaviour: "`Initial dead time [I] is smaller than deadtime [D]`; heartbeat does not start.",
    source: "§6.3, H4",
  },
  {
    code: "hacf/initdead-short", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "initdead set below 10 s; on the initdead line.",
    behaviour: "Accepted with the warning `Initial dead time [I ms] may be too small!`.",
    source: "§6.3, H4",
  },
  {
    code: "hacf/deadping-too-small", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "deadping ≤ 2 × keepalive; on the deadping line.",
    behaviour: "`Ping dead time [P] is too small compared to keeplive [K]`; heartbeat does not start.",
    source: "§6.3",
  },
  {
    code: "hacf/warntime-too-large", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "warntime ≥ deadtime; on the warntime line.",
    behaviour: "Accepted, but the late-heartbeat warning can never fire before the node is declared dead.",
    source: "§6.3, H5",
  },
  {
    code: "hacf/no-media", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "No `bcast`, `mcast`, `mcast6`, `ucast`, `ucast6`, `serial`, `rds`, `tipc`, `hbaping` or `ping*` line; line 1.",
    behaviour: "`No heartbeat media defined`; heartbeat does not start.",
    source: "§6.3, H6",
  },
  {
    code: "hacf/no-nodes", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "No `node` value and no `autojoin any`; line 1.",
    behaviour: "`no nodes defined`; heartbeat does not start.",
    source: "§6.3, H7",
  },
  {
    code: "hacf/local-node-missing", severity: "error", core: false, appliesTo: "heartbeat 2.1.3, 3.0.6 (only when the host name is known: `sysvHa.localNode` / `--local-node`, or `etc/hostname` in the same image root)",
    detects: "The local host name (setting `sysvHa.localNode`, or else the first line of the workspace's `etc/hostname` next to `etc/ha.d`, never the editor machine's own) is not a `node` (compared case-insensitively, like heartbeat with `uname -n`) and autojoin is not `any`; line 1. Not reported when there is no node at all (`hacf/no-nodes`).",
    behaviour: "`Current node [x] not in configuration!`; heartbeat does not start.",
    source: "§6.3, H7, App. B 2",
  },
  {
    code: "hacf/setting-after-media", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`udpport` with a value other than 694 after a `bcast`, `ucast` or `rds` line, or `baud` other than 19200 after a `serial` line; on the udpport/baud line.",
    behaviour: "Settings apply only to media read after them: the earlier media keep 694 / 19200 (heartbeat also prints `... setting must precede media statements`).",
    source: "§6.1, §6.3, H8",
  },
  {
    code: "hacf/bad-mcast", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "An `mcast`/`mcast6` line with a device but missing port, ttl or loop; a group outside 224.0.0.0/4 (mcast6: not `ff..`); a port ≤ 0; a ttl/hops outside 0-4; a loop other than 0 or 1. One diagnostic per fault.",
    behaviour: "`mcast [dev] bad addr` / `bad ttl` / `bad loop` / `missing port/ttl/loop`: heartbeat does not start. The code accepts ttl 0-4 although the docs say 1-255.",
    source: "§6.3, H10",
  },
  {
    code: "hacf/ucast-extra-peers", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`ucast DEV PEER` followed by more peers.",
    behaviour: "Only the first peer is used; the others are ignored silently.",
    source: "§6.3, H11",
  },
  {
    code: "hacf/serial-not-absolute", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A `serial` device that is not an absolute path.",
    behaviour: "`Serial port not full pathname`; heartbeat does not start.",
    source: "§6.3",
  },
  {
    code: "hacf/auto-failback-legacy", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "In R1 mode, `auto_failback` is missing (line 1) or set to `legacy` (on that line).",
    behaviour: "`Deprecated 'legacy' auto_failback option selected.`; the doc sample says to always set it.",
    source: "§6.3, H14",
  },
  {
    code: "hacf/nice-failback-obsolete", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A `nice_failback` line (the obsolete predecessor of `auto_failback`).",
    behaviour: "`nice_failback flag is obsolete. Use auto_failback {on, off, legacy} instead.` (2.1.3 converts on → off, off → legacy; 3.0.6, run here, reads either value as `auto_failback legacy` and logs the deprecation).",
    source: "§6.3, H15",
  },
  {
    code: "hacf/crm-option-after-pacemaker", severity: "error", core: true, appliesTo: "heartbeat 3.x only",
    detects: "`crm_daemon_dir` or `crmd_spawns_pengine` after the `pacemaker`/`crm` line; on it.",
    behaviour: "`If you specify X, it must come before the pacemaker directive`; heartbeat does not start.",
    source: "§6.1, H16",
  },
  {
    code: "hacf/autojoin-conflict", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`autojoin other` or `autojoin any` in R1 mode; on the autojoin line.",
    behaviour: "`R1 style resource management conflicts with autojoin set`; heartbeat does not start.",
    source: "§6.3, H18",
  },
  {
    code: "hacf/no-logging", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`use_logd off` (any false value) and none of `logfile`, `debugfile`, `logfacility` (or only `logfacility none`); on the use_logd line.",
    behaviour: "`No log entry found in ha.cf and use_logd is set to off`; heartbeat does not start.",
    source: "§6.3, H20",
  },
  {
    code: "hacf/logd-with-logfile", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`use_logd` on together with `logfile`, `debugfile` or `logfacility`; on the use_logd line.",
    behaviour: "`logd is enabled but logfile/debugfile/logfacility is still configured`; those are ignored.",
    source: "§6.3",
  },
  {
    code: "hacf/bad-respawn", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A `respawn`/`failfast` line without a user and a command, or whose command is not an absolute path.",
    behaviour: "`Client child command [c] is not full pathname`; heartbeat does not start.",
    source: "§6.3, H21",
  },
  {
    code: "hacf/bad-apiauth", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`apiauth` without `uid=` or `gid=`, with a list given twice, for a client named twice, or with a name of 32 characters or more.",
    behaviour: "`Invalid apiauth directive [...]`; heartbeat does not start.",
    source: "§6.3, H22",
  },
  {
    code: "hacf/hash-in-value", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A `#` glued to a value (not preceded by a blank), e.g. a STONITH password `pa#ss`.",
    behaviour: "Everything from `#` on is a comment, so the value is cut.",
    source: "§6.1, H23",
  },
  {
    code: "hacf/single-path", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "The media lines that carry heartbeats between the nodes (`bcast`, `mcast`, `mcast6`, `ucast`, `ucast6`, `serial`, `rds`, `tipc`) name one device only, counted per interface or serial port (`bcast eth0` and two `ucast eth0 …` lines are one path); on the first media line. Not reported without any media line (`hacf/no-media` is), nor for `ping`, `ping6`, `ping_group` and `hbaping`, which watch other hosts and carry no heartbeat between the nodes.",
    behaviour: "Accepted. When that one link fails (a NIC, a cable, a switch), each node declares the other dead and takes over the resources: both become primary (split brain). The heartbeat documentation and the seed advise redundant paths, for example a serial cable and an Ethernet link.",
    source: "seed `000_6a3f9789b5930416.txt` (\"Better to have redundant heartbeat connections\"); §6.3",
  },
  {
    code: "hacf/no-stonith", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "Two or more `node`s and no `stonith` or `stonith_host` line, in R1 mode (with `crm`/`pacemaker` on, fencing lives in the CIB, which ha.cf does not show); line 1.",
    behaviour: "Accepted. In a partitioned cluster both nodes assume the primary role and mount or serve the same resources; STONITH (power-fencing the other node before the takeover) is the resolution.",
    source: "seed `000_6a3f9789b5930416.txt` (\"Partitioned clusters ... Resolution: stonith\"); §6.3",
  },
  {
    code: "hacf/bad-stonith", severity: "error", core: false, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`stonith` without a type and config file; `stonith_host` without a host, or (when the host is `*` or a `node` of the file, the only lines heartbeat reads) without a type, or without parameters (except `suicide` and `external/*` types, whose parameter list may be empty). Whether the type is an installed plugin is not checked.",
    behaviour: "`No Stonith type given`, `No Stonith hostname argument given`, `Invalid Stonith config file []` (a type without a file), `Invalid Stonith configuration parameter []` (no parameters): heartbeat does not start (checked with the real 3.0.6 daemon; `stonith_host * suicide` and a line for a host that is no node are accepted).",
    source: "§6.3",
  },
  {
    code: "workspace/authkeys-missing", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "An ha.cf with no authkeys file in the same directory; line 1 of ha.cf.",
    behaviour: "`Cannot open keyfile [/etc/ha.d/authkeys].  Stop.` / `No authentication specified.`: heartbeat does not start.",
    source: "§6.3, §6.4",
  },
];

defineProblems(HACF_PROBLEMS);
