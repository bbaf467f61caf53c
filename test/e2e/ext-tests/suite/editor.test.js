'use strict';
// Editor depth (#19) in the real extension host, through the VS Code API that the editor
// itself calls: go to definition, references, rename, document links, workspace symbols,
// inlay hints, semantic tokens, Format Document, the suppression quick fixes and the
// boot-order webview. The workspace is a copy of examples/ (+ the e2e fixtures); a Red Hat
// functions library is added for the test and removed after it.

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { waitFor, codeOf } = require('./util');

describe('editor depth: navigation, hints, colours, formatting, quick fixes, pictures', function () {
  let folder;
  const uriOf = (rel) => vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
  const rel = (uri) => path.relative(folder.uri.fsPath, uri.fsPath);
  const open = async (r) => {
    const doc = await vscode.workspace.openTextDocument(uriOf(r));
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  };
  const posOf = (doc, needle, offset = 1) => doc.positionAt(doc.getText().indexOf(needle) + offset);
  const FUNCTIONS = 'etc/rc.d/init.d/functions';

  before(async function () {
    folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    assert.ok(folder, 'a workspace folder is open');
    fs.writeFileSync(uriOf(FUNCTIONS).fsPath, '# functions\ndaemon() {\n  "$@"\n}\n\nkillproc() {\n  :\n}\n');
  });
  after(async function () {
    fs.rmSync(uriOf(FUNCTIONS).fsPath, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('go to definition: a library call, a haresources resource, a haresources node', async function () {
    const my = await open('etc/rc.d/init.d/myscript');
    const defs = await waitFor('a definition of daemon', async () => {
      const d = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', my.uri, posOf(my, 'daemon sleep'));
      return d && d.length > 0 ? d : null;
    });
    const loc = defs[0].targetUri ? { uri: defs[0].targetUri, range: defs[0].targetRange } : defs[0];
    assert.strictEqual(rel(loc.uri), FUNCTIONS);
    assert.strictEqual(loc.range.start.line, 1);
    // examples/: myscript's 'Should-Start: httpd' leads to the script that provides httpd.
    const toDep = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', my.uri, posOf(my, 'Should-Start: httpd', 'Should-Start: h'.length));
    assert.deepStrictEqual(toDep.map((d) => rel(d.targetUri || d.uri)), ['etc/rc.d/init.d/httpd']);
    const hr = await open('etc/ha.d/haresources');
    const toScript = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', hr.uri, posOf(hr, 'httpd'));
    assert.deepStrictEqual(toScript.map((d) => rel(d.targetUri || d.uri)), ['etc/rc.d/init.d/httpd']);
    const toNode = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', hr.uri, posOf(hr, 'node1 IPaddr'));
    assert.deepStrictEqual(toNode.map((d) => rel(d.targetUri || d.uri)), ['etc/ha.d/ha.cf']);
  });

  it('references of a node; document links; workspace symbols', async function () {
    const cf = await open('etc/ha.d/ha.cf');
    const refs = await vscode.commands.executeCommand('vscode.executeReferenceProvider', cf.uri, posOf(cf, 'node1'));
    assert.ok(refs.some((r) => rel(r.uri) === 'etc/ha.d/haresources'), JSON.stringify(refs.map((r) => rel(r.uri))));
    const my = await open('etc/rc.d/init.d/myscript');
    const links = await vscode.commands.executeCommand('vscode.executeLinkProvider', my.uri);
    assert.ok(links.some((l) => l.target && l.target.fsPath === uriOf(FUNCTIONS).fsPath), JSON.stringify(links.map((l) => l.target && l.target.fsPath)));
    const syms = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', 'myscr');
    assert.ok(syms.some((s) => s.name === 'myscript'), JSON.stringify(syms.map((s) => s.name)));
    assert.ok((await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', 'tftp')).some((s) => s.name === 'tftp'));
  });

  it('rename a Provides name from haresources: the script\'s header and haresources change', async function () {
    const hr = await open('etc/ha.d/haresources');
    const edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', hr.uri, posOf(hr, 'httpd'), 'apache');
    const touched = edit.entries().map(([u, es]) => `${rel(u)}:${es.map((e) => e.newText).join(',')}`).sort();
    assert.ok(touched.includes('etc/ha.d/haresources:apache'), touched.join(' | '));
    assert.ok(touched.includes('etc/rc.d/init.d/httpd:apache'), touched.join(' | '));
  });

  it('inlay hints: ha.cf times in ms, the links of a chkconfig line', async function () {
    const cf = await open('etc/ha.d/ha.cf');
    const hints = await waitFor('inlay hints in ha.cf', async () => {
      const h = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', cf.uri, new vscode.Range(0, 0, cf.lineCount, 0));
      return h && h.length > 0 ? h : null;
    });
    const labels = hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    assert.ok(labels.includes('2000 ms') && labels.includes('120000 ms'), labels.join(' | '));
    const my = await open('etc/rc.d/init.d/myscript');
    const mh = await vscode.commands.executeCommand('vscode.executeInlayHintProvider', my.uri, new vscode.Range(0, 0, 10, 0));
    assert.ok(mh.some((h) => String(typeof h.label === 'string' ? h.label : '').startsWith('S99myscript in 234')), JSON.stringify(mh.map((h) => h.label)));
  });

  it('semantic tokens: the header keywords of an init script', async function () {
    const my = await open('etc/rc.d/init.d/myscript');
    const legend = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokensLegend', my.uri);
    const tokens = await waitFor('semantic tokens', async () => {
      const t = await vscode.commands.executeCommand('vscode.provideDocumentSemanticTokens', my.uri);
      return t && t.data.length > 0 ? t : null;
    });
    const words = [];
    let line = 0;
    let start = 0;
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      start = tokens.data[i] === 0 ? start + tokens.data[i + 1] : tokens.data[i + 1];
      words.push(`${my.lineAt(line).text.slice(start, start + tokens.data[i + 2])}=${legend.tokenTypes[tokens.data[i + 3]]}`);
    }
    assert.ok(words.includes('chkconfig=keyword') && words.includes('99=number'), words.join(' '));
  });

  it('Format Document: xinetd attributes aligned, blanks only', async function () {
    const x = await open('etc/xinetd.d/tftp');
    const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', x.uri, { tabSize: 8, insertSpaces: false });
    assert.ok(edits && edits.length > 0, 'edits');
    for (const e of edits) assert.ok(/^[ \t]*$/.test(e.newText) && /^[ \t]*$/.test(x.getText(e.range)), JSON.stringify(e));
  });

  it('every diagnostic has "Disable CODE for this line / for this file"', async function () {
    const cf = await open('etc/ha.d/ha.cf');
    const d = await waitFor('a diagnostic in ha.cf after line 1', () => vscode.languages.getDiagnostics(cf.uri).find((x) => x.source === 'sysv-ha' && x.range.start.line > 0));
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', cf.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(`Disable ${codeOf(d)} for this line`) && titles.includes(`Disable ${codeOf(d)} for this file`), titles.join(' | '));
  });

  it('Preview links opens the boot-order picture (a webview), Simulate the runlevel change', async function () {
    await vscode.commands.executeCommand('sysvHa.previewLinks', uriOf('etc/rc.d/init.d/myscript').fsPath);
    const tab = await waitFor('a "Boot order: myscript" tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Boot order: myscript'));
    assert.ok(tab.input instanceof vscode.TabInputWebview, 'a webview tab');
    await vscode.commands.executeCommand('sysvHa.simulate', uriOf('etc/inittab').fsPath, 'N', '3');
    const sim = await waitFor('a "Runlevel N → 3" tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Runlevel N → 3'));
    assert.ok(sim.input instanceof vscode.TabInputWebview);
    // The plain-text forms stay (screen readers, copying).
    await vscode.commands.executeCommand('sysvHa.previewLinksText', uriOf('etc/rc.d/init.d/myscript').fsPath);
    const text = await waitFor('the text document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sysv-ha-links' && d.getText().includes('S99myscript')));
    assert.ok(!text.getText().includes('disagree'));
  });
});
