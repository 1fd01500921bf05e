#!/usr/bin/python3
"""A PySNMP (4.4) command responder for the interop tests: SNMPv1 and
SNMPv2c on 127.0.0.1:PORT, communities "public" and "private" (both may
write the writable objects), serving a fixed tree of every SMI type through
a custom MIB instrumentation controller; PySNMP's own code does the message
processing, the GetBulk loop (RFC 3416 section 4.2.3) and the SNMPv1
conversion of RFC 3584 (exceptions and Counter64 to noSuchName).  Sets are
checked for type (wrongType), length (wrongLength) and enumerations
(wrongValue), and are atomic (RFC 3416 section 4.2.5).

Prints "ready udp:127.0.0.1:PORT" once listening; stops on SIGTERM.

Usage: pysnmp_agent.py PORT
"""

import signal
import sys

from pysnmp.carrier.asyncore.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context
from pysnmp.proto import rfc1902, rfc1905
from pysnmp.smi import error, instrum

ENT = (1, 3, 6, 1, 4, 1, 99996)


def tree():
    t = {
        (1, 3, 6, 1, 2, 1, 1, 1, 0): rfc1902.OctetString(
            'PySNMP test agent, "quoted" words'),
        (1, 3, 6, 1, 2, 1, 1, 2, 0): rfc1902.ObjectIdentifier(ENT + (1,)),
        (1, 3, 6, 1, 2, 1, 1, 3, 0): rfc1902.TimeTicks(4242),
        (1, 3, 6, 1, 2, 1, 1, 4, 0): rfc1902.OctetString('ops@example.net'),
        (1, 3, 6, 1, 2, 1, 1, 5, 0): rfc1902.OctetString('pyagent'),
        (1, 3, 6, 1, 2, 1, 1, 6, 0): rfc1902.OctetString(''),
        (1, 3, 6, 1, 2, 1, 1, 7, 0): rfc1902.Integer32(72),
        ENT + (2, 1, 0): rfc1902.Integer32(-2147483648),
        ENT + (2, 2, 0): rfc1902.Integer32(2147483647),
        ENT + (2, 3, 0): rfc1902.Counter32(4294967295),
        ENT + (2, 4, 0): rfc1902.Gauge32(123456),
        ENT + (2, 5, 0): rfc1902.Counter64(18446744073709551615),
        ENT + (2, 6, 0): rfc1902.IpAddress('10.20.30.40'),
        ENT + (2, 7, 0): rfc1902.TimeTicks(360000 * 24 * 3 + 12345),
        ENT + (2, 8, 0): rfc1902.OctetString(hexValue='00ff7f80c3a9'),
        ENT + (2, 9, 0): rfc1902.ObjectIdentifier((0, 0)),
        ENT + (2, 10, 0): rfc1902.Opaque(hexValue='0102ff'),
        ENT + (2, 11, 0): rfc1902.OctetString('"quotes", \\ and \'single\''),
        ENT + (2, 12, 0): rfc1902.OctetString('caf\xe9'.encode('utf-8')),
        ENT + (2, 13, 0): rfc1902.Bits(hexValue='a0'),
        ENT + (2, 14, 0): rfc1902.OctetString('x' * 40),
        ENT + (2, 15, 0): rfc1902.OctetString(hexValue='00' * 40),
        # Net-SNMP decodes an Opaque holding an ASN.1 float (draft-perkins-
        # opaque) as "Opaque: Float: 10.000000".
        ENT + (4, 1, 0): rfc1902.Opaque(hexValue='9f780441200000'),
    }
    for i, v in enumerate(SCRATCH):
        t[ENT + (5, i + 1, 0)] = v
    # A table: index, name, status {up(1), down(2)}, writable name.
    for i in range(1, 21):
        t[ENT + (3, 1, 1, i)] = rfc1902.Integer32(i)
        t[ENT + (3, 1, 2, i)] = rfc1902.OctetString('entry %d' % i)
        t[ENT + (3, 1, 3, i)] = rfc1902.Integer32(1 + i % 2)
        t[ENT + (3, 1, 4, i)] = rfc1902.Counter64(i * 1000000000000)
    return t


# name -> (type, max length or enumeration values)
WRITABLE = {
    (1, 3, 6, 1, 2, 1, 1, 4, 0): (rfc1902.OctetString, 255),
    (1, 3, 6, 1, 2, 1, 1, 5, 0): (rfc1902.OctetString, 255),
    (1, 3, 6, 1, 2, 1, 1, 6, 0): (rfc1902.OctetString, 255),
}
for _i in range(1, 21):
    WRITABLE[ENT + (3, 1, 3, _i)] = (rfc1902.Integer32, (1, 2))
# Scratch objects of each type under ENT.5 for `set` with every type
# letter: any value of the right type.
SCRATCH = [rfc1902.Integer32(0), rfc1902.Gauge32(0), rfc1902.TimeTicks(0),
           rfc1902.IpAddress('0.0.0.0'), rfc1902.ObjectIdentifier((0, 0)),
           rfc1902.OctetString(''), rfc1902.Counter32(0),
           rfc1902.Counter64(0), rfc1902.OctetString(''),
           rfc1902.OctetString('')]
for _i, _v in enumerate(SCRATCH):
    WRITABLE[ENT + (5, _i + 1, 0)] = (_v.__class__, None)


class Controller(instrum.AbstractMibInstrumController):
    def __init__(self):
        self.data = tree()

    def _sorted(self):
        return sorted(self.data)

    def readVars(self, varBinds, acInfo=(None, None)):
        out = []
        for name, _ in varBinds:
            key = tuple(name)
            if key in self.data:
                out.append((name, self.data[key]))
            elif any(k[:-1] == key[:-1] for k in self.data):
                out.append((name, rfc1905.noSuchInstance))
            else:
                out.append((name, rfc1905.noSuchObject))
        return out

    def readNextVars(self, varBinds, acInfo=(None, None)):
        keys = self._sorted()
        out = []
        for name, _ in varBinds:
            key = tuple(name)
            nxt = next((k for k in keys if k > key), None)
            if nxt is None:
                out.append((name, rfc1905.endOfMibView))
            else:
                out.append((rfc1902.ObjectName(nxt), self.data[nxt]))
        return out

    def writeVars(self, varBinds, acInfo=(None, None)):
        # RFC 3416 4.2.5: check everything first, then apply all or none.
        for idx, (name, val) in enumerate(varBinds):
            key = tuple(name)
            if key not in WRITABLE:
                raise error.NotWritableError(name=name, idx=idx)
            typ, limit = WRITABLE[key]
            if val.tagSet != typ.tagSet:
                raise error.WrongTypeError(name=name, idx=idx)
            if limit is None:
                continue
            if typ is rfc1902.OctetString and len(val) > limit:
                raise error.WrongLengthError(name=name, idx=idx)
            if typ is rfc1902.Integer32 and int(val) not in limit:
                raise error.WrongValueError(name=name, idx=idx)
        for name, val in varBinds:
            self.data[tuple(name)] = val
        return [(name, val) for name, val in varBinds]


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    port = int(argv[1])
    snmp = engine.SnmpEngine()
    config.addTransport(snmp, udp.domainName,
                        udp.UdpTransport().openServerMode(('127.0.0.1', port)))
    for community in ('public', 'private'):
        area = 'area-' + community
        config.addV1System(snmp, area, community)
        for model in (1, 2):
            config.addVacmUser(snmp, model, area, 'noAuthNoPriv',
                               readSubTree=(1, 3, 6), writeSubTree=(1, 3, 6))
    ctx = context.SnmpContext(snmp)
    ctx.unregisterContextName(rfc1902.OctetString(''))
    ctx.registerContextName(rfc1902.OctetString(''), Controller())
    cmdrsp.GetCommandResponder(snmp, ctx)
    cmdrsp.NextCommandResponder(snmp, ctx)
    cmdrsp.BulkCommandResponder(snmp, ctx)
    cmdrsp.SetCommandResponder(snmp, ctx)

    def stop(signum, frame):
        snmp.transportDispatcher.jobFinished(1)
        snmp.transportDispatcher.closeDispatcher()
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    snmp.transportDispatcher.jobStarted(1)
    print('ready udp:127.0.0.1:%d' % port)
    sys.stdout.flush()
    snmp.transportDispatcher.runDispatcher()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
