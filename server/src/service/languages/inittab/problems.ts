/**
 * The inittab rows of the problem registry (spec/checks.md "inittab").
 * Dialect keys in `profiles`: `sysvinit`, `busybox`.
 */
import { defineProblems, type ProblemDef } from '../../core/registry';

const SV = 'sysvinit';
const BB = 'busybox';

export const INITTAB_PROBLEMS: readonly ProblemDef[] = [
  {
    code: 'inittab/missing-field', severity: 'error', core: true, appliesTo: 'sysvinit, BusyBox',
    detects: 'An entry with fewer than four `:`-separated fields (the classic `id:3:initdefault` with no final `:`), an empty action, an empty id (sysvinit), or an empty command (BusyBox).',
    behaviour: 'sysvinit skips the line: `/etc/inittab[N]: missing process field` (also `missing id field`, `missing runlevel field`, `missing action field`). BusyBox: `Bad inittab entry at line N`. In BusyBox an empty first field is valid (the console).',
    source: '§1.1, §1.6, I1, I2, I22', example: 'id:3:initdefault',
  },
  {
    code: 'inittab/field-too-long', severity: 'error', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'An id longer than 4 characters, runlevels longer than 11, an action longer than 32, or a process longer than 256 bytes (127 with sysvinit 2.88).',
    behaviour: 'sysvinit skips the line: `id field too long (max 4 characters)`, `rlevel field too long (max 11 characters)`, `action field too long`, `process field too long`.',
    source: '§1.1, I3, I14, I15', example: 'tty10:2345:respawn:/sbin/getty 38400 tty10',
  },
  {
    code: 'inittab/duplicate-id', severity: 'error', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'An id already used by an earlier entry that init accepted (`~~` is exempt); reported on the later entry.',
    behaviour: 'sysvinit logs `duplicate ID field "x"` and drops the later line.',
    source: '§1.1, I4', example: '1:2345:respawn:/sbin/mingetty tty1\n1:2345:respawn:/sbin/mingetty tty2',
  },
  {
    code: 'inittab/unknown-action', severity: 'error', core: true, appliesTo: 'sysvinit, BusyBox',
    detects: 'An action the dialect does not know, compared as the program does: sysvinit case-insensitively and with any blanks kept (`x : 5 : respawn : …` gives the action ` respawn `), BusyBox case-sensitively. A BusyBox-only action in a sysvinit file and a sysvinit-only action (e.g. `initdefault`) in a BusyBox file are unknown.',
    behaviour: 'sysvinit: `/etc/inittab[N]: <action>: unknown action field`, line skipped. BusyBox: `Bad inittab entry at line N`, line skipped.',
    source: '§1.1, §1.2, §1.6, I5, I6, I22', example: '6:2345:respwn:/sbin/mingetty tty6',
  },
  {
    code: 'inittab/whitespace-in-field', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'A blank next to a `:` inside the id or runlevels field (blanks in the action field give `inittab/unknown-action` instead).',
    behaviour: 'Not trimmed: the blank becomes part of the id or of the runlevels.',
    source: '§1.1, I6', example: '1 :2345:respawn:/sbin/mingetty tty1',
  },
  {
    code: 'inittab/line-too-long', severity: 'error', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'A physical line of 255 bytes or more, not counting its newline: with the newline it does not fit the 256-byte buffer `read_inittab` reads into (`fgets`).',
    behaviour: 'sysvinit ≥ 3.14 drops it: `Error detected in /etc/inittab at line N. Possibly too long.`; 2.88 reads it in 255-byte pieces, each taken as a line of its own.',
    source: '§1.1, I15',
  },
  {
    code: 'inittab/no-final-newline', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'The last line is an entry not ended by a newline; reported on that line.',
    behaviour: 'sysvinit ≥ 3.14 drops the line (`Possibly too long.`); older versions accept it.',
    source: '§1.1, I16',
  },
  {
    code: 'inittab/crlf', severity: 'error', core: true, appliesTo: 'sysvinit, BusyBox',
    detects: 'CR LF line endings; reported once, on the first line that ends in CR.',
    behaviour: 'The CR stays in the last field and reaches the program (`/sbin/getty 38400 tty1\\r`).',
    source: 'I21',
  },
  {
    code: 'inittab/unknown-runlevel', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'A runlevels character that is not `0`-`9`, `S`, `s`, `A`-`C` or `a`-`c` (e.g. `2,3,4`).',
    behaviour: 'Not validated: the character never matches any level.',
    source: '§1.2, §1.5', example: '1:2,3:respawn:/sbin/mingetty tty1',
  },
  {
    code: 'inittab/lowercase-s-runlevel', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'A lower-case `s` in the runlevels field with no `S` beside it.',
    behaviour: 'Never matches single-user mode, because of a long-standing copy bug in `read_inittab`.',
    source: '§1.2, I11', example: '~~:s:wait:/sbin/sulogin',
  },
  {
    code: 'inittab/runlevels-ignored', severity: 'information', core: true, appliesTo: 'sysvinit, BusyBox',
    detects: 'Runlevels given for `sysinit`, `boot` or `bootwait` (sysvinit), or for any entry (BusyBox).',
    behaviour: 'Ignored: sysvinit stores them as `#`/`*`; BusyBox never reads field 2.',
    source: '§1.2, §1.6, I12', example: 'si:S:sysinit:/etc/rc.d/rc.sysinit',
  },
  {
    code: 'inittab/ondemand-runlevels', severity: 'information', core: false, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: '`ondemand` with no `a`/`b`/`c`, or `a`/`b`/`c` on another action.',
    behaviour: 'An ondemand entry with only digits behaves like respawn; `a`/`b`/`c` on other actions match only after `telinit a/b/c` (Gentoo uses this on purpose).',
    source: '§1.2, I13', example: 'x:5:ondemand:/usr/bin/startx',
  },
  {
    code: 'inittab/initdefault-halt-reboot', severity: 'error', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'The initdefault entry resolves to level 0 or 6.',
    behaviour: 'Accepted: the machine halts or reboots straight after every boot.',
    source: '§1.3, §1.7, I7', example: 'id:6:initdefault:',
  },
  {
    code: 'inittab/initdefault-invalid', severity: 'error', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'The initdefault level (highest character, upper-cased) is not `0`-`9` or `S`.',
    behaviour: '`Initdefault level \'x\' is invalid`, then init waits at `Enter runlevel:` on the console; a headless box hangs.',
    source: '§1.3, I9', example: 'id:x:initdefault:',
  },
  {
    code: 'inittab/initdefault-multiple-levels', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'initdefault with several levels, or an empty runlevels field.',
    behaviour: 'The highest character wins: `35` → 5, `S3` → S, empty → 9.',
    source: '§1.3, I8', example: 'id:35:initdefault:',
  },
  {
    code: 'inittab/multiple-initdefault', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'A second (third…) initdefault entry; reported on each later one.',
    behaviour: 'Only the first initdefault is read.',
    source: '§1.3, I10', example: 'id:3:initdefault:\nid2:5:initdefault:',
  },
  {
    code: 'inittab/no-initdefault', severity: 'warning', core: true, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'Entries but no initdefault entry that init accepts (entries it rejects, e.g. one with a missing field, do not count); line 1. A file with no entries at all (a systemd-era stub) and a `/etc/inittab.d/*.tab` fragment are not reported.',
    behaviour: 'init prompts `Enter runlevel:` on the console at every boot; a headless box hangs.',
    source: '§1.3, I1',
  },
  {
    code: 'inittab/hash-in-command', severity: 'warning', core: true, appliesTo: 'sysvinit, BusyBox',
    detects: 'A `#` in the process field that is not at the start of a word (sysvinit, plain commands only), or any `#` not at the start of a word or inside quotes (BusyBox). A ` # comment` after a blank does what it says and is not flagged.',
    behaviour: 'sysvinit ends a plain command at the first `#`, even inside a word (`--room=#ops` becomes `--room=`); BusyBox cuts the line at `#` everywhere, quotes included.',
    source: '§1.2, §1.6, I17; sysvinit init.c', example: 'ir:2345:respawn:/usr/bin/ircbot --room=#ops',
  },
  {
    code: 'inittab/too-many-words', severity: 'warning', core: false, appliesTo: 'sysvinit', profiles: { [BB]: 'off' },
    detects: 'A plain (non-shell) sysvinit command with more than 14 words.',
    behaviour: 'Words after the 14th are dropped silently.',
    source: '§1.2, I18',
  },
  {
    code: 'inittab/respawn-backgrounded', severity: 'warning', core: true, appliesTo: 'sysvinit, BusyBox',
    detects: 'A `respawn`, `ondemand` or `askfirst` command that ends with `&`.',
    behaviour: 'The shell exits at once, so init restarts it in a loop: sysvinit `Id "x" respawning too fast: disabled for 5 minutes`; BusyBox restarts it every second.',
    source: '§1.4, §1.6, I19', example: 'S0:2345:respawn:/usr/sbin/agent &',
  },
  {
    code: 'inittab/busybox-leading-blank', severity: 'error', core: true, appliesTo: 'BusyBox', profiles: { [SV]: 'off' },
    detects: 'A line that starts with a blank (an indented comment, an indented entry, a line of only blanks).',
    behaviour: 'Not trimmed, so it is parsed as an entry: `Bad inittab entry at line N` (an indented entry gets a bogus tty name).',
    source: '§1.6, I22', example: '  # console getty',
  },
  {
    code: 'inittab/busybox-bad-tty', severity: 'warning', core: true, appliesTo: 'BusyBox', profiles: { [SV]: 'off' },
    detects: 'A first field that is not a device name: after an optional `/dev/`, it does not start with `tty`, `tts/`, `console`, `null`, `hvc`, `hvsi`, `xvc`, `serial`, `vc/` or `pts/` (typically a sysvinit id such as `1`, `si`, `l3` left over from a conversion).',
    behaviour: 'init runs the entry on `/dev/<field>`, cannot open it (`can\'t open /dev/1: …`) and the entry fails at run time.',
    source: '§1.6, I23', example: 'si::sysinit:/etc/init.d/rcS',
  },
  {
    code: 'workspace/inittab-rc-missing', severity: 'warning', core: false, appliesTo: 'sysvinit, BusyBox',
    detects: 'An accepted entry of `ROOT/etc/inittab` whose program is a script under `/etc/` (`/etc/rc.d/rc`, `/etc/init.d/rcS`) that is missing from that image root while its folder is there; on the program of the first entry that runs it. Only in a whole image (ROOT has `sbin/init` or `bin/sh`): a rootfs overlay or a configuration repository holds only the files it changes.',
    behaviour: 'init runs nothing for the entry (sysvinit logs that it cannot execute it; BusyBox `can\'t run \'/etc/init.d/rcS\'`): the runlevel change or the boot does nothing.',
    source: 'App. B 9',
  },
];

defineProblems(INITTAB_PROBLEMS);
