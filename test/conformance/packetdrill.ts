/**
 * Translates a FreeBSD tcp-testsuite packetdrill script into a .tcpflow flow between `Host`
 * (the FreeBSD endpoint under test, simulated) and `Tester` (packetdrill, a raw injector), so
 * the checker can be compared with what FreeBSD actually did.
 *
 * - `<` lines become `Tester -> Host`, `>` lines `Host -> Tester`; `...` sequence numbers are left
 *   for the checker to infer. Packetdrill writes the host's numbers relative to its ISN, so the
 *   host's ISN is 0 in the flow.
 * - listen/connect/close/shutdown(SHUT_WR)/tcpdrop become `Host listen/connect/close/abort`.
 * - `tcpi_state` assertions and `sockstat … | grep -c STATE | grep 1` become `Host is STATE`.
 * - sysctls net.inet.tcp.insecure_rst/insecure_syn/drop_synfin become stack options.
 * - FreeBSD's receive window is its SO_RCVBUF (65700 after the handshake), while the header
 *   says 65535 (the most it can say without window scaling): in the FreeBSD branches the host's
 *   segments from a getsockopt(SO_RCVBUF) on carry that window. The STANDARD branches (what the
 *   suite's authors say RFC 793/5961 require) use the advertised window and ignore drop_synfin.
 * - A pause of half a second or more becomes `wait`, so the checker expects retransmissions.
 */

export type Variant = 'FreeBSD' | 'STANDARD';

export interface Translation {
  readonly flow: string;
  /** 0-based flow lines that are the host's segments, assertions and calls. */
  readonly hostLines: ReadonlySet<number>;
}

const SEGMENT = /^([<>])\s+([SFRPEWU.]+)\s+(\d+|\.\.\.):(\d+|\.\.\.)\((\d+)\)(?:\s+ack\s+(\d+))?(?:\s+win\s+(\d+))?/;
const FLAG_NAMES: Record<string, string> = { S: 'SYN', F: 'FIN', R: 'RST', P: 'PSH', '.': 'ACK', E: 'ECE', W: 'CWR', U: 'URG' };
const TCPI: Record<string, string> = {
  TCPI_CLOSED: 'CLOSED',
  TCPI_LISTEN: 'LISTEN',
  TCPI_SYN_SENT: 'SYN_SENT',
  TCPI_SYN_RECEIVED: 'SYN_RECEIVED',
  TCPI_ESTABLISHED: 'ESTABLISHED',
  TCPI_CLOSE_WAIT: 'CLOSE_WAIT',
  TCPI_FIN_WAIT_1: 'FIN_WAIT_1',
  TCPI_CLOSING: 'CLOSING',
  TCPI_LAST_ACK: 'LAST_ACK',
  TCPI_FIN_WAIT_2: 'FIN_WAIT_2',
  TCPI_TIME_WAIT: 'TIME_WAIT',
};

export function translate(script: string, variant: Variant, stack = variant === 'FreeBSD' ? 'freebsd' : 'rfc9293'): Translation {
  const out: string[] = [];
  const host = new Set<number>();
  const options: string[] = [];
  const emit = (line: string, isHost: boolean): void => {
    if (isHost) host.add(out.length + 3); // three header lines come first
    out.push(line);
  };
  let skipping = false;
  let time = 0;
  let listenFd: string | undefined;
  let connFd: string | undefined;
  let accepted = false;
  let lastHostSegment = -1;
  let hostWindow: string | undefined;
  for (const raw of script.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (line.startsWith('#ifdef')) {
      skipping = line.split(/\s+/)[1] !== variant;
      continue;
    }
    if (line.startsWith('#endif')) {
      skipping = false;
      continue;
    }
    if (skipping || line.startsWith('--')) continue;
    const m = /^(\+?)(\d+(?:\.\d+)?)\s+(.*)$/.exec(line);
    if (!m) continue;
    const t = m[1] ? time + Number(m[2]) : Number(m[2]);
    const body = m[3]!;
    if (t - time >= 0.5 && out.length > 0) emit(`wait ${Math.round((t - time) * 1000)}ms`, false);
    time = t;

    const seg = SEGMENT.exec(body);
    if (seg) {
      const [, dir, flagChars, seqStart, , len, ack, win] = seg;
      const flags = [...flagChars!].map((c) => FLAG_NAMES[c]!).join(' ');
      const fields = [
        seqStart === '...' ? '' : `seq=${seqStart}`,
        ack !== undefined ? `ack=${ack}` : '',
        Number(len) > 0 ? `len=${len}` : '',
        win !== undefined ? `win=${win}` : '',
      ];
      const text = `${flags} ${fields.filter(Boolean).join(' ')}`.trim();
      if (dir === '<') emit(`Tester -> Host: ${text}`, false);
      else {
        lastHostSegment = out.length;
        const shown = hostWindow && !flagChars!.includes('S') && !flagChars!.includes('R') ? text.replace(/ win=\d+/, ` win=${hostWindow}`) : text;
        emit(`Host -> Tester: ${shown}`, true);
      }
      continue;
    }
    const sys = /sysctl -w net\.inet\.tcp\.(insecure_rst|insecure_syn|drop_synfin)=1/.exec(body);
    // drop_synfin is FreeBSD's own; the STANDARD branches expect RFC behaviour.
    if (sys && (variant === 'FreeBSD' || sys[1] !== 'drop_synfin'))
      options.push({ insecure_rst: 'rfc793-rst', insecure_syn: 'rfc793-syn', drop_synfin: 'drop-synfin' }[sys[1]!]!);
    // The connection's receive buffer, read once it is established, is its real receive window.
    const rcvbuf = /getsockopt\((\d+), SOL_SOCKET, SO_RCVBUF, \[(\d+)\]/.exec(body);
    if (rcvbuf && variant === 'FreeBSD' && rcvbuf[1] === connFd && lastHostSegment >= 0) {
      hostWindow = rcvbuf[2];
      out[lastHostSegment] = out[lastHostSegment]!.replace(/ win=\d+|$/, ` win=${hostWindow}`);
    }
    if (/^listen\((\d+)/.test(body)) {
      listenFd = /^listen\((\d+)/.exec(body)![1];
      emit('Host listen', true);
    } else if (/^connect\((\d+)/.test(body)) {
      connFd = /^connect\((\d+)/.exec(body)![1];
      emit('Host connect', true);
    } else if (/^shutdown\(\d+, SHUT_WR\)/.test(body)) emit('Host close', true);
    else if (/^close\((\d+)\)/.test(body)) {
      const fd = /^close\((\d+)\)/.exec(body)![1];
      // Closing the listening socket after accept() leaves the accepted connection alone.
      if (!(fd === listenFd && accepted)) emit('Host close', true);
    } else if (/^accept\(/.test(body)) {
      connFd = /= (\d+)/.exec(body)?.[1];
      accepted = true;
    } else if (/tcpdrop/.test(body)) emit('Host abort', true);
    const tcpi = /assert tcpi_state == (TCPI_\w+)/.exec(body);
    if (tcpi) emit(`Host is ${TCPI[tcpi[1]!]}`, true);
    const sockstat = /grep -c (\w+) \| grep 1/.exec(body);
    if (sockstat && /sockstat/.test(body)) emit(`Host is ${sockstat[1] === 'SYN_RCVD' ? 'SYN_RECEIVED' : sockstat[1]}`, true);
  }
  const header = [`stack ${stack}${options.length ? ` ${[...new Set(options)].join(' ')}` : ''}`, 'peer Host', 'peer Tester raw'];
  return { flow: [...header, ...out].join('\n'), hostLines: host };
}
