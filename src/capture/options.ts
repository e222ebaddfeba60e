/**
 * TCP options as the importer hands them on: what a kernel would use (a window scale above 14
 * is used as 14), what the capture cut (a SYN header shortened by the snapshot length), and what
 * the language cannot write yet (SACK, timestamps, Fast Open cookies: kept in the segments).
 */

import type { ReadReport } from './frame.js';
import type { Seg } from './segment.js';
import { endpointText, SYN, type TcpPacket } from './packet.js';

/**
 * Options as a kernel uses them: a window-scale shift above 14 is used as 14 (RFC 7323 §2.3),
 * so that is what gets written; a SYN whose options the snapshot length cut leaves the window
 * scale unknown. Both are said, with where.
 */
export function checkOptions(packets: readonly TcpPacket[], report: ReadReport, unit: 'record' | 'line'): { packets: TcpPacket[]; scaleKnown: boolean } {
  let scaleKnown = true;
  const out = packets.map((p) => {
    const where = p.record !== undefined ? `${unit} ${p.record}` : 'a segment';
    const from = endpointText(p.src, p.srcPort);
    if (!(p.flags & SYN)) return p;
    if (p.optionsCut) {
      scaleKnown = false;
      report.warnings.push(
        `${where}: the capture kept only part of the SYN's TCP header from ${from} (snapshot length too small), so its options are lost and the window scale is unknown; windows are left out (capture with a larger -s)`,
      );
    }
    if (p.wscale !== undefined && p.wscale > 14) {
      report.warnings.push(
        `${where}: the SYN from ${from} offers wscale=${p.wscale}; RFC 7323 §2.3 caps the shift at 14 and kernels use 14, so wscale=14 is written`,
      );
      return { ...p, wscale: 14 };
    }
    return p;
  });
  return { packets: out, scaleKnown };
}

/** Options the capture shows, named for the summary when the import leaves them out (`options: false`). */
export function notWritten(segs: readonly Seg[]): string[] {
  const out: string[] = [];
  if (segs.some((s) => s.sackOk)) out.push('SACK permitted (sackOK)');
  if (segs.some((s) => s.sack)) out.push('SACK blocks');
  if (segs.some((s) => s.ts)) out.push('timestamps');
  if (segs.some((s) => s.tfo !== undefined)) out.push('Fast Open cookies (tfo)');
  return out;
}
