#!/usr/bin/python3
"""Send N copies of an SNMPv2c trap (community "public", sysUpTime.0 and
snmpTrapOID.0 = coldStart, request-id counting up) to 127.0.0.1:PORT as
fast as the socket takes them, for the listener burst test; print
"sent N in S seconds".  The message is BER-encoded here (RFC 3416 §3,
X.690 definite lengths) so the sender costs nothing.

Usage: burst_send.py PORT N
"""

import socket
import sys
import time


def tlv(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    return bytes([tag, 0x82, n >> 8, n & 0xff]) + content


def integer(v):
    return tlv(0x02, v.to_bytes(4, 'big', signed=True))


def oid(arcs):
    out = bytes([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        b = [a & 0x7f]
        a >>= 7
        while a:
            b.insert(0, 0x80 | (a & 0x7f))
            a >>= 7
        out += bytes(b)
    return tlv(0x06, out)


def message(rid):
    vbs = tlv(0x30, oid([1, 3, 6, 1, 2, 1, 1, 3, 0]) +
              tlv(0x43, rid.to_bytes(4, 'big'))) + \
        tlv(0x30, oid([1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0]) +
            oid([1, 3, 6, 1, 6, 3, 1, 1, 5, 1]))
    pdu = tlv(0xa7, integer(rid) + integer(0) + integer(0) + tlv(0x30, vbs))
    return tlv(0x30, integer(1) + tlv(0x04, b'public') + pdu)


def main():
    port, n = int(sys.argv[1]), int(sys.argv[2])
    msgs = [message(i + 1) for i in range(n)]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    t0 = time.monotonic()
    for m in msgs:
        s.sendto(m, ('127.0.0.1', port))
    dt = time.monotonic() - t0
    print('sent %d in %.3f seconds' % (n, dt), flush=True)


if __name__ == '__main__':
    main()
