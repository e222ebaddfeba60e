/**
 * Stack profiles: the places where RFC 9293 leaves a choice, or real stacks depart from it,
 * made explicit. `rfc9293` (the default) follows RFC 9293 with RFC 5961's mitigations, as
 * RFC 9293 §3.10.7.4 recommends; `rfc793` is the original behaviour; `linux` and `freebsd`
 * are those kernels' defaults.
 */

import { OPTION_PROFILES, type ProfileName, type ProfileOption } from '../common/vocabulary.js';

export interface Profile {
  readonly name: ProfileName;
  /** Maximum segment lifetime in ms; TIME_WAIT lasts 2×MSL. */
  mslMs: number;
  /** RFC 5961 §3: an in-window RST that is not exactly RCV.NXT gets a challenge ACK. */
  rstChallenge: boolean;
  /** RFC 5961 §4: any SYN in a synchronized state gets a challenge ACK (else RST if in window). */
  synChallenge: boolean;
  /** RFC 1337: a RST does not end TIME_WAIT. */
  readonly rfc1337: boolean;
  /** A SYN with a higher sequence number in TIME_WAIT starts a new connection (BSD, Linux). */
  readonly timeWaitReuse: boolean;
  /** Drop segments that carry both SYN and FIN (FreeBSD net.inet.tcp.drop_synfin). */
  dropSynFin: boolean;
  /** FreeBSD drops a SYN+ACK arriving in LISTEN without a RST (RFC 9293 §3.10.7.2: RST). */
  readonly listenDropsSynAck: boolean;
  /**
   * FreeBSD's TIME_WAIT (tcp_twcheck): RST ignored, segments without ACK dropped, any segment
   * but an exact duplicate ACK acknowledged — before and instead of the RFC's window checks.
   */
  readonly bsdTimeWait: boolean;
  /** TCP Fast Open (RFC 7413), the stack option `fastopen`: a SYN's data with a cookie may be accepted. */
  fastOpen: boolean;
  /**
   * Linux's `tcp_tw_reuse`: a connection that `reuses` a four-tuple the host's own TIME_WAIT
   * still holds replaces that TIME_WAIT socket with its first SYN.
   */
  readonly ownTimeWaitReuse: boolean;
  /** TIME_WAIT lasts what Linux keeps (a fixed 60 s, 2×MSL here): no hint that real stacks differ (TF704). */
  readonly linuxTimeWait: boolean;
}

const BASE: Record<ProfileName, Profile> = {
  rfc9293: { name: 'rfc9293', mslMs: 120_000, rstChallenge: true, synChallenge: true, rfc1337: false, timeWaitReuse: false, dropSynFin: false, listenDropsSynAck: false, bsdTimeWait: false, fastOpen: false, ownTimeWaitReuse: false, linuxTimeWait: false },
  rfc793: { name: 'rfc793', mslMs: 120_000, rstChallenge: false, synChallenge: false, rfc1337: false, timeWaitReuse: false, dropSynFin: false, listenDropsSynAck: false, bsdTimeWait: false, fastOpen: false, ownTimeWaitReuse: false, linuxTimeWait: false },
  linux: { name: 'linux', mslMs: 30_000, rstChallenge: true, synChallenge: true, rfc1337: false, timeWaitReuse: true, dropSynFin: false, listenDropsSynAck: false, bsdTimeWait: false, fastOpen: false, ownTimeWaitReuse: true, linuxTimeWait: true },
  freebsd: { name: 'freebsd', mslMs: 30_000, rstChallenge: true, synChallenge: true, rfc1337: true, timeWaitReuse: true, dropSynFin: false, listenDropsSynAck: true, bsdTimeWait: true, fastOpen: false, ownTimeWaitReuse: false, linuxTimeWait: false },
};

export function profile(name: ProfileName = 'rfc9293', options: readonly ProfileOption[] = [], mslMs?: number): Profile {
  const p: Profile = { ...BASE[name] };
  if (options.includes('rfc793-rst')) p.rstChallenge = false;
  if (options.includes('rfc793-syn')) p.synChallenge = false;
  if (options.includes('drop-synfin')) p.dropSynFin = true;
  if (options.includes('fastopen') && OPTION_PROFILES.fastopen?.includes(name)) p.fastOpen = true; // the stacks that know it: common/vocabulary.ts
  if (mslMs !== undefined && mslMs > 0) p.mslMs = mslMs;
  return p;
}

export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
