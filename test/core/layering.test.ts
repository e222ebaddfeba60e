/**
 * The core's rooms are layered, and the compiler enforces it: each room's real tsconfig.json is
 * loaded with one more file in the room — a probe held in memory, never written to disk — that
 * imports across the layers. A forbidden import must be a compile error (TS6307: the imported
 * file is not in the room's project), an allowed one must not be; the outputs have no DOM.
 * Outside the core, the parts of src/ are fenced by ESLint (`no-restricted-imports`,
 * scripts/importFences.mjs, applied by eslint.config.mjs, which `npm test` runs): probes in each
 * part show a forbidden import is an error and an allowed one is not.
 */

import * as assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { CORE_SURFACES, fencePatterns, importFences, PARTS } from '../../scripts/importFences.mjs';

const CORE = resolve(import.meta.dirname, '../../src/core');
const NOT_LISTED = 6307;

/** The diagnostics of `room`'s project with `source` added as one more file of the room. */
function compileProbe(room: string, source: string): ts.Diagnostic[] {
  const configPath = join(CORE, room, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    },
  );
  assert.ok(parsed, `${configPath} parses`);
  assert.equal(parsed.options.composite, true, `${room} is a composite project`);
  const probe = join(dirname(configPath), '__layeringProbe.ts');
  const host = ts.createCompilerHost(parsed.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) =>
    resolve(name) === probe ? ts.createSourceFile(name, source, lang) : getSourceFile.call(host, name, lang, ...rest);
  host.fileExists = (name) => resolve(name) === probe || fileExists.call(host, name);
  host.readFile = (name) => (resolve(name) === probe ? source : readFile.call(host, name));
  const program = ts.createProgram({ rootNames: [...parsed.fileNames, probe], options: parsed.options, projectReferences: parsed.projectReferences, host });
  const probeFile = program.getSourceFile(probe);
  assert.ok(probeFile, 'the probe is in the program');
  return [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics(probeFile)];
}

const notListed = (diagnostics: readonly ts.Diagnostic[]): string[] =>
  diagnostics.filter((d) => d.code === NOT_LISTED).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

function rejects(room: string, importPath: string, file: string): void {
  const errors = notListed(compileProbe(room, `import '${importPath}';\n`));
  assert.ok(
    errors.some((e) => e.includes(file)),
    `${room} importing ${importPath} is TS6307; got ${JSON.stringify(errors)}`,
  );
}

function accepts(room: string, importPath: string): void {
  assert.deepEqual(notListed(compileProbe(room, `import '${importPath}';\n`)), [], `${room} may import ${importPath}`);
}

describe('the core’s layering (tsc project references)', () => {
  it('common imports none of the other rooms', () => {
    rejects('common', '../language/ast.js', 'src/core/language/ast.ts');
    rejects('common', '../model/seq.js', 'src/core/model/seq.ts');
    rejects('common', '../checker/simulate.js', 'src/core/checker/simulate.ts');
    rejects('common', '../outputs/mermaid.js', 'src/core/outputs/mermaid.ts');
  });

  it('the language imports common, but not the TCP model, the checker or the outputs', () => {
    accepts('language', '../common/diagnostics.js');
    rejects('language', '../model/seq.js', 'src/core/model/seq.ts');
    rejects('language', '../checker/check.js', 'src/core/checker/check.ts');
    rejects('language', '../outputs/mermaidEscape.js', 'src/core/outputs/mermaidEscape.ts');
  });

  it('the TCP model imports common only: not the language, the checker or the outputs', () => {
    accepts('model', '../common/text.js');
    rejects('model', '../language/ast.js', 'src/core/language/ast.ts');
    rejects('model', '../checker/simulate.js', 'src/core/checker/simulate.ts');
    rejects('model', '../outputs/mermaidEscape.js', 'src/core/outputs/mermaidEscape.ts');
  });

  it('the checker imports the model, the language and common, but not the outputs', () => {
    accepts('checker', '../model/seq.js');
    accepts('checker', '../language/ast.js');
    accepts('checker', '../common/text.js');
    rejects('checker', '../outputs/mermaidEscape.js', 'src/core/outputs/mermaidEscape.ts');
  });

  it('the outputs import the core, but neither the server, the webview nor the DOM', () => {
    accepts('outputs', '../model/seq.js');
    accepts('outputs', '../checker/check.js');
    rejects('outputs', '../../server/presentation.js', 'src/server/presentation.ts');
    rejects('outputs', '../../webview/present.js', 'src/webview/present.ts');
    const dom = compileProbe('outputs', 'export const title = document.title;\n');
    assert.ok(
      dom.some((d) => d.code === 2584 || d.code === 2304),
      'no DOM names in the outputs',
    );
  });
});

const ROOT = resolve(import.meta.dirname, '../..');

/** The fences alone (no type information needed), linting `source` as a file of src/`part`. */
async function fenceErrors(part: string, source: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...importFences()],
  });
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, 'src', part, '__fenceProbe.ts') });
  assert.ok(result, 'linted');
  for (const m of result.messages) assert.equal(m.ruleId, 'no-restricted-imports', m.message);
  return result.messages.map((m) => m.message);
}

const importing = (path: string): string => `import '${path}';\nexport {};\n`;

describe('the fences between the parts of src/ (ESLint no-restricted-imports)', function () {
  this.timeout(60_000);

  it('eslint.config.mjs applies them: the real configuration of a file of each part has its fence', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    for (const part of Object.keys(PARTS)) {
      const file =
        part === 'core'
          ? 'src/core/index.ts'
          : part === 'markdown-preview'
            ? 'src/markdown-preview/main.ts'
            : part === 'dom'
              ? 'src/dom/theme.ts'
              : `src/${part}/${part === 'shared' ? 'lang' : part === 'webview' || part === 'server' ? 'main' : part === 'cli' ? 'main' : part === 'extension' ? 'activate' : part === 'kernel' ? 'plan' : 'scan'}.ts`;
      const config = (await eslint.calculateConfigForFile(join(ROOT, file))) as { rules?: Record<string, unknown> };
      assert.deepEqual(config.rules?.['no-restricted-imports'], [2, { patterns: fencePatterns(part) }], file);
    }
  });

  it('capture (pure, like the core) may import the core, never the server, the CLI or Node', async () => {
    assert.equal((await fenceErrors('capture', importing('../server/server.js'))).length, 1);
    assert.equal((await fenceErrors('capture', importing('../cli/main.js'))).length, 1);
    assert.equal((await fenceErrors('capture', importing('node:fs'))).length, 1);
    assert.deepEqual(await fenceErrors('capture', importing('../core/index.js')), []);
  });

  it('the server, the CLI, the extension and the webview never import each other', async () => {
    assert.equal((await fenceErrors('server', importing('../cli/main.js'))).length, 1);
    assert.equal((await fenceErrors('server', importing('../extension/activate.js'))).length, 1);
    assert.equal((await fenceErrors('cli', importing('../server/server.js'))).length, 1);
    assert.equal((await fenceErrors('webview', importing('../server/diagram.js'))).length, 1);
    assert.equal((await fenceErrors('extension', importing('../webview/main.js'))).length, 1);
    assert.deepEqual(await fenceErrors('server', importing('../shared/previewProtocol.js')), []);
    assert.deepEqual(await fenceErrors('cli', importing('../capture/scan.js')), []);
    assert.deepEqual(await fenceErrors('webview', importing('../dom/theme.js')), []);
  });

  it('the core imports no other part, and outside it only the core’s surfaces are imported', async () => {
    assert.equal((await fenceErrors('core', importing('../../server/server.js'))).length, 1);
    assert.equal((await fenceErrors('core', importing('../shared/lang.js'))).length, 1);
    assert.equal((await fenceErrors('shared', importing('../core/outputs/presentation.js'))).length, 1);
    assert.equal((await fenceErrors('webview', importing('../core/common/text.js'))).length, 1);
    for (const surface of CORE_SURFACES) assert.deepEqual(await fenceErrors('webview', importing(`../core/${surface}`)), [], surface);
  });
});
