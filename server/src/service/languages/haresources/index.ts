/** The haresources language module: parse → check (file, then workspace) → features. */
import type { LanguageModule } from '../../core/language';
import './problems';
import { isNamed } from '../hacf/shared';
import { describeAddress } from '../ipaddr';
import { checkHaresources } from './checks';
import { complete, folding, hover, symbols, type HaresourcesDoc, inlayHints } from './features';
import { parseHaresources } from './parse';
import { checkWorkspace, loadContext } from './workspace';
import { checkMigration } from '../../migrate/checks';

export const haresourcesModule: LanguageModule<HaresourcesDoc> = {
  id: 'haresources',
  analyze(src, ctx) {
    const model = parseHaresources(src);
    const problems = checkHaresources(model, (l) => src.lineText(l));
    const doc: HaresourcesDoc = { model, describeAddress };
    if (ctx.host && isNamed(ctx.path, 'haresources')) {
      doc.ws = loadContext(ctx.path, ctx.host, ctx.settings);
      problems.push(...checkWorkspace(model, src, doc.ws, ctx.host, ctx.shell));
    }
    problems.push(...checkMigration(model, doc.ws, ctx.host));
    return {
      model: doc,
      problems,
      profileKeys: [],
      info: { language: 'haresources', profile: `heartbeat ${ctx.settings.heartbeatVersion === 3 ? '3.0.6' : '2.1.3'}`, reason: doc.ws?.hacf ? `nodes from ${doc.ws.hacf.path}` : 'no ha.cf next to it' },
    };
  },
  complete: (doc, src, position, ctx) => complete(doc, src, position, ctx),
  hover: (doc, src, position, ctx) => hover(doc, src, position, ctx),
  symbols: (doc, src) => symbols(doc, src),
  folding: (doc) => folding(doc),
  inlayHints: (doc, src, r) => inlayHints(doc, src, r),
};
