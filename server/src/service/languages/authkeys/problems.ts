/** The authkeys rows of the problem registry (spec/checks.md "authkeys"). */
import { defineProblems, type ProblemDef } from '../../core/registry';

export const AUTHKEYS_PROBLEMS: readonly ProblemDef[] = [
  {
    code: "authkeys/bad-permissions", severity: "error", core: true, appliesTo: "heartbeat all (not on file systems without modes; turned off by `sysvHa.checkFileModes: false`)",
    detects: "The file is readable by group or others (mode & 044), where heartbeat reads it (a `ha.d` folder: a documentation copy such as `usr/share/doc/heartbeat/authkeys` is not checked); line 1.",
    behaviour: "`Bad permissions on keyfile [/etc/ha.d/authkeys], 600 recommended.`: heartbeat does not start.",
    source: "§6.4, H24, App. B 4",
  },
  {
    code: "authkeys/writable-by-others", severity: "warning", core: false, appliesTo: "heartbeat all (not on file systems without modes; turned off by `sysvHa.checkFileModes: false`)",
    detects: "The file is writable by group or others (mode & 022), in a `ha.d` folder; line 1. Reported as well as `authkeys/bad-permissions` when the file is also readable by them (e.g. 666): they are two problems (anyone can read the keys / anyone can replace them), one `chmod 600` fixes both.",
    behaviour: "Not checked by heartbeat; the man page says root-only read and write.",
    source: "§6.4",
  },
  {
    code: "authkeys/missing-auth", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "No valid `auth N` line; line 1.",
    behaviour: "`Missing auth directive in keyfile`: heartbeat does not start.",
    source: "§6.4",
  },
  {
    code: "authkeys/auth-after-key", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`auth N` comes after the key line N; on the auth line.",
    behaviour: "The key is chosen while key lines are read, so it is not found: `Auth Key [N] not found in keyfile [/etc/ha.d/authkeys]`.",
    source: "§6.4, H25",
  },
  {
    code: "authkeys/undefined-key", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`auth N` with no key line N; on the auth line.",
    behaviour: "`Auth Key [N] not found in keyfile [...]`: heartbeat does not start.",
    source: "§6.4, H25",
  },
  {
    code: "authkeys/invalid-auth-line", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A line starting with `a` that `sscanf(\"auth %d\")` cannot read (`auth`, `auth sha1`, `auth: 1`). Note `auth1` is accepted (the blank in the format matches nothing), and a line starting with `A` is a key line (`authkeys/invalid-line`).",
    behaviour: "`Invalid auth line [...]`: heartbeat does not start.",
    source: "§6.4; heartbeat `auth.c`",
  },
  {
    code: "authkeys/invalid-authnum", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A key number (on an auth or key line) outside 0-15.",
    behaviour: "`Invalid authnum [N]`: heartbeat does not start.",
    source: "§6.4, H26",
  },
  {
    code: "authkeys/authnum-zero", severity: "information", core: false, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "Key number 0, on an `auth` line or a key line; on the number.",
    behaviour: "Accepted by the code (0-15); the man page says 1-15.",
    source: "§6.4",
  },
  {
    code: "authkeys/unknown-method", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "A method other than `crc`, `md5`, `sha1` (e.g. `sha256`, `SHA1`).",
    behaviour: "`Invalid authtype [m]`: heartbeat does not start.",
    source: "§6.4, H26",
  },
  {
    code: "authkeys/crc-with-key", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`crc` followed by a key.",
    behaviour: "`Auth method [crc] doesn't use a key`: heartbeat does not start.",
    source: "§6.4, H26",
  },
  {
    code: "authkeys/missing-key", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "`md5` or `sha1` without a key.",
    behaviour: "`Auth method [m] requires a key`: heartbeat does not start.",
    source: "§6.4, H26",
  },
  {
    code: "authkeys/key-with-blanks", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "More than one word after the method.",
    behaviour: "Only the first word is the key; the rest is dropped silently, so both nodes must agree on the cut.",
    source: "§6.4, H27",
  },
  {
    code: "authkeys/invalid-line", severity: "error", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "Any other line that is not a comment, blank, auth line or `N METHOD [KEY]` line (e.g. `sha1 1 secret`).",
    behaviour: "`Auth line [...] is invalid.`: heartbeat does not start.",
    source: "§6.4",
  },
  {
    code: "authkeys/crc-insecure", severity: "warning", core: true, appliesTo: "heartbeat 2.1.3, 3.0.6",
    detects: "The selected or any listed key uses `crc`.",
    behaviour: "Accepted; the doc: crc protects against corruption only, not against forged packets.",
    source: "§6.4, anchors §D12",
  },
];

defineProblems(AUTHKEYS_PROBLEMS);
