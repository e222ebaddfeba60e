/** A TCP segment as a capture shows it: who sent it to whom, and its header fields. */

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;
export const ECE = 0x40;
export const CWR = 0x80;

export const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [SYN, 'SYN'],
  [ACK, 'ACK'],
  [FIN, 'FIN'],
  [RST, 'RST'],
  [PSH, 'PSH'],
  [URG, 'URG'],
  [ECE, 'ECE'],
  [CWR, 'CWR'],
];

export interface TcpPacket {
  /** Microseconds since the epoch (tcpdump text: since midnight). */
  readonly timeUs: number;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  /** Absent only in tcpdump text, which leaves it out of segments without data, SYN, FIN or RST. */
  readonly seq: number | undefined;
  readonly ack: number;
  /** The TCP flag bits (FIN = 1 … CWR = 0x80). */
  readonly flags: number;
  readonly win: number;
  /** Payload length in bytes (from the IP header, not what the capture kept). */
  readonly len: number;
  readonly mss?: number;
  /** The window-scale shift as offered (a value above 14 is kept here; RFC 7323 uses 14). */
  readonly wscale?: number;
  /** RFC 2018: SACK permitted (on a SYN), and the SACK blocks [left, right) of an ACK. */
  readonly sackOk?: boolean;
  readonly sack?: readonly (readonly [number, number])[];
  /** RFC 7323 timestamps: TSval and TSecr. */
  readonly ts?: readonly [number, number];
  /** RFC 7413 Fast Open: the cookie in hex, '' for a cookie request. */
  readonly tfo?: string;
  /**
   * The capture holds every octet of the payload (a frame not shortened by the snapshot length).
   * Absent for tcpdump text and for cut frames: `len` is then only what the headers claim.
   */
  readonly payloadHeld?: boolean;
  /** The capture kept only part of the TCP header (snapshot length): options may be missing. */
  readonly optionsCut?: boolean;
  /** Where it was read: the record number of a capture file, the line of tcpdump text. */
  readonly record?: number;
  /** Which interface captured it (an index into the reader's interfaces), when there are several. */
  readonly iface?: number;
  /**
   * Not a segment but an ICMP "fragmentation needed" (IPv4 type 3 code 4, RFC 1191) or ICMPv6
   * "packet too big" (type 2, RFC 8201) that quotes one: the next-hop MTU it names. The other
   * fields are the quoted segment's (its addresses, ports, seq, and its length when the quote
   * holds its TCP header's data offset, else 0; no flags), the time is the ICMP's.
   */
  readonly icmpMtu?: number;
}

/** `10.0.0.1:80`, `[::1]:80`. */
export function endpointText(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}
