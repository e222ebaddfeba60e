#!/usr/bin/env python3
"""The kernel's side of `tcpflow-cli run`: a TUN device and one real socket, in a network
namespace of their own (the runner starts this under `unshare --net`).

Standard library only. Node has neither ioctl nor raw sockets, so this small process does what
needs them and nothing else; the runner (src/kernel/*.ts) decides what to send and judges what
the kernel sent. It talks JSON, one object a line: commands on standard input, events on
standard output.

Set-up: opens /dev/net/tun (TUNSETIFF: IFF_TUN | IFF_NO_PI, one IP packet per read and write),
gives the device the kernel's address (10.77.0.1/24, so 10.77.0.2, tcpflow's end, is routed into
it) and brings it up, then prints {"ready": true}.

Commands ({"op": …}):
  sysctl   {name, value}         write /proc/sys/<name with dots as slashes> (this namespace's own)
  listen   {port, sockopts}      a listening socket; its first connection is accepted and kept
  connect  {port, peer, sockopts} a non-blocking connect from port (0: any) to peer [addr, port]
  write    {hex}                 the application writes these octets
  shutdown                       shutdown(SHUT_WR): the FIN, the socket still reads
  close                          close()
  abort                          SO_LINGER 0, then close(): RST instead of FIN
  inject   {hex}                 hand this IP packet to the kernel as received on the TUN device:
                                 first every packet the kernel has sent so far is read and told,
                                 then the packet is written and {"ev": "sent"} says so (so the
                                 runner records it in the order the kernel saw it)
  state    {lport, rport}        the connection's state (sock_diag), {"ev": "state", …}
  reset                          close every socket (SO_LINGER 0): the next run starts clean
  quit
Events ({"ev": …}): pkt {hex, t} (an IPv4 TCP packet the kernel sent, t in ms), sent {t}, accepted,
connect {err}, recv {len}, eof, reset {err}, state {state, listening}, error {message}.
Every socket option is [level, name, value] as numbers: the runner knows which it wants.
"""

import errno
import fcntl
import json
import os
import select
import socket
import struct
import sys
import time

TUNSETIFF = 0x400454ca
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
SIOCSIFADDR, SIOCSIFNETMASK, SIOCGIFFLAGS, SIOCSIFFLAGS = 0x8916, 0x891c, 0x8913, 0x8914
IFF_UP = 0x1
LOCAL = '10.77.0.1'
NETLINK_SOCK_DIAG, SOCK_DIAG_BY_FAMILY = 4, 20
NLM_F_REQUEST, NLM_F_DUMP, NLMSG_DONE, NLMSG_ERROR = 0x1, 0x300, 3, 2
# Linux's numbering (include/net/tcp_states.h), in the language's names.
STATES = {1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECEIVED', 4: 'FIN_WAIT_1', 5: 'FIN_WAIT_2', 6: 'TIME_WAIT', 7: 'CLOSED',
          8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING', 12: 'SYN_RECEIVED'}
T0 = time.monotonic()


def say(**event):
    sys.stdout.write(json.dumps(event) + '\n')
    sys.stdout.flush()


def now_ms():
    return round((time.monotonic() - T0) * 1000, 3)


def read_tun(tun):
    """Tells every packet the kernel has written to the TUN device and not yet told."""
    while True:
        try:
            pkt = os.read(tun, 65536)
        except BlockingIOError:
            return
        if len(pkt) >= 20 and pkt[0] >> 4 == 4 and pkt[9] == 6:
            say(ev='pkt', hex=pkt.hex(), t=now_ms())


def ifreq_addr(name, addr):
    return struct.pack('16sH2s4s8s', name, socket.AF_INET, b'\0\0', socket.inet_aton(addr), b'\0' * 8)


def open_tun(name=b'tf0'):
    """The TUN device, up, with the kernel's address: every packet to 10.77.0.0/24 comes out here."""
    fd = os.open('/dev/net/tun', os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH22s', name, IFF_TUN | IFF_NO_PI, b'\0' * 22))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    fcntl.ioctl(s, SIOCSIFADDR, ifreq_addr(name, LOCAL))
    fcntl.ioctl(s, SIOCSIFNETMASK, ifreq_addr(name, '255.255.255.0'))
    flags = struct.unpack_from('16sH', fcntl.ioctl(s, SIOCGIFFLAGS, struct.pack('16sH22s', name, 0, b'\0' * 22)))[1]
    fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack('16sH22s', name, flags | IFF_UP, b'\0' * 22))
    s.close()
    return fd


def diag_state(lport, rport):
    """The state of the IPv4 TCP socket LOCAL:lport <-> 10.77.0.2:rport, from sock_diag (it sees
    SYN_RECEIVED request sockets and TIME_WAIT, which an application's socket no longer shows)."""
    nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
    try:
        sockid = struct.pack('!HH16s16sI8s', 0, 0, b'\0' * 16, b'\0' * 16, 0, b'\xff' * 8)
        req = struct.pack('BBBBI', socket.AF_INET, socket.IPPROTO_TCP, 0, 0, 0xFFFFFFFF) + sockid
        nl.send(struct.pack('IHHII', 16 + len(req), SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, 1, 0) + req)
        found, listening = [], False
        while True:
            data = nl.recv(65536)
            at = 0
            while at + 16 <= len(data):
                length, kind = struct.unpack_from('IH', data, at)
                if kind in (NLMSG_DONE, NLMSG_ERROR):
                    return found, listening
                state = data[at + 17]
                sport, dport = struct.unpack_from('!HH', data, at + 20)
                if state == 10 and sport == lport:
                    listening = True
                elif sport == lport and dport == rport:
                    found.append(STATES.get(state, str(state)))
                at += (length + 3) & ~3
            if not data:
                return found, listening
    finally:
        nl.close()


class Kernel:
    def __init__(self, tun):
        self.tun = tun
        self.listener = None
        self.sock = None
        self.connecting = False
        self.reading = False
        self.pending = b''

    def apply(self, s, sockopts):
        for level, name, value in sockopts:
            s.setsockopt(level, name, struct.pack('ii', value[0], value[1]) if isinstance(value, list) else value)

    def command(self, c):
        op = c['op']
        if op == 'sysctl':
            with open('/proc/sys/' + c['name'].replace('.', '/'), 'w') as f:
                f.write(str(c['value']))
        elif op == 'listen':
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.apply(s, c.get('sockopts', []))
            s.bind((LOCAL, c['port']))
            s.listen(8)
            s.setblocking(False)
            self.listener = s
        elif op == 'connect':
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.apply(s, c.get('sockopts', []))
            s.bind((LOCAL, c.get('port', 0)))
            s.setblocking(False)
            err = s.connect_ex(tuple(c['peer']))
            self.sock = s
            say(ev='bound', port=s.getsockname()[1])
            if err in (errno.EINPROGRESS, 0):
                self.connecting = True
            else:
                say(ev='connect', err=errno.errorcode.get(err, str(err)))
        elif op == 'write':
            self.pending += bytes.fromhex(c['hex'])
            self.flush()
        elif op == 'shutdown':
            self.sock.shutdown(socket.SHUT_WR)
        elif op in ('close', 'abort'):
            s = self.sock or self.listener
            if s is not None:
                if op == 'abort':
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                s.close()
            if s is self.sock:
                self.sock = None
            else:
                self.listener = None
            self.reading = False
        elif op == 'reset':
            # The next run in this namespace starts clean: every socket goes, with RST, not FIN.
            for s in (self.sock, self.listener):
                if s is not None:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
                    s.close()
            self.sock = self.listener = None
            self.connecting = self.reading = False
            self.pending = b''
        elif op == 'inject':
            read_tun(self.tun)
            os.write(self.tun, bytes.fromhex(c['hex']))
            say(ev='sent', t=now_ms())
        elif op == 'state':
            found, listening = diag_state(c['lport'], c['rport'])
            # A connection in TIME_WAIT may also leave its application's socket (CLOSED) behind.
            best = next((s for s in found if s != 'CLOSED'), found[0] if found else None)
            say(ev='state', state=best, all=found, listening=listening or self.listener is not None)
        elif op == 'quit':
            raise SystemExit(0)

    def flush(self):
        if self.sock is None or not self.pending:
            return
        try:
            n = self.sock.send(self.pending)
            self.pending = self.pending[n:]
        except BlockingIOError:
            pass
        except OSError as e:
            say(ev='error', message='write: ' + str(e))
            self.pending = b''

    def readable(self):
        return [s for s in (self.listener, self.sock if (self.reading and not self.connecting) else None) if s is not None]

    def on_readable(self, s):
        if s is self.listener:
            conn, _ = s.accept()
            conn.setblocking(False)
            self.sock, self.reading = conn, True
            # Its one connection accepted, the listener goes (as a server that serves one client).
            s.close()
            self.listener = None
            say(ev='accepted')
            return
        try:
            data = s.recv(65536)
        except BlockingIOError:
            return
        except OSError as e:
            say(ev='reset', err=errno.errorcode.get(e.errno, str(e.errno)))
            self.reading = False
            return
        if data:
            say(ev='recv', len=len(data))
        else:
            say(ev='eof')
            self.reading = False

    def on_writable(self):
        if self.connecting:
            self.connecting = False
            err = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            say(ev='connect', err=errno.errorcode.get(err, str(err)) if err else None)
            self.reading = err == 0
        self.flush()


def main():
    try:
        tun = open_tun()
    except OSError as e:
        say(ev='fatal', message=f'cannot create a TUN device: {e}')
        return 3
    k = Kernel(tun)
    say(ready=True)
    buf = b''
    stdin = sys.stdin.fileno()
    while True:
        reads = [stdin, tun] + k.readable()
        writes = [k.sock] if k.sock is not None and (k.connecting or k.pending) else []
        r, w, _ = select.select(reads, writes, [], 1.0)
        if tun in r:
            read_tun(tun)
        for s in k.readable():
            if s in r:
                k.on_readable(s)
        if w:
            k.on_writable()
        if stdin in r:
            chunk = os.read(stdin, 65536)
            if not chunk:
                return 0
            buf += chunk
            while b'\n' in buf:
                line, buf = buf.split(b'\n', 1)
                if line.strip():
                    try:
                        k.command(json.loads(line))
                    except SystemExit:
                        return 0
                    except (OSError, ValueError, KeyError, AttributeError) as e:
                        say(ev='error', message=f'{json.loads(line).get("op", "?")}: {e}')
                    say(ev='done')


sys.exit(main())
