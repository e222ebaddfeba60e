/** What a file is, from its first bytes: pcap, pcapng, or maybe tcpdump text; or clearly no capture. */

import { isPcap } from './pcap.js';
import { isPcapng } from './pcapng.js';

/** Which reader a file needs, from its first bytes. */
export function captureFormat(head: Uint8Array): 'pcap' | 'pcapng' | 'text' {
  if (isPcapng(head)) return 'pcapng';
  if (isPcap(head)) return 'pcap';
  return 'text';
}

/**
 * Why these bytes are no capture tcpflow can read, when that is clear from the start of the
 * file: an empty file, or binary data with neither a pcap nor a pcapng magic number. Undefined
 * for captures and for anything that may be text.
 */
export function notACapture(head: Uint8Array, size: number): string | undefined {
  if (size === 0) return 'the file is empty';
  if (captureFormat(head) !== 'text') return undefined;
  const sample = head.subarray(0, 4096);
  const binary = sample.some((b) => b < 9 || (b > 13 && b < 32 && b !== 27));
  if (!binary) return undefined;
  const magic = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `not a capture: the file starts with 0x${magic}, which is neither a pcap magic number (a1b2c3d4 or a1b23c4d, in either byte order) nor a pcapng one (0a0d0d0a), and it is not text`;
}
