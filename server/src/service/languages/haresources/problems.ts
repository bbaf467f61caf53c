/** The haresources rows of the problem registry (spec/checks.md "haresources"), and the workspace rows about haresources. */
import { defineProblems, type ProblemDef } from '../../core/registry';

export const HARESOURCES_PROBLEMS: readonly ProblemDef[] = [
  {
    code: "haresources/blank-after-backslash", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A `\\` followed by blanks at the end of a line; on that line.",
    behaviour: "heartbeat only joins lines when `\\` is the last character, so the next line becomes a group of its own and its first word is checked as a node: `Bad nodename in /etc/ha.d/haresources [x]`.",
    source: "§6.5, H29",
  },
  {
    code: "haresources/duplicate-group-key", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A first resource already used as the first resource of an earlier line; on the later line.",
    behaviour: "The first resource is the group's key and must be unique (doc); the groups collide.",
    source: "§6.5, H30",
  },
  {
    code: "haresources/missing-resource-args", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A standard agent with fewer arguments than it needs: `Filesystem` (device and directory), `IPaddr`, `IPaddr2`, `IPv6addr`, `IPsrcaddr`, `SendArp`, `LVM`, `MailTo`, `Xinetd`, `db2`, `LinuxSCSI` (1), `Raid1`, `ICP`, `ServeRAID`, `OCF` (2), `portblock` (3).",
    behaviour: "The wrapper prints its usage and exits 1 at takeover, so the group fails.",
    source: "§6.5, H34",
  },
  {
    code: "haresources/ip-without-netmask", severity: "information", core: false, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "An `IPaddr`/`IPaddr2` argument or a bare address that is a valid IPv4 address with no `/nbits` at all; on the address.",
    behaviour: "The netmask (and interface) come from the routing table at takeover; with only a default route: `ERROR: Cannot use default route w/o netmask`.",
    source: "§6.5",
  },
  {
    code: "haresources/filesystem-in-fstab", severity: "warning", core: false, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A `Filesystem::DEVICE::DIR` resource whose mount point DIR (trailing `/` and fstab's octal escapes ignored) is also mounted by a line of `etc/fstab` in the same image root (`ROOT/etc/ha.d/haresources` → `ROOT/etc/fstab`) without `noauto` in its options; on the directory, with the fstab line as related information. Only for a file named haresources with a workspace.",
    behaviour: "The doc says not to list it in fstab: the boot mounts it as well as heartbeat, so both nodes can mount it at once.",
    source: "§6.5",
  },
  {
    code: "workspace/unknown-node", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A haresources group whose first word is not a `node` of the ha.cf in the same directory (case-insensitive); on the haresources line. Not reported when there is no ha.cf or it has `autojoin any`.",
    behaviour: "`Bad nodename in /etc/ha.d/haresources [x]`: heartbeat does not start.",
    source: "§6.5, H28, App. B 1",
  },
  {
    code: "workspace/missing-resource-script", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A haresources resource that is not a standard heartbeat agent (one of the scripts heartbeat ships in `resource.d`) and is not a regular executable file in `etc/ha.d/resource.d/`, `etc/init.d/` or `etc/rc.d/init.d/`; on the haresources line. Only when the workspace contains one of those directories.",
    behaviour: "`ERROR: Cannot locate resource script X` at takeover: the group does not start.",
    source: "§6.5, H31",
  },
  {
    code: "workspace/haresources-differs", severity: "warning", core: false, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "The haresources files of two node roots in one workspace (`node1/etc/ha.d`, `node2/etc/ha.d`) differ; on the first line that differs (comments and trailing blanks ignored), with the other node's copy as related information.",
    behaviour: "Not detected by heartbeat; the doc says they must be identical.",
    source: "§6.5, H35",
  },
  {
    code: "workspace/haresources-ignored", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A haresources file next to an ha.cf with `crm`/`pacemaker` on; line 1 of haresources.",
    behaviour: "`File /etc/ha.d/haresources exists. This file is not used because pacemaker is enabled`.",
    source: "§6.3, H17, App. B 3",
  },
];

defineProblems(HARESOURCES_PROBLEMS);
