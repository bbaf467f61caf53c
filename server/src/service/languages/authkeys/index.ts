/** The authkeys language module: parse → check (text, then the file mode) → features. */
import type { LanguageModule } from '../../core/language';
import { range } from '../../core/types';
import './problems';
import { isNamed } from '../hacf/shared';
import { checkAuthkeys } from './checks';
import { complete, folding, hover, lenses, symbols, type AuthkeysDoc } from './features';
import { maskAuthkeysText, parseAuthkeys } from './parse';
import { MASK } from './spec';

export const authkeysModule: LanguageModule<AuthkeysDoc> = {
  id: 'authkeys',
  analyze(src, ctx) {
    const model = parseAuthkeys(src);
    const { problems, facts } = checkAuthkeys(model, src);
    // authkeys/bad-permissions: heartbeat fstat()s the keyfile it opens, /etc/ha.d/authkeys. Only
    // a keyfile in a ha.d folder is one it reads: a copy elsewhere (usr/share/doc/heartbeat/authkeys,
    // shipped 0644 by dpkg) is documentation, and its mode says nothing.
    if (ctx.host && ctx.settings.checkFileModes !== false && isNamed(ctx.path, 'authkeys') && /(^|\/)ha\.d\/authkeys$/.test(ctx.path)) {
      const mode = ctx.host.stat(ctx.path)?.mode;
      const octal = mode === undefined ? '' : (mode & 0o777).toString(8).padStart(3, '0');
      const chmod = (code: string) => [{ code, title: 'Set the file mode to 600 (chmod 600)', edits: [], command: { id: 'sysvHa.chmodKeyfile', args: [ctx.path] }, preferred: true }];
      if (mode !== undefined && (mode & 0o044) !== 0) {
        problems.push({
          code: 'authkeys/bad-permissions', range: range(0, 0, src.lineText(0).length),
          message: `The file is mode ${octal}: group or others can read the keys, so heartbeat refuses to start ("Bad permissions on keyfile"). Run 'chmod 600' on it.`,
          fixes: chmod('authkeys/bad-permissions'),
        });
      }
      // Not checked by heartbeat, but whoever can write the file can replace the keys.
      if (mode !== undefined && (mode & 0o022) !== 0) {
        problems.push({
          code: 'authkeys/writable-by-others', range: range(0, 0, src.lineText(0).length),
          message: `The file is mode ${octal}: group or others can write it and replace the cluster's keys. Run 'chmod 600' on it (root-only read and write).`,
          fixes: chmod('authkeys/writable-by-others'),
        });
      }
    }
    return {
      model: { model, facts },
      problems,
      profileKeys: [],
      info: { language: 'authkeys', profile: `heartbeat ${ctx.settings.heartbeatVersion === 3 ? '3.0.6' : '2.1.3'}`, reason: 'authkeys' },
    };
  },
  complete: (doc, src, position) => complete(doc, src, position),
  hover: (doc, src, position) => hover(doc, src, position),
  symbols: (doc, src) => symbols(doc, src),
  lenses: (doc) => lenses(doc),
  folding: (doc) => folding(doc),
};

/** The text of an authkeys file with every key masked, for anything that echoes source lines. */
export function maskAuthkeys(text: string): string {
  return maskAuthkeysText(text, MASK);
}
