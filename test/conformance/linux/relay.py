#!/usr/bin/env python3
"""A relay between two network namespaces, for Linux conformance scenarios that need the
network to delay segments (so that they cross) or lose them.

Run in the relay's own namespace as `relay.py IF_A IF_B DELAY_MS [RULE…]`. It forwards every
IPv4 frame arriving on one interface out of the other after DELAY_MS, recomputing checksums
(veth leaves them to offload). A RULE `a:SA` drops the first segment from the A side whose flags
are exactly SYN+ACK; `b:F` the first from B with FIN; `a:D` the first from A carrying data.
`a:D3` drops A's third data segment (retransmissions count too).
`a:DUP` forwards A's first data segment twice (1 ms apart); `a:HOLD` holds it 30 ms longer, so
the next one overtakes it. `b:MUTE` drops everything from B once the other side has sent a
keepalive probe (no data, seq one below the highest it sent). Prints {"ready": true}, then {"dropped": {...}} for each segment it
drops and {"mangled": {...}} for each it duplicates or holds. Stops on SIGTERM.
"""

import heapq
import json
import select
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
FLAG_BITS = {'F': 0x01, 'S': 0x02, 'R': 0x04, 'P': 0x08, 'A': 0x10}


def checksum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack(f'!{len(data) // 2}H', data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def fix_checksums(frame):
    """Recompute the IPv4 header and TCP checksums of an Ethernet frame."""
    f = bytearray(frame)
    ip = 14
    ihl = (f[ip] & 0x0F) * 4
    total = struct.unpack_from('!H', f, ip + 2)[0]
    f[ip + 10:ip + 12] = b'\0\0'
    f[ip + 10:ip + 12] = struct.pack('!H', checksum(bytes(f[ip:ip + ihl])))
    if f[ip + 9] == 6:
        tcp = ip + ihl
        seg_len = total - ihl
        f[tcp + 16:tcp + 18] = b'\0\0'
        pseudo = bytes(f[ip + 12:ip + 20]) + struct.pack('!BBH', 0, 6, seg_len)
        f[tcp + 16:tcp + 18] = struct.pack('!H', checksum(pseudo + bytes(f[tcp:tcp + seg_len])))
    return bytes(f)


def segments_of(frame, mtu=1500):
    """A frame larger than the MTU (veth hands on GSO super-frames) as MTU-sized TCP segments,
    as the sender's NIC would have cut them; any other frame as it is."""
    if len(frame) <= 14 + mtu or frame[12:14] != b'\x08\x00' or frame[23] != 6:
        return [frame]
    ip = 14
    ihl = (frame[ip] & 0x0F) * 4
    total = struct.unpack_from('!H', frame, ip + 2)[0]
    tcp = ip + ihl
    off = (frame[tcp + 12] >> 4) * 4
    payload = frame[tcp + off:ip + total]
    seq = struct.unpack_from('!I', frame, tcp + 4)[0]
    flags = frame[tcp + 13]
    size = mtu - ihl - off
    out = []
    for at in range(0, len(payload), size):
        chunk = payload[at:at + size]
        last = at + size >= len(payload)
        f = bytearray(frame[:tcp + off]) + chunk
        struct.pack_into('!H', f, ip + 2, ihl + off + len(chunk))
        struct.pack_into('!I', f, tcp + 4, (seq + at) & 0xFFFFFFFF)
        f[tcp + 13] = flags if last else flags & ~0x09  # FIN and PSH only on the last piece
        out.append(bytes(f))
    return out


def tcp_view(frame):
    """(flags, payload length, seq, src port, dst port) of a TCP/IPv4 frame, else None."""
    if len(frame) < 34 or frame[12:14] != b'\x08\x00' or frame[23] != 6:
        return None
    ihl = (frame[14] & 0x0F) * 4
    total = struct.unpack_from('!H', frame, 16)[0]
    tcp = 14 + ihl
    off = (frame[tcp + 12] >> 4) * 4
    sport, dport, seq = struct.unpack_from('!HHI', frame, tcp)
    return frame[tcp + 13], total - ihl - off, seq, sport, dport


def matches(rule, view, data_seen):
    """Does the rule take this segment? `data_seen`: data segments from its side so far, this one included."""
    flags, length, *_ = view
    if rule in ('D', 'DUP', 'HOLD'):
        return length > 0
    if rule[0] == 'D' and rule[1:].isdigit():
        return length > 0 and data_seen == int(rule[1:])
    want = 0
    for c in rule:
        want |= FLAG_BITS[c]
    return (flags & 0x1F) == want if rule == 'SA' else (flags & want) == want


def main():
    if_a, if_b, delay = sys.argv[1], sys.argv[2], float(sys.argv[3]) / 1000
    rules = [r.split(':') for r in sys.argv[4:]]
    data_seen = {'a': 0, 'b': 0}
    highest = {'a': None, 'b': None}
    muted = set()
    mute = [r for r in rules if r[1] == 'MUTE']
    rules = [r for r in rules if r[1] != 'MUTE']
    socks = {}
    for side, name in (('a', if_a), ('b', if_b)):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((name, 0))
        socks[side] = s
    other = {'a': socks['b'], 'b': socks['a']}
    running = [True]
    signal.signal(signal.SIGTERM, lambda *_: running.__setitem__(0, False))
    queue = []
    n = 0
    print(json.dumps({'ready': True}), flush=True)
    while running[0]:
        timeout = max(0.0, queue[0][0] - time.monotonic()) if queue else 0.2
        try:
            readable, _, _ = select.select(list(socks.values()), [], [], timeout)
        except InterruptedError:
            continue
        for side, s in socks.items():
            if s not in readable:
                continue
            frame, addr = s.recvfrom(70000)
            if addr[2] == PACKET_OUTGOING or frame[12:14] != b'\x08\x00':
                continue
            view = tcp_view(frame)
            if view is not None:
                flags, length, seq = view[0], view[1], view[2]
                end = (seq + length + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF
                if highest[side] is not None and length == 0 and flags & 0x1F == 0x10 and seq == (highest[side] - 1) & 0xFFFFFFFF:
                    muted.update(r[0] for r in mute if r[0] != side)
                if highest[side] is None or 0 < (end - highest[side]) & 0xFFFFFFFF < 0x80000000:
                    highest[side] = end
                if side in muted:
                    print(json.dumps({'dropped': {'side': side, 'rule': 'MUTE', 'seq': seq, 'sport': view[3], 'dport': view[4]}}), flush=True)
                    continue
                if view[1] > 0:
                    data_seen[side] += 1
                hit = next((r for r in rules if r[0] == side and matches(r[1], view, data_seen[side])), None)
                if hit is not None:
                    rules.remove(hit)
                    kind = 'mangled' if hit[1] in ('DUP', 'HOLD') else 'dropped'
                    print(json.dumps({kind: {'side': side, 'rule': hit[1], 'seq': view[2], 'sport': view[3], 'dport': view[4]}}), flush=True)
                    if kind == 'dropped':
                        continue
                    extra = 0.030 if hit[1] == 'HOLD' else 0.0
                    if hit[1] == 'DUP':
                        n += 1
                        heapq.heappush(queue, (time.monotonic() + delay + 0.001, n, side, fix_checksums(frame)))
                    n += 1
                    heapq.heappush(queue, (time.monotonic() + delay + extra, n, side, fix_checksums(frame)))
                    continue
            for piece in segments_of(frame):
                n += 1
                heapq.heappush(queue, (time.monotonic() + delay, n, side, fix_checksums(piece)))
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, side, frame = heapq.heappop(queue)
            other[side].send(frame)


main()
