/**
 * What the distribution's rc does on a runlevel change, step by step, from the links of the
 * two levels (existing rcN.d links of the tree, or the planner's) and which services run.
 *
 * @see spec/domain.md §4.5 (Red Hat /etc/rc.d/rc), §5.4 (Debian /etc/init.d/rc)
 */

export interface LevelLink {
  /** Link name in rcN.d: `S40atd`. */
  name: string;
  kind: 'S' | 'K';
  priority: number;
  script: string;
}

export interface Step {
  action: 'stop' | 'start' | 'skip';
  script: string;
  link: string;
  why: string;
}

export type Flavour = 'rhel' | 'debian';

const byName = (a: LevelLink, b: LevelLink) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function parseLinkName(name: string): LevelLink | undefined {
  // Any name rc's glob matches: `[\s\S]`, so a file name with a newline is a link too.
  const m = /^([SK])(\d\d)([\s\S]+)$/.exec(name);
  return m ? { name, kind: m[1] as 'S' | 'K', priority: Number(m[2]), script: m[3]! } : undefined;
}

/**
 * Red Hat rc: every K link in glob order whose /var/lock/subsys lock exists is stopped;
 * then every S link whose lock does not exist is started (halt and reboot are exec'd).
 */
function redHat(to: LevelLink[], running: Set<string>): Step[] {
  const steps: Step[] = [];
  const now = new Set(running);
  for (const l of to.filter((x) => x.kind === 'K').sort(byName)) {
    if (!now.has(l.script) && !now.has(`${l.script}.init`)) {
      steps.push({ action: 'skip', script: l.script, link: l.name, why: `no /var/lock/subsys/${l.script}: not running` });
      continue;
    }
    steps.push({ action: 'stop', script: l.script, link: l.name, why: `${l.name} stop` });
    now.delete(l.script);
  }
  for (const l of to.filter((x) => x.kind === 'S').sort(byName)) {
    if (now.has(l.script)) {
      steps.push({ action: 'skip', script: l.script, link: l.name, why: `/var/lock/subsys/${l.script} exists: already running` });
      continue;
    }
    const exec = l.script === 'halt' || l.script === 'reboot';
    steps.push({ action: 'start', script: l.script, link: l.name, why: exec ? `exec ${l.name} start (the last step)` : `${l.name} start` });
    if (exec) break;
  }
  return steps;
}

/**
 * Debian rc (sysv-rc 2.88): K links are not run at boot (previous N); a K script is skipped
 * when the previous level had a K link and no S link for it; an S script is skipped when the
 * previous level had an S link and the new one has no K link. In 0 and 6 S links get `stop`.
 */
function debian(from: LevelLink[] | 'N', to: LevelLink[], toLevel: string): Step[] {
  const steps: Step[] = [];
  const prevS = new Set(from === 'N' ? [] : from.filter((l) => l.kind === 'S').map((l) => l.script));
  const prevK = new Set(from === 'N' ? [] : from.filter((l) => l.kind === 'K').map((l) => l.script));
  const newK = new Set(to.filter((l) => l.kind === 'K').map((l) => l.script));
  if (from !== 'N') {
    for (const l of to.filter((x) => x.kind === 'K').sort(byName)) {
      if (prevK.has(l.script) && !prevS.has(l.script)) {
        steps.push({ action: 'skip', script: l.script, link: l.name, why: 'stopped in the previous level already' });
        continue;
      }
      steps.push({ action: 'stop', script: l.script, link: l.name, why: `${l.name} stop` });
    }
  }
  const halting = toLevel === '0' || toLevel === '6';
  for (const l of to.filter((x) => x.kind === 'S').sort(byName)) {
    if (!halting && prevS.has(l.script) && !newK.has(l.script)) {
      steps.push({ action: 'skip', script: l.script, link: l.name, why: 'started in the previous level and not stopped: already running' });
      continue;
    }
    steps.push({ action: halting ? 'stop' : 'start', script: l.script, link: l.name, why: `${l.name} ${halting ? 'stop' : 'start'}` });
  }
  return steps;
}

export function simulate(flavour: Flavour, from: LevelLink[] | 'N', to: LevelLink[], toLevel: string, running: Set<string>): Step[] {
  return flavour === 'rhel' ? redHat(to, running) : debian(from, to, toLevel);
}
