/**
 * The words of the language: flags, TCP states, statement keywords, field names, stack
 * profiles, and the "did you mean" helper that suggests the nearest known word.
 */

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
export const CALLS = ['listen', 'connect', 'close', 'abort'] as const;
export type Call = (typeof CALLS)[number];
export const ROLES = ['client', 'server', 'peer'] as const;
export type Role = (typeof ROLES)[number];
export const FIELDS = ['seq', 'ack', 'len', 'win', 'mss', 'wscale'] as const;
export type FieldName = (typeof FIELDS)[number];

export const PROFILES = ['rfc9293', 'rfc793', 'linux', 'freebsd'] as const;
export type ProfileName = (typeof PROFILES)[number];
export const PROFILE_OPTIONS = ['rfc793-rst', 'rfc793-syn', 'drop-synfin'] as const;
export type ProfileOption = (typeof PROFILE_OPTIONS)[number];

/** Other names for states (BSD's and netstat's spellings); `-` and `_` are alike in every name. */
export const STATE_ALIASES: Readonly<Record<string, TcpState>> = { SYN_RCVD: 'SYN_RECEIVED', ESTAB: 'ESTABLISHED', FIN_WAIT1: 'FIN_WAIT_1', FIN_WAIT2: 'FIN_WAIT_2' };

/** `syn-sent`, `SYN-SENT`, `Syn_Sent`, `SYN_RCVD` → `SYN_SENT` / `SYN_RECEIVED`; undefined if unknown. */
export function normalizeState(text: string): TcpState | undefined {
  const t = text.toUpperCase().replace(/-/g, '_');
  return Object.hasOwn(STATE_ALIASES, t) ? STATE_ALIASES[t] : STATES.find((s) => s === t); // the shared constant, not this line's copy
}

export function normalizeFlag(text: string): Flag | undefined {
  const t = text.toUpperCase();
  // The shared constant, not this line's copy: a long flow keeps one string per flag, and
  // lookups keyed by it need no hashing.
  return FLAGS.find((f) => f === t);
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
    const d = editDistance(w, c.toUpperCase().replace(/-/g, '_'), limit);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
