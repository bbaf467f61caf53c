/**
 * The authkeys table: the methods (HBauth plugins) and the file's rules. Completion, hover,
 * validation and the TextMate grammar read it.
 *
 * @see spec/domain.md §6.4 (heartbeat `auth.c parse_authfile()`, `doc/authkeys`, authkeys(5))
 */

export interface MethodSpec {
  name: string;
  takesKey: boolean;
  summary: string;
  doc: string;
}

export const METHODS: readonly MethodSpec[] = [
  { name: 'sha1', takesKey: true, summary: 'HMAC-SHA1 signature (the best of the three)', doc: 'Packets are signed with HMAC-SHA1 and the shared key. The doc calls it the best method.' },
  { name: 'md5', takesKey: true, summary: 'HMAC-MD5 signature', doc: 'Packets are signed with HMAC-MD5 and the shared key.' },
  { name: 'crc', takesKey: false, summary: 'CRC checksum: no security', doc: 'A CRC only detects corrupted packets; anyone on the network can forge them. Takes no key.' },
];

export function findMethod(name: string): MethodSpec | undefined {
  return METHODS.find((m) => m.name === name);
}

/** `MAXAUTH`: key numbers 0..15 (the man page says 1..15). */
export const MAX_AUTH = 16;

/** What key material is replaced with wherever it would be shown. */
export const MASK = '••••••';

export const AUTH_DOC = '**auth N** — the key number used to sign outgoing packets. Incoming packets may use any key listed, which allows changing keys one node at a time. '
  + 'heartbeat picks the key while it reads the key lines, so `auth N` must come **before** key line `N`.';

export const KEYLINE_DOC = '**N METHOD [KEY]** — key number N (0-15), method `sha1`, `md5` or `crc`, and for sha1/md5 the shared secret: **one word**, identical on every node. The file must be mode 600.';
