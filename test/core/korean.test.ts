/**
 * Korean through and through: the particle after a name is chosen by how the name ends, and no
 * Korean message, quick-fix title or related note carries an English fragment — over every
 * diagnostic the documented examples, the examples folder and line-by-line mutations of them give.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { check, findTcpflowBlocks, messageOf, particles } from '../../src/core/index.js';

const TWO_FORMS = /은\(는\)|이\(가\)|을\(를\)|와\(과\)|\(으\)로/;
// Words of English prose; flags, states, fields and names are allowed (they are not words of a sentence).
const ENGLISH =
  /\b(the|a|an|is|are|of|to|and|or|than|takes|expected|larger|number|symbol|such|after|before|must|not|with|for|in|on|at|by|its|this|that|has|have|line|end|text|name|whole|bad|escape|unterminated|string|flag|field|state|participant|arrow|duration|stack|title|data|up|owes|change|insert|add|declared|here|segment|answer)\b/i;

describe('Korean particles', () => {
  const cases: [string, string][] = [
    // Hangul: by the final consonant of the last syllable; (으)로 takes 로 after ㄹ too.
    ['상태은(는)', '상태는'],
    ['참여자이(가)', '참여자가'],
    ['서버을(를)', '서버를'],
    ['데이터와(과)', '데이터와'],
    ['끝은(는)', '끝은'],
    ['문자열이(가)', '문자열이'],
    ['값을(를)', '값을'],
    ['이름와(과)', '이름과'],
    ['서울(으)로', '서울로'],
    ['집(으)로', '집으로'],
    ['바다(으)로', '바다로'],
    // Digits as read in Korean: 1 일, 2 이, 3 삼, 6 육, 7 칠, 8 팔, 9 구, 0 영 (10 십, 100 백).
    ['1은(는)', '1은'],
    ['2은(는)', '2는'],
    ['x+1(으)로', 'x+1로'],
    ['ack=7(으)로', 'ack=7로'],
    ['seq=3(으)로', 'seq=3으로'],
    ['100이(가)', '100이'],
    ['len=5을(를)', 'len=5를'],
    ['2826은(는)', '2826은'],
    // Up to three capitals are spelled out: only L, M, N end in a consonant.
    ['SYN을(를)', 'SYN을'],
    ['ACK을(를)', 'ACK를'],
    ['FIN이(가)', 'FIN이'],
    ['RST은(는)', 'RST는'],
    ['SYN+ACK을(를)', 'SYN+ACK를'],
    ['A은(는)', 'A는'],
    ['S이(가)', 'S가'],
    ['M은(는)', 'M은'],
    ['L(으)로', 'L로'],
    ['N(으)로', 'N으로'],
    // Longer words are read as English words.
    ['Client은(는)', 'Client는'],
    ['Server이(가)', 'Server가'],
    ['Bob은(는)', 'Bob은'],
    ['Host을(를)', 'Host를'],
    ['LISTEN(으)로', 'LISTEN으로'],
    ['CLOSING(으)로', 'CLOSING으로'],
    ['ESTABLISHED(으)로', 'ESTABLISHED로'],
    ['FIN_WAIT_1(으)로', 'FIN_WAIT_1로'],
    ['TIME_WAIT이(가)', 'TIME_WAIT가'],
    ['Paul은(는)', 'Paul은'],
    ['Paul(으)로', 'Paul로'],
    ['Jack을(를)', 'Jack을'],
    // Quotes and brackets are looked through; a parenthesis belongs to the word before it.
    ["'SYM'을(를)", "'SYM'을"],
    ["'Client'은(는)", "'Client'는"],
    ['스택(rfc9293 중 하나)이(가)', '스택(rfc9293 중 하나)이'],
    // What cannot be read keeps both forms.
    ['東京은(는)', '東京은(는)'],
    ['—이(가)', '—이(가)'],
    ['은(는) 처음', '은(는) 처음'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(particles(input), expected));

  it('leaves English text alone', () => {
    const s = "A connection has exactly two endpoints; 'C' would be a third (or not).";
    assert.equal(particles(s), s);
  });

  it('TF601 names what is unacknowledged with the right particle', () => {
    const syn = check('client C\nserver S\nC -x S: SYN seq=x').diagnostics.find((d) => d.code === 'TF601')!;
    assert.equal(messageOf(syn, 'ko'), '끝에서 C의 SYN이 아직 확인(ACK)되지 않았습니다.');
  });

  it('TF105 and TF200 choose the particle after the participant name', () => {
    const third = check('client Client\nserver Server\nBob -> Server: SYN').diagnostics.find((d) => d.code === 'TF106' || d.code === 'TF105');
    assert.ok(third);
    const cannot = check('client Bob\nserver Alice\nAlice -> Bob: FIN').diagnostics.find((d) => d.code === 'TF200')!;
    assert.match(messageOf(cannot, 'ko'), /^Alice는 LISTEN 상태에서 FIN을 보낼 수 없습니다/);
    const cannot2 = check('client Tom\nserver Server\nTom -> Server: FIN').diagnostics.find((d) => d.code === 'TF200')!;
    assert.match(messageOf(cannot2, 'ko'), /^Tom은 CLOSED 상태에서 FIN을 보낼 수 없습니다/);
  });
});

/** Flows to check: the documented examples, the examples folder, and each with one line cut short or garbled. */
function corpus(): string[] {
  const flows: string[] = [];
  for (const b of findTcpflowBlocks(readFileSync('docs/diagnostics.md', 'utf8'))) flows.push(b.content);
  for (const f of readdirSync('examples')) {
    const text = readFileSync(`examples/${f}`, 'utf8');
    if (f.endsWith('.tcpflow')) flows.push(text);
    else for (const b of findTcpflowBlocks(text)) flows.push(b.content);
  }
  const mutated: string[] = [];
  for (const flow of flows) {
    const lines = flow.split('\n');
    lines.forEach((line, i) => {
      const at = (l: string): string => [...lines.slice(0, i), l, ...lines.slice(i + 1)].join('\n');
      mutated.push(at(line.slice(0, Math.ceil(line.length / 2))), at(line.replace(/=\w+/, '=99999999999')), at(line.replace(/"/, '"\\q')), at(`${line} ?`));
    });
  }
  return [...flows, ...mutated];
}

describe('Korean messages carry no English', function () {
  this.timeout(60_000);
  it('in every diagnostic, quick fix and related note of the corpus', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const flow of corpus()) {
      // Names, quoted words and payloads come from the flow; only the message's own words count.
      const names = new Set(flow.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
      for (const d of check(flow).diagnostics) {
        const texts = [messageOf(d, 'ko'), ...d.fixes.map((f) => particles(f.title.ko)), ...d.related.map((r) => particles(r.message.ko))];
        for (const t of texts) {
          seen.add(d.code);
          const prose = t.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '').replace(/[A-Za-z_][A-Za-z0-9_]*/g, (w) => (names.has(w) && !/^[a-z]+$/.test(w) ? '' : w));
          const english = ENGLISH.exec(prose);
          if (english || TWO_FORMS.test(t)) problems.push(`${d.code}: ${t}`);
        }
      }
    }
    assert.ok(seen.size >= 30, `the corpus reaches ${seen.size} codes`);
    assert.deepEqual([...new Set(problems)], []);
  });
});

describe('Korean bundles', () => {
  it('every string the extension shows through vscode.l10n.t has a Korean translation', () => {
    const ko = JSON.parse(readFileSync('l10n/bundle.l10n.ko.json', 'utf8')) as Record<string, string>;
    const used = readdirSync('src/extension').flatMap((f) =>
      [...readFileSync(`src/extension/${f}`, 'utf8').matchAll(/l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\'/g, "'")),
    );
    assert.ok(used.length > 10);
    assert.deepEqual(
      used.filter((s) => !ko[s] || (!/[가-힣]/.test(ko[s]!) && !/^TCP Flow: \{0\}$/.test(s))),
      [],
    );
  });

  it('every command title and setting description exists in Korean', () => {
    const en = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>;
    const ko = JSON.parse(readFileSync('package.nls.ko.json', 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
    assert.deepEqual(
      Object.keys(en).filter((k) => !['displayName', 'category'].includes(k) && !/[가-힣]/.test(ko[k]!)),
      [],
    );
  });
});
