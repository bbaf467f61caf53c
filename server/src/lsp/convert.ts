/** Conversions between the service's plain data and LSP types, at the edge only. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, CompletionItemKind, DiagnosticSeverity, DiagnosticTag, FoldingRangeKind, InsertTextFormat, MarkupKind, SymbolKind,
  type CodeAction, type CodeLens, type CompletionItem, type Diagnostic, type DocumentLink, type DocumentSymbol, type FoldingRange, type Hover,
  type InlayHint, type Location, type WorkspaceEdit, type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import * as svc from '../service';
import { docsUrl } from '../service/core/registry';

/** The file-system path of a document URI; non-file URIs keep their path part. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri).replace(/\\/g, '/');
    } catch {
      /* fall through to the generic form */
    }
  }
  const m = /^[a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?/i.exec(uri);
  return decodeURIComponent(m ? uri.slice(m[0].length) : uri);
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}

const SEVERITY: Record<svc.Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Per code, its docs link (one object per code: a 20k-line script publishes hundreds of diagnostics on every edit). */
const descriptions = new Map<string, { href: string }>();
function codeDescription(code: string): { href: string } {
  let d = descriptions.get(code);
  if (!d) {
    d = { href: docsUrl(code) };
    // Codes come from the registry (a few hundred): the bound only guards against surprises.
    if (descriptions.size < 2048) descriptions.set(code, d);
  }
  return d;
}

/**
 * The code links to its section of the rendered docs (a client opens the page at that
 * heading; the raw docs/diagnostics.md would open as text at line 1).
 */
export function toDiagnostic(p: svc.Problem, docUri: string, docPath: string): Diagnostic {
  const d: Diagnostic = {
    range: p.range,
    severity: SEVERITY[p.severity],
    code: p.code,
    source: 'sysv-ha',
    message: p.message,
  };
  d.codeDescription = codeDescription(p.code);
  if (p.related && p.related.length > 0) {
    d.relatedInformation = p.related.map((r) => ({
      location: { uri: r.path === docPath ? docUri : pathToUri(r.path), range: r.range },
      message: r.message,
    }));
  }
  if (p.code.endsWith('-obsolete')) d.tags = [DiagnosticTag.Deprecated];
  return d;
}

const COMPLETION_KIND: Record<svc.CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  value: CompletionItemKind.Value,
  constant: CompletionItemKind.Constant,
  snippet: CompletionItemKind.Snippet,
  file: CompletionItemKind.File,
  event: CompletionItemKind.Event,
};

export function toCompletionItem(c: svc.CompletionEntry, language: svc.LanguageId): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    textEdit: c.edit,
    sortText: c.sortText,
    filterText: c.filterText,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
  if (c.resolveKey) item.data = { language, key: c.resolveKey };
  return item;
}

export function toHover(h: svc.HoverResult): Hover {
  return { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.markdown } };
}

const SYMBOL_KIND: Record<svc.SymbolKind, SymbolKind> = {
  entry: SymbolKind.Field,
  event: SymbolKind.Event,
  constant: SymbolKind.Constant,
  function: SymbolKind.Function,
  module: SymbolKind.Module,
  key: SymbolKind.Key,
  namespace: SymbolKind.Namespace,
};

export function toSymbol(s: svc.SymbolEntry): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children?.map(toSymbol),
  };
}

export function toCodeLens(l: svc.CodeLensEntry): CodeLens {
  // A lens without a command is shown as a plain label by VS Code when the command id is empty.
  return { range: l.range, command: { title: l.title, command: l.command?.id ?? '', arguments: l.command?.args } };
}

export function toFolding(f: svc.FoldingEntry): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region };
}

export function toCodeAction(f: svc.Fix, uri: string, diagnostics: Diagnostic[]): CodeAction {
  const action: CodeAction = {
    title: f.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostics.filter((d) => d.code === f.code),
    isPreferred: f.preferred,
  };
  if (f.edits.length > 0) action.edit = { changes: { [uri]: f.edits } };
  if (f.command) action.command = { title: f.title, command: f.command.id, arguments: f.command.args };
  return action;
}

export function toLocation(l: svc.Location, uri: string): Location {
  return { uri, range: l.range };
}

export function toDocumentLink(l: svc.DocumentLinkEntry): DocumentLink {
  return { range: l.range, target: pathToUri(l.target), tooltip: l.tooltip };
}

export function toWorkspaceSymbol(s: svc.WorkspaceSymbolEntry): WorkspaceSymbol {
  return { name: s.name, kind: SYMBOL_KIND[s.kind], containerName: s.container, location: { uri: pathToUri(s.location.path), range: s.location.range } };
}

/**
 * A workspace edit: text edits per file, then file renames (documentChanges, when the client
 * has them; the renames need them), each text edit on the version the server has of an open file.
 */
export function toWorkspaceEdit(c: svc.WorkspaceChange, uriFor: (path: string) => string, documentChanges: boolean, versionOf: (uri: string) => number | null): WorkspaceEdit {
  if (!documentChanges) {
    const changes: Record<string, svc.TextEdit[]> = {};
    for (const [path, edits] of Object.entries(c.edits)) changes[uriFor(path)] = edits;
    return { changes };
  }
  return {
    documentChanges: [
      ...Object.entries(c.edits).map(([path, edits]) => {
        const uri = uriFor(path);
        return { textDocument: { uri, version: versionOf(uri) }, edits };
      }),
      ...c.renames.map((r) => ({ kind: 'rename' as const, oldUri: uriFor(r.from), newUri: uriFor(r.to) })),
    ],
  };
}

export function toInlayHint(h: svc.InlayHintEntry): InlayHint {
  return { position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true };
}

/** LSP's relative encoding: per token, line delta, start delta, length, type index, modifier bits. */
export function encodeSemanticTokens(tokens: readonly svc.SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let start = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data.push(dl, dl === 0 ? t.start - start : t.start, t.length, svc.SEMANTIC_TOKEN_TYPES.indexOf(t.type),
      (t.modifiers ?? []).reduce((bits, m) => bits | (1 << svc.SEMANTIC_TOKEN_MODIFIERS.indexOf(m)), 0));
    line = t.line;
    start = t.start;
  }
  return data;
}
