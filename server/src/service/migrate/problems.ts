/** The `pacemaker/...` rows of the problem registry: codes of this project (checks.md "New codes"). */
import { defineProblems, type ProblemDef } from '../core/registry';

export const MIGRATE_PROBLEMS: readonly ProblemDef[] = [
  {
    code: 'pacemaker/no-agent', severity: 'information', core: false, projectCode: true, appliesTo: 'haresources in an image root; Pacemaker 2.1, resource-agents 4.12',
    detects: 'A resource found in the root\'s `/etc/ha.d/resource.d` that is not one of heartbeat\'s own wrappers (`IPaddr`, `Filesystem`, `MailTo`, …) nor `drbddisk`; on its name.',
    behaviour: 'heartbeat runs `NAME ARGS start|stop|status` and greps the status output for "running". Pacemaker runs only OCF agents, LSB init scripts in `/etc/init.d` and systemd units, with their own conventions (pcs: "Agent \'…\' is not installed or does not provide valid metadata"). `sysv-ha migrate` reports it as not translated.',
    source: 'heartbeat 3.0.6 `ResourceManager`, `resource.d/*`; Pacemaker Explained 2.1 "Resource Classes"; checked with pcs 0.11.5 (`pcs resource create`)',
    example: 'alpha 10.0.0.5 myscript   # /etc/ha.d/resource.d/myscript',
  },
  {
    code: 'pacemaker/init-script-args', severity: 'information', core: false, projectCode: true, appliesTo: 'haresources in an image root; Pacemaker 2.1',
    detects: 'An init script of the root\'s init.d used with `::` arguments (`IProute::10.0.0.1`); on the arguments.',
    behaviour: 'heartbeat runs `/etc/init.d/NAME ARG start`; Pacemaker\'s `lsb:` and `systemd:` classes run the script or unit with the action only. `sysv-ha migrate` reports it as not translated.',
    source: 'heartbeat `ResourceManager` (`::` becomes blanks); LSB Core "Init Script Actions"; Pacemaker Explained 2.1 "LSB Resource Agents"',
    example: 'alpha IProute::10.0.0.1   # /etc/init.d/IProute',
  },
  {
    code: 'pacemaker/filesystem-no-fstype', severity: 'information', core: false, projectCode: true, appliesTo: 'haresources; resource-agents 4.x',
    detects: 'A `Filesystem::DEVICE::DIR` resource without the file system type; on the resource.',
    behaviour: 'heartbeat\'s wrapper mounts without `-t` (mount guesses); the Filesystem agent of resource-agents 4.x marks `fstype` required, and pcs refuses the resource: "required resource option \'fstype\' is missing". `sysv-ha migrate` reports it as not translated.',
    source: 'resource-agents 4.12.0 `Filesystem` meta-data (`fstype` required="1"); checked with pcs 0.11.5',
    example: 'alpha Filesystem::/dev/sdb1::/srv',
  },
  {
    code: 'pacemaker/drbddisk-all', severity: 'information', core: false, projectCode: true, appliesTo: 'haresources with drbd\'s drbddisk',
    detects: '`drbddisk` without a resource name; on the name.',
    behaviour: 'drbddisk then acts on every DRBD resource (`all`); `ocf:linbit:drbd` manages exactly one resource per clone (`drbd_resource` is required and unique). `sysv-ha migrate` reports it as not translated.',
    source: 'drbd-utils 9.22 `/etc/ha.d/resource.d/drbddisk` (no argument: `RES="all"`) and `ocf:linbit:drbd` meta-data',
    example: 'alpha drbddisk Filesystem::/dev/drbd0::/srv::ext4',
  },
];

defineProblems(MIGRATE_PROBLEMS);
