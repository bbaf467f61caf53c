/**
 * The xinetd rows of the problem registry (spec/checks.md "xinetd"), and the cross-file
 * `workspace/xinetd-duplicate-service`.
 */
import { defineProblems, type ProblemDef } from '../../core/registry';

const ALL = 'all';

export const XINETD_PROBLEMS: readonly ProblemDef[] = [
  {
    code: 'xinetd/brace-not-alone', severity: 'error', core: true, appliesTo: ALL,
    detects: '`{` or `}` sharing its line with anything else (`service telnet {`), or a header not followed by a `{` line; on that line.',
    behaviour: "`Service NAME: missing '{'`: the entry is skipped. A `}` that shares its line does not close the entry, which then swallows the next one. chkconfig on/off deletes `disable` and adds none.",
    source: '§7.1, §2.3, X1, C16', example: 'service telnet {\n\tsocket_type = stream\n}',
  },
  {
    code: 'xinetd/missing-close-brace', severity: 'error', core: true, appliesTo: ALL,
    detects: 'An entry still open at the end of the file; on its `service`/`defaults` line.',
    behaviour: '`incomplete entry` / `missing } in last service entry`: the entry is dropped.',
    source: '§7.1', example: 'service tftp\n{\n\tsocket_type = dgram',
  },
  {
    code: 'xinetd/bad-entry-line', severity: 'error', core: true, appliesTo: ALL,
    detects: 'Outside an entry, a line that is not `service NAME`, `defaults`, `include FILE` or `includedir DIR` (also `service` with no name).',
    behaviour: '`missing service keyword` / `service name missing`; xinetd then skips every line up to the next `}` line, so the next entry is lost too.',
    source: '§7.1', example: 'services ftp',
  },
  {
    code: 'xinetd/duplicate-defaults', severity: 'warning', core: false, appliesTo: ALL,
    detects: 'A second `defaults` entry in a file; on its line.',
    behaviour: '`only 1 defaults entry is allowed. This entry will be ignored`.',
    source: '§7.1', example: 'defaults\n{\n}\ndefaults\n{\n}',
  },
  {
    code: 'xinetd/no-space-before-operator', severity: 'error', core: true, appliesTo: ALL,
    detects: 'An attribute glued to its operator (`user=root`, `server+=x`); on the name and operator.',
    behaviour: '`Attribute user needs a space before operator`: the whole service is dropped.',
    source: '§7.1, X2', example: '\tuser=root',
  },
  {
    code: 'xinetd/bad-attribute-line', severity: 'error', core: true, appliesTo: ALL,
    detects: 'An attribute line with nothing after the name, or without one of the operators `=`, `+=`, `-=` (`log_on_failure USERID`); also a `service` line read as an attribute because the entry above is not closed.',
    behaviour: '`Nothing after attribute: X` / `Bad operator for attribute: X`: the whole service is dropped (checked with xinetd 2.3.15.3).',
    source: '§7.1', example: '\tlog_on_failure USERID',
  },
  {
    code: 'xinetd/unknown-attribute', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'An attribute name xinetd does not know (compared case-insensitively), or one not allowed in `defaults`; on the name.',
    behaviour: '`bad service attribute: X` / `attribute: X should not be in default section`: ignored.',
    source: '§7.2, §7.3, X3', example: '\tbogus = 1',
  },
  {
    code: 'xinetd/wrong-disable-attribute', severity: 'warning', core: true, appliesTo: ALL,
    detects: '`disabled` inside a service, or `disable` inside `defaults`.',
    behaviour: 'Ignored as above, so the service the user meant to switch off stays enabled.',
    source: '§7.3, X3', example: '\tdisabled = yes',
  },
  {
    code: 'xinetd/duplicate-attribute', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'An attribute that takes no `+=`/`-=` set a second time after xinetd accepted it once; on the second.',
    behaviour: '`Service S: attribute already set: X`: the second one is ignored.',
    source: '§7.2, X15', example: '\twait = no\n\twait = yes',
  },
  {
    code: 'xinetd/operator-not-allowed', severity: 'warning', core: true, appliesTo: ALL,
    detects: '`+=` or `-=` on an attribute that takes neither (everything but `log_on_*`, `only_from`, `no_access`, `env`, `passenv`), or `-=` on `env`; on the operator.',
    behaviour: "`operator '+=' cannot be used for attribute 'X'`: ignored.",
    source: '§7.2, X16', example: '\tinstances += 5',
  },
  {
    code: 'xinetd/wrong-value-count', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A single-value attribute with zero or several values, `cps`/`redirect` without exactly two; on the values.',
    behaviour: '`attribute X expects N values and M values were specified`: ignored (often leaving a required attribute missing, reported too).',
    source: '§7.2', example: '\tserver = /usr/sbin/in.tftpd -s /srv',
  },
  {
    code: 'xinetd/inline-comment', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A word starting with `#` after the operator; from the `#` to the end of the line.',
    behaviour: 'Not a comment: the words become extra values (`attribute server expects 1 values and 3 values were specified`, or `Bad service flag: #`, or extra server arguments).',
    source: '§7.1, X6', example: '\twait = no # single-threaded',
  },
  {
    code: 'xinetd/invalid-value', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A value the attribute\'s parser rejects: a word other than yes/no for `wait`, `disable`, `groups`, `v6only` (`wait = true`); an unknown `type`, `flags` (`REUSEADDR`), `socket_type` (`tcp`), `log_on_*` word or protocol; a non-number for `instances`/`per_source`/`cps`/`port`/`umask`/`nice`…; a bad `log_type`, `rpc_version`, `env` word without `=`, an address with a comma. Words are compared case-insensitively. A CR of a CR LF file is part of the last value.',
    behaviour: '`Bad socket type: tcp`, `Bad service flag: REUSEADDR`, `Bad value for wait: x`, then `Error parsing attribute X - DISABLING SERVICE`; in `defaults` xinetd exits.',
    source: '§7.2, §7.3, X17; xinetd `parsers.c`', example: '\tsocket_type = tcp',
  },
  {
    code: 'xinetd/disable-value-case', severity: 'warning', core: true, appliesTo: ALL,
    detects: '`disable` with `YES`, `Yes`, `NO`... instead of lower-case `yes`/`no`.',
    behaviour: 'xinetd reads it case-insensitively (so `YES` disables the service), but chkconfig only recognises a lower-case `yes`: `chkconfig --list` shows the service as on while xinetd keeps it off.',
    source: '§2.3, C15; chkconfig `leveldb.c`; xinetd `src/defs.h`', example: '\tdisable = YES',
  },
  {
    code: 'xinetd/missing-required-attribute', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A service without `socket_type` (nor a tcp/udp `protocol`) or `wait`; a non-INTERNAL service without `user` or without `server` (unless `redirect`); UNLISTED without `protocol`/`port`; RPC without `protocol`/`rpc_version`; one diagnostic per attribute, on the `service` line.',
    behaviour: '`Service X missing attribute Y - DISABLING` (not inherited from `defaults`).',
    source: '§7.3, X7', example: 'service ftp\n{\n\tsocket_type = stream\n\tuser = root\n\tserver = /usr/sbin/in.ftpd\n}',
  },
  {
    code: 'xinetd/dgram-nowait', severity: 'error', core: true, appliesTo: ALL,
    detects: '`socket_type = dgram` (or `protocol = udp`) with `wait = no`; on the wait line.',
    behaviour: 'xinetd ≥ 2.3.15.4: `Service X has socket_type dgram, but does not wait`, removed. Older releases (Debian 12 ships 2.3.15.3) start it; the check was added to fix xinetd spinning in a busy loop on such services (Red Hat bug 1567239).',
    source: '§7.3, X8; openSUSE/xinetd commit fe64857', example: '\tsocket_type = dgram\n\twait = no',
  },
  {
    code: 'xinetd/port-mismatch', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A listed (not UNLISTED) service whose `port` differs from its services-database port; on the port value. The database is the workspace\'s `etc/services`, else a bundled copy of Debian\'s.',
    behaviour: '`Service X expects port N, not M`: removed.',
    source: '§7.3, X9', example: '\tport = 2121',
  },
  {
    code: 'xinetd/not-in-services', severity: 'error', core: true, appliesTo: ALL,
    detects: 'A service that is not UNLISTED (nor RPC or TCPMUX) and whose name/protocol is not in the services database; on the service name.',
    behaviour: '`service/protocol combination not in /etc/services: S/P` (or, without a port, `Port not specified and can\'t find service: S with getservbyname`).',
    source: '§7.3, X10', example: 'service myapp\n{\n\tsocket_type = stream\n\twait = no\n\tuser = root\n\tserver = /usr/sbin/myapp\n}',
  },
  {
    code: 'xinetd/server-args-repeats-program', severity: 'information', core: true, appliesTo: ALL,
    detects: '`server_args` whose first word is the server\'s basename, without `NAMEINARGS`.',
    behaviour: 'The program receives its own name as its first argument.',
    source: '§7.3, X11', example: '\tserver = /usr/sbin/in.tftpd\n\tserver_args = in.tftpd -s /srv',
  },
  {
    code: 'xinetd/invalid-time-interval', severity: 'error', core: true, appliesTo: ALL,
    detects: 'An `access_times` interval with an hour above 23, a minute above 59, start ≥ end (`08:00-24:00`), or not `H:MM-H:MM`.',
    behaviour: '`invalid time interval`: the service is disabled. (The man page\'s own `12:00-24:00` example fails.)',
    source: '§7.3, X13', example: '\taccess_times = 08:00-24:00',
  },
  {
    code: 'xinetd/empty-only-from', severity: 'warning', core: true, appliesTo: ALL,
    detects: '`only_from` with no value.',
    behaviour: 'Nobody may connect.',
    source: '§7.3, X14', example: '\tonly_from =',
  },
  {
    code: 'xinetd/includedir-skipped-file', severity: 'warning', core: true, appliesTo: ALL,
    detects: 'A file in `etc/xinetd.d/` whose name contains `.` or ends in `~`; line 1.',
    behaviour: '`includedir` never reads it.',
    source: '§7.1, X18',
  },
  {
    code: 'xinetd/traffic-without-redirect', severity: 'error', core: true, appliesTo: ALL,
    detects: '`TRAFFIC` in `log_on_success` (its own or inherited from `defaults` in the same file) of a service without `redirect`; on the TRAFFIC word, or the service line when inherited.',
    behaviour: 'The service is removed: `should not have TRAFFIC flag set since its not redirected`.',
    source: '§7.3, X19', example: '\tlog_on_success += TRAFFIC',
  },
  {
    code: 'xinetd/flag-misuse', severity: 'error', core: false, appliesTo: ALL,
    detects: '`NAMEINARGS` without `server_args` or on INTERNAL; `redirect` with a non-stream, `wait = yes` or NAMEINARGS service; TCPMUX not UNLISTED/tcp. (`INTERCEPT` on INTERNAL or `wait = no` is only cleared by xinetd and not reported.)',
    behaviour: 'xinetd rejects the service with an error when it checks the whole service entry.',
    source: '§7.3', example: '\tflags = NAMEINARGS',
  },
  {
    code: 'xinetd/unknown-internal-service', severity: 'error', core: false, appliesTo: ALL, projectCode: true,
    detects: 'A `type = INTERNAL` service (without the SENSOR flag) whose name is none of xinetd\'s built-ins (`echo`, `discard`, `time`, `daytime`, `chargen` for stream and dgram, `tcpmux` for stream; `builtins.c`), or a built-in without the given `socket_type`; on the `service` line.',
    behaviour: 'xinetd logs `No such internal service: servers/stream - DISABLING` and does not start it (checked with xinetd 2.3.15.3, which dropped the old `servers`, `services` and `xadmin` built-ins).',
    source: '§7.3; xinetd `builtins.c`', example: 'service servers\n{\n\ttype = INTERNAL\n\tsocket_type = stream\n\twait = no\n}',
  },
  {
    code: 'workspace/xinetd-duplicate-service', severity: 'error', core: true, appliesTo: ALL,
    detects: 'Two enabled services (across `etc/xinetd.conf` and the files `includedir` reads, or within one file) with the same port, protocol and `bind`/`interface` address; on the `service` line of the later one (C-locale file order, then line). Not reported when the earlier one has no `bind` (xinetd skips the check then).',
    behaviour: 'The later one is dropped: `service: S id: I not unique or is a duplicate - DISABLING` (same id) or `service: S id: I is unique but its identical to service: ... - DISABLING`. xinetd 2.3.15.x skips the check when the earlier service has no `bind`; both are then started on the same port.',
    source: '§7.3; xinetd `confparse.c` (checked by running 2.3.15.3)',
  },
];

defineProblems(XINETD_PROBLEMS);
