/**
 * The vocabulary (src/core/common/vocabulary.ts) is the one list of flags, fields, states, calls, roles,
 * stack profiles and options: the grammar, package.json's stack settings and docs/language.md's
 * word lists are generated from it (`npm run generate`); the rest of docs/language.md and the
 * server's settings are checked against it here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CALLS, FIELDS, FLAGS, normalizeState, PROFILE_OPTIONS, PROFILES, ROLES, STATE_ALIASES, STATES } from '../../src/core/index.js';
import { DEFAULT_CHECK_SETTINGS, MSL_MAX_SECONDS, readCheckSettings } from '../../src/core/checker/checkSettings.js';
import {
  GRAMMAR_PATTERNS,
  languageDocWithVocabulary,
  setGrammarVocabulary,
  setPackageSettings,
  type Grammar,
  type PackageJson,
} from '../../src/core/outputs/generatedParts.js';
import { readSettings, type Settings } from '../../src/server/settings.js';

const read = (path: string): string => readFileSync(path, 'utf8');

describe('the vocabulary, one source', () => {
  it('the TextMate grammar is generated from it (run `npm run generate`)', () => {
    const text = read('syntaxes/tcpflow.tmLanguage.json');
    const grammar = JSON.parse(text) as Grammar;
    setGrammarVocabulary(grammar);
    assert.equal(text, JSON.stringify(grammar, null, 2));
  });

  it("the grammar's state pattern takes every name the parser reads, and no other", () => {
    // Oniguruma's `(?i:…)` is the `i` flag here (Node 20's RegExp has no inline modifiers).
    const re = new RegExp(`^${GRAMMAR_PATTERNS.states.replace(/^\(\?i:(.*)\)$/, '$1')}$`, 'iu');
    for (const name of [...STATES, ...Object.keys(STATE_ALIASES)]) {
      for (const spelling of [name, name.replace(/_/g, '-'), name.toLowerCase()]) {
        assert.ok(re.test(spelling), spelling);
        assert.ok(normalizeState(spelling), spelling);
      }
    }
    for (const wrong of ['SYN_SEND', 'ESTABLISH', 'FIN_WAIT_3', 'TIMEWAIT']) {
      assert.ok(!re.test(wrong), wrong);
      assert.equal(normalizeState(wrong), undefined, wrong);
    }
  });

  it("package.json's stack and MSL settings are generated from it (run `npm run generate`)", () => {
    const text = read('package.json');
    const pkg = JSON.parse(text) as PackageJson;
    setPackageSettings(pkg);
    assert.equal(text, JSON.stringify(pkg, null, 2) + '\n');
    for (const nls of ['package.nls.json', 'package.nls.ko.json']) {
      const strings = JSON.parse(read(nls)) as Record<string, string>;
      for (const p of PROFILES) assert.ok(strings[`config.stack.${p}`], `${nls} describes the ${p} stack`);
    }
    assert.equal(readCheckSettings({ msl: MSL_MAX_SECONDS }).mslSeconds, MSL_MAX_SECONDS);
    assert.equal(readCheckSettings({ msl: MSL_MAX_SECONDS + 1 }).mslSeconds, DEFAULT_CHECK_SETTINGS.mslSeconds);
    for (const p of PROFILES) assert.equal(readCheckSettings({ stack: p }).stack, p);
  });

  it("package.json's other settings are the ones the server reads, with its defaults", () => {
    const props = (JSON.parse(read('package.json')) as PackageJson).contributes.configuration.properties;
    const serverReads: Record<string, keyof Settings> = {
      'tcpflow.diagnostics.enable': 'diagnostics',
      'tcpflow.diagnostics.hints': 'hints',
      'tcpflow.diagnostics.markdown': 'markdown',
      'tcpflow.inlayHints.states': 'inlayStates',
      'tcpflow.inlayHints.numbers': 'inlayNumbers',
    };
    const defaults = readSettings({});
    for (const [key, field] of Object.entries(serverReads)) {
      assert.equal(props[key]?.['default'], defaults[field], key);
      const [section, name] = key.replace(/^tcpflow\./, '').split('.') as [string, string];
      assert.equal(readSettings({ [section]: { [name]: !defaults[field] } })[field], !defaults[field], key);
    }
    const rest = Object.keys(props).filter((k) => !(k in serverReads) && k !== 'tcpflow.stack' && k !== 'tcpflow.msl');
    assert.deepEqual(
      rest.sort(),
      ['tcpflow.preview.showOptions', 'tcpflow.preview.showStates', 'tcpflow.trace.server'],
      'a new setting is read by the server or listed here',
    );
  });

  describe('docs/language.md lists it as it is', () => {
    const doc = read('docs/language.md');
    const code = (words: readonly string[], sep: string): string => words.map((w) => `\`${w}\``).join(sep);
    it('flags, fields and calls are generated from it (run `npm run generate`)', () => {
      assert.equal(doc, languageDocWithVocabulary(doc));
      assert.ok(doc.includes(`one or more of \`${FLAGS.join(' ')}\``));
      assert.ok(
        doc.includes(
          `Fields: ${code(
            FIELDS.map((f) => `${f}=`),
            ', ',
          )}.`,
        ),
      );
      assert.ok(doc.includes(`| \`<Name> ${CALLS[0]}\` / ${code(CALLS.slice(1), ' / ')} |`));
    });
    it('roles', () => {
      for (const role of ROLES) assert.match(doc, new RegExp(`^\\| \`${role} <Name>`, 'm'));
    });
    it('stack profiles, the default first, and options', () => {
      const rows = doc.split('\n').filter((l) => /^\| `[\w-]+`( \(default\))? \| \d+ s/.test(l));
      assert.deepEqual(
        rows.map((l) => /`([\w-]+)`/.exec(l)![1]),
        [...PROFILES],
      );
      assert.ok(rows[0]!.startsWith(`| \`${DEFAULT_CHECK_SETTINGS.stack}\` (default)`));
      const options = /^Options: ([^]*?)\. The CLI/m.exec(doc)![1]!;
      assert.deepEqual(
        [...options.matchAll(/`([\w-]+)`/g)].map((m) => m[1]),
        [...PROFILE_OPTIONS],
      );
    });
  });
});
