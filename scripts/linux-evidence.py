#!/usr/bin/env python3
"""Regenerates test/fixtures/captures/evidence/: real Linux connections captured at both ends.

Run as root on Linux (it creates network namespaces; `npm test` never runs it):

    python3 scripts/linux-evidence.py            # every scenario
    python3 scripts/linux-evidence.py bulk nagle # only these

Topology: two namespaces A (10.7.0.1) and B (10.7.0.2), each with a veth whose other end is in a
third namespace R, where this same file runs as a relay (`--relay`: AF_PACKET sockets, every
frame forwarded after a delay). Everything a scenario does to the network is done there: random
loss, a duplicated segment, one kind of segment dropped while an actor asks for it (a flag file),
a smaller MTU toward B answered with ICMP "fragmentation needed" (path-MTU discovery). So tcpdump
on A's and on B's veth each sees exactly what that end's kernel sent and received. (tc netem
would do the same, but kernels built without sch_netem, as some CI and container kernels are,
cannot run it.) Small Python socket programs are the applications (this same
file, run inside a namespace with `--actor`). Per scenario it writes NAME.at-a.pcap,
NAME.at-b.pcap (snapshot length 128: headers only) and NAME.json (the kernel, what R did, and
`ss -tan` in A and B once no socket is in a state a timer will still change).
"""

import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# EVIDENCE_OUT: another directory (to try more seeds without touching the fixtures).
OUT = os.environ.get('EVIDENCE_OUT') or os.path.join(HERE, '..', 'test', 'fixtures', 'captures', 'evidence')
PID = os.getpid()
NS = {'a': f'ev-a-{PID}', 'r': f'ev-r-{PID}', 'b': f'ev-b-{PID}'}
A, B = '10.7.0.1', '10.7.0.2'
PORT = 8080

SCENARIOS = {
    'bulk': 'the client sends 48 KB and closes; the server reads it all and closes (window autotuning; 10 ms each way)',
    'loss-sack': "R drops about 6 % of the client's segments at random; SACK on",
    'loss-nosack': "R drops about 6 % of the client's segments at random; SACK off (net.ipv4.tcp_sack=0 at both ends)",
    'lost-third-ack': "R drops the client's third ACK; the client sends nothing for 1.5 s, so the server resends its SYN+ACK",
    'dup-syn': "R duplicates the client's SYN (netem duplicate 100 % on SYN segments)",
    'dup-synack': "R duplicates the server's SYN+ACK",
    'syn-cookies': 'the server answers with SYN cookies (net.ipv4.tcp_syncookies=2)',
    'accept-overflow': 'the server listens with a backlog of 0 and accepts only after 2.5 s; two clients connect at once: the kernel drops the second third ACK (accept queue full)',
    'abort-on-overflow': 'as accept-overflow, with net.ipv4.tcp_abort_on_overflow=1: the kernel answers the second third ACK with a RST',
    'defer-accept': 'the server sets TCP_DEFER_ACCEPT; the client sends its request 1.5 s after connecting',
    'pmtu': "R's link toward B has an MTU of 1200: the client's full-sized segments get ICMP fragmentation needed, and it sends smaller ones",
    'nagle': 'the client writes 8 times 50 bytes, 3 ms apart, with Nagle on (20 ms each way)',
    'zero-window-lost-update': "the server's receive buffer fills (it does not read), then it reads while R drops everything from it for 300 ms: its window update is lost, the client's probes find the window open",
    'user-timeout': 'the client sets TCP_USER_TIMEOUT 1.5 s; R then drops everything from it: it resends, then gives up',
    'forged-rst': "a third party (in R) sends the server a RST with the client's address, inside the window but not at RCV.NXT: the server answers with a challenge ACK",
    'reuse-after-fin-wait-2': 'the client closes first, the server never does; the orphaned FIN-WAIT-2 ends after tcp_fin_timeout (1 s) and the client connects again from the same port',
    'bulk-slow': 'the client sends 32 KB over a slower, longer path (40 ms each way): window autotuning',
    'loss-sack-3': "R drops about 3 % of the client's segments (another seed); SACK on",
    'loss-sack-10': "R drops about 10 % of the client's segments; SACK on",
    'loss-nosack-10': "R drops about 10 % of the client's segments; SACK off at both ends",
    'loss-server-data': "the server sends 32 KB to the client; R drops about 6 % of the server's segments",
    'no-timestamps': "timestamps off at both ends (net.ipv4.tcp_timestamps=0); R drops about 5 % of the client's segments",
    'no-wscale': 'window scaling off at both ends (net.ipv4.tcp_window_scaling=0); the client sends 32 KB',
    'lost-syn': "R drops the client's first SYN: it sends it again after its timer (1 s)",
    'lost-synack': "R drops the server's first SYN+ACK: the client's SYN and the server's SYN+ACK are sent again",
    'lost-fin': "R drops the client's first FIN: it sends it again",
    'both-ways': 'the client sends 3000 octets, the server sends them back, then each closes',
    'half-close': 'the client sends a request and shuts its side down (SHUT_WR); the server answers with 2000 octets and closes',
    'server-closes-first': 'the server sends a greeting and closes at once; the client reads to the end and closes 200 ms later',
    'several-clients': 'three clients connect at once, each sends a line and closes',
    'dup-data': "R duplicates the client's second data segment",
    'reorder': "R holds the client's second data segment 15 ms longer: it arrives after the third",
    'abort-linger': 'the client sends a request and closes with SO_LINGER 0: its kernel sends a RST',
    'refused': 'the client connects to a port nobody listens on: RST',
    'no-timestamps-2': 'as no-timestamps, another run (seed 57): a fast retransmission answered just under a round trip later',
    'reorder-2': 'as reorder, another run: the spurious retransmission reaches the server in LAST-ACK, whose D-SACK answer goes before the last ACK arrives',
    'bulk-big': 'the client sends 256 KB (20 ms each way): slow start and window autotuning over many round trips',
    'loss-sack-big': "the client sends 160 KB; R drops about 4 % of its segments; SACK on",
}


def sh(*args, check=True):
    r = subprocess.run(args, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def in_ns(side, *args, check=True):
    return sh('ip', 'netns', 'exec', NS[side], *args, check=check)


def teardown():
    for ns in NS.values():
        sh('ip', 'netns', 'del', ns, check=False)


MACS = {'a': '02:00:00:00:07:0a', 'b': '02:00:00:00:07:0b'}


def setup(name):
    for ns in NS.values():
        sh('ip', 'netns', 'add', ns)
        sh('ip', '-n', ns, 'link', 'set', 'lo', 'up')
        in_ns([k for k, v in NS.items() if v == ns][0], 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1')
    for side, addr, other, oaddr in (('a', A, 'b', B), ('b', B, 'a', A)):
        sh('ip', '-n', NS[side], 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', f'r{side}', 'netns', NS['r'])
        sh('ip', '-n', NS[side], 'link', 'set', 'veth0', 'address', MACS[side], 'mtu', '1500', 'up')
        sh('ip', '-n', NS[side], 'addr', 'add', f'{addr}/24', 'dev', 'veth0')
        sh('ip', '-n', NS[side], 'neigh', 'add', oaddr, 'lladdr', MACS[other], 'dev', 'veth0', 'nud', 'permanent')
        sh('ip', '-n', NS['r'], 'link', 'set', f'r{side}', 'up')
    both = {
        'loss-nosack': ['net.ipv4.tcp_sack=0'],
        'loss-nosack-10': ['net.ipv4.tcp_sack=0'],
        'reuse-after-fin-wait-2': ['net.ipv4.tcp_fin_timeout=1'],
        'no-timestamps': ['net.ipv4.tcp_timestamps=0'],
        'no-timestamps-2': ['net.ipv4.tcp_timestamps=0'],
        'no-wscale': ['net.ipv4.tcp_window_scaling=0'],
    }
    server = {'syn-cookies': ['net.ipv4.tcp_syncookies=2'], 'abort-on-overflow': ['net.ipv4.tcp_abort_on_overflow=1']}
    for s in both.get(name, []):
        in_ns('a', 'sysctl', '-qw', s)
        in_ns('b', 'sysctl', '-qw', s)
    for s in server.get(name, []):
        in_ns('b', 'sysctl', '-qw', s)


RELAY = {
    'nagle': {'delay': 20},
    'loss-sack': {'loss': 0.06},
    'loss-nosack': {'loss': 0.06},
    'dup-syn': {'dup': ['a', 0x02]},
    'dup-synack': {'dup': ['b', 0x12]},
    'pmtu': {'mtu_b': 1200},
    'lost-third-ack': {'drop_first_ack': 'a'},
    'bulk-slow': {'delay': 40},
    'bulk-big': {'delay': 20},
    'no-timestamps-2': {'loss': 0.05, 'seed': 57},
    'reorder-2': {'rules': [['a', 'data', 2, 'hold']]},
    'loss-sack-big': {'loss': 0.04, 'seed': 40},
    'loss-sack-3': {'loss': 0.03, 'seed': 3},
    'loss-sack-10': {'loss': 0.10, 'seed': 10},
    'loss-nosack-10': {'loss': 0.10, 'seed': 11},
    'loss-server-data': {'loss': 0.06, 'loss_side': 'b', 'seed': 6},
    'no-timestamps': {'loss': 0.05, 'seed': 5},
    'lost-syn': {'rules': [['a', 'syn', 1, 'drop']]},
    'lost-synack': {'rules': [['b', 'synack', 1, 'drop']]},
    'lost-fin': {'rules': [['a', 'fin', 1, 'drop']]},
    'dup-data': {'rules': [['a', 'data', 2, 'dup']]},
    'reorder': {'rules': [['a', 'data', 2, 'hold']]},
}

# What a relay rule matches: [side, kind, nth (1-based), action] — action drop, dup (a second
# copy 1 ms later) or hold (15 ms longer than the rest).
KINDS = {
    'syn': lambda flags, length: flags & 0x12 == 0x02,
    'synack': lambda flags, length: flags & 0x12 == 0x12,
    'fin': lambda flags, length: flags & 0x01 != 0,
    'data': lambda flags, length: length > 0,
}


# Dropping one kind of segment for a while, from inside an actor: a flag file the relay looks for.
def drop(kind, on):
    """`kind`: 'ack-a' (pure ACKs from A), 'all-a', 'all-b'."""
    f = os.path.join(os.environ['EV_FLAGS'], kind)
    if on:
        open(f, 'w').close()
    else:
        os.unlink(f)


def relay(config):
    """In R: forward each frame between ra and rb after the delay, doing what the scenario asks."""
    import heapq
    import random
    import select
    flags_dir, cfg = config['flags'], config
    delay = cfg.get('delay', 10) / 1000
    rnd = random.Random(cfg.get('seed', 1))
    socks = {}
    for side in ('a', 'b'):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
        # PACKET_VNET_HDR: each frame comes with its virtio_net_hdr, whose gso_size says where
        # the sender's NIC would cut a GSO super-frame (a veth hands them on whole).
        s.setsockopt(263, 15, 1)
        s.bind((f'r{side}', 0))
        socks[side] = s
    other = {'a': 'b', 'b': 'a'}
    queue, n, stats = [], 0, {'dropped': 0, 'duplicated': 0, 'icmp': 0}
    dup_left = 1
    rules = [dict(side=r[0], kind=r[1], nth=r[2], action=r[3], seen=0) for r in cfg.get('rules', [])]
    print('ready', flush=True)
    while True:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 0.2
        readable, _, _ = select.select(list(socks.values()), [], [], timeout)
        if os.path.exists(os.path.join(flags_dir, 'stop')):
            print(json.dumps(stats), flush=True)
            return
        for side, s in socks.items():
            if s not in readable:
                continue
            data, addr = s.recvfrom(70000)
            vnet, frame = data[:10], data[10:]
            if addr[2] == 4 or frame[12:14] != b'\x08\x00':  # our own sends; not IPv4
                continue
            gso = struct.unpack_from('<H', vnet, 4)[0] if vnet[1] else 0
            for piece in split(frame, gso):
                tcp = tcp_of(piece)
                now = time.monotonic()
                if tcp is not None:
                    flags, length = tcp
                    if os.path.exists(os.path.join(flags_dir, f'all-{side}')) or (
                            flags == 0x10 and length == 0 and os.path.exists(os.path.join(flags_dir, f'ack-{side}'))):
                        stats['dropped'] += 1
                        continue
                    if cfg.get('drop_first_ack') == side and flags == 0x10 and length == 0:
                        del cfg['drop_first_ack']
                        stats['dropped'] += 1
                        continue
                    if 'loss' in cfg and side == cfg.get('loss_side', 'a') and length > 0 and rnd.random() < cfg['loss']:
                        stats['dropped'] += 1
                        continue
                    action = None
                    for r in rules:
                        if r['side'] == side and KINDS[r['kind']](flags, length):
                            r['seen'] += 1
                            if r['seen'] == r['nth']:
                                action = r['action']
                    if action == 'drop':
                        stats['dropped'] += 1
                        continue
                    if action == 'dup':
                        stats['duplicated'] += 1
                        n += 1
                        heapq.heappush(queue, (now + delay + 0.001, n, other[side], fixed(piece)))
                    if action == 'hold':
                        stats['held'] = stats.get('held', 0) + 1
                        n += 1
                        heapq.heappush(queue, (now + delay + 0.015, n, other[side], fixed(piece)))
                        continue
                    if 'dup' in cfg and dup_left and cfg['dup'][0] == side and flags & 0x1f == cfg['dup'][1]:
                        dup_left -= 1
                        stats['duplicated'] += 1
                        n += 1
                        heapq.heappush(queue, (now + delay + 0.001, n, other[side], fixed(piece)))
                    if 'mtu_b' in cfg and side == 'a' and len(piece) - 14 > cfg['mtu_b'] and piece[20] & 0x40:
                        stats['icmp'] += 1
                        n += 1
                        heapq.heappush(queue, (now + delay, n, 'a', frag_needed(piece, cfg['mtu_b'])))
                        continue
                n += 1
                heapq.heappush(queue, (now + delay, n, other[side], fixed(piece)))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, to, f = heapq.heappop(queue)
            socks[to].send(bytes(10) + f)  # no offload asked for


def tcp_of(frame):
    """(flags, payload length) of a TCP/IPv4 frame, else None."""
    if frame[23] != 6:
        return None
    ihl = (frame[14] & 15) * 4
    total = struct.unpack_from('!H', frame, 16)[0]
    tcp = 14 + ihl
    return frame[tcp + 13], total - ihl - (frame[tcp + 12] >> 4) * 4


def split(frame, gso):
    """A GSO super-frame from a veth as the segments of `gso` octets the sender's NIC would have sent."""
    if not gso or frame[23] != 6:
        return [frame]
    ihl = (frame[14] & 15) * 4
    total = struct.unpack_from('!H', frame, 16)[0]
    tcp = 14 + ihl
    off = (frame[tcp + 12] >> 4) * 4
    payload = frame[tcp + off:14 + total]
    seq = struct.unpack_from('!I', frame, tcp + 4)[0]
    flags = frame[tcp + 13]
    size = gso
    out = []
    for at in range(0, len(payload), size):
        chunk = payload[at:at + size]
        f = bytearray(frame[:tcp + off]) + chunk
        struct.pack_into('!H', f, 16, ihl + off + len(chunk))
        struct.pack_into('!I', f, tcp + 4, (seq + at) & 0xffffffff)
        f[tcp + 13] = flags if at + size >= len(payload) else flags & ~0x09
        out.append(bytes(f))
    return out


def fixed(frame):
    """The frame with its IPv4 and TCP checksums computed (veth leaves them to offload)."""
    f = bytearray(frame)
    ihl = (f[14] & 15) * 4
    total = struct.unpack_from('!H', f, 16)[0]
    f[24:26] = b'\0\0'
    f[24:26] = struct.pack('!H', checksum(bytes(f[14:14 + ihl])))
    if f[23] == 6:
        tcp = 14 + ihl
        f[tcp + 16:tcp + 18] = b'\0\0'
        pseudo = bytes(f[26:34]) + struct.pack('!BBH', 0, 6, total - ihl)
        f[tcp + 16:tcp + 18] = struct.pack('!H', checksum(pseudo + bytes(f[tcp:14 + total])))
    return bytes(f)


ROUTER = '10.7.0.254'


def frag_needed(frame, mtu):
    """ICMP destination unreachable, fragmentation needed (RFC 1191), from the relay to the sender."""
    ip = fixed(frame)[14:]
    quoted = ip[:(ip[0] & 15) * 4 + 8 + 20]
    icmp = struct.pack('!BBHHH', 3, 4, 0, 0, mtu) + quoted
    icmp = icmp[:2] + struct.pack('!H', checksum(icmp)) + icmp[4:]
    iph = struct.pack('!BBHHHBBH4s4s', 0x45, 0xc0, 20 + len(icmp), 0, 0, 64, 1, 0, socket.inet_aton(ROUTER), ip[12:16])
    iph = iph[:10] + struct.pack('!H', checksum(iph)) + iph[12:]
    return frame[6:12] + frame[0:6] + b'\x08\x00' + iph + icmp


# ---- the applications -------------------------------------------------------------------------

def say(**event):
    print(json.dumps(event), flush=True)


def listener(backlog=5, **opts):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if 'rcvbuf' in opts:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, opts['rcvbuf'])
    if 'defer' in opts:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, opts['defer'])
    s.bind((B, PORT))
    s.listen(backlog)
    say(ready=True)
    return s


def read_to_eof(c):
    n = 0
    while True:
        d = c.recv(65536)
        if not d:
            return n
        n += len(d)


def server(name):
    if name in ('accept-overflow', 'abort-on-overflow'):
        s = listener(backlog=0)
        time.sleep(2.5)
        conns = []
        for _ in range(2):
            s.settimeout(5)
            try:
                conns.append(s.accept()[0])
            except OSError:
                break
        for c in conns:
            try:
                read_to_eof(c)
            except OSError:
                pass
            c.close()
        return
    if name == 'reuse-after-fin-wait-2':
        s = listener()
        first = s.accept()[0]
        read_to_eof(first)  # then CLOSE_WAIT: never closed until the end
        second = s.accept()[0]
        read_to_eof(second)
        second.close()
        time.sleep(0.5)
        first.close()
        return
    if name == 'several-clients':
        s = listener()
        conns = [s.accept()[0] for _ in range(3)]
        for c in conns:
            read_to_eof(c)
            c.close()
        return
    if name == 'refused':
        say(ready=True)  # nobody listens
        return
    if name == 'both-ways':
        s = listener()
        c = s.accept()[0]
        got = b''
        while len(got) < 3000:
            got += c.recv(65536)
        c.sendall(got)
        read_to_eof(c)
        c.close()
        return
    if name == 'half-close':
        s = listener()
        c = s.accept()[0]
        read_to_eof(c)
        c.sendall(b'h' * 2000)
        c.close()
        return
    if name == 'server-closes-first':
        s = listener()
        c = s.accept()[0]
        c.sendall(b'hello there\r\n')
        c.close()
        time.sleep(0.5)
        return
    if name == 'loss-server-data':
        s = listener()
        c = s.accept()[0]
        c.recv(100)
        c.sendall(b's' * 32000)
        c.close()
        return
    opts = {}
    if name == 'zero-window-lost-update':
        opts['rcvbuf'] = 2048
    if name == 'defer-accept':
        opts['defer'] = 5
    s = listener(**opts)
    c = s.accept()[0]
    s.close()
    if name == 'zero-window-lost-update':
        time.sleep(1.5)
        drop('all-b', True)
        got = c.recv(65536)
        time.sleep(0.3)
        drop('all-b', False)
        read_to_eof(c)
        c.close()
        return
    if name == 'user-timeout':
        c.settimeout(6)
        try:
            read_to_eof(c)
        except OSError:
            pass
        c.close()
        return
    if name == 'syn-cookies' or name == 'defer-accept':
        c.recv(100)
        c.sendall(b'x' * 200)
    try:
        read_to_eof(c)
    except OSError:  # reset (abort-linger)
        pass
    c.close()


def client(name):
    peer = (B, PORT)
    if name in ('accept-overflow', 'abort-on-overflow'):
        socks = []
        for _ in range(2):
            c = socket.socket()
            c.setblocking(False)
            try:
                c.connect(peer)
            except BlockingIOError:
                pass
            socks.append(c)
        time.sleep(0.3)
        for c in socks:
            c.setblocking(True)
            try:
                c.sendall(b'hello')
            except OSError:
                pass
        time.sleep(4)
        for c in socks:
            c.close()
        return
    if name == 'reuse-after-fin-wait-2':
        c = socket.socket()
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind((A, 40000))
        c.connect(peer)
        c.sendall(b'first')
        c.close()  # FIN; the server never closes: FIN-WAIT-2, orphaned
        time.sleep(2.5)
        c = socket.socket()
        c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        c.bind((A, 40000))
        c.settimeout(10)
        c.connect(peer)
        c.sendall(b'second')
        c.close()
        return
    if name == 'several-clients':
        socks = []
        for _ in range(3):
            c = socket.socket()
            c.connect(peer)
            socks.append(c)
        for k, c in enumerate(socks):
            c.sendall(b'client %d\r\n' % k)
        time.sleep(0.1)
        for c in socks:
            c.close()
        return
    if name == 'refused':
        c = socket.socket()
        try:
            c.connect((B, PORT + 1))
        except OSError as e:
            say(error=e.strerror)
        c.close()
        return
    if name == 'both-ways':
        c = socket.socket()
        c.connect(peer)
        c.sendall(b'b' * 3000)
        got = 0
        while got < 3000:
            got += len(c.recv(65536))
        c.close()
        return
    if name == 'half-close':
        c = socket.socket()
        c.connect(peer)
        c.sendall(b'GET /\r\n')
        c.shutdown(socket.SHUT_WR)
        read_to_eof(c)
        c.close()
        return
    if name == 'server-closes-first':
        c = socket.socket()
        c.connect(peer)
        read_to_eof(c)
        time.sleep(0.2)
        c.close()
        return
    if name == 'loss-server-data':
        c = socket.socket()
        c.connect(peer)
        c.sendall(b'GET /\r\n')
        read_to_eof(c)
        c.close()
        return
    if name == 'abort-linger':
        c = socket.socket()
        c.connect(peer)
        c.sendall(b'hello')
        time.sleep(0.1)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        c.close()
        return
    c = socket.socket()
    if name == 'user-timeout':
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 1500)
    if name == 'lost-third-ack':
        c.connect(peer)  # the relay drops the third ACK
        time.sleep(1.5)
        c.sendall(b'x' * 100)
        c.close()
        return
    c.connect(peer)
    if name in ('bulk', 'loss-sack', 'loss-nosack'):
        c.sendall(b'x' * 48000)
    elif name in ('bulk-slow', 'loss-sack-3', 'loss-sack-10', 'loss-nosack-10', 'no-timestamps', 'no-timestamps-2', 'no-wscale'):
        c.sendall(b'x' * 32000)
    elif name == 'bulk-big':
        c.sendall(b'x' * 256000)
    elif name == 'loss-sack-big':
        c.sendall(b'x' * 160000)
    elif name in ('dup-data', 'reorder', 'reorder-2'):
        for _ in range(4):
            c.send(b'd' * 1000)
            time.sleep(0.002)
    elif name == 'pmtu':
        c.sendall(b'x' * 8000)
    elif name == 'nagle':
        for _ in range(8):
            c.send(b'y' * 50)
            time.sleep(0.003)
    elif name == 'zero-window-lost-update':
        c.sendall(b'z' * 24000)
    elif name == 'user-timeout':
        c.sendall(b'u' * 100)
        time.sleep(0.2)
        drop('all-a', True)
        c.sendall(b'v' * 100)
        try:
            c.recv(10)
        except OSError as e:
            say(error=e.strerror)
        drop('all-a', False)
        c.close()
        return
    elif name == 'forged-rst':
        c.sendall(b'a' * 100)
        time.sleep(0.2)
        inject = subprocess.Popen(['ip', 'netns', 'exec', os.environ['EV_R'], sys.executable, __file__, '--inject'], stdout=subprocess.PIPE, text=True)
        inject.stdout.readline()  # listening
        c.sendall(b'b' * 100)
        inject.wait(timeout=10)
        time.sleep(0.3)
        c.sendall(b'c' * 100)
    elif name in ('syn-cookies', 'defer-accept'):
        if name == 'defer-accept':
            time.sleep(1.5)
        c.sendall(b'GET / HTTP/1.0\r\n\r\n')
        c.recv(65536)
        time.sleep(0.1)
    else:
        c.sendall(b'hello')
    c.close()


def checksum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack(f'!{len(b) // 2}H', b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def inject():
    """In R: wait for the client's next segment toward B, then send B a RST from the client's address
    1000 octets past it (inside B's window, not at RCV.NXT: RFC 5961 §3.2 asks for a challenge ACK)."""
    sniff = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))  # ETH_P_ALL: the relay's sends too
    sniff.bind(('rb', 0))
    print('listening', flush=True)
    while True:
        frame = sniff.recv(70000)
        ip = frame[14:]
        if frame[12:14] != b'\x08\x00' or ip[9] != 6 or socket.inet_ntoa(ip[12:16]) != A:
            continue
        ihl = (ip[0] & 15) * 4
        tcp = ip[ihl:]
        total = struct.unpack('!H', ip[2:4])[0]
        sport, dport, seq = struct.unpack('!HHI', tcp[:8])
        length = total - ihl - (tcp[12] >> 4) * 4
        if length > 0:
            break
    rst = struct.pack('!HHIIBBHHH', sport, dport, (seq + length + 1000) % 2**32, 0, 5 << 4, 0x04, 0, 0, 0)
    pseudo = socket.inet_aton(A) + socket.inet_aton(B) + struct.pack('!BBH', 0, 6, len(rst))
    rst = rst[:16] + struct.pack('!H', checksum(pseudo + rst)) + rst[18:]
    iph = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(rst), 0x4242, 0, 64, 6, 0, socket.inet_aton(A), socket.inet_aton(B))
    iph = iph[:10] + struct.pack('!H', checksum(iph)) + iph[12:]
    mac = lambda m: bytes.fromhex(m.replace(':', ''))
    sniff.send(mac(MACS['b']) + mac(MACS['a']) + b'\x08\x00' + iph + rst)


# ---- the run -----------------------------------------------------------------------------------

FLAGS = f'/tmp/linux-evidence-{PID}'


def start(side, *args, **kw):
    env = dict(os.environ, EV_R=NS['r'], EV_FLAGS=FLAGS)
    return subprocess.Popen(['ip', 'netns', 'exec', NS[side], *args], env=env, text=True, **kw)


TRANSIENT = {'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'CLOSING', 'LAST-ACK'}


def ss_rows(side):
    rows = []
    for line in in_ns(side, 'ss', '-tanH').splitlines():
        c = line.split()
        if c and c[0] != 'LISTEN':
            rows.append({'state': c[0], 'local': c[3], 'peer': c[4]})
    return rows


def run(name):
    teardown()
    setup(name)
    os.makedirs(FLAGS, exist_ok=True)
    dumps = []
    rel = None
    try:
        config = dict({'seed': int(time.time())}, **RELAY.get(name, {}), flags=FLAGS)
        if os.environ.get('EVIDENCE_SEED'):  # another seed for the random loss
            config['seed'] = int(os.environ['EVIDENCE_SEED'])
        rel = start('r', sys.executable, __file__, '--relay', json.dumps(config), stdout=subprocess.PIPE)
        assert 'ready' in rel.stdout.readline()
        for side in ('a', 'b'):
            f = os.path.join(OUT, f'{name}.at-{side}.pcap')
            p = start(side, 'tcpdump', '-i', 'veth0', '-w', f, '--immediate-mode', '-U', '-s', '128', '-n', 'tcp or icmp', stderr=subprocess.PIPE)
            p.stderr.readline()  # "listening on veth0 …"
            dumps.append(p)
        srv = start('b', sys.executable, __file__, '--actor', 'server', name, stdout=subprocess.PIPE)
        assert 'ready' in srv.stdout.readline()
        cli = start('a', sys.executable, __file__, '--actor', 'client', name, stdout=subprocess.PIPE)
        cli_out, _ = cli.communicate(timeout=60)
        srv.communicate(timeout=60)
        if cli.returncode or srv.returncode:
            raise RuntimeError(f'{name}: an actor failed ({cli.returncode}, {srv.returncode})')
        deadline = time.time() + 15
        while True:
            rows = ss_rows('a') + ss_rows('b')
            if not any(r['state'] in TRANSIENT for r in rows) or time.time() > deadline:
                break
            time.sleep(0.05)
        time.sleep(0.2)
        open(os.path.join(FLAGS, 'stop'), 'w').close()
        stats = json.loads(rel.communicate(timeout=10)[0].strip().splitlines()[-1])
        info = {
            'scenario': name,
            'description': SCENARIOS[name],
            'kernel': os.uname().release,
            'ends': {'a': f'{A} (the client)', 'b': f'{B}:{PORT} (the server)'},
            'relay': stats,
            'ss': rows,
            'events': [json.loads(l) for l in cli_out.splitlines() if l.startswith('{')],
        }
        return info
    finally:
        for p in dumps:
            p.send_signal(2)
            p.wait(timeout=10)
        if rel and rel.poll() is None:
            rel.kill()
        subprocess.run(['rm', '-rf', FLAGS])
        teardown()


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--actor':
        (server if sys.argv[2] == 'server' else client)(sys.argv[3])
        return
    if len(sys.argv) > 1 and sys.argv[1] == '--relay':
        relay(json.loads(sys.argv[2]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == '--inject':
        inject()
        return
    if os.geteuid() != 0:
        sys.exit('linux-evidence.py needs root (it creates network namespaces)')
    os.makedirs(OUT, exist_ok=True)
    names = sys.argv[1:] or list(SCENARIOS)
    for name in names:
        for attempt in range(5):
            info = run(name)
            # A random loss that lost nothing proves nothing: run it again.
            if not (name.startswith('loss-') or name.startswith('no-timestamps')) or info['relay']['dropped'] > 0:
                break
        with open(os.path.join(OUT, f'{name}.json'), 'w') as f:
            f.write(json.dumps(info, indent=2) + '\n')
        print(f"{name}: relay {info['relay']}; ss {[(r['local'], r['state']) for r in info['ss']]}")


if __name__ == '__main__':
    main()
