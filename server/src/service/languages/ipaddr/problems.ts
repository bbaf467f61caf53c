/**
 * The ipaddr rows of the problem registry (spec/checks.md "ipaddr"): an `ip addr` command in
 * an init script or rc.local, or an IPaddr / IPaddr2 / bare-address resource of haresources.
 */
import { defineProblems, type ProblemDef } from '../../core/registry';

export const IPADDR_PROBLEMS: readonly ProblemDef[] = [
  {
    code: 'ipaddr/invalid-address', severity: 'error', core: true, appliesTo: 'ip addr, IPaddr, IPaddr2',
    detects: 'Not a valid IPv4/IPv6 address (`10.0.0.300`), also as a broadcast. For `ip addr`, an address iproute2 reads differently from what is written (`010.0.0.1` is octal 8.0.0.1, `10.1` is 10.1.0.0) is reported too.',
    behaviour: 'iproute2 refuses the argument (`inet prefix is expected rather than ...`); IPaddr fails at takeover (`Invalid broadcast address` for the broadcast part).',
    source: '§8, §6.5; iproute2 `lib/utils.c get_addr_ipv4`', example: 'ip addr add 10.0.0.300/24 brd + dev eth0',
  },
  {
    code: 'ipaddr/invalid-prefix', severity: 'error', core: true, appliesTo: 'ip addr, IPaddr, IPaddr2',
    detects: 'A prefix above 32 (128), `/08` or `/09`, or text; for IPaddr, nbits not 1-32 with at most two digits or a dotted mask of 0.0.0.0 (heartbeat\'s findif converts any other dotted mask: 32 minus its trailing zero bits, so 255.0.255.0 is /24); for IPaddr2, a dotted mask that is not contiguous.',
    behaviour: '`Error: any valid prefix is expected rather than "..."`; IPaddr: `Invalid netmask specification`.',
    source: '§8, §6.5, H33', example: 'ip addr add 10.0.0.1/33 brd + dev eth0',
  },
  {
    code: 'ipaddr/octal-prefix', severity: 'warning', core: true, appliesTo: 'ip addr',
    detects: 'A prefix with a leading zero that iproute2 reads as octal to another value (`/024` is /20).',
    behaviour: 'The prefix is read with `strtoul(…, 0)`: a leading 0 means octal.',
    source: '§8, P7', example: 'ip addr add 10.0.0.1/024 brd + dev eth0',
  },
  {
    code: 'ipaddr/missing-prefix', severity: 'warning', core: true, appliesTo: 'ip addr',
    detects: '`ip addr add` (or `replace`) of an IPv4 address without `/N` (and without `peer`); on the address.',
    behaviour: 'Added as /32: no subnet route.',
    source: '§8, P1', example: 'ip addr add 10.0.0.5 dev eth0',
  },
  {
    code: 'ipaddr/broadcast-mismatch', severity: 'warning', core: true, appliesTo: 'ip addr, IPaddr, IPaddr2',
    detects: 'A broadcast that is not `network OR ~mask` of the address/prefix (`10.0.0.1/24 brd 10.0.1.255`), in `ip addr` or as the IPaddr/IPaddr2 broadcast part; on the broadcast.',
    behaviour: 'Accepted silently by iproute2, the kernel and IPaddr; broadcasts go to the wrong address.',
    source: '§8, §6.5, P2, H33', example: 'ip addr add 209.100.100.3/24 broadcast 209.100.100.254 dev eth0',
  },
  {
    code: 'ipaddr/no-broadcast', severity: 'information', core: true, appliesTo: 'ip addr',
    detects: '`ip addr add` of an IPv4 address (prefix up to /30) with no `broadcast`/`brd`; on the address.',
    behaviour: 'The address gets no broadcast (unlike ifconfig and IPaddr); `brd +` computes it.',
    source: '§8, P3', example: 'ip addr add 10.0.0.5/24 dev eth0',
  },
  {
    code: 'ipaddr/broadcast-on-host-route', severity: 'information', core: false, appliesTo: 'ip addr',
    detects: '`brd +` or `brd -` with a /31 or /32.',
    behaviour: 'Nothing is set: iproute2 computes a broadcast only up to /30.',
    source: '§8, P4', example: 'ip addr add 10.0.0.5/32 brd + dev eth0',
  },
  {
    code: 'ipaddr/ipv6-broadcast', severity: 'error', core: true, appliesTo: 'ip addr',
    detects: 'A broadcast (`brd +`, `brd -` or an address) with an IPv6 address; on `brd` and its value.',
    behaviour: '`Broadcast can be set only for IPv4 addresses`.',
    source: '§8, P5', example: 'ip addr add 2001:db8::1/64 brd + dev eth0',
  },
  {
    code: 'ipaddr/missing-dev', severity: 'error', core: true, appliesTo: 'ip addr',
    detects: '`ip addr add/del` without `dev`; on the `add`/`del` word. Not reported when a word of the command is a shell expansion that may hold it.',
    behaviour: '`Not enough information: "dev" argument is required.`',
    source: '§8, P10', example: 'ip addr add 10.0.0.5/24 brd +',
  },
  {
    code: 'ipaddr/label-too-long', severity: 'error', core: true, appliesTo: 'ip addr, IPaddr2',
    detects: 'A label longer than 15 characters (for IPaddr2 `nic:label`, the label `nic:label` as a whole).',
    behaviour: 'The kernel refuses the address: `Error: Attribute failed policy validation.`, so IPaddr2 fails at takeover.',
    source: '§8, P6; kernel `ifa_ipv4_policy`', example: 'ip addr add 10.0.0.5/24 brd + dev eth0 label eth0:webservice1',
  },
  {
    code: 'ipaddr/label-not-dev-prefixed', severity: 'warning', core: true, appliesTo: 'ip addr',
    detects: 'A label that is neither the device name nor `DEV:suffix`.',
    behaviour: 'iproute2 4.18-5.17 refuses it (`"label" (x) must match "dev" (eth0) or be prefixed by "dev" with a colon.`); older versions want dev as prefix.',
    source: '§8, P6', example: 'ip addr add 10.0.0.5/24 brd + dev eth0 label web',
  },
  {
    code: 'ipaddr/netmask-as-broadcast', severity: 'error', core: true, appliesTo: 'IPaddr, IPaddr2',
    detects: 'An IPaddr/IPaddr2 third part that is a dotted netmask (`IPaddr::10.0.0.5/24/255.255.255.0`).',
    behaviour: 'It starts with a digit, so it is taken as the broadcast address.',
    source: '§6.5, H32', example: 'IPaddr::10.0.0.5/24/255.255.255.0',
  },
  {
    code: 'ipaddr/nic-alias', severity: 'warning', core: true, appliesTo: 'IPaddr',
    detects: 'An IPaddr nic given as an alias (`eth0:1`).',
    behaviour: 'The OCF metadata says not to; IPaddr2 takes `nic:label` instead.',
    source: '§6.5', example: 'IPaddr::10.0.0.5/24/eth0:1',
  },
  {
    code: 'ipaddr/delete-without-prefix', severity: 'warning', core: true, appliesTo: 'ip addr',
    detects: '`ip addr del` of an IPv4 address without `/N`; on the address.',
    behaviour: '`Warning: Executing wildcard deletion to stay compatible with old scripts.`',
    source: '§8', example: 'ip addr del 10.0.0.5 dev eth0',
  },
  {
    code: 'ipaddr/duplicate-address', severity: 'warning', core: false, appliesTo: 'ip addr',
    detects: 'The same address with the same prefix length added (`ip addr add`) twice to the same device on one straight-line path of a script: both commands are unconditional statements of the same statement list (the top level, one function body, one `case` branch, one `if` arm, one loop body), with every word literal. Not reported when the two adds are in different branches or arms (alternative paths), when one is conditional (`test && ip addr add`), or when a command between them may remove the address (an `ip` command other than `addr add`/`addr show`, a function of the script, `ifdown`/`ifconfig`/`service`…, `exit`/`return`); on the later address.',
    behaviour: 'The kernel refuses the second add: `RTNETLINK answers: File exists` (EEXIST for the same local address and prefix on the device).',
    source: '§8, P8', example: 'ip addr add 10.0.0.5/24 brd + dev eth0\nip addr add 10.0.0.5/24 brd + dev eth0',
  },
];

defineProblems(IPADDR_PROBLEMS);
