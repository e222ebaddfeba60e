/**
 * PAWS, Protection Against Wrapped Sequences (RFC 7323 §5): TS.Recent, the TSval a receiver
 * compares arriving segments with, and the test that drops a segment carrying an older one.
 * The profile says how strict the test is (Linux allows one tick, tcp_paws_check).
 */

import type { Endpoint } from './endpoint.js';
import type { Profile } from './profiles.js';
import { diff, type Seq } from './seq.js';
import { tsDiff } from './tcpOptions.js';
import type { OptionState } from './types.js';
import type { Flag } from '../common/vocabulary.js';

/** What PAWS reads of an arriving segment. */
interface Stamped {
  readonly flags: ReadonlySet<Flag>;
  readonly seq: Seq;
  readonly opts?: { readonly ts: number | undefined } | undefined;
}

/**
 * RFC 7323 §4.3 (and §5.3 R3): an accepted segment's TSval becomes TS.Recent if it is not older
 * and the segment starts at or below Last.ACK.sent; a SYN (`opening`) sets it outright.
 */
export function updateTsRecent(e: Endpoint, s: Stamped, opening: boolean, now = 0): void {
  const o: OptionState | undefined = e.opts;
  const ts = s.opts?.ts;
  if (!o || ts === undefined) return;
  if (opening || o.tsRecent === undefined) {
    o.tsRecent = ts;
    o.tsRecentAtMs = now;
    return;
  }
  if (tsDiff(ts, o.tsRecent) < 0 && !outdated(o, now)) return;
  const last = o.lastAckSent;
  const d = last ? diff(s.seq, last) : undefined;
  if (d === undefined || d <= 0) {
    o.tsRecent = ts;
    o.tsRecentAtMs = now;
  }
}

/** RFC 7323 §5.5: 24 days (Linux TCP_PAWS_24DAYS, FreeBSD TCP_PAWS_IDLE). */
const PAWS_IDLE_MS = 24 * 24 * 3600 * 1000;

/**
 * RFC 7323 §5.5: a TS.Recent set more than 24 days ago is invalid, so a segment that fails the
 * PAWS test is accepted anyway and its TSval becomes TS.Recent (Linux tcp_paws_check; FreeBSD
 * tcp_input.c clears ts_recent after TCP_PAWS_IDLE).
 */
function outdated(o: OptionState, now: number): boolean {
  return o.tsRecentAtMs !== undefined && now - o.tsRecentAtMs > PAWS_IDLE_MS;
}

/**
 * RFC 7323 §5.3 R1: a segment (not a RST) whose TSval is older than TS.Recent, on a connection
 * whose SYNs both carried timestamps, is not acceptable — unless TS.Recent is outdated (§5.5). `window`: how many ticks below still
 * pass (Linux: 1 on an open connection, 0 in TIME-WAIT, tcp_paws_reject).
 */
export function failsPaws(e: Endpoint, s: Stamped, p: Profile, window = p.pawsWindow, now = 0): boolean {
  const o = e.opts;
  const ts = s.opts?.ts;
  if (ts === undefined || !o || o.tsRecent === undefined || s.flags.has('RST')) return false;
  if (!(o.sent?.ts && o.received?.ts)) return false;
  if (p.pawsIgnoresZero && o.tsRecent === 0) return false;
  if (outdated(o, now)) return false;
  return tsDiff(o.tsRecent, ts) > window;
}

/**
 * Linux's tcp_rcv_synsent_state_process: a SYN+ACK whose TSecr is not 0 and not between the
 * TSval of the client's first SYN and now is answered with a RST, and SYN-SENT stays. (The
 * upper end, the client's clock now, is not in the flow: only an echo older than the SYN is judged.)
 */
export function synAckEcrBeforeSyn(client: Endpoint, ecr: number | undefined, p: Profile): boolean {
  const synTs = client.opts?.synTs;
  return p.synAckEcrCheck && ecr !== undefined && ecr !== 0 && synTs !== undefined && tsDiff(ecr, synTs) < 0;
}

/**
 * Linux's tcp_check_req (net/ipv4/tcp_minisocks.c): in a passive SYN-RECEIVED (not Fast Open), a
 * segment whose TSecr is not 0 and not between the TSvals of the first and the last SYN+ACK sent
 * (snt_tsval_first, snt_tsval_last) is rejected like one failing PAWS (LINUX_MIB_TSECRREJECTED,
 * SKB_DROP_REASON_TCP_RFC7323_TSECR): an ACK back, SYN-RECEIVED stays.
 */
export function synRecvEcrRejected(server: Endpoint, s: Stamped & { readonly opts?: { readonly ecr?: number | undefined } | undefined }, p: Profile): boolean {
  const o = server.opts;
  const ecr = s.opts?.ecr;
  const sent = o?.synAckTs;
  if (!p.linuxPaws || !server.passive || server.state !== 'SYN_RECEIVED' || o?.fastOpen === 'accepted') return false;
  if (ecr === undefined || ecr === 0 || !sent || s.flags.has('RST') || !(o?.sent?.ts && o.received?.ts)) return false;
  return tsDiff(ecr, sent.first) < 0 || tsDiff(ecr, sent.last) > 0;
}
