/**
 * Korean particles after names. Korean messages are written with both forms of a particle —
 * `{name}은(는)`, `이(가)`, `을(를)`, `와(과)`, `(으)로` — and `particles` picks the right one from
 * the sound the word before it ends in, once the names are filled in:
 * - a Hangul syllable: by its final consonant ((code − 0xAC00) % 28 ≠ 0; ㄹ is 8);
 * - a digit: as the number is read in Korean, whose last syllable is that of its last digit or a
 *   power of ten (영 일 이 삼 사 오 육 칠 팔 구; 십 백 천 만 all end in a consonant, like 영);
 * - Latin letters: up to three capitals (SYN, ACK, RST, A) are read letter by letter, so only
 *   L (엘), M (엠) and N (엔) end in a consonant; longer words (LISTEN, CLOSING, Client, Bob) are
 *   read as English words: -m, -n, -ng and -l end in a consonant, and so do -b, -k, -ck and -p
 *   after a vowel (Bob 밥, Jack 잭); everything else (Client 클라이언트, Server 서버) does not;
 * - closing quotes and brackets are looked through to the word inside; a parenthesis is skipped
 *   whole (the particle belongs to the word before it, as in `SYN(동기화)을`);
 * - anything else (another script, a symbol) keeps both forms, which is correct Korean.
 */

type Ending = 'vowel' | 'consonant' | 'rieul' | undefined;

const PARTICLE = /은\(는\)|이\(가\)|을\(를\)|와\(과\)|\(으\)로/g;
const CLOSERS = new Set(["'", '"', '’', '”', '`', ']', '}', '>', '」', '』']);
// The sound each digit ends in when read in Korean (0 영 … 9 구).
const DIGIT: readonly Ending[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];
const VOWELS = 'aeiouy';

function latinEnding(word: string): Ending {
  const lower = word.toLowerCase();
  const last = lower[lower.length - 1]!;
  if (word.length <= 3 && word === word.toUpperCase()) return last === 'l' ? 'rieul' : last === 'm' || last === 'n' ? 'consonant' : 'vowel';
  if (last === 'l') return 'rieul';
  if (last === 'm' || last === 'n' || lower.endsWith('ng')) return 'consonant';
  const before = lower[lower.length - 2] ?? '';
  if (lower.endsWith('ck')) return 'consonant';
  if ((last === 'b' || last === 'k' || last === 'p') && VOWELS.includes(before)) return 'consonant';
  return 'vowel';
}

/** How the text before `end` ends when read aloud in Korean. */
export function endingBefore(text: string, end: number): Ending {
  let i = end - 1;
  while (i >= 0) {
    const c = text[i]!;
    if (CLOSERS.has(c)) {
      i--;
      continue;
    }
    if (c === ')') {
      let depth = 0;
      for (; i >= 0; i--) {
        if (text[i] === ')') depth++;
        else if (text[i] === '(' && --depth === 0) break;
      }
      i--;
      while (i >= 0 && text[i] === ' ') i--; // `C (c2)` reads as `C`
      continue;
    }
    break;
  }
  if (i < 0) return undefined;
  const c = text[i]!;
  const code = c.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const jong = (code - 0xac00) % 28;
    return jong === 0 ? 'vowel' : jong === 8 ? 'rieul' : 'consonant';
  }
  if (code >= 0x3131 && code <= 0x314e) return c === 'ㄹ' ? 'rieul' : 'consonant';
  if (c >= '0' && c <= '9') return DIGIT[code - 48];
  if (/[A-Za-z]/.test(c)) {
    let s = i;
    while (s > 0 && /[A-Za-z]/.test(text[s - 1]!)) s--;
    return latinEnding(text.slice(s, i + 1));
  }
  return undefined;
}

function choose(particle: string, ending: Ending): string {
  if (ending === undefined) return particle;
  const consonant = ending !== 'vowel';
  switch (particle) {
    case '은(는)':
      return consonant ? '은' : '는';
    case '이(가)':
      return consonant ? '이' : '가';
    case '을(를)':
      return consonant ? '을' : '를';
    case '와(과)':
      return consonant ? '과' : '와';
    default: // (으)로: 로 after a vowel or ㄹ
      return ending === 'consonant' ? '으로' : '로';
  }
}

/** Korean text with every two-form particle resolved after the word it follows. */
export function particles(text: string): string {
  return text.replace(PARTICLE, (p: string, at: number) => choose(p, endingBefore(text, at)));
}
