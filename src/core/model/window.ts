/**
 * The send window a receiver learns from arriving segments (RFC 9293 §3.10.7.4, fifth step):
 * SND.WND with SND.WL1 and SND.WL2, as the RFC says or as Linux does (the profile chooses), and
 * MAX.SND.WND for RFC 5961 §5.2's bound on old ACKs.
 */

import type { Endpoint } from './endpoint.js';
import type { Profile } from './profiles.js';
import type { EffSegment } from './types.js';
import { diff, type Seq } from './seq.js';

/**
 * What a receiver learns of its peer's window from an arriving segment (`unaBefore`: its
 * SND.UNA before the segment). A SYN sets SND.WND, SND.WL1 and SND.WL2 (§3.10.7.3). After it,
 * RFC 9293 §3.10.7.4 (fifth step): an ACK below SND.UNA is a duplicate and changes nothing; the
 * window is replaced only if SND.WL1 < SEG.SEQ, or SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK.
 * Linux (tcp_may_update_window): when the ACK moves SND.UNA, or SEG.SEQ is newer than SND.WL1,
 * or equal with a larger or zero window. FreeBSD (tcp_input.c, step6): as the RFC, but with SND.WL1
 * = SEG.SEQ and SND.WL2 = SEG.ACK only a larger window. So a reordered or duplicated old segment does not
 * bring back an old window. MAX.SND.WND keeps the largest window seen (RFC 5961 §5.2).
 */
export function learnWindow(e: Endpoint, s: EffSegment, unaBefore: Seq | undefined, p: Profile): void {
  const wnd = s.wnd;
  if (wnd === undefined || (!s.flags.has('ACK') && !s.flags.has('SYN'))) return;
  if (s.flags.has('RST')) return;
  if (!s.flags.has('SYN') && !mayUpdateWindow(e, s, wnd, unaBefore, p)) return;
  e.sndWnd = wnd;
  e.sndWl1 = s.seq;
  e.sndWl2 = s.ack;
  // MAX.SND.WND starts from the SYN's window (Linux's max_window too) and keeps the largest since.
  if (s.flags.has('SYN') || wnd > e.maxSndWnd) e.maxSndWnd = wnd;
}

export function mayUpdateWindow(e: Endpoint, s: EffSegment, wnd: number, unaBefore: Seq | undefined, p: Profile): boolean {
  const ack = s.ack;
  const below = ack && unaBefore ? diff(ack, unaBefore) : undefined;
  if (below !== undefined && below < 0) return false; // a duplicate: "it can be ignored"
  const newer = e.sndWl1 ? diff(s.seq, e.sndWl1) : undefined;
  if (newer === undefined) return true; // nothing to compare with (the first segment, or numbers that do not compare)
  if (newer < 0) return false;
  if (p.windowUpdate === 'linux') {
    if (below !== undefined && below > 0) return true;
    return newer > 0 || wnd > e.sndWnd || wnd === 0;
  }
  if (newer > 0) return true;
  const wl2 = e.sndWl2 && ack ? diff(ack, e.sndWl2) : undefined;
  // FreeBSD (tcp_input.c, step6): with the same SEG.SEQ and SEG.ACK only a larger window ("a pure window update").
  if (p.windowUpdate === 'bsd' && wl2 === 0) return wnd > e.sndWnd;
  return wl2 === undefined || wl2 >= 0;
}
