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
  /**
   * PAWS (RFC 7323 §5.3): how far below TS.Recent a TSval may be and still pass (Linux's
   * TCP_PAWS_WINDOW is 1, tcp_paws_check), and whether a TS.Recent of 0 turns the test off
   * (Linux and FreeBSD: some stacks send TSval 0 on their SYN).
   */
  readonly pawsWindow: number;
  readonly pawsIgnoresZero: boolean;
  /**
   * Which segment may replace SND.WND: 'rfc' is RFC 9293 §3.10.7.4 (SND.WL1 < SEG.SEQ, or equal
   * and SND.WL2 =< SEG.ACK); 'linux' is tcp_may_update_window (the ACK moves SND.UNA, or
   * SEG.SEQ is newer, or equal with a larger or zero window); 'bsd' is FreeBSD's tcp_input()
   * step6 (SND.WL1 < SEG.SEQ, or equal and SND.WL2 < SEG.ACK, or both equal and a larger window).
   */
  readonly windowUpdate: 'rfc' | 'linux' | 'bsd';
  /**
   * RFC 5961 §5.2: an ACK below SND.UNA − MAX.SND.WND is dropped with its data and answered with
   * an ACK ('max-window'); Linux's tcp_ack() uses min(max_window, bytes_acked) as the bound and
   * sends the challenge ACK only in ESTABLISHED ('linux'); 'none' takes any old ACK as a duplicate.
   */
  readonly oldAckBound: 'none' | 'max-window' | 'linux';
  /** RFC 6191: a SYN with a newer TSval reopens TIME-WAIT whatever its sequence number (Linux tcp_timewait_state_process). */
  readonly timeWaitTimestamps: boolean;
  /** Linux's tcp_twsk_unique: a client reuses its own TIME-WAIT four-tuple only if that connection used timestamps. */
  readonly clientReuseNeedsTimestamps: boolean;
  /** Linux's tcp_fin_timeout: an orphaned FIN-WAIT-2 ends silently after this long (0: never). */
  readonly finTimeoutMs: number;
  /** Linux's tcp_rcv_synsent_state_process: a SYN+ACK whose TSecr is not within [the SYN's TSval, now] is answered with a RST. */
  readonly synAckEcrCheck: boolean;
  /**
   * RFC 5961 §7: at most one challenge ACK per socket in this many ms (Linux: net.ipv4.tcp_invalid_ratelimit, 500; 0: no limit).
   * Linux counts the duplicate ACKs it sends for segments without data outside the window or
   * failing PAWS against the same clock (tcp_oow_rate_limited, one last_oow_ack_time per socket).
   */
  readonly challengeAckIntervalMs: number;
  /**
   * Linux's PAWS (tcp_validate_incoming, tcp_disordered_ack_check): a duplicate pure ACK at RCV.NXT
   * that does not change the window and whose TSval is at most `pawsReplayTicks` below TS.Recent
   * passes (a "disordered" ACK); a pure ACK below RCV.NXT that fails is dropped without an answer;
   * a SYN that fails gets a challenge ACK.
   */
  readonly linuxPaws: boolean;
  /** Linux's tcp_tsval_replay(): the RTO × 1200 / HZ, 240 ticks at the 200 ms minimum RTO. */
  readonly pawsReplayTicks: number;
}

/** What RFC 9293 and RFC 7323 say, where Linux and FreeBSD add their own choices below. */
const RFC_RULES = {
  pawsWindow: 0,
  pawsIgnoresZero: false,
  windowUpdate: 'rfc',
  oldAckBound: 'max-window',
  timeWaitTimestamps: false,
  clientReuseNeedsTimestamps: false,
  finTimeoutMs: 0,
  synAckEcrCheck: false,
  challengeAckIntervalMs: 0,
  linuxPaws: false,
  pawsReplayTicks: 0,
} as const;

const BASE: Record<ProfileName, Profile> = {
  rfc9293: {
    name: 'rfc9293',
    mslMs: 120_000,
    rstChallenge: true,
    synChallenge: true,
    rfc1337: false,
    timeWaitReuse: false,
    dropSynFin: false,
    listenDropsSynAck: false,
    bsdTimeWait: false,
    fastOpen: false,
    ownTimeWaitReuse: false,
    linuxTimeWait: false,
    ...RFC_RULES,
  },
  rfc793: {
    name: 'rfc793',
    mslMs: 120_000,
    rstChallenge: false,
    synChallenge: false,
    rfc1337: false,
    timeWaitReuse: false,
    dropSynFin: false,
    listenDropsSynAck: false,
    bsdTimeWait: false,
    fastOpen: false,
    ownTimeWaitReuse: false,
    linuxTimeWait: false,
    ...RFC_RULES,
    oldAckBound: 'none',
  },
  // Linux: net/ipv4/tcp_input.c (tcp_paws_check, tcp_may_update_window, tcp_ack, tcp_rcv_synsent_state_process), tcp_minisocks.c
  // (tcp_timewait_state_process), tcp_ipv4.c (tcp_twsk_unique), tcp.c (tcp_close: tcp_fin_timeout, 60 s by default).
  linux: {
    name: 'linux',
    mslMs: 30_000,
    rstChallenge: true,
    synChallenge: true,
    rfc1337: false,
    timeWaitReuse: true,
    dropSynFin: false,
    listenDropsSynAck: false,
    bsdTimeWait: false,
    fastOpen: false,
    ownTimeWaitReuse: true,
    linuxTimeWait: true,
    pawsWindow: 1,
    pawsIgnoresZero: true,
    windowUpdate: 'linux',
    oldAckBound: 'linux',
    timeWaitTimestamps: true,
    clientReuseNeedsTimestamps: true,
    finTimeoutMs: 60_000,
    synAckEcrCheck: true,
    challengeAckIntervalMs: 500,
    linuxPaws: true,
    pawsReplayTicks: 240,
  },
  // FreeBSD: sys/netinet/tcp_input.c (PAWS with `tp->ts_recent &&`; step6, the window update), tcp_timewait.c (tcp_twcheck: the
  // sequence number alone reopens).
  freebsd: {
    name: 'freebsd',
    mslMs: 30_000,
    rstChallenge: true,
    synChallenge: true,
    rfc1337: true,
    timeWaitReuse: true,
    dropSynFin: false,
    listenDropsSynAck: true,
    bsdTimeWait: true,
    fastOpen: false,
    ownTimeWaitReuse: false,
    linuxTimeWait: false,
    ...RFC_RULES,
    pawsIgnoresZero: true,
    oldAckBound: 'none',
    windowUpdate: 'bsd',
  },
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
