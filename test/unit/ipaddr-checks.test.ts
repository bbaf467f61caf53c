import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { after, describe, it } from 'node:test';
import * as svc from '../../server/src/service';
import { checkDuplicateAddresses, checkIpCommand, checkIpaddrResource, describeAddress, type IpStep, type Word } from '../../server/src/service/languages/ipaddr';
import { applyEdits, coveredCodes, parseFixture } from '../helpers/fixture';

/** Blank-separated words of one line, with their ranges. */
function words(line: string, lineNo: number): Word[] {
  return [...line.matchAll(/[^ \t]+/g)].map((m) => ({ text: m[0], range: svc.range(lineNo, m.index!, m.index! + m[0].length) }));
}

/**
 * Each line of the fixture is an `ip …` command, an `IPaddr::ARG` / `IPaddr2::ARG` resource
 * or a bare address; caret lines under it give the expected diagnostics.
 */
function problemsOf(text: string): svc.RawProblem[] {
  const out: svc.RawProblem[] = [];
  text.split('\n').forEach((line, n) => {
    const m = /^(IPaddr2?)::(\S+)$/.exec(line);
    if (m) {
      const start = m[1]!.length + 2;
      out.push(...checkIpaddrResource(m[1] as 'IPaddr' | 'IPaddr2', { text: m[2]!, range: svc.range(n, start, start + m[2]!.length) }));
    } else if (/^[0-9]\S*$/.test(line)) {
      out.push(...checkIpaddrResource('bare', { text: line, range: svc.range(n, 0, line.length) }));
    } else if (line.trim().length > 0) {
      out.push(...checkIpCommand(words(line, n)));
    }
  });
  return out;
}

function check(fixture: string): svc.RawProblem[] {
  const { text, expected } = parseFixture(fixture);
  const problems = problemsOf(text);
  for (const e of expected) coveredCodes.add(e.code);
  const show = (xs: { line: number; start: number; end: number; code: string }[]) => xs.map((x) => `${x.line + 1}:${x.start}-${x.end} ${x.code}`).sort();
  const actual = problems.map((p) => ({ line: p.range.start.line, start: p.range.start.character, end: p.range.end.character, code: p.code }));
  assert.deepEqual(show(actual), show(expected), problems.map((p) => `${p.range.start.line + 1}: ${p.code}: ${p.message}`).join('\n'));
  for (const p of problems) {
    assert.ok(p.message.length > 0 && !p.message.includes('\n'), `${p.code}: one-line message`);
    assert.ok(svc.problemDef(p.code), `${p.code} is registered`);
  }
  return problems;
}

describe('ipaddr: ip addr commands', () => {
  it('accepts correct commands, and ignores other ip commands', () => {
    check(`ip addr add 209.100.100.3/24 broadcast 209.100.100.255 dev eth0
ip addr add 10.0.0.1/24 brd + dev eth0 label eth0:1
ip address add 192.168.1.130/25 brd 192.168.1.255 dev eth1
ip a add 10.1.2.3/255.255.255.0 brd + dev eth0
/sbin/ip -4 addr add 10.0.0.2/16 brd + dev eth0 label eth0
ip addr del 10.0.0.1/24 dev eth0
ip addr add 2001:db8::1/64 dev eth0
ip addr add $IP/24 brd + dev $DEV
ip addr add 10.0.0.1/24 $EXTRA
ip addr show dev eth0
ip link set eth0 up
ip route add default via 10.0.0.254
ip addr add 10.0.0.1 peer 10.0.0.2/32 dev ppp0
ip addr flush dev eth0
`);
  });

  it('invalid-address: out of range, garbage, octal parts, broadcast', () => {
    check(`ip addr add 10.0.0.300/24 brd + dev eth0
            ^^^^^^^^^^ ipaddr/invalid-address
ip addr add 10.0.0.08/24 brd + dev eth0
            ^^^^^^^^^ ipaddr/invalid-address
ip addr add 010.0.0.1/24 brd + dev eth0
            ^^^^^^^^^ ipaddr/invalid-address
ip addr add 2001:db8:::1/64 dev eth0
            ^^^^^^^^^^^^ ipaddr/invalid-address
ip addr add 10.0.0.1/24 brd 10.0.0.256 dev eth0
                            ^^^^^^^^^^ ipaddr/invalid-address
`);
  });

  it('invalid-prefix and octal-prefix', () => {
    const p = check(`ip addr add 10.0.0.1/33 brd + dev eth0
                     ^^ ipaddr/invalid-prefix
ip addr add 10.0.0.1/08 brd + dev eth0
                     ^^ ipaddr/invalid-prefix
ip addr add 10.0.0.1/x brd + dev eth0
                     ^ ipaddr/invalid-prefix
ip addr add 10.0.0.1/255.0.255.0 brd + dev eth0
                     ^^^^^^^^^^^ ipaddr/invalid-prefix
ip addr add 2001:db8::1/129 dev eth0
                        ^^^ ipaddr/invalid-prefix
ip addr add 10.0.0.1/024 brd + dev eth0
                     ^^^ ipaddr/octal-prefix
ip addr add 10.0.0.1/07 brd + dev eth0
`);
    const octal = p.find((x) => x.code === 'ipaddr/octal-prefix')!;
    assert.match(octal.message, /\/20/);
  });

  it('missing-prefix on add, delete-without-prefix on del', () => {
    check(`ip addr add 10.0.0.5 dev eth0
            ^^^^^^^^ ipaddr/missing-prefix
ip addr del 10.0.0.5 dev eth0
            ^^^^^^^^ ipaddr/delete-without-prefix
ip addr add 2001:db8::5 dev eth0
`);
  });

  it('broadcast-mismatch, with the seed example right and its variant wrong', () => {
    const fixture3 = `ip addr add 209.100.100.3/24 broadcast 209.100.100.255 dev eth0
ip addr add 209.100.100.3/24 broadcast 209.100.100.254 dev eth0
                                       ^^^^^^^^^^^^^^^ ipaddr/broadcast-mismatch
ip addr add 10.0.0.1/24 brd 10.0.1.255 dev eth0
                            ^^^^^^^^^^ ipaddr/broadcast-mismatch
`;
    const p = check(fixture3);
    const text = parseFixture(fixture3).text;
    assert.match(applyEdits(text, p[1]!.fixes![0]!.edits), /\nip addr add 10\.0\.0\.1\/24 brd \+ dev eth0\n/);
  });

  it('no-broadcast with a fix that adds brd +', () => {
    const p = check(`ip addr add 10.0.0.5/24 dev eth0
            ^^^^^^^^^^^ ipaddr/no-broadcast
ip addr add 10.0.0.5/32 dev eth0
`);
    assert.equal(applyEdits('ip addr add 10.0.0.5/24 dev eth0', p[0]!.fixes![0]!.edits), 'ip addr add 10.0.0.5/24 brd + dev eth0');
  });

  it('broadcast-on-host-route and ipv6-broadcast', () => {
    check(`ip addr add 10.0.0.5/32 brd + dev eth0
                        ^^^^^ ipaddr/broadcast-on-host-route
ip addr add 2001:db8::1/64 brd + dev eth0
                           ^^^^^ ipaddr/ipv6-broadcast
ip -6 addr add 2001:db8::1/64 broadcast 10.0.0.255 dev eth0
                              ^^^^^^^^^^^^^^^^^^^^ ipaddr/ipv6-broadcast
`);
  });

  it('missing-dev on add and del, not on change', () => {
    check(`ip addr add 10.0.0.5/24 brd +
        ^^^ ipaddr/missing-dev
ip a d 10.0.0.5/24
     ^ ipaddr/missing-dev
ip addr change 10.0.0.5/24 brd +
`);
  });

  it('label-too-long and label-not-dev-prefixed', () => {
    check(`ip addr add 10.0.0.5/24 brd + dev eth0 label eth0:webservice1
                                             ^^^^^^^^^^^^^^^^ ipaddr/label-too-long
ip addr add 10.0.0.5/24 brd + dev eth0 label web
                                             ^^^ ipaddr/label-not-dev-prefixed
ip addr add 10.0.0.5/24 brd + dev eth0 label eth0:web
`);
  });
});

describe('ipaddr: IPaddr / IPaddr2 / bare resources', () => {
  it('accepts correct arguments', () => {
    check(`IPaddr::10.0.0.5/24/eth0
IPaddr2::10.0.0.5/24/eth0:web/10.0.0.255
IPaddr::10.0.0.5/24/10.0.0.255
IPaddr::10.0.0.5
IPaddr::10.0.0.5/255.255.255.0/eth0
192.168.85.3
192.168.85.3/24/eth1
`);
  });

  it('invalid-address and invalid-prefix', () => {
    check(`IPaddr::10.0.0.300/24
        ^^^^^^^^^^ ipaddr/invalid-address
IPaddr::10.0.0.5/33/eth0
                 ^^ ipaddr/invalid-prefix
IPaddr2::10.0.0.5/024/eth0
                  ^^^ ipaddr/invalid-prefix
IPaddr::10.0.0.5/24/eth0/10.0.0.999
                         ^^^^^^^^^^ ipaddr/invalid-address
IPaddr2::10.0.0.11/255.0.255.0/eth0
                   ^^^^^^^^^^^ ipaddr/invalid-prefix
IPaddr::10.0.0.11/0.0.0.0/eth0
                  ^^^^^^^ ipaddr/invalid-prefix
`);
    // heartbeat's IPaddr (its C findif) takes a dotted mask that is not contiguous, as 32 minus
    // its trailing zero bits (the cluster oracle started 10.0.0.11/255.0.255.0 as /24): no error,
    // and the broadcast is judged against that /24.
    check(`IPaddr::10.0.0.11/255.0.255.0/eth0
10.0.0.11/255.0.255.0/eth0/10.0.0.255
IPaddr::10.0.0.11/255.0.255.0/eth0/10.0.1.255
                                   ^^^^^^^^^^ ipaddr/broadcast-mismatch
`);
  });

  it('netmask-as-broadcast and broadcast-mismatch', () => {
    const p = check(`IPaddr::10.0.0.5/24/255.255.255.0
                    ^^^^^^^^^^^^^ ipaddr/netmask-as-broadcast
IPaddr2::10.0.0.5/24/eth0/10.0.1.255
                          ^^^^^^^^^^ ipaddr/broadcast-mismatch
10.0.0.5/24/10.0.0.254
            ^^^^^^^^^^ ipaddr/broadcast-mismatch
`);
    assert.equal(p[2]!.fixes![0]!.edits[0]!.newText, '10.0.0.255');
  });

  it('nic-alias for IPaddr, nic:label fine for IPaddr2 unless too long', () => {
    check(`IPaddr::10.0.0.5/24/eth0:1
                    ^^^^^^ ipaddr/nic-alias
IPaddr2::10.0.0.5/24/eth0:1
IPaddr2::10.0.0.5/24/eth0:webservice1
                     ^^^^^^^^^^^^^^^^ ipaddr/label-too-long
`);
  });
});

/**
 * The lines of the fixture as one straight-line path (one statement list); a line starting
 * with `?` is conditional (no block), `!` marks a command the caller sees as a barrier.
 * Only duplicate-address is compared.
 */
function checkPath(fixture: string): svc.RawProblem[] {
  const { text, expected } = parseFixture(fixture);
  const steps = text.split('\n').map((line, n) => {
    const mark = /^[?!]/.exec(line)?.[0];
    const body = mark ? ' ' + line.slice(1) : line;
    return { words: words(body, n), block: mark === '?' ? undefined : 0, barrier: mark === '!' };
  });
  const problems = checkDuplicateAddresses(steps);
  for (const e of expected) coveredCodes.add(e.code);
  const show = (xs: { line: number; start: number; end: number; code: string }[]) => xs.map((x) => `${x.line + 1}:${x.start}-${x.end} ${x.code}`).sort();
  assert.deepEqual(show(problems.map((p) => ({ line: p.range.start.line, start: p.range.start.character, end: p.range.end.character, code: p.code }))), show(expected), problems.map((p) => p.message).join('\n'));
  for (const p of problems) assert.ok(!p.message.includes('\n'));
  return problems;
}

describe('ipaddr: duplicate-address on one path', () => {
  it('the same address and prefix on the same device, added twice; on every later add', () => {
    const p = checkPath(`ip addr add 10.0.0.5/24 brd + dev eth0
echo added
ip addr add 10.0.0.5/24 brd + dev eth0 label eth0:1
            ^^^^^^^^^^^ ipaddr/duplicate-address
/sbin/ip a a 10.0.0.5/24 dev eth0
             ^^^^^^^^^^^ ipaddr/duplicate-address
ip -6 addr add 2001:db8::1/64 dev eth0
ip addr add 2001:db8:0::1/64 dev eth0
            ^^^^^^^^^^^^^^^^ ipaddr/duplicate-address
ip addr add 10.0.0.9 dev eth0
ip addr add 10.0.0.9/32 dev eth0
            ^^^^^^^^^^^ ipaddr/duplicate-address`);
    assert.match(p[0]!.message, /line 1\b.*File exists/);
  });

  it('not for another device, another prefix, other verbs, expansions, conditions, or after a removal', () => {
    checkPath(`ip addr add 10.0.0.5/24 brd + dev eth0
ip addr add 10.0.0.5/24 brd + dev eth1
ip addr add 10.0.0.5/16 brd + dev eth0
ip addr replace 10.0.0.5/24 brd + dev eth0
ip addr add $VIP/24 brd + dev eth0
ip addr add 10.0.0.5/24 brd + dev $DEV
ip addr add 10.0.0.5 peer 10.0.0.6/32 dev eth0
ip addr add 10.0.0.5 peer 10.0.0.6/32 dev eth0
?ip addr add 10.0.0.5/24 brd + dev eth0
ip addr show dev eth0
ip route add default via 10.0.0.254
ip addr add 10.0.0.7/24 dev eth0
ip addr del 10.0.0.7/24 dev eth0
ip addr add 10.0.0.7/24 dev eth0
ip addr flush dev eth0
ip addr add 10.0.0.5/24 brd + dev eth0
ip link set eth0 down
ip addr add 10.0.0.5/24 brd + dev eth0
!teardown_vip
ip addr add 10.0.0.5/24 brd + dev eth0`);
  });
});

describe('ipaddr: duplicate-address stays linear', () => {
  /**
   * The rule as first written (a scan of every earlier add for each add: quadratic in the
   * number of adds), from its own findings: the first earlier add of the same key on the same
   * statement list after the last barrier. The check must say exactly what it says.
   */
  function reference(steps: readonly IpStep[]): { line: number; message: string }[] {
    const keyed = steps.map((s) => checkDuplicateAddresses([{ ...s, block: 0, barrier: false }, { ...s, block: 0, barrier: false }]));
    const out: { line: number; message: string }[] = [];
    const seen: { text: string; block: number; index: number; line: number }[] = [];
    let lastBarrier = -1;
    steps.forEach((step, index) => {
      const words = step.words.map((w) => w.text);
      const verb = words[2];
      const isAdd = words[1] === 'addr' && verb === 'add';
      const mayRemove = words[0] === 'ip' && !(words[1] === 'addr' && (verb === 'add' || verb === 'show')) && words[1] !== 'route';
      if (step.barrier || mayRemove) {
        lastBarrier = index;
        return;
      }
      if (!isAdd || step.block === undefined || keyed[index]!.length === 0) return;
      const text = `${words[3]} ${words[5]}`;
      const first = seen.find((x) => x.text === text && x.block === step.block && x.index > lastBarrier);
      if (first) {
        out.push({ line: step.words[3]!.range.start.line, message: `line ${first.line + 1}` });
        return;
      }
      seen.push({ text, block: step.block, index, line: step.words[3]!.range.start.line });
    });
    return out;
  }

  it('finds what a scan of every earlier add finds, on random paths of adds, removals, barriers and conditions', () => {
    const command = fc.record({
      verb: fc.constantFrom('add', 'add', 'add', 'del', 'flush', 'show'),
      address: fc.constantFrom('10.0.0.1/24', '10.0.0.2/24', '10.0.0.1/16', '2001:db8::1/64'),
      dev: fc.constantFrom('eth0', 'eth1'),
      block: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
      barrier: fc.boolean(),
      route: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(command, { maxLength: 60 }), (cmds) => {
      const steps: IpStep[] = cmds.map((c, n) => {
        const line = c.route ? 'ip route add default via 10.0.0.254' : `ip addr ${c.verb} ${c.address} dev ${c.dev}`;
        return { words: words(line, n), block: c.block, barrier: c.barrier && c.verb === 'show' };
      });
      const got = checkDuplicateAddresses(steps).map((p) => ({ line: p.range.start.line, message: /line \d+/.exec(p.message)![0] }));
      assert.deepEqual(got, reference(steps));
    }), { numRuns: 400, seed: 18 });
  });

  it('20,000 adds of different addresses on one path: no finding; each added twice: one per second add', () => {
    const adds = (n: number, twice: boolean): IpStep[] => Array.from({ length: twice ? 2 * n : n }, (_, i) => {
      const k = i % n;
      return { words: words(`ip addr add 10.${k >> 16 & 255}.${k >> 8 & 255}.${k & 255}/32 dev eth0`, i), block: 0 };
    });
    assert.equal(checkDuplicateAddresses(adds(20_000, false)).length, 0);
    const twice = checkDuplicateAddresses(adds(20_000, true));
    assert.equal(twice.length, 20_000);
    assert.match(twice[19_999]!.message, /on line 20000\b/);
  });
});

describe('ipaddr: describeAddress', () => {
  it('gives network, broadcast, host range and netmask', () => {
    const md = describeAddress('192.168.1.130/25')!;
    assert.match(md, /255\.255\.255\.128/);
    assert.match(md, /192\.168\.1\.128\/25/);
    assert.match(md, /192\.168\.1\.255/);
    assert.match(md, /192\.168\.1\.129.*192\.168\.1\.254/);
  });

  it('warns when the address is the network or broadcast address', () => {
    assert.match(describeAddress('10.0.0.0/24')!, /network/);
    assert.match(describeAddress('10.0.0.255/24')!, /broadcast/);
  });

  it('handles no prefix, IPv6, and non-addresses', () => {
    assert.match(describeAddress('10.0.0.5')!, /\/32/);
    assert.match(describeAddress('2001:db8::1/64')!, /2001:db8::\/64/);
    assert.equal(describeAddress('eth0'), undefined);
    assert.equal(describeAddress('10.0.0.5/40'), undefined);
  });
});

after(() => {
  const missing = svc.allProblems().filter((d) => d.code.startsWith('ipaddr/') && !coveredCodes.has(d.code)).map((d) => d.code);
  assert.deepEqual(missing, [], `codes without a failing fixture: ${missing.join(', ')}`);
});
