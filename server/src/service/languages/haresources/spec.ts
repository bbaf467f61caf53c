/**
 * The haresources table: the resource scripts heartbeat ships in `/etc/ha.d/resource.d`,
 * with their `::` arguments, how many they need, and their documentation. Completion,
 * hover, validation and the TextMate grammar read it.
 *
 * @see spec/domain.md §6.5; spec/anchors.md §1.11 (Debian's resource.d file list)
 */

export interface AgentSpec {
  name: string;
  /** The arguments after `NAME::`, as the wrapper documents them. */
  args: string;
  /** How many arguments the wrapper needs (without the operation it adds). */
  minArgs: number;
  summary: string;
  /** The OCF parameters the wrapper sets. */
  ocf?: string;
}

export const AGENTS: readonly AgentSpec[] = [
  { name: 'IPaddr', args: 'ip[/nbits[/nic][/broadcast]]', minArgs: 1, summary: 'A service IP address (ifconfig alias)', ocf: 'ip, cidr_netmask, nic, broadcast' },
  { name: 'IPaddr2', args: 'ip[/nbits[/nic[:label]][/broadcast]]', minArgs: 1, summary: 'A service IP address (`ip addr add`)', ocf: 'ip, cidr_netmask, nic, broadcast (lvs_support=1)' },
  { name: 'IPv6addr', args: 'ipv6[/nbits[/nic]]', minArgs: 1, summary: 'A service IPv6 address', ocf: 'ipv6addr, cidr_netmask, nic' },
  { name: 'IPsrcaddr', args: 'ip', minArgs: 1, summary: 'Preferred source address of the default route', ocf: 'ipaddress' },
  { name: 'SendArp', args: 'ip/nic', minArgs: 1, summary: 'Send gratuitous ARPs for an address', ocf: 'ip, nic' },
  { name: 'Filesystem', args: 'device::directory[::fstype[::options]]', minArgs: 2, summary: 'Mount a file system (do not also list it in /etc/fstab)', ocf: 'device, directory, fstype, options' },
  { name: 'LVM', args: 'volgrpname', minArgs: 1, summary: 'Activate an LVM volume group', ocf: 'volgrpname' },
  { name: 'Raid1', args: 'raidtab_config_file::md_dev', minArgs: 2, summary: 'Assemble a software RAID1', ocf: 'raidconf, raiddev' },
  { name: 'ICP', args: 'driveid::device', minArgs: 2, summary: 'ICP Vortex clustered host drive', ocf: 'driveid, device' },
  { name: 'ServeRAID', args: 'adapter::mergegroup', minArgs: 2, summary: 'IBM ServeRAID merge group', ocf: 'serveraid, mergegroup' },
  { name: 'LinuxSCSI', args: 'host:channel:target[:lun]', minArgs: 1, summary: 'Make a SCSI device available', ocf: 'scsi' },
  { name: 'Delay', args: '[startdelay[::stopdelay]]', minArgs: 0, summary: 'Wait a number of seconds (default 10)', ocf: 'startdelay, stopdelay' },
  { name: 'MailTo', args: 'email[::subject]', minArgs: 1, summary: 'Send a mail on takeover and release', ocf: 'email, subject' },
  { name: 'AudibleAlarm', args: '[node…]', minArgs: 0, summary: 'Beep on the console', ocf: 'nodelist' },
  { name: 'WinPopup', args: '[hostfile]', minArgs: 0, summary: 'Send a WinPopup message', ocf: 'hostfile' },
  { name: 'Xinetd', args: 'service', minArgs: 1, summary: 'Enable an xinetd service', ocf: 'service' },
  { name: 'apache', args: '[config-file]', minArgs: 0, summary: 'Apache web server', ocf: 'configfile' },
  { name: 'db2', args: 'instance-owner', minArgs: 1, summary: 'IBM DB2 instance', ocf: 'instance' },
  { name: 'WAS', args: '[config-file|port]', minArgs: 0, summary: 'WebSphere Application Server', ocf: 'config or port' },
  { name: 'ids', args: '[INFORMIXDIR::INFORMIXSERVER::ONCONFIG]', minArgs: 0, summary: 'Informix Dynamic Server', ocf: 'informixdir, informixserver, onconfig' },
  { name: 'portblock', args: 'udp|tcp::port[,port]::block|unblock', minArgs: 3, summary: 'Block or unblock ports with iptables', ocf: 'protocol, portno, action' },
  { name: 'OCF', args: 'OCF-resource-name::OCF-instance-name', minArgs: 2, summary: 'Run a configured OCF resource instance' },
  { name: 'hto-mapfuncs', args: '', minArgs: 0, summary: 'Helper functions of the wrappers (not a resource)' },
];

const byName = new Map(AGENTS.map((a) => [a.name, a]));

export function findAgent(name: string): AgentSpec | undefined {
  return byName.get(name);
}

/** `[0-9]*.[0-9]*.[0-9]*.[0-9]*` (a shell glob): a bare address, meaning `IPaddr::ADDR`. */
export function isBareAddress(resource: string): boolean {
  return /^[0-9][^.]*\.[0-9][^.]*\.[0-9][^.]*\.[0-9]/.test(resource) && !resource.includes('::');
}

export const GROUP_DOC = 'A **resource group**: the preferred node, then the resources, started left to right and stopped right to left. '
  + 'The first resource is the group\'s key and must be unique. `NAME::a::b` runs `NAME a b start|stop|status`, from `/etc/ha.d/resource.d` or else the init.d directory; '
  + 'a bare address means `IPaddr::ADDR`. Lines ending in `\\` continue.';
