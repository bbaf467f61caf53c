#!/usr/bin/env python3
"""The real cluster stack judges `sysv-ha migrate` (issue #17).

For every case (the corpus's ha.d sets, paired per repository, and generated clusters) the
oracle builds an image root, runs `dist/cli.js migrate --root ROOT --to pacemaker --out OUT
--format json` as a user would, and lets the real programs judge the files:

  corosync -t     every corosync.conf passes, run as its first node (`unshare --uts`, with a
                  key from corosync-keygen on a private /etc/corosync): as written when every
                  address is known, else after the oracle fills in the FILL-IN placeholders
                  (which Corosync must refuse as written);
  crm_verify      `crm_verify -x cib.xml -V` exits 0 with no error;
  pcs             pcs.sh, run against an empty CIB file (`CIB=FILE`, pcs -f), succeeds: pcs checks
                  every parameter against the agent's metadata; the result is the same
                  configuration as cib.xml (resources, parameters, operations, constraints);
                  each command runs in a fork of a Python that imported pcs once
                  (pcs-zygote.py: 4x less CPU; CLUSTER_ORACLE_PCS_ZYGOTE=0 for a new pcs each);
  crm             `crm configure load update crm.txt` on an empty CIB file (CIB_file) succeeds and
                  gives the same configuration;
  crm_simulate    with every node online: each haresources line's group runs on the node the line
                  names, its resources started in haresources order; with that node down the group
                  runs on another node; with it back the group returns exactly when auto_failback
                  was on (or legacy); with ipfail, a preferred node that loses its ping nodes gives
                  the group away.

The expectations (preferred node, resource order, failback) come from the oracle's own reading
of ha.cf and haresources, not from sysv-ha's plan; the plan's JSON only says which primitive a
haresources resource became. A case counts as handled when the translation claims it (the
constructs it reports as not translated are left out); 100% of those must pass.

Offline simulations need what running agents would report: a DRBD agent's promotion score
(master-ID=10000 on every node, both disks UpToDate) and a ping agent's attribute (every ping
node reachable) are put in the status section. lsb: agents need their scripts in /etc/init.d for
pcs and crmsh to read their metadata: the oracle bind-mounts a folder of stub LSB scripts there
in a private mount namespace. systemd: agents cannot be described without a running systemd,
so only for them pcs gets --force and crmsh -F.

Usage: python3 test/oracle/cluster-oracle.py [--cases N] [--seed S] [--only REGEX] [--keep]
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..'))
CLI = os.path.join(REPO, 'dist', 'cli.js')
SCRIPT_EVERY = int(os.environ.get('CLUSTER_ORACLE_SCRIPT_EVERY', '4'))
ZYGOTE = os.path.join(HERE, 'pcs-zygote.py')
USE_ZYGOTE = os.environ.get('CLUSTER_ORACLE_PCS_ZYGOTE', '1') != '0'
CORPUS = os.environ.get('SYSV_HA_CORPUS', os.path.join(REPO, '..', 'shared', 'corpus'))


TIMES = {}          # program -> [calls, wall seconds, CPU seconds]: where a run's time goes (printed at the end)
TIMES_LOCK = threading.Lock()


def program_of(cmd):
    """The program a command line is about: the one unshare's `sh -c` script ends with, else its own."""
    if cmd[0] == 'unshare':
        if 'pcs.sh' in cmd[-1]:
            return 'pcs.sh'
        last = cmd[-1].split('&&')[-1].split()
        words = [w for w in last if '=' not in w and w != 'sh']
        return os.path.basename(words[0]) if words else 'unshare'
    if cmd[0] == 'node':
        return 'sysv-ha migrate'
    return os.path.basename(cmd[0])


def run(cmd, timeout=120, **kw):
    """subprocess.run(capture_output, text) that also counts the command's CPU time (its own and
    its children's, from wait4), per program."""
    t = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    bufs = {}
    readers = [threading.Thread(target=lambda k, f: bufs.__setitem__(k, f.read()), args=(k, f)) for k, f in (('out', p.stdout), ('err', p.stderr))]
    for th in readers:
        th.start()
    for th in readers:
        th.join(max(0.0, timeout - (time.monotonic() - t)))
    timed_out = any(th.is_alive() for th in readers)
    if timed_out:
        p.kill()
        for th in readers:
            th.join()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    p.stderr.close()
    with TIMES_LOCK:
        e = TIMES.setdefault(program_of(cmd), [0, 0.0, 0.0])
        e[0] += 1
        e[1] += time.monotonic() - t
        e[2] += ru.ru_utime + ru.ru_stime
    if timed_out:
        raise subprocess.TimeoutExpired(cmd, timeout)
    dec = lambda b: (b or b'').decode('utf-8', errors='replace')
    return subprocess.CompletedProcess(cmd, p.returncode, dec(bufs.get('out')), dec(bufs.get('err')))


# --------------------------------------------------------------------------- cases

class Case:
    def __init__(self, name, kind):
        self.name = name
        self.kind = kind
        self.files = {}          # relative path -> (text, mode)
        self.node_addrs = []     # --node-addr values
        self.version = 3
        self.local = None
        self.index = 0
        self.features = set()    # what a generated case contains (resource kinds, fencing, ...)
        self.scripts = True      # pcs.sh and crm.txt run on it
        self.media = set()       # the media kinds of its ha.cf (generated cases)

    def add(self, rel, text, mode=0o644):
        self.files[rel] = (text, mode)


def write_root(case, root):
    for rel, (text, mode) in case.files.items():
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'w') as f:
            f.write(text)
        os.chmod(p, mode)


LSB_STUB = '''#!/bin/sh
### BEGIN INIT INFO
# Provides: {name}
# Required-Start: $remote_fs
# Required-Stop: $remote_fs
# Default-Start: 2 3 4 5
# Default-Stop: 0 1 6
# Short-Description: {name} (oracle stub)
### END INIT INFO
case "$1" in
  start|stop|restart) exit 0 ;;
  status) echo "{name} is running"; exit 0 ;;
  *) echo "Usage: $0 {{start|stop|status|restart}}"; exit 2 ;;
esac
'''

UNIT_STUB = '''[Unit]
Description={name} (oracle stub)

[Service]
ExecStart=/usr/sbin/{name}

[Install]
WantedBy=multi-user.target
'''

NODE_NAMES = ['alpha', 'beta', 'gamma', 'node1', 'node2', 'node3', 'ha-a', 'ha-b', 'db1', 'db2', 'web01', 'web02', 'lb1', 'lb2', 'fs-east', 'fs-west']
SCRIPTS = ['httpd', 'nginx', 'postfix', 'mysql', 'named', 'squid', 'smb', 'haproxy', 'slapd', 'tomcat9']


# The heartbeat paths (HBcomm plugins that carry heartbeats between the nodes): the address
# family of the knet link each becomes (None: no link, not translated), and its ha.cf lines
# given its interface, the nodes' addresses on it (in node order), the case and link numbers.
PATH_MEDIA = {
    'bcast': (4, lambda f, a, i, li: [f'bcast {f}']),
    'ucast': (4, lambda f, a, i, li: [f'ucast {f} {x}' for x in a]),
    'ucast6': (6, lambda f, a, i, li: [f'ucast6 {f} {x}' for x in a]),
    'mcast': (4, lambda f, a, i, li: [f'mcast {f} 239.192.{i % 250}.{li + 1} 694 1 0']),
    'mcast6': (6, lambda f, a, i, li: [f'mcast6 {f} ff12::{li + 1} 694 1 0']),
    # rds_parse: the device and every node's address (its own is skipped, one line for all)
    'rds': (4, lambda f, a, i, li: [f'rds {f} {" ".join(a)}']),
    'serial': (None, lambda f, a, i, li: ['baud 19200', 'serial /dev/ttyS0']),
    # tipc NAME_TYPE SEQ_LOWER SEQ_UPPER: no IP at all
    'tipc': (None, lambda f, a, i, li: [f'tipc {18000 + i % 100} {i % 7} {i % 7 + 1}']),
}


def hacf_media():
    """Every media kind of sysv-ha's ha.cf table (kind: 'media'), the list the generator must cover."""
    spec = open(os.path.join(REPO, 'server', 'src', 'service', 'languages', 'hacf', 'spec.ts')).read()
    return set(re.findall(r"\{ name: '([a-z0-9_]+)', kind: 'media'", spec))


HACF_MEDIA = hacf_media()


def gen_case(rng, i):
    c = Case(f'gen-{i:03d}', 'generated')
    c.index = i
    c.version = rng.choice([2, 3])
    n = 2 if rng.random() < 0.85 else 3
    nodes = rng.sample(NODE_NAMES, n)
    hacf = []
    # Timing: deadtime must be more than twice keepalive; initdead at least deadtime.
    keep_ms = rng.choice([500, 1000, 2000])
    dead_ms = keep_ms * rng.choice([3, 5, 10, 15])
    fmt = lambda ms: f'{ms // 1000}' if ms % 1000 == 0 and rng.random() < 0.7 else f'{ms}ms'
    hacf.append(f'keepalive {fmt(keep_ms)}')
    hacf.append(f'deadtime {fmt(dead_ms)}')
    if rng.random() < 0.5:
        hacf.append(f'warntime {fmt(dead_ms // 2)}')
    hacf.append(f'initdead {fmt(max(dead_ms * 2, 10000))}')
    if rng.random() < 0.3:
        hacf.append(f'udpport {rng.choice([694, 695, 6942])}')
    # Media: 1 to 3 paths, drawn from every kind ha.cf knows (spec.ts; checked in main()).
    kinds = rng.sample(sorted(PATH_MEDIA) + ['bcast2'], rng.choice([1, 2, 2, 3]))
    if all(PATH_MEDIA.get(k, (4,))[0] is None for k in kinds):
        kinds.append('ucast')   # serial and tipc give no knet link: one IP path besides
    links = []   # (family, iface) in corosync link order
    addr_of = {}  # (link index, node) -> address
    iface_n = 0

    def new_link(family):
        nonlocal iface_n
        iface = f'eth{iface_n + 1}'
        iface_n += 1
        li = len(links)
        links.append((family, iface))
        for k, nd in enumerate(nodes):
            addr_of[(li, nd)] = f'10.{20 + li}.{i % 250}.{k + 1}' if family == 4 else f'fd00:{20 + li}:{i % 250}::{k + 1}'
        return li, iface

    for kind in kinds:
        if kind == 'bcast2':   # one bcast line, two interfaces: two paths
            ifaces = [new_link(4)[1] for _ in range(2)]
            hacf.append(f'bcast {" ".join(ifaces)}')
            continue
        family, lines = PATH_MEDIA[kind]
        li, iface = new_link(family) if family else (None, None)
        hacf.extend(lines(iface, [addr_of[(li, nd)] for nd in nodes] if family else [], i, li))
    hacf.append(f'node {" ".join(nodes)}' if rng.random() < 0.4 else '\n'.join(f'node {nd}' for nd in nodes))
    # Failback, as auto_failback or the obsolete nice_failback.
    fb = rng.random()
    fb_kind = 'on' if fb < 0.4 else 'off' if fb < 0.8 else 'legacy' if fb < 0.9 else 'nice'
    if fb < 0.4:
        hacf.append('auto_failback on')
    elif fb < 0.8:
        hacf.append('auto_failback off')
    elif fb < 0.9:
        hacf.append('auto_failback legacy')
    else:
        hacf.append(f'nice_failback {rng.choice(["on", "off"])}')
    # Logging.
    lg = rng.random()
    if lg < 0.4:
        hacf.append(f'logfacility {rng.choice(["local0", "daemon", "local7"])}')
    if lg < 0.7:
        hacf.append('logfile /var/log/ha-log')
    elif lg < 0.85:
        hacf.append('use_logd yes')
    else:
        hacf.append('logfacility local0')
        hacf.append('debug 1')
    # Connectivity.
    ipfail = rng.random() < 0.35
    if ipfail or rng.random() < 0.2:
        if rng.random() < 0.6:
            hacf.append(f'ping 10.99.{i % 250}.254' + (f' 10.99.{i % 250}.253' if rng.random() < 0.4 else ''))
        if rng.random() < 0.3:
            hacf.append(f'ping6 fd00:99:{i % 250}::fe')
        if rng.random() < 0.35:
            hacf.append(f'ping_group gw{i} 10.98.{i % 250}.1 10.98.{i % 250}.2')
        if rng.random() < 0.25:
            hacf.append(f'hbaping qlogic-qla2xxx-{i % 4}')   # a Fibre Channel HBA as a ping node
        if not any(l.startswith('ping') for l in hacf):
            hacf.append(f'ping 10.99.{i % 250}.254')
    if ipfail:
        hacf.append(f'respawn hacluster /usr/lib/heartbeat/{rng.choice(["ipfail", "ipfail", "pingd"])}')
        hacf.append('apiauth ipfail gid=haclient uid=hacluster')
        if rng.random() < 0.5:
            hacf.append(f'deadping {fmt(dead_ms)}')
    if rng.random() < 0.1:
        hacf.append('respawn hacluster /usr/lib/heartbeat/dopd')
    # Fencing.
    st = rng.random()
    if st < 0.15:
        hacf.append(f'stonith_host * external/ssh {" ".join(nodes)}')
    elif st < 0.25:
        for k, nd in enumerate(nodes):
            other = nodes[(k + 1) % n]
            hacf.append(f'stonith_host {nd} external/ipmi {other} 10.77.{i % 250}.{k + 1} admin s3cret lanplus')
    elif st < 0.3:
        hacf.append('stonith_host * meatware ' + ' '.join(nodes))
    if rng.random() < 0.1:
        hacf.append('watchdog /dev/watchdog')
    if rng.random() < 0.3:
        hacf.append(f'cluster {rng.choice(["prod", "ha-web", "db_cluster"])}-{i}')
    c.add('etc/ha.d/ha.cf', '\n'.join(hacf) + '\n')

    method = rng.choice(['sha1', 'sha1', 'md5', 'crc'])
    num = rng.choice([1, 2, 3])
    keyline = f'{num} {method}' + ('' if method == 'crc' else f' secret-{rng.randrange(10**9)}')
    c.add('etc/ha.d/authkeys', f'auth {num}\n{keyline}\n', 0o600)

    # haresources: 1 to 3 groups, 1 to 5 resources each.
    used_scripts = set()
    systemd_names = set()
    lines = []
    ipn = [0]

    def ip():
        ipn[0] += 1
        return f'192.168.{100 + i % 100}.{10 + ipn[0]}'

    ngroups = rng.choice([1, 1, 2, 2, 3])
    drbd_n = 0
    for g in range(ngroups):
        res = []
        if rng.random() < 0.25:
            c.features.add('drbd' if drbd_n == 0 else 'drbd-2')
            res.append(f'drbddisk::r{drbd_n}')
            res.append(f'Filesystem::/dev/drbd{drbd_n}::/srv/d{drbd_n}::{rng.choice(["ext4", "xfs"])}' + ('::noatime,nodiratime' if rng.random() < 0.5 else ''))
            drbd_n += 1
        for _ in range(rng.choice([1, 2, 2, 3, 4])):
            k = rng.random()
            kind_before = len(res)
            if k < 0.22:
                res.append(f'IPaddr::{ip()}/24/eth0' + (f'/192.168.{100 + i % 100}.255' if rng.random() < 0.3 else ''))
            elif k < 0.34:
                res.append(f'IPaddr2::{ip()}/{rng.choice([24, 25, 16])}/eth0' + (':vip' if rng.random() < 0.3 else ''))
            elif k < 0.42:
                res.append(ip())
            elif k < 0.48:
                res.append(f'MailTo::root@example.com' + ('::failover' if rng.random() < 0.5 else ''))
            elif k < 0.52:
                res.append(f'Delay::{rng.choice([3, 5, 10])}::{rng.choice([1, 2])}')
            elif k < 0.56:
                res.append(f'LVM::vg{g}x{len(res)}')
            elif k < 0.59:
                res.append(f'SendArp::{ip()}/eth0')
            elif k < 0.62:
                res.append(f'IPsrcaddr::{ip()}')
            elif k < 0.65:
                res.append('apache::/etc/apache2/apache2.conf')
            elif k < 0.67:
                res.append('Xinetd::tftp')
            elif k < 0.69:
                res.append(f'portblock::tcp::{8000 + g}::block')
            elif k < 0.72:
                res.append(f'Filesystem::/dev/sdb{g + 1}::/export/e{g}::ext4')
            elif k < 0.75:
                res.append(f'myres{g}')   # a custom resource.d script: not translated
                c.add(f'etc/ha.d/resource.d/myres{g}', '#!/bin/sh\ncase "$1" in status) echo running;; esac\nexit 0\n', 0o755)
            else:
                free = [s for s in SCRIPTS if s not in used_scripts]
                if not free:
                    continue
                s = rng.choice(free)
                used_scripts.add(s)
                res.append(s)
                c.add(f'etc/init.d/{s}', LSB_STUB.format(name=s), 0o755)
                if rng.random() < 0.25:
                    systemd_names.add(s)
                    c.add(f'lib/systemd/system/{s}.service', UNIT_STUB.format(name=s))
            if len(res) > kind_before:
                r = res[-1]
                c.features.add('systemd' if r in systemd_names else 'lsb' if r in used_scripts else
                               'bare-ip' if r[0].isdigit() else 'custom' if r.startswith('myres') else
                               r.split('::')[0] + ('' if not r.startswith('IPaddr') else '-bcast' if r.count('/') > 2 else '-label' if ':vip' in r else ''))
        if not res:
            res.append(ip())
        node = rng.choice(nodes)
        if len(res) > 3 and rng.random() < 0.3:
            c.features.add('continued-line')
            lines.append(f'{node} {" ".join(res[:2])} \\\n\t{" ".join(res[2:])}')
        else:
            lines.append(f'{node} {" ".join(res)}')
    if drbd_n:
        c.add('etc/ha.d/resource.d/drbddisk', '#!/bin/sh\nexit 0\n', 0o755)
    c.features.update({f'groups-{len(lines)}', f'nodes-{n}', f'failback-{fb_kind}'})
    c.features.update(f'{w}' for w in ('ping ', 'ping6', 'ping_group', 'hbaping', 'ipfail', 'pingd', 'stonith_host *', 'external/ipmi', 'meatware') if any(l.startswith(w) or f' {w}' in l for l in hacf))
    c.media = {l.split()[0] for l in hacf if l.split()[0] in HACF_MEDIA}
    c.add('etc/ha.d/haresources', '# generated by the cluster oracle\n' + '\n'.join(lines) + '\n')

    # How the addresses are known: --node-addr for all, for some, or etc/hostname + ucast peers.
    how = rng.random()
    if how < 0.45:
        for nd in nodes:
            c.node_addrs.append(f'{nd}=' + ','.join(addr_of[(li, nd)] for li in range(len(links))))
    elif how < 0.65 and n == 2 and links:
        # The local node known (etc/hostname): a ucast peer in its file is the other node.
        c.local = nodes[0]
        c.add('etc/hostname', nodes[0] + '\n')
        c.node_addrs.append(f'{nodes[0]}=' + ','.join(addr_of[(li, nodes[0])] for li in range(len(links))))
    elif how < 0.8 and len(links) == 1:
        c.add('etc/hosts', '127.0.0.1 localhost\n' + ''.join(f'{addr_of[(0, nd)]} {nd}\n' for nd in nodes))
    # else: placeholders
    return c


def corpus_cases():
    """The corpus's ha.d sets: per repository, its ha.cf with the haresources and authkeys of the
    same repository (templates and non-heartbeat files excluded, per MANIFEST.tsv)."""
    manifest = os.path.join(CORPUS, 'MANIFEST.tsv')
    if not os.path.exists(manifest):
        return []
    rows = []
    with open(manifest) as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 7 and parts[0] in ('hacf', 'haresources', 'authkeys'):
                rows.append(parts)
    bad = lambda notes: 'TEMPLATE' in notes or 'NEGATIVE' in notes
    by_repo = {}
    for kind, local, repo, path, commit, lic, notes in rows:
        if bad(notes):
            continue
        by_repo.setdefault(repo, {}).setdefault(kind, []).append(local)
    cases = []
    for repo, kinds in sorted(by_repo.items()):
        for hacf in sorted(kinds.get('hacf', [])):
            c = Case(f'corpus-{hacf}', 'corpus')
            c.add('etc/ha.d/ha.cf', open(os.path.join(CORPUS, 'hacf', hacf), encoding='utf-8', errors='replace').read())
            # The haresources closest in history (by name) to this ha.cf.
            hrs = sorted(kinds.get('haresources', []))
            if hrs:
                pick = min(hrs, key=lambda h: (0 if h.split('__at-')[-1][:4] == hacf.split('__at-')[-1][:4] else 1, h))
                c.add('etc/ha.d/haresources', open(os.path.join(CORPUS, 'haresources', pick), encoding='utf-8', errors='replace').read())
            aks = sorted(kinds.get('authkeys', []))
            if aks:
                c.add('etc/ha.d/authkeys', open(os.path.join(CORPUS, 'authkeys', aks[0]), encoding='utf-8', errors='replace').read(), 0o600)
            cases.append(c)
    return cases


# --------------------------------------------------------------------------- reading heartbeat files (the oracle's own)

def hb_bool(v):
    v = v.lower()
    if v in ('true', 'on', 'yes', 'y', '1'):
        return True
    if v in ('false', 'off', 'no', 'n', '0'):
        return False
    return None


def read_hacf(text, version):
    nodes, failback, ipfail, pings = [], True, False, False
    for raw in text.split('\n'):
        line = raw.split('#', 1)[0].strip()
        if not line:
            continue
        words = re.split(r'[ \t,]+', line)
        d, vals = words[0], [w for w in words[1:] if w]
        if d == 'node':
            for v in vals:
                if v.lower() not in [x.lower() for x in nodes]:
                    nodes.append(v)
        elif d == 'auto_failback' and vals:
            b = hb_bool(vals[-1])
            if b is not None:
                failback = b
            elif vals[-1].lower() == 'legacy':
                failback = True
        elif d == 'nice_failback' and vals:
            b = hb_bool(vals[-1])
            if b is not None:
                failback = True if version == 3 else (not b)
        elif d in ('respawn', 'failfast') and len(vals) >= 2 and os.path.basename(vals[1]) in ('ipfail', 'pingd'):
            ipfail = True
        elif d in ('ping', 'ping6', 'ping_group') and vals:
            pings = True
    return nodes, failback, ipfail and pings


def read_haresources(text):
    """Groups as heartbeat reads them: `#` comments, `\\` continuations; (node, [resource texts], first line)."""
    groups, cur, cont = [], None, False
    for ln, raw in enumerate(text.split('\n')):
        body = raw.split('#', 1)[0]
        words = body.split()
        ends = raw.rstrip('\r').endswith('\\') and '#' not in raw
        if words and words[-1] == '\\':
            words.pop()
        elif words and words[-1].endswith('\\') and ends:
            words[-1] = words[-1][:-1]
        if cont and cur is not None:
            cur[1].extend(words)
        elif words:
            cur = (words[0], words[1:], ln + 1)
            groups.append(cur)
        cont = ends
    return groups


# --------------------------------------------------------------------------- CIB normalisation

def cib_config(path):
    root = ET.parse(path).getroot()
    conf = root.find('configuration')
    out = {'primitives': {}, 'groups': {}, 'clones': {}, 'constraints': {}, 'properties': {}, 'rsc_defaults': {}}

    def nv(el, tag):
        d = {}
        for s in el.findall(tag):
            for p in s.findall('nvpair'):
                d[p.get('name')] = p.get('value')
        return d

    def prim(p):
        ops = sorted((o.get('name'), o.get('interval'), o.get('timeout'), o.get('role') or '') for o in p.findall('operations/op'))
        return {'class': p.get('class'), 'provider': p.get('provider') or '', 'type': p.get('type'),
                'params': nv(p, 'instance_attributes'), 'meta': nv(p, 'meta_attributes'), 'ops': ops}

    res = conf.find('resources')
    for el in list(res):
        if el.tag == 'primitive':
            out['primitives'][el.get('id')] = prim(el)
        elif el.tag == 'group':
            out['groups'][el.get('id')] = [p.get('id') for p in el.findall('primitive')]
            for p in el.findall('primitive'):
                out['primitives'][p.get('id')] = prim(p)
        elif el.tag == 'clone':
            p = el.find('primitive')
            out['clones'][el.get('id')] = {'primitive': p.get('id'), 'meta': nv(el, 'meta_attributes')}
            out['primitives'][p.get('id')] = prim(p)
    score = lambda s: {'inf': 'INFINITY', '+INFINITY': 'INFINITY', '-inf': '-INFINITY'}.get(s, s)
    for el in list(conf.find('constraints')):
        cid = el.get('id')
        if el.tag == 'rsc_location':
            rules = []
            for r in el.findall('rule'):
                exprs = sorted((e.get('attribute'), e.get('operation'), e.get('value') or '') for e in r.findall('expression'))
                rules.append((r.get('role') or '', score(r.get('score') or ''), r.get('score-attribute') or '', tuple(exprs)))
            out['constraints'][cid] = ('location', el.get('rsc'), el.get('node') or '', score(el.get('score') or ''), el.get('role') or '', tuple(rules))
        elif el.tag == 'rsc_colocation':
            out['constraints'][cid] = ('colocation', el.get('rsc'), el.get('with-rsc'), el.get('rsc-role') or 'Started', el.get('with-rsc-role') or 'Started', score(el.get('score')))
        elif el.tag == 'rsc_order':
            out['constraints'][cid] = ('order', el.get('first'), el.get('first-action') or 'start', el.get('then'), el.get('then-action') or 'start', el.get('kind') or 'Mandatory')
    for s in conf.findall('crm_config/cluster_property_set'):
        for p in s.findall('nvpair'):
            out['properties'][p.get('name')] = p.get('value')
    for s in conf.findall('rsc_defaults/meta_attributes'):
        for p in s.findall('nvpair'):
            out['rsc_defaults'][p.get('name')] = p.get('value')
    return out


def diff_config(a, b, label):
    errs = []
    for key in a:
        if a[key] != b[key]:
            ka, kb = a[key], b[key]
            if isinstance(ka, dict):
                for k in sorted(set(ka) | set(kb)):
                    if ka.get(k) != kb.get(k):
                        errs.append(f'{label}: {key}/{k}: cib.xml {ka.get(k)!r} vs {kb.get(k)!r}')
            else:
                errs.append(f'{label}: {key} differs')
    return errs[:6]


# --------------------------------------------------------------------------- the real programs

def ns_script(script, timeout=120):
    """Runs a shell script in private UTS and mount namespaces (root)."""
    return run(['unshare', '--uts', '--mount', 'sh', '-c', script], timeout=timeout)


def corosync_t(conf, node):
    # /proc rather than hostname(1), which refuses names heartbeat took (an underscore).
    r = ns_script(f"mount -t tmpfs none /etc/corosync && corosync-keygen -l -k /etc/corosync/authkey >/dev/null 2>&1 && printf %s '{node}' > /proc/sys/kernel/hostname && corosync -t -c '{conf}'")
    return r.returncode == 0, (r.stdout + r.stderr).strip().split('\n')[-1]


def stub_initd(work, cib):
    d = os.path.join(work, 'initd')
    os.makedirs(d, exist_ok=True)
    for name, p in cib['primitives'].items():
        if p['class'] == 'lsb':
            path = os.path.join(d, p['type'])
            with open(path, 'w') as f:
                f.write(LSB_STUB.format(name=p['type']))
            os.chmod(path, 0o755)
    return d


def empty_cib(path):
    r = run(['cibadmin', '--empty'])
    with open(path, 'w') as f:
        f.write(r.stdout)


def apply_pcs(out, work, initd, systemd):
    cibf = os.path.join(work, 'pcs-cib.xml')
    empty_cib(cibf)
    wrap = os.path.join(work, 'bin')
    os.makedirs(wrap, exist_ok=True)
    pcs = shutil.which('pcs') or '/usr/sbin/pcs'
    sock = os.path.join(work, 'pcs.sock')
    # Through the zygote (pcs imported once, each command in a fork of it) unless
    # CLUSTER_ORACLE_PCS_ZYGOTE=0: the same pcs code, without 0.55 s of imports per command.
    real = f'/usr/bin/python3 -Es {ZYGOTE} --client {sock}' if USE_ZYGOTE else pcs
    with open(os.path.join(wrap, 'pcs'), 'w') as f:
        # systemd: agents cannot be described without a running systemd: --force for them only.
        f.write(f'#!/bin/sh\ncase "$*" in *systemd:*) exec {real} "$@" --force;; esac\nexec {real} "$@"\n')
    os.chmod(os.path.join(wrap, 'pcs'), 0o755)
    if USE_ZYGOTE:
        r = ns_script(f'mount --bind {initd} /etc/init.d && {{ /usr/bin/python3 -Es {ZYGOTE} --serve {sock} & z=$!; '
                      f'PATH={wrap}:$PATH CIB={cibf} sh {out}/pcs.sh; rc=$?; kill $z; wait $z; exit $rc; }}', timeout=1200)
    else:
        r = ns_script(f'mount --bind {initd} /etc/init.d && PATH={wrap}:$PATH CIB={cibf} sh {out}/pcs.sh', timeout=1200)
    return r.returncode == 0, cibf, (r.stderr.strip().split('\n') or [''])[-3:]


def apply_crm(out, work, initd, systemd):
    cibf = os.path.join(work, 'crm-cib.xml')
    empty_cib(cibf)
    force = '-F ' if systemd else ''
    r = ns_script(f'mount --bind {initd} /etc/init.d && CIB_file={cibf} crm {force}configure load update {out}/crm.txt', timeout=600)
    errs = [l for l in (r.stdout + r.stderr).split('\n') if 'ERROR' in l and 'lack of quorum' not in l and not (systemd and 'systemd:' in l)]
    return r.returncode == 0 and not errs, cibf, errs[:3]


# --------------------------------------------------------------------------- simulation

def sim_input(cib_path, dst, nodes, attrs):
    tree = ET.parse(cib_path)
    root = tree.getroot()
    conf = root.find('configuration')
    props = conf.find('crm_config/cluster_property_set')
    for p in list(props):
        if p.get('name') == 'no-quorum-policy':
            props.remove(p)
    ET.SubElement(props, 'nvpair', {'id': 'oracle-nqp', 'name': 'no-quorum-policy', 'value': 'ignore'})
    # What the running cluster adds: its members in <nodes> (from Corosync) and their state.
    nodes_el = conf.find('nodes')
    for nid, name in nodes:
        ET.SubElement(nodes_el, 'node', {'id': str(nid), 'uname': name})
    status = root.find('status')
    for nid, name in nodes:
        ns = ET.SubElement(status, 'node_state', {'id': str(nid), 'uname': name, 'in_ccm': 'true', 'crmd': 'online', 'join': 'member', 'expected': 'member'})
        if attrs:
            ta = ET.SubElement(ns, 'transient_attributes', {'id': str(nid)})
            ia = ET.SubElement(ta, 'instance_attributes', {'id': f'status-{nid}'})
            for k, v in attrs.items():
                ET.SubElement(ia, 'nvpair', {'id': f'status-{nid}-{k}', 'name': k, 'value': v})
    tree.write(dst)


def set_attrs(src, dst, attrs, only=None):
    """What the agents report on the online nodes (or on `only`): promotion scores, ping counts."""
    tree = ET.parse(src)
    for ns in tree.getroot().iter('node_state'):
        if ns.get('crmd') != 'online' or (only is not None and ns.get('uname') != only):
            continue
        nid = ns.get('id')
        ta = ns.find('transient_attributes')
        if ta is None:
            ta = ET.SubElement(ns, 'transient_attributes', {'id': nid})
        ia = ta.find('instance_attributes')
        if ia is None:
            ia = ET.SubElement(ta, 'instance_attributes', {'id': f'status-{nid}'})
        for k, v in attrs.items():
            p = next((x for x in ia.findall('nvpair') if x.get('name') == k), None)
            if p is None:
                p = ET.SubElement(ia, 'nvpair', {'id': f'status-{nid}-{k}', 'name': k})
            p.set('value', v)
    tree.write(dst)


def simulate(src, dst, extra=(), attrs=None, override=None):
    """One event, then the agents' reports (attrs, with override for one node) and the cluster's
    reaction to them, as many rounds as it takes to settle (at most 4). Returns the start actions."""
    r = run(['crm_simulate', '-x', src, '-S', '--save-output', dst, *extra])
    seq = re.findall(r'Resource action: (\S+)\s+start on (\S+)', r.stdout)
    ok = r.returncode == 0
    for _ in range(4):
        if not attrs or not ok:
            break
        set_attrs(dst, dst, attrs)
        if override:
            set_attrs(dst, dst, override[1], only=override[0])
        r = run(['crm_simulate', '-x', dst, '-S', '--save-output', dst])
        ok = r.returncode == 0
        more = re.findall(r'Resource action: (\S+)\s+(?:start|stop|promote|demote) on (\S+)', r.stdout)
        seq += re.findall(r'Resource action: (\S+)\s+start on (\S+)', r.stdout)
        if not more:
            break
    return ok, seq, r.stdout


def placement(cib_path):
    r = run(['crm_mon', '-1', '--output-as=xml'], env={**os.environ, 'CIB_file': cib_path})
    where = {}
    promoted = {}
    try:
        root = ET.fromstring(r.stdout)
    except ET.ParseError:
        return where, promoted
    for res in root.iter('resource'):
        nodes = [n.get('name') for n in res.findall('node')]
        if res.get('active') == 'true' and nodes:
            if res.get('role') == 'Promoted':
                promoted[res.get('id')] = nodes[0]
            where.setdefault(res.get('id'), []).extend(nodes)
    return where, promoted


# --------------------------------------------------------------------------- one case

def check(case, base, counts, failures, notes):
    work = os.path.join(base, case.name)
    root = os.path.join(work, 'root')
    out = os.path.join(work, 'out')
    os.makedirs(root)
    write_root(case, root)
    args = ['node', CLI, 'migrate', '--root', root, '--to', 'pacemaker', '--out', out, '--format', 'json', '--heartbeat-version', str(case.version)]
    for a in case.node_addrs:
        args += ['--node-addr', a]
    r = run(args)
    fail = lambda msg: failures.append(f'{case.name}: {msg}')
    if r.returncode not in (0, 1):
        return fail(f'migrate exited {r.returncode}: {r.stderr.strip()[:300]}')
    plan = json.loads(r.stdout)
    counts['translated'] += 1
    if case.kind == 'generated' and plan['heartbeatErrors']:
        return fail(f'the generator made files heartbeat refuses: {plan["heartbeatErrors"]}')
    want_rc = 0 if plan['counts']['notTranslated'] == 0 and plan['addressesKnown'] else 1
    if r.returncode != want_rc:
        fail(f'exit {r.returncode}, the plan says {want_rc}')
    for n in plan['notes']:
        if n['kind'] == 'not-translated':
            notes.setdefault(re.sub(r"[0-9]+|'[^']*'|/[^ ]*", '…', n['message'])[:110], []).append(case.name)
    for name in ('corosync.conf', 'cib.xml', 'pcs.sh', 'crm.txt', 'README.md'):
        if not os.path.exists(os.path.join(out, name)):
            return fail(f'{name} not written')
    # heartbeat's key is never copied.
    keys = re.findall(r'^\s*\d+\s+(?:sha1|md5)\s+(\S+)', case.files.get('etc/ha.d/authkeys', ('', 0))[0], re.M)
    for name in ('corosync.conf', 'cib.xml', 'pcs.sh', 'crm.txt', 'README.md'):
        text = open(os.path.join(out, name)).read()
        if any(k in text for k in keys):
            fail(f'{name} contains an authkeys key')
    if any(k in r.stdout for k in keys):
        fail('the plan contains an authkeys key')

    # ---- corosync -t
    nodes = [(n['id'], n['name']) for n in plan['nodes']]
    conf = os.path.join(out, 'corosync.conf')
    text = open(conf).read()
    if nodes:
        if plan['addressesKnown']:
            ok, msg = corosync_t(conf, nodes[0][1])
            if ok:
                counts['corosync_t'] += 1
            else:
                fail(f'corosync -t refuses corosync.conf: {msg}')
        else:
            ok, _ = corosync_t(conf, nodes[0][1])
            if ok:
                fail('corosync -t accepts a corosync.conf with placeholders')
            fam = {l['number']: ('6' in l['media'].split(' ')[0]) for l in plan['links']}
            filled = re.sub(r'FILL-IN-(\S+)-link(\d+)', lambda m: (f'fd00:250:{m.group(2)}::{[i for i, n in nodes if n == m.group(1)][0]}' if fam.get(int(m.group(2))) else f'10.250.{m.group(2)}.{[i for i, n in nodes if n == m.group(1)][0]}'), text)
            fconf = os.path.join(work, 'corosync-filled.conf')
            open(fconf, 'w').write(filled)
            ok, msg = corosync_t(fconf, nodes[0][1])
            if ok:
                counts['corosync_t_filled'] += 1
            else:
                fail(f'corosync -t refuses corosync.conf with the placeholders filled in: {msg}')

    # ---- crm_verify
    cibp = os.path.join(out, 'cib.xml')
    v = run(['crm_verify', '-x', cibp, '-V'])
    verrs = [l for l in (v.stdout + v.stderr).split('\n') if re.search(r'\berror\b', l, re.I)]
    if v.returncode != 0 or verrs:
        return fail(f'crm_verify: exit {v.returncode}: {verrs[:3]}')
    counts['crm_verify'] += 1
    for l in (v.stdout + v.stderr).split('\n'):
        if 'warning' in l.lower():
            notes.setdefault('crm_verify warning: ' + re.sub(r'\S+_\S+|[0-9]+', '…', l.strip())[:100], []).append(case.name)
    cib = cib_config(cibp)
    systemd = any(p['class'] == 'systemd' for p in cib['primitives'].values())
    initd = stub_initd(work, cib)

    # ---- pcs and crm (each pcs command is a Python start-up of about half a second: every corpus
    # case, and every SCRIPT_EVERY-th generated one)
    if case.scripts:
        scripts(case, out, work, initd, systemd, cib, counts, fail)
    simulate_case(case, plan, nodes, cib, cibp, work, counts, fail)


def scripts(case, out, work, initd, systemd, cib, counts, fail):
    """pcs.sh and crm.txt each build, on an empty CIB, the configuration of cib.xml."""
    for label, apply, what in (('pcs', apply_pcs, 'pcs.sh failed'), ('crm', apply_crm, 'crm configure load failed')):
        ok, built, err = apply(out, work, initd, systemd)
        d = [f'{what}: {err}'] if not ok else diff_config(cib, cib_config(built), label)
        if d:
            fail('; '.join(d))
        else:
            counts[label] += 1


def simulate_case(case, plan, nodes, cib, cibp, work, counts, fail):
    hacf_text = case.files['etc/ha.d/ha.cf'][0]
    hb_nodes, failback, ipfail = read_hacf(hacf_text, case.version)
    if plan['crmMode'] or 'etc/ha.d/haresources' not in case.files or len(nodes) < 2:
        return
    groups = read_haresources(case.files['etc/ha.d/haresources'][0])
    by_line = {}
    for t in plan['resources']:
        by_line.setdefault(t['line'], []).append(t)
    node_name = {n.lower(): n for _, n in nodes}
    expect = []   # (preferred node, [primitive ids in order], group id, drbd clone primitives)
    bounds = [g[2] for g in groups] + [10 ** 9]
    for gi, (node, res, line) in enumerate(groups):
        pref = node_name.get(node.lower())
        tr = [t for l in sorted(by_line) if line <= l < bounds[gi + 1] for t in by_line[l] if t['translated']]
        tr = [t for t in tr if any(t['resource'] == r for r in res)]
        members = [t['id'] for t in tr if t['group']]
        gids = {t['group'] for t in tr if t['group']}
        drbds = [t['id'] for t in tr if t['clone']]
        if pref is None or (not members and not drbds):
            continue
        if len(gids) > 1:
            fail(f'haresources line {line}: its resources are in {len(gids)} groups')
            continue
        # The translated resources keep haresources order.
        order = [t['id'] for t in sorted(tr, key=lambda t: (t['line'], t['column'])) if t['group']]
        if members and cib['groups'].get(next(iter(gids))) != order:
            fail(f'haresources line {line}: group order {cib["groups"].get(next(iter(gids)))} is not {order}')
        expect.append((pref, order, next(iter(gids)) if gids else None, drbds, line))
    if not expect:
        return
    attrs = {}
    for pid, p in cib['primitives'].items():
        if p['type'] == 'drbd':
            attrs[f'master-{pid}'] = '10000'
        if p['type'] == 'ping':
            hosts = len(p['params'].get('host_list', '').split())
            attrs[p['params'].get('name', 'pingd')] = str(int(p['params'].get('multiplier', '1')) * hosts)
    s0, s1 = os.path.join(work, 'sim0.xml'), os.path.join(work, 'sim1.xml')
    sim_input(cibp, s0, nodes, attrs)
    ok, seq, txt = simulate(s0, s1, attrs=attrs)
    if not ok:
        return fail('crm_simulate failed on the configuration')
    where, promoted = placement(s1)
    bad = False

    def together(w, order, want, event, line):
        """The group's members all run on one node, `want` (a name, or a test of the node); else a failure."""
        locs = {tuple(w.get(m) or []) for m in order}
        node = next(iter(locs))[0] if len(locs) == 1 and next(iter(locs)) and len(next(iter(locs))) == 1 else None
        if node is not None and (want(node) if callable(want) else node == want):
            return True
        fail(f'{event}: the group of haresources line {line} runs on {sorted(locs)}, not together on {want if isinstance(want, str) else "another node"}')
        return False

    for pref, order, gid, drbds, line in expect:
        if order and not together(where, order, pref, 'all nodes up', line):
            bad = True
        starts = [rid for rid, _ in seq if rid in order]
        if starts != order:
            fail(f'all nodes up: haresources line {line} starts {starts}, not in haresources order {order}')
            bad = True
        for d in drbds:
            if promoted.get(d) != pref:
                fail(f'all nodes up: DRBD {d} (haresources line {line}) is promoted on {promoted.get(d)}, not {pref}')
                bad = True
    # Each preferred node in turn goes down and comes back.
    for down in sorted({e[0] for e in expect}):
        s2, s3 = os.path.join(work, f'down-{down}.xml'), os.path.join(work, f'back-{down}.xml')
        ok, _, _ = simulate(s1, s2, ['-d', down], attrs=attrs)
        w2, _ = placement(s2)
        for pref, order, gid, drbds, line in expect:
            if order and not together(w2, order, (lambda nd: nd != down) if pref == down else pref, f'{down} down', line):
                bad = True
        ok, _, _ = simulate(s2, s3, ['-u', down], attrs=attrs)
        w3, _ = placement(s3)
        for pref, order, gid, drbds, line in expect:
            if pref != down or not order:
                continue
            want = down if failback else (w2.get(order[0]) or [''])[0]
            if not together(w3, order, want, f'{down} back (auto_failback {"on" if failback else "off"})', line):
                bad = True
        # ipfail: the preferred node loses its ping nodes → its groups go elsewhere.
        if ipfail:
            ping_attrs = [k for k in attrs if not k.startswith('master-')]
            s4, s5 = os.path.join(work, f'noping0-{down}.xml'), os.path.join(work, f'noping-{down}.xml')
            lost = {k: '0' for k in ping_attrs}
            set_attrs(s1, s4, lost, only=down)
            ok, _, _ = simulate(s4, s5, attrs=attrs, override=(down, lost))
            w5, _ = placement(s5)
            for pref, order, gid, drbds, line in expect:
                if pref == down and order and (w5.get(order[0]) or [down])[0] == down:
                    fail(f'{down} loses its ping nodes (ipfail): the group of haresources line {line} stays on {down}')
                    bad = True
    if not bad:
        counts['simulated'] += 1


# --------------------------------------------------------------------------- IPaddr arguments: heartbeat's IPaddr and Pacemaker's IPaddr2

IPADDR_NETNS = r"""
set -u
# A private network: two interfaces, with routes for the addresses of the cases.
ip link add eth0 type veth peer name peer0 && ip link add eth1 type veth peer name peer1 || exit 3
for i in eth0 eth1 peer0 peer1; do ip link set $i up; done
ip addr add 10.0.0.1/8 dev eth0; ip addr add 192.168.0.1/16 dev eth1; ip route add 0.0.0.0/8 dev eth0  # the kernel makes no route for 0/8 itself
mount -t tmpfs none /run/resource-agents 2>/dev/null; mount -t tmpfs none /var/run/heartbeat 2>/dev/null
export OCF_ROOT=/usr/lib/ocf
A2=/usr/lib/ocf/resource.d/heartbeat/IPaddr2
# 1. The heartbeat wrapper's own reading of each argument (its sed), through a stand-in
#    hto-mapfuncs that prints the parameters instead of running the agent.
printf '%s\n' 'usage() { exit 1; }' 'ra_execocf() { echo "$N|$OCF_RESKEY_ip|${OCF_RESKEY_cidr_netmask-}|${OCF_RESKEY_nic-}|${OCF_RESKEY_broadcast-}"; }' > "$WORK/hto"
mount --bind "$WORK/hto" /etc/ha.d/resource.d/hto-mapfuncs || exit 3
while IFS='|' read -r N ARG T_IP T_NM T_NIC T_LBL T_BRD; do N=$N /etc/ha.d/resource.d/IPaddr "$ARG" start; done < "$WORK/cases.txt" > "$WORK/raw.txt"
umount /etc/ha.d/resource.d/hto-mapfuncs
# 2. heartbeat's IPaddr (wrapper, OCF IPaddr, C findif, ifconfig) starts and stops it; then
#    IPaddr2 with the translated parameters; then IPaddr2 with the wrapper's.
a2() {  # ip netmask nic label broadcast
  env OCF_RESOURCE_INSTANCE=t OCF_RESKEY_arp_bg=false OCF_RESKEY_arp_count=1 OCF_RESKEY_ip="$1" OCF_RESKEY_cidr_netmask="$2" OCF_RESKEY_nic="$3" OCF_RESKEY_iflabel="$4" OCF_RESKEY_broadcast="$5" timeout 30 $A2 start >"$WORK/a2.out" 2>&1; rc=$?
  env OCF_RESOURCE_INSTANCE=t OCF_RESKEY_ip="$1" OCF_RESKEY_cidr_netmask="$2" OCF_RESKEY_nic="$3" OCF_RESKEY_iflabel="$4" $A2 stop >/dev/null 2>&1
  echo "$rc $(tr '\n' ' ' < "$WORK/a2.out" | grep -o 'ERROR: [^:]*' | head -1)"
}
while IFS='|' read -r N ARG T_IP T_NM T_NIC T_LBL T_BRD; do
  timeout 30 /etc/ha.d/resource.d/IPaddr "$ARG" start >/dev/null 2>&1; echo "HB $N $?"
  timeout 30 /etc/ha.d/resource.d/IPaddr "$ARG" stop >/dev/null 2>&1
  [ "$T_IP" = - ] || echo "P2T $N $(a2 "$T_IP" "$T_NM" "$T_NIC" "$T_LBL" "$T_BRD")"
done < "$WORK/cases.txt"
while IFS='|' read -r N IP NM NIC BRD; do echo "P2R $N $(a2 "$IP" "$NM" "${NIC%%:*}" '' "$BRD")"; done < "$WORK/raw.txt"
"""


def ipaddr_args(rng, n):
    """IPaddr and bare-address arguments: the corpus's, fixed ones on each rule, random ones."""
    args = []
    for f in sorted(os.listdir(os.path.join(CORPUS, 'haresources'))) if os.path.isdir(os.path.join(CORPUS, 'haresources')) else []:
        for line in open(os.path.join(CORPUS, 'haresources', f), encoding='utf-8', errors='replace'):
            for w in line.split('#', 1)[0].split()[1:]:
                if w.startswith('IPaddr::') or re.match(r'^[0-9]+\.[0-9.]+(/|$)', w):
                    args.append(w)
    args += ['IPaddr::10.1.0.5/24/eth0', 'IPaddr::10.1.0.6/08/eth0', 'IPaddr::10.1.0.7/255.255.255.0/eth0', 'IPaddr::10.1.0.8/255.0.255.0/eth0',
             'IPaddr::0.0.0.9/24/eth0', 'IPaddr::10.1.0.10/24/eth0/0.0.0.0', 'IPaddr::10.1.0.11/24/eth0/10.1.0.255', 'IPaddr::10.1.0.12/24/eth0:3',
             '10.1.0.13', '0.1.0.14', 'IPaddr::10.1.0.15/33/eth0', 'IPaddr::10.1.0.16/024/eth0', 'IPaddr::10.1.0.017/24/eth0', 'IPaddr::10.1.0.18/24/eth0/+']
    masks = ['', '8', '08', '09', '16', '24', '32', '255.255.255.0', '255.255.0.0', '255.0.255.0', '0.0.0.0', '0', '33', '024', '7']
    for k in range(n):
        first = rng.choice(['10', '10', '192', '0'])
        ip = f'{first}.{168 if first == "192" else rng.randrange(0, 4)}.{rng.randrange(0, 250)}.{20 + k}'
        mask, nic = rng.choice(masks), rng.choice(['', 'eth0', 'eth1', 'eth0:1'])
        brd = rng.choice(['', '', 'computed', '0.0.0.0', '255.255.255.255'])
        if brd == 'computed':
            brd = '.'.join(ip.split('.')[:3] + ['255'])
        if not mask and not nic and not brd:
            args.append(ip if rng.random() < 0.5 else f'IPaddr::{ip}')
            continue
        tail = '/'.join(x for x in (mask, nic, brd) if x) if mask else '/'.join(x for x in ('24', nic, brd) if x)
        args.append(f'IPaddr::{ip}/{tail}')
    return list(dict.fromkeys(args))


def check_ipaddr(base, seed, n, failures):
    """heartbeat's IPaddr and Pacemaker's IPaddr2 judge the IPaddr arguments: where heartbeat
    starts the address, sysv-ha migrate translates it to parameters IPaddr2 starts too, or
    leaves it out and says pacemaker/ipaddr2-refuses, where IPaddr2 refuses the wrapper's
    parameters; the diagnostic is never said where heartbeat does not start it or IPaddr2 does."""
    if not (os.path.exists('/etc/ha.d/resource.d/IPaddr') and os.path.exists('/usr/lib/ocf/resource.d/heartbeat/IPaddr2')):
        failures.append('ipaddr: heartbeat\'s IPaddr or resource-agents\' IPaddr2 is not installed')
        return {}
    work = os.path.join(base, 'ipaddr')
    root = os.path.join(work, 'root')
    args = [a for a in ipaddr_args(random.Random(seed), n) if '|' not in a]
    os.makedirs(os.path.join(root, 'etc', 'ha.d'))
    open(os.path.join(root, 'etc/ha.d/ha.cf'), 'w').write('keepalive 1\ndeadtime 10\nbcast eth0\nnode alpha beta\n')
    open(os.path.join(root, 'etc/ha.d/authkeys'), 'w').write('auth 1\n1 crc\n')
    os.chmod(os.path.join(root, 'etc/ha.d/authkeys'), 0o600)
    hr = os.path.join(root, 'etc/ha.d/haresources')
    open(hr, 'w').write(''.join(f'alpha {a}\n' for a in args))
    r = run(['node', CLI, 'check', '--format', 'json', hr])
    diag = {d['line'] for d in json.loads(r.stdout or '[]') if d['code'] == 'pacemaker/ipaddr2-refuses'}
    r = run(['node', CLI, 'migrate', '--root', root, '--to', 'pacemaker', '--format', 'json'])
    by_line = {t['line']: t for t in json.loads(r.stdout)['resources']}
    with open(os.path.join(work, 'cases.txt'), 'w') as f:
        for i, a in enumerate(args):
            t = by_line.get(i + 1) or {}
            p = t.get('params') or {}
            cols = [p.get(k, '') for k in ('ip', 'cidr_netmask', 'nic', 'iflabel', 'broadcast')] if t.get('translated') else ['-', '', '', '', '']
            # ResourceManager runs `resource.d/IPaddr ARG start` (a bare address is IPaddr::ADDR).
            f.write('|'.join([str(i), a[len('IPaddr::'):] if a.startswith('IPaddr::') else a] + cols) + '\n')
    script = os.path.join(work, 'netns.sh')
    open(script, 'w').write(IPADDR_NETNS)
    res = run(['unshare', '--net', '--mount', 'env', f'WORK={work}', 'sh', script], timeout=1800)
    out = {}
    for l in res.stdout.split('\n'):
        w = l.split(' ', 3)
        if len(w) >= 3 and w[0] in ('HB', 'P2T', 'P2R'):
            out[(w[0], int(w[1]))] = (int(w[2]), w[3] if len(w) > 3 else '')
    c = dict(args=len(args), heartbeat=0, translated=0, refused=0, diagnosed=0)
    for i, a in enumerate(args):
        hb = out.get(('HB', i), (None,))[0]
        t = by_line.get(i + 1) or {}
        p2t = out.get(('P2T', i))
        p2r = out.get(('P2R', i), (None, ''))
        said = (i + 1) in diag
        c['diagnosed'] += said
        where = f'ipaddr: alpha {a} (heartbeat exit {hb}, IPaddr2 on the wrapper\'s parameters exit {p2r[0]} {p2r[1]})'
        if hb is None or p2r[0] is None:
            failures.append(f'{where}: not run: {res.stderr.strip()[-200:]}')
            continue
        if hb == 0:
            c['heartbeat'] += 1
            if t.get('translated'):
                c['translated'] += 1
                if p2t is None or p2t[0] != 0:
                    failures.append(f'{where}: translated to {t.get("params")}, which IPaddr2 does not start (exit {p2t})')
            else:
                c['refused'] += 1
                if p2r[0] == 0:
                    failures.append(f'{where}: not translated ({t.get("why")}), yet IPaddr2 starts the wrapper\'s parameters')
                if a.startswith('IPaddr::') or not a.startswith('IPaddr'):
                    if not said:
                        failures.append(f'{where}: heartbeat starts it, IPaddr2 does not, and pacemaker/ipaddr2-refuses is not said')
        if said and (hb != 0 or p2r[0] != 6):
            failures.append(f'{where}: pacemaker/ipaddr2-refuses is said, but heartbeat exits {hb} and IPaddr2 {p2r[0]} (6 is its refusal)')
    return c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cases', type=int, default=120)
    ap.add_argument('--seed', type=int, default=17)
    ap.add_argument('--only', default=None)
    ap.add_argument('--ipaddr', type=int, default=60, help='seeded IPaddr arguments judged by heartbeat\'s IPaddr and IPaddr2 (0: none)')
    ap.add_argument('--keep', action='store_true')
    ap.add_argument('--jobs', type=int, default=int(os.environ.get('CLUSTER_ORACLE_JOBS', '3')))
    a = ap.parse_args()
    if not os.path.exists(CLI):
        print('dist/cli.js missing: run npm run build', file=sys.stderr)
        return 2
    rng = random.Random(a.seed)
    cases = corpus_cases() + [gen_case(rng, i) for i in range(a.cases)]
    # pcs.sh and crm.txt (each pcs command starts Python: most of the run's time) on every corpus
    # case, on every generated case that brings a kind of resource, fencing, connectivity or
    # failback not yet seen twice, and on every SCRIPT_EVERY-th one.
    seen = {}
    for c in cases:
        if c.kind != 'generated':
            continue
        new = [f for f in c.features if seen.get(f, 0) < 2]
        c.scripts = bool(new) or c.index % SCRIPT_EVERY == 0
        if c.scripts:
            for f in c.features:
                seen[f] = seen.get(f, 0) + 1
    if a.only:
        cases = [c for c in cases if re.search(a.only, c.name)]
    base = tempfile.mkdtemp(prefix='sysv-ha-cluster-')
    counts = dict(cases=len(cases), translated=0, corosync_t=0, corosync_t_filled=0, crm_verify=0, pcs=0, crm=0, simulated=0)
    failures, notes = [], {}
    kinds = {}
    lock = threading.Lock()

    def one(c):
        cc = {k: 0 for k in counts}
        ff, nn = [], {}
        try:
            check(c, base, cc, ff, nn)
        except Exception as e:  # a crash of the oracle is a failure of the case
            ff.append(f'{c.name}: oracle error {type(e).__name__}: {e}')
        with lock:
            for k, v in cc.items():
                if k != 'cases':
                    counts[k] += v
            failures.extend(ff)
            for k, v in nn.items():
                notes.setdefault(k, []).extend(v)
    t0 = time.monotonic()
    for c in cases:
        kinds[c.kind] = kinds.get(c.kind, 0) + 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        list(ex.map(one, cases))
    ip_counts = check_ipaddr(base, a.seed, a.ipaddr, failures) if a.ipaddr and not a.only else {}
    if not a.keep:
        shutil.rmtree(base, ignore_errors=True)
    else:
        print(f'cases kept in {base}')
    print(f'cases: {", ".join(f"{v} {k}" for k, v in kinds.items())} (seed {a.seed})')
    media = {k: sum(1 for c in cases if k in c.media) for k in sorted(HACF_MEDIA)}
    print('media kinds of ha.cf in the generated cases: ' + ', '.join(f'{k} {v}' for k, v in media.items()))
    if a.cases >= 100 and not a.only and any(v == 0 for v in media.values()):
        failures.append(f'generator: media kinds of ha.cf never generated: {[k for k, v in media.items() if v == 0]}')
    print(f"translated {counts['translated']}/{counts['cases']}; corosync -t: {counts['corosync_t']} as written, {counts['corosync_t_filled']} after filling placeholders; "
          f"crm_verify {counts['crm_verify']}; pcs {counts['pcs']}; crm {counts['crm']}; simulated {counts['simulated']}")
    if ip_counts:
        print(f"IPaddr arguments ({ip_counts['args']}, corpus, fixed and seeded): heartbeat's IPaddr starts {ip_counts['heartbeat']}; "
              f"translated {ip_counts['translated']} (IPaddr2 starts each), left out {ip_counts['refused']} (IPaddr2 refuses each); "
              f"pacemaker/ipaddr2-refuses said on {ip_counts['diagnosed']}")
    if notes:
        print('constructs not translated (and crm_verify warnings), by kind:')
        for k, v in sorted(notes.items(), key=lambda kv: -len(kv[1])):
            print(f'  {len(v):4d}  {k}')
    cpu = sum(e[2] for e in TIMES.values())
    print(f'wall time {time.monotonic() - t0:.0f} s with {a.jobs} jobs; CPU time of the programs {cpu:.0f} s; by program (calls, wall s summed over the jobs, CPU s):')
    for k, (n, sec, c) in sorted(TIMES.items(), key=lambda kv: -kv[1][2]):
        print(f'  {k:16s} {n:6d} {sec:8.1f} {c:8.1f}')
    for f in failures:
        print(f'FAIL {f}')
    passed = counts['cases'] - len({f.split(':')[0] for f in failures})
    print(f'{passed} passed, {len({f.split(":")[0] for f in failures})} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
