import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLinkName, simulate, type LevelLink } from '../../server/src/service/boot';

const level = (...names: string[]) => names.map((n) => parseLinkName(n)!) as LevelLink[];
const show = (steps: ReturnType<typeof simulate>) => steps.map((s) => `${s.action} ${s.link}`);

describe('runlevel change simulation', () => {
  it('Red Hat rc: K scripts only with a subsys lock, S scripts only without one, in name order', () => {
    const to = level('S99local', 'K15httpd', 'S10network', 'K50atd', 'S55sshd');
    assert.deepEqual(show(simulate('rhel', 'N', to, '3', new Set(['sshd', 'httpd']))), [
      'stop K15httpd', 'skip K50atd', 'start S10network', 'skip S55sshd', 'start S99local',
    ]);
  });

  it('Red Hat rc: halt is exec\'d and ends the run', () => {
    assert.deepEqual(show(simulate('rhel', level('S10network'), level('K90network', 'S01halt', 'S99never'), '0', new Set(['network']))), ['stop K90network', 'start S01halt']);
  });

  it('Debian rc: no K scripts at boot; skips what already runs; S links get stop in 0 and 6', () => {
    const two = level('S01rsyslog', 'S02ssh', 'K01nfs');
    assert.deepEqual(show(simulate('debian', 'N', two, '2', new Set())), ['start S01rsyslog', 'start S02ssh']);
    const three = level('S01rsyslog', 'K01ssh', 'K01nfs', 'S03web');
    assert.deepEqual(show(simulate('debian', two, three, '3', new Set())), ['skip K01nfs', 'stop K01ssh', 'skip S01rsyslog', 'start S03web']);
    assert.deepEqual(show(simulate('debian', two, level('K01ssh', 'S90halt'), '0', new Set())), ['stop K01ssh', 'stop S90halt']);
  });
});
