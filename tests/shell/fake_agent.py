# A tiny SNMPv1/v2c responder for the value-rendering tests of snmpsh:
# it answers every GET (any community) with, for OID ...9999.N.0, the value
# number N of the table below, encoded by hand so that every wire type and
# edge case (Opaque-wrapped float/double/int64, control characters, long
# binary strings, exceptions) can be served.  Usage: fake_agent.py PORT
# READY_FILE.  It writes READY_FILE once bound, and exits by itself after
# 120 s without a request.  A SET is answered with its own varbinds.
# Loopback only.
import socket, struct, sys

def tlv_parse(b, i):
    t = b[i]; i += 1
    l = b[i]; i += 1
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i:i+n], 'big'); i += n
    return t, b[i:i+l], i + l
def enc_len(n):
    if n < 128: return bytes([n])
    s = n.to_bytes((n.bit_length()+7)//8, 'big'); return bytes([0x80|len(s)]) + s
def tlv(t, v): return bytes([t]) + enc_len(len(v)) + v
def enc_int(i):
    n = 1
    while True:
        try: return tlv(2, i.to_bytes(n, 'big', signed=True))
        except OverflowError: n += 1
def enc_uint(t, u):
    return tlv(t, u.to_bytes(max(1,(u.bit_length()+8)//8), 'big'))
def enc_oid_body(arcs):
    out = bytes([arcs[0]*40+arcs[1]])
    for a in arcs[2:]:
        s = [a & 0x7f]; a >>= 7
        while a: s.append(0x80 | (a & 0x7f)); a >>= 7
        out += bytes(reversed(s))
    return out
def dec_oid(b):
    arcs = [b[0]//40, b[0]%40]; v = 0
    for c in b[1:]:
        v = (v << 7) | (c & 0x7f)
        if not c & 0x80: arcs.append(v); v = 0
    return arcs
def s(x): return tlv(4, x)
VALS = {
 1: s(b"Linux box"), 2: s(b""), 3: s(b"ab\x01cd"), 4: s(b'a"b\\c'),
 5: s(b"line1\nline2"), 6: s(bytes(range(17))), 7: s(bytes(range(32))),
 8: s(bytes(range(33))), 9: enc_uint(0x43, 1234), 10: enc_uint(0x43, 8640000),
 11: enc_uint(0x43, 17280123), 12: tlv(6, enc_oid_body([1,3,6,1,4,1,8072,3,2,10])),
 13: tlv(0x40, bytes([192,168,1,254])), 14: enc_uint(0x41, 4294967295),
 15: enc_uint(0x42, 42), 16: enc_uint(0x46, 18446744073709551615), 17: enc_uint(0x47, 7),
 18: tlv(0x44, b"\x01\x02\x03"), 19: tlv(0x44, b"\x9f\x78\x04" + struct.pack(">f", 1.5)),
 20: tlv(0x44, b"\x9f\x79\x08" + struct.pack(">d", -2.25)),
 21: tlv(0x44, b"\x9f\x7a\x01\xff"), 22: tlv(0x44, b"\x9f\x7b\x02\x01\x00"),
 23: tlv(0x44, b"\x9f\x76\x02\x01\x00"), 24: tlv(5, b""), 25: tlv(0x45, b"\x01\x02"),
 26: enc_int(-5), 27: s(b"abc\x00"), 28: s(b"caf\xc3\xa9"), 29: s(b"tab\there"),
 30: tlv(0x80, b""), 31: tlv(0x81, b""), 32: tlv(0x82, b""), 33: s(b"x\r\ny\x1b[31m"),
 34: tlv(0x40, b"\x01\x02\x03"), 35: enc_uint(0x43, 0), 36: tlv(6, enc_oid_body([0,0])),
 37: s(b"a\x00"), 38: s(bytes(range(16))), 39: enc_int(2147483647), 40: tlv(0x44, b""),
 41: tlv(0x44, b"\x9f\x78\x04\x40\x49\x0f\xdb"), 42: tlv(0x44, b"\x9f\x7b\x09\x00\xff\xff\xff\xff\xff\xff\xff\xff"),
}
port = int(sys.argv[1])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); sock.bind(("127.0.0.1", port))
sock.settimeout(120)
with open(sys.argv[2], "w") as f:
    f.write("ready\n")
while True:
    try:
        data, peer = sock.recvfrom(65535)
    except socket.timeout:
        sys.exit(0)
    _, msg, _ = tlv_parse(data, 0)
    _, ver, i = tlv_parse(msg, 0); _, comm, i = tlv_parse(msg, i); ptype, pdu, _ = tlv_parse(msg, i)
    _, reqid, j = tlv_parse(pdu, 0); _, _, j = tlv_parse(pdu, j); _, _, j = tlv_parse(pdu, j)
    _, vbl, _ = tlv_parse(pdu, j)
    k = 0; out = b""; errstat = 0; errindex = 0
    while k < len(vbl):
        _, vb, k = tlv_parse(vbl, k); _, oidb, m = tlv_parse(vb, 0)
        arcs = dec_oid(oidb); n = arcs[-2] if len(arcs) > 1 else 0
        if ptype == 0xa3:
            # SET: echo the varbind, so the manager's encoding shows
            out += tlv(0x30, vb)
        elif ptype == 0xa1 and arcs[:7] == [1, 3, 6, 1, 4, 1, 9998]:
            # GETNEXT under 9998: .2.0, then a non-increasing .1.0
            nxt = [1, 3, 6, 1, 4, 1, 9998, 1 if arcs[7:] else 2, 0]
            out += tlv(0x30, tlv(6, enc_oid_body(nxt)) + enc_int(1))
        elif ptype == 0xa1 and arcs[:7] == [1, 3, 6, 1, 4, 1, 9997]:
            # GETNEXT under 9997: genErr on the first varbind
            errstat = 5; errindex = 1
            out += tlv(0x30, tlv(6, oidb) + tlv(5, b""))
        else:
            out += tlv(0x30, tlv(6, oidb) + VALS.get(n, tlv(0x80, b"")))
    body = tlv(2, reqid) + enc_int(errstat) + enc_int(errindex) + tlv(0x30, out)
    resp = tlv(0x30, tlv(2, ver) + tlv(4, comm) + tlv(0xa2, body))
    sock.sendto(resp, peer)
