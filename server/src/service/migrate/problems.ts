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
  {
    code: 'pacemaker/ipaddr2-refuses', severity: 'information', core: false, projectCode: true, appliesTo: 'haresources (IPaddr and bare addresses); resource-agents 4.12',
    detects: 'An `IPaddr::` or bare-address argument that heartbeat\'s IPaddr takes but Pacemaker\'s IPaddr2 refuses: an address or a broadcast whose first number is 0, a dotted netmask that is not contiguous (`255.0.255.0`); on the part IPaddr2 refuses. A prefix with a leading zero (`/08`) and a contiguous dotted netmask are not reported: `sysv-ha migrate` gives IPaddr2 the prefix heartbeat used. `IPaddr2::` resources are not reported: heartbeat runs the same agent.',
    behaviour: 'heartbeat\'s IPaddr checks the parameters with the C findif (`inet_pton`; a dotted mask is converted, `255.0.255.0` to /24) and adds the address with ifconfig. IPaddr2 checks them with findif.sh and exits OCF_ERR_CONFIGURED: "IP address [0.0.0.5] not valid.", "Invalid broadcast address [0.0.0.0].", "Bogus netmask" then "Invalid netmask specification". `sysv-ha migrate` reports the resource as not translated.',
    source: 'resource-agents 4.12.0 `findif.sh` (`ipcheck_ipv4`, `maybe_convert_dotted_quad_to_cidr`, `findif_check_params`), heartbeat 3.0.6 `resource.d/IPaddr` with `/usr/libexec/heartbeat/findif` 2.99.1; both started in a private network namespace by the cluster oracle',
    example: 'alpha IPaddr::10.0.0.5/24/eth0/0.0.0.0',
  },
];

defineProblems(MIGRATE_PROBLEMS);
