/**
 * The package carries Mermaid once: dist/mermaid.js. The page scripts (the preview webview, the
 * slide file's script, the Markdown preview script) load it and stay small; the VSIX lets it in.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';

/** A text only Mermaid's own code has (its error diagram's words). */
const MERMAID_MARK = 'Syntax error in text';

describe('one Mermaid in the package', () => {
  before(() => assert.ok(existsSync('dist/mermaid.js'), 'run `npm run build` first'));

  it('dist/mermaid.js is Mermaid; the three page scripts carry none and stay small', () => {
    assert.ok(readFileSync('dist/mermaid.js', 'utf8').includes(MERMAID_MARK));
    for (const f of ['dist/webview.js', 'dist/slides.js', 'dist/markdown-preview.js']) {
      assert.equal(readFileSync(f, 'utf8').includes(MERMAID_MARK), false, `${f} bundles Mermaid`);
      assert.ok(statSync(f).size < 400_000, `${f}: ${statSync(f).size} bytes`);
    }
  });

  it('the VSIX takes dist/mermaid.js and the icon; the Markdown preview lists Mermaid first', () => {
    const ignore = readFileSync('.vscodeignore', 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/mermaid.js'));
    assert.ok(ignore.includes('!media/icon.png'));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { icon: string; contributes: Record<string, unknown> };
    assert.deepEqual(pkg.contributes['markdown.previewScripts'], ['./dist/mermaid.js', './dist/markdown-preview.js']);
    const png = readFileSync(pkg.icon);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'a 128×128 PNG');
  });
});
