/**
 * "Did you mean" over the names a document defines — segment labels, connections — in bounded
 * work. Thousands of unknown names among thousands of defined ones would cost their product if
 * each looked at every name; a suggestion here weighs at most 2 × SUGGESTION_CANDIDATES names:
 * the ones defined nearest the line that asks, and the ones with the same digits (`q7` → `d7`,
 * `C17` → `c17`: a slip of the letters keeps the number).
 */

import { didYouMean } from './vocabulary.js';

/** How many names of each kind a suggestion weighs. */
export const SUGGESTION_CANDIDATES = 32;

export class NameSuggestions {
  private readonly names: string[] = [];
  private readonly lines: number[] = [];
  /** Names by their trailing digits, made when the first suggestion is asked for. */
  private byDigits: Map<string, string[]> | undefined;

  /** A name defined on `line` (lines must come in order). */
  add(name: string, line: number): void {
    if (name === '') return;
    this.names.push(name);
    this.lines.push(line);
    if (this.byDigits) pushDigits(this.byDigits, name);
  }

  /** The nearest name to `word` among those weighed, if it is close enough to be a likely typo. */
  suggest(word: string, line: number): string | undefined {
    const { names } = this;
    if (names.length <= 2 * SUGGESTION_CANDIDATES) return didYouMean(word, names);
    // Where the line stands among the definitions: most of the window before it.
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lines[mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    const end = Math.min(names.length, lo + SUGGESTION_CANDIDATES / 4);
    const start = Math.max(0, end - SUGGESTION_CANDIDATES);
    const candidates = names.slice(start, end);
    if (!this.byDigits) {
      this.byDigits = new Map();
      for (const n of names) pushDigits(this.byDigits, n);
    }
    const same = this.byDigits.get(digitsOf(word));
    if (same) for (let k = 0; k < same.length && k < SUGGESTION_CANDIDATES; k++) candidates.push(same[k]!);
    return didYouMean(word, candidates);
  }
}

/** The digits a name ends with ('' when none). */
function digitsOf(name: string): string {
  let i = name.length;
  while (i > 0 && name.charCodeAt(i - 1) >= 48 && name.charCodeAt(i - 1) <= 57) i--;
  return name.slice(i);
}

function pushDigits(map: Map<string, string[]>, name: string): void {
  const d = digitsOf(name);
  const list = map.get(d);
  if (list) list.push(name);
  else map.set(d, [name]);
}
