// Import (issue 25, item 9): what later segments prove about earlier arrivals. Each rule of
// src/capture/infer.ts that follows the evidence, on a capture built from what the RFC or the
// Linux source says a TCP does, checked as a user would see it: the imported flow's lines, and
// no error or warning under `stack linux`.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { importCapture, memorySource } from '../../src/capture/index.js';
import { check, explain, messageOf } from '../../src/core/index.js';
import { frame, ipPacket, pcapFile, type SegmentSpec } from '../helpers/captureBuilder.js';

const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80 };
const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000 };
const ms = (t: number): number => Math.round(t * 1000);
const body = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#') && !/^(title|client|server|peer|stack|wait) /.test(l));
const imported = (segs: SegmentSpec[]): string => importCapture({ bytes: memorySource(pcapFile(segs)) }, { stack: 'linux' }).text;
const problems = (text: string): string[] =>
  check(text)
    .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `line ${d.range.start.line + 1}: ${d.code} ${messageOf(d, 'en')}`);

/** A pcap of Ethernet frames: segments, and ICMP "fragmentation needed" from a router quoting a segment. */
function pcapWithIcmp(items: (SegmentSpec | { tooBig: SegmentSpec; mtu: number; timeUs: number })[]): Uint8Array {
  const le32 = (n: number): number[] => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
  const out: number[] = [...le32(0xa1b2c3d4), 2, 0, 4, 0, ...le32(0), ...le32(0), ...le32(262144), ...le32(1)];
  for (const it of items) {
    let f: number[];
    if ('tooBig' in it) {
      const quoted = ipPacket(it.tooBig).slice(0, 20 + 20 + 12);
      const icmp = [3, 4, 0, 0, 0, 0, it.mtu >> 8, it.mtu & 255, ...quoted];
      const ip = [0x45, 0, (20 + icmp.length) >> 8, (20 + icmp.length) & 255, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 254, ...it.tooBig.src.split('.').map(Number)];
      f = [...Array(12).fill(2), 8, 0, ...ip, ...icmp];
    } else f = frame(it, 'ethernet');
    const t = it.timeUs!;
    out.push(...le32(Math.floor(t / 1e6)), ...le32(t % 1e6), ...le32(f.length), ...le32(f.length), ...f);
  }
  return Uint8Array.from(out);
}

describe('capture import: arrivals follow the evidence (issue 25)', () => {
  it("a SYN+ACK repeated with the same TSval after the client's SYN came again, captured at the server, is the server's answer to that SYN, not a network copy", () => {
    // Captured at the server (B); the client is 10 ms away. The network duplicated the SYN: the
    // server, in SYN-RECEIVED, answers the second copy with its SYN+ACK again at once (Linux
    // tcp_check_req → inet_rtx_syn_ack; RFC 9293 §3.10.7.4), in the same timestamp tick.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, mss: 1460, wscale: 7, sackOk: true, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, mss: 1460, wscale: 7, sackOk: true, ts: [900, 100], timeUs: ms(0.05) },
      { ...A, seq: 1000, flags: 'S', win: 64240, mss: 1460, wscale: 7, sackOk: true, ts: [100, 0], timeUs: ms(1) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, mss: 1460, wscale: 7, sackOk: true, ts: [900, 100], timeUs: ms(1.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [121, 900], timeUs: ms(21) },
      { ...B, seq: 5001, ack: 1001, flags: 'PA', len: 10, win: 509, ts: [930, 121], timeUs: ms(30) },
      { ...A, seq: 1001, ack: 5011, flags: 'A', win: 502, ts: [140, 930], timeUs: ms(50) },
      { ...A, seq: 1001, ack: 5011, flags: 'PA', len: 10, win: 502, ts: [141, 930], timeUs: ms(50.1) },
      { ...B, seq: 5011, ack: 1011, flags: 'A', win: 509, ts: [961, 141], timeUs: ms(60.15) },
    ]);
    const lines = body(text);
    assert.equal(lines.filter((l) => l.startsWith('Server -> Client: SYN ACK')).length, 2, text);
    assert.equal(lines.filter((l) => l.startsWith('arrives c1')).length, 2, text); // the SYN arrived twice
    assert.doesNotMatch(text, / -x /, text);
    assert.deepEqual(problems(text), [], text);
  });

  it('the same repeat captured at the client proves nothing about who made it: it stays a network copy', () => {
    // Captured at A (the client), B 10 ms away: the SYN+ACK came twice with one TSval, and A saw
    // its SYN once. A network copy and a server's answer to a copied SYN look the same here.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20.05) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(21) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [121, 900], timeUs: ms(21.05) },
    ]);
    assert.equal(body(text).filter((l) => l.startsWith('Server -> Client: SYN ACK')).length, 1, text);
    assert.deepEqual(problems(text), [], text);
  });

  it('a SACK block sent before the retransmission could arrive proves the original arrived (RFC 2018 §4): no loss, no SACK for data never received', () => {
    // Captured at the sender A; B is 10 ms away. A sends 1000 and 500 octets; the first does not
    // get through. A resends both at 110 ms (as after an ICMP "fragmentation needed", Linux
    // resends the flight); B's SACK for the second, captured 5 ms after that resend, was sent
    // 15 ms before the resend could reach B: it reports the first copy.
    const hs: SegmentSpec[] = [
      { ...A, seq: 1000, flags: 'S', win: 64240, mss: 1460, wscale: 7, sackOk: true, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, mss: 1460, wscale: 7, sackOk: true, ts: [900, 100], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20.05) },
    ];
    const text = imported([
      ...hs,
      { ...A, seq: 1001, ack: 5001, flags: 'A', len: 1000, win: 502, ts: [200, 900], timeUs: ms(100) },
      { ...A, seq: 2001, ack: 5001, flags: 'PA', len: 500, win: 502, ts: [200, 900], timeUs: ms(100.01) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', len: 1000, win: 502, ts: [210, 900], timeUs: ms(110) },
      { ...A, seq: 2001, ack: 5001, flags: 'PA', len: 500, win: 502, ts: [210, 900], timeUs: ms(110.01) },
      { ...B, seq: 5001, ack: 1001, flags: 'A', win: 509, sack: [[2001, 2501]], ts: [930, 200], timeUs: ms(115) },
      { ...B, seq: 5001, ack: 2501, flags: 'A', win: 509, ts: [940, 210], timeUs: ms(130) },
    ]);
    const lines = body(text);
    assert.ok(
      lines.some((l) => /^Client -x Server: ACK seq=x\+1 ack=y\+1 len=1000 /.test(l)),
      text,
    );
    assert.ok(!lines.some((l) => /^Client -x Server: PSH ACK seq=x\+1001 /.test(l)), text);
    assert.deepEqual(problems(text), [], text);
  });

  it("a RST with the client's addresses beyond every number the client sent, after which the client goes on below it, is a third party's (RFC 5961): `Attacker as Client`, no abort, no invented gap", () => {
    // Captured at the server. A blind attacker's RST lands inside the window but not at RCV.NXT;
    // the server answers with a challenge ACK (RFC 5961 §3.2), and the client, which never sent
    // it, goes on sending from where it was.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(0.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [121, 900], timeUs: ms(20.1) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [921, 121], timeUs: ms(20.15) },
      { ...A, seq: 2101, flags: 'R', win: 0, timeUs: ms(100) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [1001, 121], timeUs: ms(100.05) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [300, 1001], timeUs: ms(300) },
      { ...B, seq: 5001, ack: 1201, flags: 'A', win: 509, ts: [1201, 300], timeUs: ms(300.05) },
    ]);
    assert.match(text, /^Attacker as Client -> Server: RST seq=x\+1101$/m, text);
    assert.doesNotMatch(text, /^Client abort$/m, text);
    assert.doesNotMatch(text, /^\? /m, text);
    assert.deepEqual(problems(text), [], text);
  });

  it('a segment an ICMP "fragmentation needed" quotes never arrived (RFC 1191 §4), and its sender then cuts to the MTU it names', () => {
    // Captured at the sender A; B is 10 ms away; a router on the way has an MTU of 1200. A sends
    // a 1448-octet segment, the router drops it and says so; A resends the data in pieces of
    // 1148 (1200 less the IP, TCP and timestamp headers), one GSO frame of 1448 octets. B's ACK
    // comes soon after (15 ms): without the ICMP it would pass for an answer to the first copy.
    const tcp = { win: 502 };
    const data = { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 1448, ...tcp, ts: [200, 900] as [number, number], timeUs: ms(100) };
    const text = importCapture(
      {
        bytes: memorySource(
          pcapWithIcmp([
            { ...A, seq: 1000, flags: 'S', win: 64240, mss: 1460, wscale: 7, ts: [100, 0], timeUs: ms(0) },
            { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, mss: 1460, wscale: 7, ts: [900, 100], timeUs: ms(20) },
            { ...A, seq: 1001, ack: 5001, flags: 'A', ...tcp, ts: [120, 900], timeUs: ms(20.05) },
            data,
            { tooBig: data, mtu: 1200, timeUs: ms(101) },
            { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 1448, ...tcp, ts: [201, 900], timeUs: ms(101.1) },
            { ...B, seq: 5001, ack: 2449, flags: 'A', win: 509, ts: [950, 201], timeUs: ms(116) },
          ]),
        ),
      },
      { stack: 'linux' },
    ).text;
    const lines = body(text);
    assert.ok(lines.includes('Client -x Server: PSH ACK seq=x+1 ack=y+1 len=1448 win=502 ts=200 ecr=900'), text);
    assert.ok(
      lines.some((l) => l.startsWith('Client -> Server: ACK seq=x+1 ack=y+1 len=1148 ')),
      text,
    );
    assert.ok(
      lines.some((l) => l.startsWith('Client -> Server: PSH ACK seq=x+1149 ack=y+1 len=300 ')),
      text,
    );
    assert.deepEqual(problems(text), [], text);
  });

  it('a retransmission does not make an answer before it lost when the sender later acknowledges it or echoes its TSval (RFC 7323 §4.3)', () => {
    // Captured at the receiver B; A is 10 ms away. B acknowledges A's data and sends its FIN;
    // 30 ms later A resends its data (as Linux resends what it marked lost after an ICMP
    // "fragmentation needed"), and then acknowledges B's FIN, echoing its TSval: whatever the
    // resend suggests, B's FIN arrived.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, sackOk: true, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, sackOk: true, ts: [900, 100], timeUs: ms(0.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [200, 900], timeUs: ms(100) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [1000, 200], timeUs: ms(100.05) },
      { ...B, seq: 5001, ack: 1101, flags: 'FA', win: 509, ts: [1001, 200], timeUs: ms(101) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [230, 900], timeUs: ms(131) },
      { ...B, seq: 5002, ack: 1101, flags: 'A', win: 509, sack: [[1001, 1101]], ts: [1030, 230], timeUs: ms(131.05) },
      { ...A, seq: 1101, ack: 5002, flags: 'A', win: 502, ts: [240, 1001], timeUs: ms(141) },
    ]);
    assert.match(text, /^Server -> Client: FIN ACK seq=y\+1 ack=x\+101 /m, text);
    assert.deepEqual(problems(text), [], text);
  });

  it('data the peer sends after a RST at its RCV.NXT could have reached it proves the RST never arrived (RFC 9293 §3.10.7.4)', () => {
    // Captured at A, B 10 ms away. A aborts (RST at B's RCV.NXT); 50 ms later B still sends data,
    // which could not be had the RST arrived; A, closed, answers it with <SEQ=SEG.ACK><CTL=RST>.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, timeUs: ms(20.05) },
      { ...A, seq: 1001, flags: 'R', win: 0, timeUs: ms(100) },
      { ...B, seq: 5001, ack: 1001, flags: 'PA', len: 10, win: 509, timeUs: ms(150) },
      { ...A, seq: 1001, flags: 'R', win: 0, timeUs: ms(150.05) },
    ]);
    const lines = body(text);
    assert.ok(lines.includes('Client -x Server: RST seq=x+1'), text);
    assert.ok(lines.includes('Client -> Server: RST seq=x+1'), text);
    assert.deepEqual(problems(text), [], text);
  });

  it('a last SYN that nothing answers never reached a listener that took it: lost, and the server stays where it was', () => {
    // Captured at A: the SYN and its retransmissions, never answered (a listener answers at once,
    // RFC 9293 §3.10.7.2; Linux drops it when the listener's queues are full).
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(0) },
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(1000) },
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(3000) },
    ]);
    assert.deepEqual(
      body(text).filter((l) => l.includes('SYN')),
      ['Client -x Server: SYN seq=x win=64240', 'Client -x Server: SYN seq=x win=64240', 'Client -x Server: SYN seq=x win=64240'],
      text,
    );
    const ex = explain(check(text), text.split('\n'));
    assert.equal(ex.final['Server'], 'LISTEN');
    assert.deepEqual(problems(text), [], text);
  });
  it("a SYN its sender sends again (a new TSval: its timer fired), captured at the server, says the server's first SYN+ACK never reached it", () => {
    // A real capture (test/fixtures/captures/evidence/lost-synack, at the server): the relay
    // dropped the first SYN+ACK; the client's SYN timer fired and it sent the SYN again, which
    // the server answered with the SYN+ACK again. The client's ACK of y+1 may acknowledge the
    // second copy (proves nothing about the first), and the repeated SYN is no network copy.
    const text = importCapture({ bytes: memorySource(readFileSync('test/fixtures/captures/evidence/lost-synack.at-b.pcap')) }, { stack: 'linux' }).text;
    const lines = body(text).filter((l) => l.includes('SYN'));
    assert.ok(lines[1]!.startsWith('Server -x Client: SYN ACK seq=y ack=x+1 '), text);
    assert.ok(lines[3]!.startsWith('Server -> Client: SYN ACK seq=y ack=x+1 '), text);
    assert.deepEqual(problems(text), [], text);
  });

  it('a SACK block above an ack that stays at a segment proves the segment was overtaken (reordering seen at the sender, RFC 2018 §4)', () => {
    // Captured at A, B 10 ms away. The network holds A's second segment 15 ms: B's ACKs stay at
    // it while SACKing the third; then it arrives and B acknowledges all (echoing its TSval).
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, sackOk: true, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, sackOk: true, ts: [900, 100], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [130, 900], timeUs: ms(30) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [132, 900], timeUs: ms(32) },
      { ...A, seq: 1201, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [134, 900], timeUs: ms(34) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [950, 130], timeUs: ms(50.1) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, sack: [[1201, 1301]], ts: [954, 130], timeUs: ms(54.1) },
      { ...B, seq: 5001, ack: 1301, flags: 'A', win: 509, ts: [967, 132], timeUs: ms(67.1) },
    ]);
    const lines = body(text);
    const at = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(at('arrives c3') > at('Server -> Client: ACK seq=y+1 ack=x+101 win=509 sack=x+201:x+301'), text);
    assert.doesNotMatch(text, / -x /, text);
    assert.deepEqual(problems(text), [], text);
  });

  it("a segment that starts below an ACK's ack was sent before that ACK arrived (no TCP resends acknowledged octets)", () => {
    // Captured at B, A 10 ms away, no SACK: A's first segment is lost, the next two arrive; A
    // resends the first (fast retransmit) and, before B's ACK of everything reaches it, the
    // second too (the delays from the capture point alone would put it after that ACK; its TSecr
    // echoes a tick both of B's last ACKs share, which proves only that one of them arrived).
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(10) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(10.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(30.1) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [142, 900], timeUs: ms(52) },
      { ...B, seq: 5001, ack: 1001, flags: 'A', win: 509, ts: [952, 142], timeUs: ms(52.05) },
      { ...A, seq: 1201, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [143, 900], timeUs: ms(53) },
      { ...B, seq: 5001, ack: 1001, flags: 'A', win: 509, ts: [953, 143], timeUs: ms(53.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [165, 953], timeUs: ms(75) },
      { ...B, seq: 5001, ack: 1301, flags: 'A', win: 509, ts: [953, 165], timeUs: ms(75.05) }, // the same clock tick as the ACK before
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [186, 953], timeUs: ms(95.6) },
      { ...A, seq: 1301, ack: 5001, flags: 'FA', win: 502, ts: [186, 953], timeUs: ms(95.62) },
      { ...B, seq: 5001, ack: 1301, flags: 'A', win: 509, ts: [996, 186], timeUs: ms(95.65) },
      { ...B, seq: 5001, ack: 1302, flags: 'A', win: 509, ts: [996, 186], timeUs: ms(95.75) },
    ]);
    assert.deepEqual(problems(text), [], text);
  });

  it('a gap filled late by two segments in order (a GSO burst the NIC cut) was reordered, not lost and sent again', () => {
    // Captured at B, A 10 ms away, with timestamps: A's segments at x+101 and x+201 (TSval 131)
    // arrive after the one at x+301 (TSval 133): their TSvals say they were sent before it.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(10) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(10.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(30.1) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [130, 900], timeUs: ms(40) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [940, 130], timeUs: ms(40.05) },
      { ...A, seq: 1301, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [133, 900], timeUs: ms(43) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [943, 130], timeUs: ms(43.05) },
      { ...A, seq: 1101, ack: 5001, flags: 'A', len: 100, win: 502, ts: [131, 900], timeUs: ms(43.5) },
      { ...A, seq: 1201, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [131, 900], timeUs: ms(43.6) },
      { ...B, seq: 5001, ack: 1401, flags: 'A', win: 509, ts: [944, 131], timeUs: ms(43.65) },
    ]);
    assert.doesNotMatch(text, /^\? /m, text);
    assert.doesNotMatch(text, / -x /, text);
    assert.deepEqual(problems(text), [], text);
  });

  describe('a connection whose SYN met the socket of the one before it on its four-tuple', () => {
    // Captured at A, B 10 ms away. c1: A sends 5 octets and closes; B never closes (CLOSE_WAIT), A
    // waits in FIN_WAIT_2 until its timer ends it silently (Linux's tcp_fin_timeout). c2, from the
    // same port: the SYN meets B's old socket, still synchronized, which answers with an ACK of the
    // old numbers (RFC 9293 §3.10.7.4, RFC 5961 §4.2); A, in SYN-SENT, resets it with
    // <SEQ=SEG.ACK><CTL=RST> (§3.10.7.3), which clears it, and its SYN again meets B's listener.
    const reuse: SegmentSpec[] = [
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 5, win: 502, ts: [120, 900], timeUs: ms(20.1) },
      { ...A, seq: 1006, ack: 5001, flags: 'FA', win: 502, ts: [120, 900], timeUs: ms(20.15) },
      { ...B, seq: 5001, ack: 1006, flags: 'A', win: 509, ts: [920, 120], timeUs: ms(40.1) },
      { ...B, seq: 5001, ack: 1007, flags: 'A', win: 509, ts: [921, 120], timeUs: ms(41) },
      { ...A, seq: 80000, flags: 'S', win: 64240, ts: [2600, 0], timeUs: ms(2500) },
      { ...B, seq: 5001, ack: 1007, flags: 'A', win: 509, ts: [3400, 120], timeUs: ms(2520) },
      { ...A, seq: 1007, flags: 'R', win: 0, timeUs: ms(2520.05) },
      { ...A, seq: 80000, flags: 'S', win: 64240, ts: [2630, 0], timeUs: ms(2530) },
      { ...B, seq: 90000, ack: 80001, flags: 'SA', win: 65160, ts: [3410, 2630], timeUs: ms(2550) },
      { ...A, seq: 80001, ack: 90001, flags: 'A', win: 502, ts: [2650, 3410], timeUs: ms(2550.05) },
      { ...A, seq: 80001, ack: 90001, flags: 'FA', win: 502, ts: [2650, 3410], timeUs: ms(2550.1) },
      { ...B, seq: 90001, ack: 80002, flags: 'A', win: 509, ts: [3430, 2650], timeUs: ms(2570.1) },
      { ...B, seq: 90001, ack: 80002, flags: 'FA', win: 509, ts: [3430, 2650], timeUs: ms(2570.15) },
      { ...A, seq: 80002, ack: 90002, flags: 'A', win: 502, ts: [2670, 3430], timeUs: ms(2570.2) },
    ];
    const second = (stack = 'linux'): string => importCapture({ bytes: memorySource(pcapFile(reuse)) }, { stack, connection: 2 }).text;

    it('imported alone, it is written after the connection it reuses (whose socket its first segments are), and checks clean', () => {
      const text = second();
      const lines = body(text);
      const at = (l: string): number => lines.indexOf(l);
      assert.ok(at('connection c1 as "10.0.0.1:40000"') === 0, text);
      assert.ok(at('Client timeout') > 0 && at('Client timeout') < at('connection c2 as "10.0.0.1:40000" reuses c1'), text);
      assert.match(text, /# Client's end of c1 \(FIN_WAIT_2, its application had closed\) ended here without a segment/, text);
      // The first SYN arrived (the old socket answered it), and so did the RST: no loss.
      assert.doesNotMatch(text, / -x /, text);
      // The old socket's ACK is written with the old connection's numbers.
      assert.ok(lines.includes('Server -> Client: ACK seq=y1+1 ack=x1+7 win=509 ts=3400 ecr=120'), text);
      assert.deepEqual(problems(text), [], text);
      const ex = explain(check(text), text.split('\n'));
      assert.deepEqual([ex.final['Client'], ex.final['Server']], ['TIME_WAIT', 'CLOSED']);
    });

    it('the same under rfc9293 (no FIN_WAIT_2 timer in the profile: the timeout is what the evidence says)', () => {
      const text = second('rfc9293');
      assert.ok(body(text).includes('Client timeout'), text);
      assert.deepEqual(problems(text), [], text);
    });

    it("after 60 s or more under linux the profile's own tcp_fin_timeout ends FIN_WAIT_2: no timeout written", () => {
      const later = reuse.map((x, i) => (i >= 7 ? { ...x, timeUs: x.timeUs! + ms(60_000) } : x));
      const text = importCapture({ bytes: memorySource(pcapFile(later)) }, { stack: 'linux', connection: 2 }).text;
      assert.ok(!body(text).includes('Client timeout'), text);
      assert.ok(body(text).includes('connection c2 as "10.0.0.1:40000" reuses c1'), text);
      assert.deepEqual(problems(text), [], text);
    });

    it('the connection before it, alone, is unchanged: one connection', () => {
      const text = importCapture({ bytes: memorySource(pcapFile(reuse)) }, { stack: 'linux', connection: 1 }).text;
      assert.doesNotMatch(text, /^connection /m, text);
      assert.deepEqual(problems(text), [], text);
    });

    it('--connection all writes the same two connections', () => {
      const text = importCapture({ bytes: memorySource(pcapFile(reuse)) }, { stack: 'linux', connection: { all: true } }).text;
      assert.deepEqual(body(text).slice(1), body(second()).slice(1), text);
      assert.deepEqual(problems(text), [], text);
    });
  });
  it("a RST's ack proves which in-flight segments arrived before it: what it covers had, what starts at it had not (RFC 9293 §3.10.5)", () => {
    // Captured at A, B 10 ms away (so a segment A sends is guessed to reach B 10 ms later). A
    // sends two segments; B's application aborts: its RST+ACK (captured 12 ms after the first,
    // so sent 2 ms after it) acknowledges the first and not the second. The first had arrived
    // sooner than guessed, the second had not; it then meets B's closed socket, which answers
    // <SEQ=SEG.ACK><CTL=RST>.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, timeUs: ms(20.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(100) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(101) },
      { ...B, seq: 5001, ack: 1101, flags: 'RA', win: 0, timeUs: ms(112) },
      { ...B, seq: 5001, flags: 'R', win: 0, timeUs: ms(121.5) },
    ]);
    const lines = body(text);
    const at = (l: string): number => lines.indexOf(l);
    const rst = lines.findIndex((l) => l.startsWith('Server -> Client: RST ACK seq=y+1 ack=x+101'));
    assert.ok(at('arrives c1') >= 0 && at('arrives c1') < rst, text);
    assert.ok(at('arrives c2') > rst, text);
    assert.ok(at('Server abort') === rst - 1, text);
    assert.deepEqual(problems(text), [], text);
  });

  describe("what the receiver's kernel does on purpose (issue 25, item 10)", () => {
    // Captured at the server B; the client A is 10 ms away.
    const handshake: SegmentSpec[] = [
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(0.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20.1) },
    ];

    it('accept queue full: the third ACK and the data the server drops before its first answer are `dropped "accept queue full"`, not lost', () => {
      // Linux tcp_check_req(), listen_overflow: the request stays in SYN_RECV and the ACK (and
      // data, which also carries the handshake's ACK) is dropped until the queue has room.
      const text = imported([
        ...handshake,
        { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 5, win: 502, ts: [400, 900], timeUs: ms(300) },
        { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 5, win: 502, ts: [620, 900], timeUs: ms(520) },
        { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 5, win: 502, ts: [1060, 900], timeUs: ms(960) },
        { ...B, seq: 5001, ack: 1006, flags: 'A', win: 509, ts: [1960, 1060], timeUs: ms(960.05) },
      ]);
      const lines = body(text);
      assert.ok(lines.includes('Client -> Server: ACK seq=x+1 ack=y+1 win=502 ts=120 ecr=900 dropped "accept queue full"'), text);
      assert.equal(lines.filter((l) => l.startsWith('Client -> Server: PSH ACK') && l.endsWith(' dropped "accept queue full"')).length, 2, text);
      assert.doesNotMatch(text, / -x /, text);
      assert.deepEqual(problems(text), [], text);
      const ex = explain(check(text), text.split('\n'));
      assert.equal(ex.final['Server'], 'ESTABLISHED');
    });

    it('TCP_DEFER_ACCEPT: a bare third ACK after which the server sends its SYN+ACK again is `dropped "TCP_DEFER_ACCEPT"`', () => {
      const text = imported([
        ...handshake,
        { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [3900, 100], timeUs: ms(3000) },
        { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [3120, 3900], timeUs: ms(3020.1) },
        { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 18, win: 502, ts: [3500, 3900], timeUs: ms(3400) },
        { ...B, seq: 5001, ack: 1019, flags: 'A', win: 509, ts: [4300, 3500], timeUs: ms(3400.05) },
      ]);
      const lines = body(text);
      assert.ok(lines.includes('Client -> Server: ACK seq=x+1 ack=y+1 win=502 ts=120 ecr=900 dropped "TCP_DEFER_ACCEPT"'), text);
      assert.deepEqual(problems(text), [], text);
    });

    it("the kernel's own RST answering the handshake's ACK, from a server that only sent its SYN+ACK, is `Server resets`, not `abort`", () => {
      // tcp_abort_on_overflow: the ACK finds no room; the kernel answers <SEQ=SEG.ACK><CTL=RST>.
      const text = imported([...handshake, { ...B, seq: 5001, flags: 'R', win: 0, timeUs: ms(20.15) }]);
      const lines = body(text);
      assert.deepEqual(lines.slice(-2), ['Server resets "accept queue full"', 'Server -> Client: RST seq=y+1'], text);
      assert.deepEqual(problems(text), [], text);
      const ex = explain(check(text), text.split('\n'));
      assert.equal(ex.final['Server'], 'CLOSED');
    });
  });

  describe('an end that gave up without a segment (user timeout, RFC 9293 §3.10.8)', () => {
    // Captured at A, B 10 ms away. A's second data never gets through (the path to B is down): A
    // resends it and gives up (TCP_USER_TIMEOUT) without a segment. Seconds later B closes; its
    // FIN meets a closed port, which answers <SEQ=SEG.ACK><CTL=RST> (§3.10.7.1), below A's SND.NXT.
    const gaveUp: SegmentSpec[] = [
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [100, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 100], timeUs: ms(20) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [120, 900], timeUs: ms(20.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [120, 900], timeUs: ms(20.1) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [921, 120], timeUs: ms(40.2) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [320, 921], timeUs: ms(220) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [540, 921], timeUs: ms(440) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [980, 921], timeUs: ms(880) },
      { ...B, seq: 5001, ack: 1101, flags: 'FA', win: 509, ts: [6900, 120], timeUs: ms(6000) },
      { ...A, seq: 1101, flags: 'R', win: 0, timeUs: ms(6000.05) },
    ];

    it('its last transmission, which the peer never acknowledges though its later FIN could have, is lost too', () => {
      const text = imported(gaveUp);
      assert.equal(body(text).filter((l) => l.startsWith('Client -x Server: PSH ACK seq=x+101')).length, 3, text);
    });

    it('the RST that answers the FIN as a closed port comes after `Client timeout`, not `abort`', () => {
      const text = imported(gaveUp);
      const lines = body(text);
      assert.ok(!lines.includes('Client abort'), text);
      const t = lines.indexOf('Client timeout');
      assert.ok(t > 0 && t < lines.indexOf('Server -> Client: FIN ACK seq=y+1 ack=x+101 win=509 ts=6900 ecr=120'), text);
      assert.equal(lines.at(-1), 'Client -> Server: RST seq=x+101', text);
      assert.deepEqual(problems(text), [], text);
      const ex = explain(check(text), text.split('\n'));
      assert.deepEqual([ex.final['Client'], ex.final['Server']], ['CLOSED', 'CLOSED']);
    });

    it('captured at the server, where the retransmissions never showed, the same RST says the same', () => {
      const atB = gaveUp.filter((_, i) => i < 5 || i >= 8).map((x) => (x.src === A.src ? { ...x, timeUs: x.timeUs! + ms(10) } : x));
      const text = imported(atB);
      assert.ok(body(text).includes('Client timeout'), text);
      assert.deepEqual(problems(text), [], text);
    });

    it('a RST at SND.NXT with nothing to answer stays an abort', () => {
      const text = imported([...gaveUp.slice(0, 5), { ...A, seq: 1101, ack: 5001, flags: 'RA', win: 0, timeUs: ms(3000) }]);
      assert.ok(body(text).includes('Client abort'), text);
      assert.ok(!body(text).includes('Client timeout'), text);
      assert.deepEqual(problems(text), [], text);
    });
  });

  it('a closed port’s RST proves the earlier ACK of the FIN arrived, late (RFC 9293 §3.10.7.4, §3.10.7.1): not lost because the FIN was sent again before it came', () => {
    // A real run (conformance:linux keepalive, captured at the client) on a loaded machine: the
    // relay held the client's ACK of the server's FIN past the server's retransmission timer.
    const text = importCapture({ bytes: memorySource(readFileSync('test/fixtures/captures/linux-extra/late-ack-of-fin.pcap')) }, { stack: 'linux' }).text;
    assert.deepEqual(problems(text), []);
    const acks = body(text).filter((l) => /^Client -[>x] Server: ACK seq=x\+2 ack=y\+2 /.test(l));
    assert.equal(acks.length, 2, text);
    assert.ok(
      acks.every((l) => l.includes(' -> ')),
      'neither ACK of the FIN is lost',
    );
    assert.match(text, /^Server -> Client: RST seq=y\+2$/m);
  });
});
