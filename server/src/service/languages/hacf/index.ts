/** The ha.cf language module: parse → check → features. */
import type { LanguageModule } from '../../core/language';
import { range } from '../../core/types';
import './problems';
import type { WorkspaceHost } from '../../core/language';
import type { Settings } from '../../core/settings';
import { checkHacf, type LocalNode } from './checks';
import { complete, folding, hover, lenses, resolveCompletion, symbols, type HacfDoc, inlayHints } from './features';
import { parseHacf } from './parse';
import { heartbeatDirFile, imageRoot, isNamed } from './shared';

export const hacfModule: LanguageModule<HacfDoc> = {
  id: 'hacf',
  analyze(src, ctx) {
    const version = ctx.settings.heartbeatVersion;
    const model = parseHacf(src);
    const { problems, facts } = checkHacf(model, src, version, localNodeOf(ctx.path, ctx.settings, ctx.host));
    // workspace/authkeys-missing: heartbeat reads authkeys from the directory of ha.cf.
    if (ctx.host && isNamed(ctx.path, 'ha.cf')) {
      const keyfile = heartbeatDirFile(ctx.path, 'authkeys');
      if (!ctx.host.stat(keyfile)?.isFile) {
        problems.push({
          code: 'workspace/authkeys-missing', range: range(0, 0, src.lineText(0).length),
          message: `There is no ${keyfile}: heartbeat refuses to start ("Cannot open keyfile"). Create it with 'auth 1' and '1 sha1 <secret>', mode 600.`,
        });
      }
    }
    return {
      model: { model, facts, version },
      problems,
      profileKeys: [],
      info: { language: 'hacf', profile: `heartbeat ${version === 3 ? '3.0.6' : '2.1.3'}`, reason: ctx.settings.heartbeatVersion === 3 ? 'default (sysvHa.heartbeatVersion)' : 'set by sysvHa.heartbeatVersion' },
    };
  },
  complete: (doc, src, position, ctx) => complete(doc, src, position, ctx),
  resolveCompletion,
  hover: (doc, src, position, ctx) => hover(doc, src, position, ctx),
  symbols: (doc, src) => symbols(doc, src),
  lenses: (doc) => lenses(doc),
  folding: (doc) => folding(doc),
  inlayHints: (doc, src, r) => inlayHints(doc, src, r),
};

/**
 * The host name heartbeat compares with the nodes (`uname -n`): the `sysvHa.localNode`
 * setting, else the first line of the image's `etc/hostname` when the ha.cf is at
 * `ROOT/etc/ha.d/ha.cf` in an image root (never the `/etc` of the machine running the
 * editor). Undefined when neither is known: then nothing is checked.
 */
export function localNodeOf(path: string, settings: Settings, host: WorkspaceHost | undefined): LocalNode | undefined {
  if (settings.localNode) return { name: settings.localNode, from: 'sysvHa.localNode' };
  if (!host || !isNamed(path, 'ha.cf')) return undefined;
  const root = imageRoot(path);
  if (!root) return undefined;
  const file = `${root}/etc/hostname`;
  const text = host.readFile(file);
  if (text === undefined) return undefined;
  const name = (text.split(/\r?\n/)[0] ?? '').trim();
  // A name heartbeat could have: one word, not a comment.
  if (!/^[^\s#]+$/.test(name)) return undefined;
  return { name, from: file };
}
