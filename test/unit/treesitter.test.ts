import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Edit } from 'web-tree-sitter';
import { createBashParser, findWasm } from '../../server/src/service/shell/treeSitter';

describe('tree-sitter-bash (loaded from wasm on disk)', () => {
  it('finds the wasm files next to the bundle, else in node_modules', () => {
    const paths = findWasm(join(__dirname, '..', '..', '..', 'dist'));
    assert.match(paths.bash, /tree-sitter-bash\.wasm$/);
    assert.match(paths.runtime, /web-tree-sitter\.wasm$/);
  });

  it('parses an init script and re-parses an edit incrementally', async () => {
    const parser = await createBashParser(findWasm(join(__dirname, 'nowhere')));
    const text = '#!/bin/sh\ncase "$1" in\n  start) daemon foo ;;\n  stop) killproc foo ;;\nesac\n';
    const tree = parser.parse(text)!;
    assert.equal(tree.rootNode.hasError, false);
    const cases = tree.rootNode.descendantsOfType('case_item');
    assert.equal(cases.length, 2);

    // Insert "tus" after "sta" of "start": "start" → "statusrt" is silly; insert a new branch instead.
    const insertAt = text.indexOf('esac');
    const added = '  status) status foo ;;\n';
    const next = text.slice(0, insertAt) + added + text.slice(insertAt);
    tree.edit(new Edit({
      startIndex: insertAt, oldEndIndex: insertAt, newEndIndex: insertAt + added.length,
      startPosition: { row: 4, column: 0 }, oldEndPosition: { row: 4, column: 0 }, newEndPosition: { row: 5, column: 0 },
    }));
    const tree2 = parser.parse(next, tree)!;
    assert.equal(tree2.rootNode.descendantsOfType('case_item').length, 3);
    assert.equal(tree2.rootNode.toString(), parser.parse(next)!.rootNode.toString());
  });
});
