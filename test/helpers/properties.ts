/**
 * What must hold for every input, shared by the property tests in `npm test` and the slow
 * million-input fuzz (`npm run fuzz`): generators of hostile documents, and the checks — the
 * checker does not throw, the Mermaid text parses with Mermaid's own parser and sets no
 * configuration, every diagnostic range is well-formed and inside the document, and every quick
 * fix, applied as an editor applies it, yields a document without new syntax errors.
 */

import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check, findTcpflowBlocks, replaceTcpflowBlocks, toMermaid, type CheckResult } from '../../src/core/index.js';
import { parseMermaid } from './mermaidParse.js';
import { MOVES, newestFlow, newestNote } from './newestFlows.js';

const word = fc.constantFrom(
  'A',
  'B',
  'C',
  'Client',
  'Server',
  'x',
  'y',
  'end',
  'note',
  'is',
  'title',
  'client',
  'server',
  'peer',
  'raw',
  'state',
  'as',
  'wait',
  'stack',
  'connection',
  'reuses',
  'linux',
  'listen',
  'connect',
  'close',
  'abort',
  'timeout',
  'resets',
  'dropped',
  '클라',
  'over',
  'left',
  'of',
  'participant',
  'loop',
  'rect',
  'par',
  'and',
  'opt',
  'alt',
  'else',
  'box',
  'critical',
  'break',
  'autonumber',
  'activate',
  'create',
  'destroy',
  'links',
  'link',
  'properties',
  'details',
);
const flag = fc.constantFrom('SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'SYM', 'syn');
const state = fc.constantFrom(
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN-WAIT-2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'NOPE',
);
const value = fc.oneof(
  fc.nat({ max: 5000 }).map(String),
  fc.constantFrom('x', 'y', 'x+1', 'y+1', 'u-3', '4294967295', '4294967296', '=', '99999999999999999999', '-1', 'x+', '+'),
);
const field = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('seq', 'ack', 'len', 'win', 'mss', 'wscale', 'sq', 'sack', 'ts', 'ecr', 'cookie'), value).map(([k, v]) => `${k}=${v}`),
  },
  // TCP options: SACK blocks, timestamps, Fast Open cookies, bare fields (given twice too).
  { weight: 1, arbitrary: fc.tuple(value, value, fc.option(fc.tuple(value, value))).map(([a, b, c]) => `sack=${a}:${b}${c ? `,${c[0]}:${c[1]}` : ''}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'sackOK',
      'cookie',
      'SACKOK',
      'sackOK sackOK',
      'cookie cookie',
      'cookie=c0ffee',
      'cookie=',
      'sack=x+1:',
      'sack=1:2,3:4,5:6,7:8,9:10',
      'ts=1 ecr=0',
      'ts=4294967295 ecr=1',
      'wscale=15',
    ),
  },
);
/** Characters that mean something to us, to Mermaid, to Markdown or to HTML, and some that mean nothing. */
const hostileChar = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '"',
      '\\',
      '#',
      '%',
      '{',
      '}',
      ';',
      '<',
      '>',
      ':',
      '-',
      'x',
      '&',
      '=',
      '+',
      ' ',
      '\t',
      'é',
      '😀',
      '/',
      '`',
      '~',
      '*',
      '_',
      '[',
      ']',
      '(',
      ')',
      '|',
      ',',
      '.',
      '!',
      'ﬂ',
      '¶',
      '°',
      '\u200b',
      '\u00a0',
      '\u3000',
      'ℵ',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\ufffe', '\u202e', '\u061c') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '%%',
      '%%{init: {"theme":"dark"}}%%',
      '<script>',
      '<img src=x onerror=alert(1)>',
      '#59;',
      '#35;',
      '&lt;',
      'end',
      '-->>',
      '->>',
      '--x',
      '<br>',
      '<br/>',
      '\\n',
      '#quot;',
      'fl°',
      '¶ß',
      ';;',
      'javascript:',
    ),
  },
);
export const junk = fc.string({ maxLength: 14, unit: hostileChar });
const label = fc.constantFrom('', '', '', ' @d1', ' @d2', ' @x', ' @', '@end', ' @d1 @d2', ' @ d1');
const segment = fc
  .tuple(
    fc.constantFrom('', '& ', '&', '? ', '& ? ', '?&', '? ? '),
    word,
    fc.constantFrom(' -> ', ' -x ', ' > ', ' ', '->', ' -X '),
    word,
    fc.constantFrom(': ', ' ', ':', ''),
    fc.array(flag, { maxLength: 3 }),
    fc.array(field, { maxLength: 3 }),
    fc.option(junk),
    fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.option(junk).map((why) => ` dropped${why !== null ? ` "${why}"` : ''}`) }),
    label,
  )
  .map(
    ([amp, a, arrow, b, colon, flags, fields, payload, dropped, at]) =>
      `${amp}${a}${arrow}${b}${colon}${flags.join(fc.sample(fc.constantFrom('+', ' ', ','), 1)[0])} ${fields.join(' ')}${payload !== null ? ` "${payload}"` : ''}${dropped}${at}`,
  );
const line = fc.oneof(
  { weight: 6, arbitrary: segment },
  { weight: 1, arbitrary: fc.tuple(word, state).map(([a, s]) => `${a} is ${s}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'arrives d1',
      'arrives d2',
      'arrives x',
      'arrives',
      'arrives @d1',
      'arrives d1 d2',
      'arrives is ESTABLISHED',
      'arrives d1 dropped',
      'arrives d2 dropped "full"',
      'arrives d1 dropped x',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('client', 'server', 'peer'), fc.oneof(word, junk), fc.option(state), fc.option(junk))
      .map(([r, n, s, l]) => `${r} ${n}${l !== null ? ` as "${l}"` : ''}${s ? ` state ${s}` : ''}`),
  },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom('listen', 'connect', 'close', 'abort', 'timeout', 'resets')).map(([a, c]) => `${a} ${c}`) },
  { weight: 1, arbitrary: fc.tuple(word, junk).map(([a, why]) => `${a} resets "${why}"`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'wait 2MSL',
      'wait 60s',
      'wait 1ms',
      'wait x',
      'stack freebsd',
      'stack linux rfc793-rst',
      '== sec ==',
      'title T',
      'wait 1e400s',
      'wait 99999999999999999999MSL',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('c1', 'c2', 'c3', 'x', 'end', 'rect', 'is', ''), fc.option(junk), fc.option(fc.constantFrom('c1', 'c2', 'c9', 'reuses', 'as')))
      .map(([n, l, r]) => `connection ${n}${l !== null ? ` as "${l}"` : ''}${r !== null ? ` reuses ${r}` : ''}`),
  },
  { weight: 1, arbitrary: junk.map((j) => `title ${j}`) },
  { weight: 1, arbitrary: junk.map((j) => `== ${j}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('note over A', 'note over A, B', 'note left of B', 'note right of A', 'note over C'), junk)
      .map(([n, j]) => `${n}: ${j}`),
  },
  { weight: 1, arbitrary: junk },
);
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
/** A few moves (a short flow: the fuzz run wants many inputs more than long ones). */
const fewMoves = fc.array(fc.constantFrom(...MOVES), { minLength: 1, maxLength: 10 });

/** A document of the newest constructs (test/helpers/newestFlows.ts), sometimes with a byte order mark, then mutated. */
export const newestDocument = fc
  .tuple(fewMoves, fc.integer({ min: 1, max: 2 }), fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), junk), { maxLength: 4 }))
  .map(([ms, copies, bom, edits]) => mutate(`${bom ? '\ufeff' : ''}${newestFlow(ms, copies)}`, edits));

/** A Markdown note of such flows (```tcpflow and ~~~tcpflow blocks, sometimes after a byte order mark), mutated. */
export const newestMarkdown = fc
  .tuple(fewMoves, fc.integer({ min: 1, max: 3 }), fc.boolean(), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), junk), { maxLength: 4 }))
  .map(([ms, copies, bom, edits]) => mutate(`${bom ? '\ufeff' : ''}${newestNote(ms, copies)}`, edits));

function mutate(text: string, edits: readonly (readonly [number, number, string])[]): string {
  return edits.reduce((s, [pos, del, ins]) => {
    const p = pos % (s.length + 1);
    return s.slice(0, p) + ins + s.slice(p + del);
  }, text);
}

export const document = fc.tuple(fc.array(fc.tuple(line, eol), { maxLength: 30 }), fc.boolean()).map(([ls, finalNewline]) => {
  const text = ls.map(([l, e]) => l + e).join('');
  return finalNewline ? text : text.replace(/(\r\n|\r|\n)$/, '');
});

export const examples = (texts: readonly string[]): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), junk), { maxLength: 6 }), fc.boolean())
    .map(([text, edits, dropFinalNewline]) => {
      const t = edits.reduce((s, [pos, del, ins]) => {
        const p = pos % (s.length + 1);
        return s.slice(0, p) + ins + s.slice(p + del);
      }, text);
      return dropFinalNewline ? t.replace(/\n$/, '') : t;
    });

type Pos = { readonly line: number; readonly character: number };
type Edit = { readonly range: { readonly start: Pos; readonly end: Pos }; readonly newText: string };
const before = (a: Pos, b: Pos): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
/** Syntax errors about a line's own text (not about names used elsewhere in the document). */
const LINE_SYNTAX = new Set(['TF100', 'TF101', 'TF102', 'TF103', 'TF104', 'TF107', 'TF108', 'TF109', 'TF111', 'TF115', 'TF116', 'TF117']);

/** Where each edit's new text lands in the fixed document, as offsets (edits do not overlap). */
function landed(doc: TextDocument, edits: readonly Edit[]): { from: number; to: number; e: Edit }[] {
  let shift = 0;
  return [...edits]
    .sort((x, y) => doc.offsetAt(x.range.start) - doc.offsetAt(y.range.start))
    .map((e) => {
      const from = doc.offsetAt(e.range.start) + shift;
      shift += e.newText.length - (doc.offsetAt(e.range.end) - doc.offsetAt(e.range.start));
      return { from, to: from + e.newText.length, e };
    });
}

/** The first syntax error in text a fix wrote: on lines it inserted, or starting inside what it replaced. */
function errorInFixedText(doc: TextDocument, edits: readonly Edit[], fixed: string, was: CheckResult['diagnostics'], after: CheckResult): string | undefined {
  const fixedDoc = TextDocument.create('file:///fixed.tcpflow', 'tcpflow', 1, fixed);
  for (const { from, to, e } of landed(doc, edits)) {
    const start = fixedDoc.positionAt(from);
    const end = fixedDoc.positionAt(to);
    const leadingBreak = /^(\r\n|\r|\n)/.test(e.newText);
    const trailingBreak = /(\r\n|\r|\n)$/.test(e.newText) && e.range.start.character === 0;
    const bad = after.diagnostics.find((x) => {
      if (x.severity !== 'error' || !LINE_SYNTAX.has(x.code)) return false;
      const at = x.range.start;
      if (leadingBreak) return at.line > start.line && at.line <= end.line; // whole lines added after the last
      if (trailingBreak) return at.line >= start.line && at.line < end.line; // whole lines inserted
      // Replaced text: an error that starts inside it and that the line did not have before (columns after the edit shift).
      const after = at.line > start.line || at.character >= start.character;
      const within = at.line < end.line || at.character < Math.max(end.character, start.character + 1);
      return at.line >= start.line && at.line <= end.line && after && within && !was.some((w) => w.code === x.code && w.range.start.line === at.line);
    });
    if (bad) return `${bad.code} ${JSON.stringify(bad.range)}`;
  }
  return undefined;
}

/** What is wrong with this input's output, or undefined. Without Mermaid (fast). */
export function problemsWithoutMermaid(text: string): string | undefined {
  let r: CheckResult;
  try {
    r = check(text);
  } catch (e) {
    return `check threw: ${e instanceof Error ? e.stack : String(e)}`;
  }
  const doc = TextDocument.create('file:///t.tcpflow', 'tcpflow', 1, text);
  const lineLength = (line: number): number => {
    const start = doc.offsetAt({ line, character: 0 });
    const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
    return text.slice(start, next).replace(/(\r\n|\r|\n)$/, '').length;
  };
  const inside = (p: Pos): boolean =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < doc.lineCount && p.character <= lineLength(p.line);
  const wellFormed = (range: { start: Pos; end: Pos }): boolean => inside(range.start) && inside(range.end) && before(range.start, range.end);
  for (const d of r.diagnostics) {
    if (!wellFormed(d.range)) return `${d.code} has a bad range ${JSON.stringify(d.range)}`;
    for (const rel of d.related) if (!wellFormed(rel.range)) return `${d.code} has a bad related range ${JSON.stringify(rel.range)}`;
    for (const f of d.fixes) {
      for (const e of f.edits) if (!wellFormed(e.range)) return `${d.code} fix '${f.title.en}' has a bad edit range ${JSON.stringify(e.range)}`;
      const fixed = TextDocument.applyEdits(
        doc,
        f.edits.map((e) => ({ range: e.range, newText: e.newText })),
      );
      let after: CheckResult;
      try {
        after = check(fixed);
      } catch (e) {
        return `check threw after the fix '${f.title.en}': ${e instanceof Error ? e.stack : String(e)}`;
      }
      const bad = errorInFixedText(doc, f.edits, fixed, r.diagnostics, after);
      if (bad) return `${d.code} fix '${f.title.en}' wrote text that does not parse (${bad}):\n${fixed}`;
    }
  }
  return undefined;
}

/** Everything, Mermaid included. */
export async function problems(text: string): Promise<string | undefined> {
  const p = problemsWithoutMermaid(text);
  if (p) return p;
  const m = toMermaid(check(text)).text;
  const parsed = await parseMermaid(m);
  if (!parsed.ok) return `Mermaid cannot parse it: ${parsed.error}\n--- mermaid\n${m}`;
  if (JSON.stringify(parsed.config) !== '{}') return `the text set Mermaid's configuration: ${JSON.stringify(parsed.config)}`;
  return undefined;
}

/**
 * What is wrong with a Markdown note's handling, or undefined: every ```tcpflow block (checked on
 * its own, as the server and the CLI check it) keeps the properties of every input, and the
 * rewrite of `render --format markdown` replaces each block by one ```mermaid block.
 */
export function markdownProblems(note: string): string | undefined {
  const blocks = findTcpflowBlocks(note);
  for (const b of blocks) {
    const p = problemsWithoutMermaid(b.content);
    if (p) return `block at line ${b.fenceLine}: ${p}`;
  }
  let out: string;
  try {
    out = replaceTcpflowBlocks(note, (content) => toMermaid(check(content)).text);
  } catch (e) {
    return `the rewrite threw: ${e instanceof Error ? e.stack : String(e)}`;
  }
  const fences = out.split('\n').filter((l) => l === '```mermaid' || l === '\ufeff```mermaid').length;
  if (fences < blocks.length) return `the rewrite made ${fences} mermaid blocks of ${blocks.length} tcpflow blocks`;
  return undefined;
}
