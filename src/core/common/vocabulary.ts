/**
 * The words of the language: flags, TCP states, statement keywords, field names, stack
 * profiles, and the "did you mean" helper that suggests the nearest known word.
 */

import { tally } from './work.js';

export const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR'] as const;
export type Flag = (typeof FLAGS)[number];
/** The order flags are written in (`SYN ACK`, `FIN PSH ACK`), whatever order a line used. */
export const FLAG_ORDER: readonly Flag[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

export const STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;
export type TcpState = (typeof STATES)[number];

/** States in which both sides' sequence numbers are known (RFC 9293 "synchronized"). */
export const SYNCHRONIZED: ReadonlySet<TcpState> = new Set<TcpState>(STATES.slice(STATES.indexOf('ESTABLISHED')));

export const STATEMENT_KEYWORDS = ['title', 'client', 'server', 'peer', 'note', 'wait', 'stack', 'connection', 'arrives'] as const;
export const CALLS = ['listen', 'connect', 'close', 'abort', 'timeout', 'resets'] as const;
export type Call = (typeof CALLS)[number];
export const ROLES = ['client', 'server', 'peer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Words the parser reads as keywords where a name could stand: the statement keywords, the calls
 * and the words inside statements (`C is …`, `client C as "…" state … raw`, `connection c reuses …`,
 * `… dropped "reason"`).
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set<string>([...STATEMENT_KEYWORDS, ...CALLS, 'is', 'as', 'state', 'raw', 'reuses', 'dropped']);

const NAME = /^\p{L}[\p{L}\p{N}_]*$/u;

/**
 * Whether a word may name a participant, a connection, a segment label or a sequence symbol:
 * letters, digits and _, starting with a letter, and not one of RESERVED_WORDS (a participant
 * renamed `title` would turn `title is CLOSED` into the diagram's title).
 */
export function isValidName(word: string): boolean {
  return NAME.test(word) && !RESERVED_WORDS.has(word);
}
/** Fields written `name=value`: numbers, the TCP options (RFC 2018 SACK, RFC 7323 timestamps and window scale, RFC 7413 Fast Open). */
export const FIELDS = ['seq', 'ack', 'len', 'win', 'mss', 'wscale', 'sack', 'ts', 'ecr', 'cookie'] as const;
/**
 * Fields written as a bare word, matched case-insensitively like flags (no flag has these names):
 * `sackOK` (RFC 2018 SACK permitted) and `cookie` (a Fast Open cookie request, RFC 7413).
 */
export const BARE_FIELDS = ['sackOK', 'cookie'] as const;
export type FieldName = (typeof FIELDS)[number] | (typeof BARE_FIELDS)[number];
/** Options a TCP sends only on a SYN or SYN+ACK (RFC 2018 §2, RFC 7323 §2.2, RFC 7413 §4.1.1). */
export const SYN_ONLY_FIELDS: readonly FieldName[] = ['mss', 'sackOK', 'wscale', 'cookie'];
/** The largest window-scale shift (RFC 7323 §2.3). */
export const MAX_WSCALE = 14;
/** The most SACK blocks a segment carries: 4, or 3 beside the timestamps (RFC 2018 §3, 40 octets of options). */
export const MAX_SACK_BLOCKS = 4;
export const MAX_SACK_BLOCKS_WITH_TS = 3;

/** `sackok`, `SACKOK` → `sackOK`; undefined when the word is no bare field. */
export function normalizeBareField(text: string): (typeof BARE_FIELDS)[number] | undefined {
  return find(
    BARE_FIELDS,
    text,
    (t) => t.toLowerCase(),
    (f) => f.toLowerCase(),
  );
}

/** `SEQ`, `Seq` → `seq`: the shared constant of FIELDS, or undefined. */
export function normalizeField(text: string): (typeof FIELDS)[number] | undefined {
  return find(
    FIELDS,
    text,
    (t) => t.toLowerCase(),
    (f) => f,
  );
}

/**
 * The word of `words` that `text` is, ignoring case. A long flow asks about the same few words on
 * every line, mostly spelt as the vocabulary spells them: those, and ASCII words of a length no
 * entry has, are answered without making a string.
 */
function find<W extends string>(words: readonly W[], text: string, fold: (t: string) => string, foldWord: (w: W) => string): W | undefined {
  let lengthFits = false;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w === text) return w;
    if (w.length === text.length) lengthFits = true;
  }
  // Changing case keeps an ASCII word's length (not always others': ﬁ → FI).
  if (!lengthFits && isAscii(text)) return undefined;
  const t = fold(text);
  // The shared constant, not this line's copy: a long flow keeps one string per word, and
  // lookups keyed by it need no hashing.
  return words.find((w) => foldWord(w) === t);
}

function isAscii(text: string): boolean {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) >= 128) return false;
  return true;
}

export const PROFILES = ['rfc9293', 'rfc793', 'linux', 'freebsd'] as const;
export type ProfileName = (typeof PROFILES)[number];
export const PROFILE_OPTIONS = ['rfc793-rst', 'rfc793-syn', 'drop-synfin', 'fastopen'] as const;
export type ProfileOption = (typeof PROFILE_OPTIONS)[number];
/** Options only some profiles have: TCP Fast Open (RFC 7413) exists in Linux and FreeBSD. */
export const OPTION_PROFILES: Readonly<Partial<Record<ProfileOption, readonly ProfileName[]>>> = { fastopen: ['linux', 'freebsd'] };

/** Other names for states (BSD's and netstat's spellings); `-` and `_` are alike in every name. */
export const STATE_ALIASES: Readonly<Record<string, TcpState>> = {
  SYN_RCVD: 'SYN_RECEIVED',
  ESTAB: 'ESTABLISHED',
  FIN_WAIT1: 'FIN_WAIT_1',
  FIN_WAIT2: 'FIN_WAIT_2',
};

/** `syn-sent`, `SYN-SENT`, `Syn_Sent`, `SYN_RCVD` → `SYN_SENT` / `SYN_RECEIVED`; undefined if unknown. */
export function normalizeState(text: string): TcpState | undefined {
  const t = text.toUpperCase().replace(/-/g, '_');
  return Object.hasOwn(STATE_ALIASES, t) ? STATE_ALIASES[t] : STATES.find((s) => s === t); // the shared constant, not this line's copy
}

export function normalizeFlag(text: string): Flag | undefined {
  return find(
    FLAGS,
    text,
    (t) => t.toUpperCase(),
    (f) => f,
  );
}

/** Edit distance with adjacent transpositions (optimal string alignment), bounded by `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The nearest candidate (case-insensitive), if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toUpperCase().replace(/-/g, '_');
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    tally(); // one candidate weighed (tests of growth count them)
    const d = editDistance(w, c.toUpperCase().replace(/-/g, '_'), limit);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
