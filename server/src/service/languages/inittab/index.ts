/** The inittab language module: parse → check → features. */
import type { LanguageModule } from '../../core/language';
import './problems';
import { checkInittab } from './checks';
import { complete, folding, hover, lenses, resolveCompletion, symbols, type InittabDoc } from './features';
import { parseInittab } from './parse';
import { checkInittabWorkspace } from './workspace';

export const inittabModule: LanguageModule<InittabDoc> = {
  id: 'inittab',
  analyze(src, ctx) {
    const s = ctx.settings;
    const chosen = s.inittabDialect !== 'auto'
      ? { dialect: s.inittabDialect, reason: `set by sysvHa.inittab.dialect` }
      : s.profile === 'busybox'
        ? { dialect: 'busybox' as const, reason: 'profile busybox' }
        : s.profile !== 'auto'
          ? { dialect: 'sysvinit' as const, reason: `profile ${s.profile}` }
          : { dialect: 'auto' as const, reason: undefined };
    const model = parseInittab(src, chosen);
    const fragment = /\/inittab\.d\/[^/]+\.tab$/.test(ctx.path);
    const { problems, facts } = checkInittab(model, src, { settings: s, fragment });
    if (ctx.host) problems.push(...checkInittabWorkspace(ctx.path, model, facts, ctx.host));
    return {
      model: { model, facts, path: ctx.path },
      problems,
      profileKeys: [model.dialect],
      info: { language: 'inittab', profile: model.dialect, reason: model.dialectReason },
    };
  },
  complete: (doc, src, position) => complete(doc, src, position),
  resolveCompletion,
  hover: (doc, src, position) => hover(doc, src, position),
  symbols: (doc) => symbols(doc),
  lenses: (doc) => lenses(doc, doc.path),
  folding: (doc) => folding(doc),
};
