/** Generated flows for benchmarks: a handshake, then data and ACKs, then the close. */

export function generateFlow(segments: number): string {
  const out = ['title generated', 'client C', 'server S', 'C -> S: SYN seq=1000', 'S -> C: SYN ACK seq=5000 ack=1001', 'C -> S: ACK seq=1001 ack=5001'];
  let c = 1001;
  for (let i = 3; i < segments - 3; i += 2) {
    out.push(`C -> S: PSH ACK seq=${c} ack=5001 "payload number ${i % 1000}"`);
    c += `payload number ${i % 1000}`.length;
    out.push(`S -> C: ACK seq=5001 ack=${c}`);
  }
  out.push(`C -> S: FIN ACK seq=${c} ack=5001`, `S -> C: FIN ACK seq=5001 ack=${c + 1}`, `C -> S: ACK seq=${c + 1} ack=5002`);
  return `${out.join('\n')}\n`;
}
