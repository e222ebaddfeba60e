/**
 * The parts of committed files that are made from the vocabulary and the check settings: the
 * TextMate grammar's keyword patterns (syntaxes/tcpflow.tmLanguage.json), package.json's
 * `tcpflow.stack` and `tcpflow.msl` settings, and docs/language.md's lists of flags, fields and calls. `npm run generate` writes them (with
 * docs/diagnostics.md); test/core/vocabulary.test.ts fails while a committed file differs.
 */

import { DEFAULT_CHECK_SETTINGS, MSL_MAX_SECONDS } from '../checker/checkSettings.js';
import { BARE_FIELDS, CALLS, FIELDS, FLAGS, PROFILES, ROLES, STATE_ALIASES, STATES } from '../common/vocabulary.js';

const either = (words: readonly string[]): string => words.join('|');
/** A state name as the parser reads it: any case, `-` or `_` between its words. */
const stateWord = (name: string): string => name.replace(/_/g, '[-_]');

/** The grammar's regular expressions that list words of the vocabulary. */
export const GRAMMAR_PATTERNS = {
  roles: `^\\s*(${either(ROLES)})\\b`,
  states: `(?i:\\b(?:${either([...STATES, ...Object.keys(STATE_ALIASES)].map(stateWord))})\\b)`,
  fields: `\\b(${either(FIELDS)})(=)`,
  /** `sackOK`, `cookie` as bare words (any case), not followed by `=`. */
  bareFields: `(?i:\\b(?:${either(BARE_FIELDS)})\\b)(?!=)`,
  flags: `(?i:\\b(?:${either(FLAGS)})\\b)`,
  calls: `^\\s*([\\p{L}][\\p{L}\\p{N}_]*)\\s+(${either(CALLS)})\\b`,
};

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  patterns?: Rule[];
  captures?: Record<string, { name?: string }>;
}
export interface Grammar {
  repository: Record<string, Rule>;
}

function rule(rules: Rule[] | undefined, test: (r: Rule) => boolean, what: string): Rule {
  const found = rules?.find(test);
  if (!found) throw new Error(`The grammar has no ${what} pattern.`);
  return found;
}

/** Sets the grammar's keyword patterns from the vocabulary, in place. */
export function setGrammarVocabulary(grammar: Grammar): void {
  const repo = grammar.repository;
  rule([repo['participant'] ?? {}], (r) => !!r.begin, 'participant').begin = GRAMMAR_PATTERNS.roles;
  rule(repo['participant']?.patterns, (r) => r.name === 'entity.name.type.state.tcpflow', 'state').match = GRAMMAR_PATTERNS.states;
  // The general `name=` rule (the `sack=` and `cookie=` rules before it also capture their value, as capture 3).
  rule(repo['segment']?.patterns, (r) => r.captures?.['1']?.name === 'variable.parameter.field.tcpflow' && !r.captures['3'], 'field').match =
    GRAMMAR_PATTERNS.fields;
  rule(repo['segment']?.patterns, (r) => r.name === 'variable.parameter.field.tcpflow' && !r.captures, 'bare field').match = GRAMMAR_PATTERNS.bareFields;
  rule(repo['segment']?.patterns, (r) => r.name === 'constant.language.flag.tcpflow', 'flag').match = GRAMMAR_PATTERNS.flags;
  rule([repo['call'] ?? {}], (r) => !!r.begin, 'call').begin = GRAMMAR_PATTERNS.calls;
}

interface SettingSchema {
  [key: string]: unknown;
}
export interface PackageJson {
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
}

/** Sets package.json's `tcpflow.stack` (the profiles, the default) and `tcpflow.msl` (default, bounds), in place. */
export function setPackageSettings(pkg: PackageJson): void {
  const props = pkg.contributes.configuration.properties;
  const stack = props['tcpflow.stack'];
  const msl = props['tcpflow.msl'];
  if (!stack || !msl) throw new Error('package.json has no tcpflow.stack or tcpflow.msl setting.');
  stack['enum'] = [...PROFILES];
  stack['default'] = DEFAULT_CHECK_SETTINGS.stack;
  stack['enumDescriptions'] = PROFILES.map((p) => `%config.stack.${p}%`);
  msl['default'] = DEFAULT_CHECK_SETTINGS.mslSeconds;
  msl['minimum'] = 0;
  msl['maximum'] = MSL_MAX_SECONDS;
}

/** Replaces the one match of `pattern` in `text`; a doc that no longer has the place is an error. */
function replaceOnce(text: string, pattern: RegExp, by: string, what: string): string {
  const all = text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'));
  if (all?.length !== 1) throw new Error(`docs/language.md should have one ${what} list, and has ${all?.length ?? 0}.`);
  return text.replace(pattern, () => by);
}

/** docs/language.md with its lists of flags, fields and calls written from the vocabulary. */
export function languageDocWithVocabulary(doc: string): string {
  let out = replaceOnce(doc, /one or more of `[^`]*`/, `one or more of \`${FLAGS.join(' ')}\``, 'flag');
  out = replaceOnce(out, /^- Fields: [^.]*\./m, `- Fields: ${FIELDS.map((f) => `\`${f}=\``).join(', ')}.`, 'field');
  out = replaceOnce(
    out,
    /^\| `<Name> [a-z]+`( \/ `[a-z]+`)* \|/m,
    `| \`<Name> ${CALLS[0]}\`${CALLS.slice(1)
      .map((c) => ` / \`${c}\``)
      .join('')} |`,
    'call',
  );
  return out;
}
