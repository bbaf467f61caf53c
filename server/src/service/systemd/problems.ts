/**
 * The `systemd/...` rows of the problem registry: where a systemd host runs an init script
 * differently from what its header says, as systemd-sysv-generator reads it (project codes,
 * spec/checks.md "New codes"). Each was confirmed with the real generator (Debian 12, 252).
 */
import { defineProblems, type ProblemDef } from '../core/registry';

const APPLIES = 'init scripts, when sysvHa.systemdVersion is not off (auto: 219 for rhel, 252 for debian, suse and generic, off for busybox)';

export const SYSTEMD_PROBLEMS: readonly ProblemDef[] = [
  {
    code: 'systemd/invalid-unit-name', severity: 'error', core: true, projectCode: true, appliesTo: APPLIES,
    detects: 'A script name systemd cannot make a unit name of (it starts with `@`, or the unit name would be 256 characters or more); line 1.',
    behaviour: 'systemd-sysv-generator (239 and later) stops with "Out of memory." and exit status 1 before it writes anything: no init script of the machine gets a unit. Checked with systemd 252 (a script named `@x` beside working ones).',
    source: 'systemd 252 run on a scratch tree; src/sysv-generator/sysv-generator.c enumerate_sysv(), src/basic/unit-name.c unit_name_mangle()',
    example: 'a script named @backup in /etc/init.d',
  },
  {
    code: 'systemd/relative-pidfile', severity: 'warning', core: true, projectCode: true, appliesTo: APPLIES,
    detects: 'A `# pidfile:` comment whose path is not absolute (autoconf placeholders such as `@localstatedir@` excepted); on the path.',
    behaviour: 'systemd-sysv-generator logs "PID file not absolute. Ignoring." and writes no `PIDFile=`: the unit gets `RemainAfterExit=yes` and systemd never learns the daemon\'s PID, so it cannot tell when it dies. Checked with systemd 252.',
    source: 'systemd 252 run on a scratch tree; sysv-generator.c load_sysv()',
    example: '# pidfile: run/mydaemon.pid',
  },
  {
    code: 'systemd/ignored-word', severity: 'warning', core: true, projectCode: true, appliesTo: APPLIES,
    detects: 'A word of `Provides`, `Required-Start`, `Should-Start`, `X-Start-Before` or `X-Start-After` that systemd cannot turn into a unit name, or a `Provides` name that is neither a service nor a target (`foo.socket`); on the word. Words with a comma are `initscript/comma-in-list`; autoconf placeholders are left alone.',
    behaviour: 'The generator logs it ("Could not build name for facility $x@y", "Unknown unit type") and drops the word: the ordering or the alias the header asks for does not exist on a systemd host. On 219, a bad `$word` in Provides stops it reading the script: the unit loses its description and `ExecReload=`. Checked with systemd 252.',
    source: 'systemd 252 run on a scratch tree; sysv-generator.c sysv_translate_facility(), handle_provides()',
    example: '# Required-Start: $local_fs $foo@bar',
  },
  {
    code: 'systemd/native-unit', severity: 'information', core: true, projectCode: true, appliesTo: APPLIES,
    detects: 'A native unit of the script\'s name (`NAME.service`, or its template for `a@b`) exists in the image\'s unit folders (`etc/systemd/system`, `lib/systemd/system`, `usr/lib/systemd/system`, ...), or is masked there (a link to /dev/null); line 1.',
    behaviour: 'The generator skips the script ("Native unit for NAME.service already exists, skipping"): on a systemd host the native unit runs instead, or nothing when it is masked, and this script only matters where systemd is not PID 1. Checked with systemd 252.',
    source: 'systemd 252 run on a scratch tree with SYSTEMD_UNIT_PATH; sysv-generator.c enumerate_sysv(), unit_file_exists()',
    example: 'etc/init.d/ntp beside lib/systemd/system/ntp.service',
  },
  {
    code: 'systemd/alias-shadowed', severity: 'warning', core: true, projectCode: true, appliesTo: APPLIES,
    detects: 'A `Provides` name whose unit (`NAME.service`) is a native unit in the image\'s unit folders; on the name. Not the script\'s own unit (`Provides: foo.sh` in foo.sh: the generator ignores an alias for itself), nor in a script the generator skips for a native unit of its own name (it writes no alias then: `systemd/native-unit`).',
    behaviour: 'The generator still writes the alias link in its late output folder, which comes last in systemd\'s unit search path: every `NAME.service` (systemctl, dependencies of other units) is the native unit, never this script. Checked with systemd 252 (the alias is written); the search order is systemd.unit(5) "Unit File Load Path".',
    source: 'systemd 252 run on a scratch tree; systemd.unit(5), systemd.generator(7)',
    example: '# Provides: mysql   (with lib/systemd/system/mysql.service from another package)',
  },
];

defineProblems(SYSTEMD_PROBLEMS);
