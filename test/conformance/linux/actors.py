#!/usr/bin/env python3
"""The two ends of each Linux conformance scenario: real sockets on the machine's own kernel.

Run inside a network namespace as `actors.py SCENARIO ROLE HOST PORT [PEER_HOST PEER_PORT START]`.
Prints one JSON object per line: {"ready": true} once a server listens, and
{"endpoint": "ADDR:PORT", "state": "ESTABLISHED"} each time it reads the kernel's state of its
socket (TCP_INFO's tcpi_state), so the conformance script can compare them with the checker's.
"""

import json
import select
import socket
import struct
import sys
import time

STATES = {1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECEIVED', 4: 'FIN_WAIT_1', 5: 'FIN_WAIT_2', 6: 'TIME_WAIT',
          7: 'CLOSED', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING'}


def say(**event):
    print(json.dumps(event), flush=True)


def state(sock):
    """Report the kernel's state of this socket."""
    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)
    host, port = sock.getsockname()[:2]
    endpoint = f'[{host}]:{port}' if ':' in host else f'{host}:{port}'
    say(endpoint=endpoint, state=STATES.get(info[0], str(info[0])))


def listen_socket(host, port, rcvbuf=None):
    """A listening socket; says it is ready."""
    s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((host, port))
    s.listen(5)
    say(ready=True)
    return s


def listen(host, port, rcvbuf=None):
    """The one connection of a listener that closes after accepting it."""
    s = listen_socket(host, port, rcvbuf)
    conn, _ = s.accept()
    s.close()
    return conn


def serve_until_eof(host, port, then=None, rcvbuf=None, pause=0):
    """Accept one connection, read until the client's FIN (after `pause` s), do `then`, close."""
    c = listen(host, port, rcvbuf)
    state(c)
    time.sleep(pause)
    read_to_eof(c)
    state(c)
    if then:
        then(c)
    c.close()


def serve_many(host, port, n, handle, fast_open=False):
    """Accept n connections one after the other, each handled then closed."""
    s = listen_socket(host, port)
    if fast_open:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, 5)
    for _ in range(n):
        c, _ = s.accept()
        handle(c)
        c.close()
    s.close()


def connect(peer):
    """Connect and report the state."""
    c = socket.create_connection(peer)
    state(c)
    return c


def read_to_eof(sock):
    data = b''
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def expect_reset(sock):
    try:
        sock.recv(100)
    except ConnectionResetError:
        say(reset=True)
        return
    say(reset=False)


def bound_socket(host, port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    return s


def until(t):
    delay = t - time.time()
    if delay > 0:
        time.sleep(delay)


def send_two_segments(c):
    """Two data segments back to back (no Nagle), so the relay can reorder or repeat the first."""
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.send(b'a' * 100)
    c.send(b'b' * 100)
    time.sleep(0.2)


def send_six_segments(c):
    """Six 1000-byte segments back to back (no Nagle)."""
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for i in range(6):
        c.send(bytes([97 + i]) * 1000)
    time.sleep(0.5)


def idle_with_keepalive(c):
    """Keepalive probes after 1 s idle, every 1 s, answered by the server."""
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    time.sleep(2.5)


def unanswered_keepalive(c):
    """Keepalive probes after 1 s idle, every 1 s, three at most: the relay mutes the server, so
    the kernel gives up and resets the connection."""
    c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)
    try:
        c.recv(100)
    except (TimeoutError, OSError) as e:
        say(error=type(e).__name__)
    state(c)


def send_urgent(c):
    c.sendall(b'abc')
    c.send(b'!', socket.MSG_OOB)


CLIENT_PARTS = {
    'reordered': send_two_segments,
    'duplicated': send_two_segments,
    'sack-two-holes': send_six_segments,
    'keepalive': idle_with_keepalive,
    'keepalive-unanswered': unanswered_keepalive,
    # The server reads nothing for 1.5 s (4 KB receive buffer): the window closes, the client probes.
    'zero-window': lambda c: c.sendall(b'z' * 20000),
    'urgent': send_urgent,
}


def main():
    scenario, role, host, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    peer = (sys.argv[5], int(sys.argv[6])) if len(sys.argv) > 6 else None
    start = float(sys.argv[7]) if len(sys.argv) > 7 else 0.0
    server = role == 'server'

    if scenario in ('open-close', 'lost-synack', 'lost-fin', 'lost-data', 'bulk', 'ipv6', 'ecn-handshake', 'both-ends'):
        payload = b'x' * 1_000_000 if scenario == 'bulk' else b'hello'
        if server:
            serve_until_eof(host, port)
        else:
            c = connect(peer)
            c.sendall(payload)
            c.close()
    elif scenario == 'server-closes-first':
        if server:
            c = listen(host, port)
            state(c)
            c.sendall(b'bye')
            c.close()
        else:
            c = socket.create_connection(peer)
            state(c)
            read_to_eof(c)
            state(c)
            c.close()
    elif scenario == 'half-close':
        if server:
            serve_until_eof(host, port, lambda c: c.sendall(b'response after the first FIN'))
        else:
            c = socket.create_connection(peer)
            state(c)
            c.sendall(b'request')
            c.shutdown(socket.SHUT_WR)
            c.recv(1)
            state(c)
            read_to_eof(c)
            c.close()
    elif scenario == 'refused':
        try:
            socket.create_connection(peer)
            say(refused=False)
        except ConnectionRefusedError:
            say(refused=True)
    elif scenario == 'abort-linger0':
        if server:
            c = listen(host, port)
            state(c)
            c.recv(5)
            c.sendall(b'ok')
            expect_reset(c)
        else:
            c = socket.create_connection(peer)
            state(c)
            c.sendall(b'hello')
            c.recv(2)
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            c.close()
    elif scenario == 'close-unread':
        if server:
            c = listen(host, port)
            state(c)
            select.select([c], [], [])
            c.close()  # unread data: the kernel sends RST (RFC 1122 §4.2.2.13)
        else:
            c = socket.create_connection(peer)
            state(c)
            c.sendall(b'data nobody reads')
            expect_reset(c)
    elif scenario == 'simultaneous-open':
        s = bound_socket(host, port)
        until(start)
        s.connect(peer)
        state(s)
        if server:
            read_to_eof(s)
            state(s)
            s.close()
        else:
            s.sendall(b'hi')
            s.close()
    elif scenario == 'simultaneous-close':
        if server:
            c = listen(host, port)
            state(c)
            at = float(c.recv(64).decode())
        else:
            c = socket.create_connection(peer)
            state(c)
            at = time.time() + 0.5
            c.sendall(str(at).encode())
        until(at)
        c.close()
    elif scenario in CLIENT_PARTS:
        # The server reads until the client's FIN; the client does what the scenario is about.
        if server and scenario == 'keepalive-unanswered':
            # The client's probes never get an answer; its RST ends the connection here.
            c = listen(host, port)
            state(c)
            expect_reset(c)
            state(c)
            c.close()
        elif server:
            serve_until_eof(host, port, rcvbuf=4096 if scenario == 'zero-window' else None, pause=1.5 if scenario == 'zero-window' else 0)
        else:
            c = connect(peer)
            CLIENT_PARTS[scenario](c)
            c.close()
    elif scenario == 'simultaneous-close-data':
        # Both send 2 KB and shut down at the same moment: data and FINs in flight both ways.
        if server:
            c = listen(host, port)
            at = float(c.recv(64).decode())
        else:
            c = connect(peer)
            at = time.time() + 0.5
            c.sendall(str(at).encode().ljust(64))
        state(c)
        until(at)
        c.sendall(b'd' * 2048)
        c.shutdown(socket.SHUT_WR)
        state(c)
        read_to_eof(c)
        time.sleep(0.5)
        state(c)
        c.close()
    elif scenario == 'fast-open':
        # TCP Fast Open (net.ipv4.tcp_fastopen=3): a first connection fetches a cookie, the
        # second carries its data on the SYN.
        if server:
            serve_many(host, port, 2, lambda c: (state(c), read_to_eof(c), state(c)), fast_open=True)
        else:
            for _ in range(2):
                c = socket.socket()
                c.sendto(b'fast open data', socket.MSG_FASTOPEN, peer)
                state(c)
                time.sleep(0.2)
                c.close()
                time.sleep(0.2)
    elif scenario == 'twenty-connections':
        # Twenty short connections to one listener, one after the other.
        if server:
            serve_many(host, port, 20, read_to_eof)
        else:
            for i in range(20):
                c = socket.create_connection(peer)
                c.sendall(b'request %d' % i)
                c.close()
                time.sleep(0.02)
    elif scenario == 'time-wait-reuse':
        # The server closes first (it keeps TIME-WAIT); the client connects again from the same
        # port, and Linux lets the new SYN reopen the pair.
        if server:
            serve_many(host, port, 2, lambda c: (state(c), c.sendall(b'bye')))
        else:
            for _ in range(2):
                c = bound_socket(host, 40000)
                c.connect(peer)
                state(c)
                read_to_eof(c)
                c.close()
                time.sleep(0.3)
    elif scenario == 'rst-fin-wait-2':
        # The client shuts down its side, then aborts from FIN-WAIT-2.
        if server:
            # Keep the socket open (CLOSE-WAIT) until the client's RST, and report it.
            serve_until_eof(host, port, lambda c: (time.sleep(1.0), state(c)))
        else:
            c = connect(peer)
            c.shutdown(socket.SHUT_WR)
            time.sleep(0.3)
            state(c)  # FIN-WAIT-2
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            c.close()
    else:
        raise SystemExit(f'unknown scenario {scenario}')


main()
