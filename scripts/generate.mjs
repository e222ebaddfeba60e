// @ts-check
// Writes the generated files from their one source (`npm run generate`): docs/diagnostics.md from
// the code table (src/core/common/diagnosticCodes.ts) and the codes' documentation
// (src/core/outputs/diagnosticDocs.ts); from the vocabulary (src/core/outputs/generatedParts.ts) the TextMate
// grammar's keyword patterns, package.json's stack and MSL settings, and docs/language.md's lists
// of flags, fields and calls. test/core/docs.test.ts and test/core/vocabulary.test.ts fail while a
// committed file differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { diagnosticsPage } from '../src/core/outputs/diagnosticDocs.ts';
import { languageDocWithVocabulary, setGrammarVocabulary, setPackageSettings } from '../src/core/outputs/generatedParts.ts';

const at = (path) => new URL(`../${path}`, import.meta.url);
const editJson = (path, edit, end) => {
  const json = JSON.parse(readFileSync(at(path), 'utf8'));
  edit(json);
  writeFileSync(at(path), JSON.stringify(json, null, 2) + end);
};

writeFileSync(at('docs/diagnostics.md'), diagnosticsPage());
editJson('syntaxes/tcpflow.tmLanguage.json', setGrammarVocabulary, '');
editJson('package.json', setPackageSettings, '\n');
writeFileSync(at('docs/language.md'), languageDocWithVocabulary(readFileSync(at('docs/language.md'), 'utf8')));
