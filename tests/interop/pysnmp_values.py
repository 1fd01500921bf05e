#!/usr/bin/python3
"""A read-only PySNMP (4.4) agent serving crafted values for the MIB
rendering tests: SNMPv1 and SNMPv2c on 127.0.0.1:PORT, community "public",
every object of FILE, whose lines are "OID TYPE VALUE" as
tests/mib/values.txt writes them once names are numeric: TYPE h (OCTET
STRING, VALUE in hex), a (IpAddress, hex), p (Opaque, hex), i (Integer32),
u or g (Gauge32), c (Counter32), t (TimeTicks), C (Counter64), o (OBJECT
IDENTIFIER, numeric).  Lines of other types are skipped.  The values may
be of any type whatever the MIB says: the manager is expected to render a
"Wrong Type" where they do not fit.

Prints "ready udp:127.0.0.1:PORT" once listening; stops on SIGTERM.

Usage: pysnmp_values.py PORT FILE
"""

import signal
import sys

from pysnmp.carrier.asyncore.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context
from pysnmp.proto import rfc1902, rfc1905
from pysnmp.smi import instrum


def oid(text):
    return tuple(int(a) for a in text.strip('.').split('.') if a != '')


def value(typ, text):
    if typ == 'h':
        return rfc1902.OctetString(hexValue=text)
    if typ == 'a':
        return rfc1902.IpAddress(bytes.fromhex(text))
    if typ == 'p':
        return rfc1902.Opaque(hexValue=text)
    if typ == 'i':
        return rfc1902.Integer32(int(text))
    if typ in 'ug':
        return rfc1902.Gauge32(int(text))
    if typ == 'c':
        return rfc1902.Counter32(int(text))
    if typ == 't':
        return rfc1902.TimeTicks(int(text))
    if typ == 'C':
        return rfc1902.Counter64(int(text))
    if typ == 'o':
        return rfc1902.ObjectIdentifier(oid(text))
    return None


def load(path):
    data = {}
    with open(path) as f:
        for line in f:
            parts = line.rstrip('\n').split(' ', 2)
            if len(parts) < 2:
                continue
            v = value(parts[1], parts[2] if len(parts) > 2 else '')
            if v is not None:
                data[oid(parts[0])] = v
    return data


class Controller(instrum.AbstractMibInstrumController):
    def __init__(self, data):
        self.data = data
        self.keys = sorted(data)

    def readVars(self, varBinds, acInfo=(None, None)):
        out = []
        for name, _ in varBinds:
            key = tuple(name)
            if key in self.data:
                out.append((name, self.data[key]))
            else:
                out.append((name, rfc1905.noSuchObject))
        return out

    def readNextVars(self, varBinds, acInfo=(None, None)):
        out = []
        for name, _ in varBinds:
            key = tuple(name)
            nxt = next((k for k in self.keys if k > key), None)
            if nxt is None:
                out.append((name, rfc1905.endOfMibView))
            else:
                out.append((rfc1902.ObjectName(nxt), self.data[nxt]))
        return out


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    port = int(argv[1])
    snmp = engine.SnmpEngine()
    config.addTransport(snmp, udp.domainName,
                        udp.UdpTransport().openServerMode(('127.0.0.1', port)))
    config.addV1System(snmp, 'area-public', 'public')
    for model in (1, 2):
        config.addVacmUser(snmp, model, 'area-public', 'noAuthNoPriv',
                           readSubTree=(1, 3, 6))
    ctx = context.SnmpContext(snmp)
    ctx.unregisterContextName(rfc1902.OctetString(''))
    ctx.registerContextName(rfc1902.OctetString(''),
                            Controller(load(argv[2])))
    cmdrsp.GetCommandResponder(snmp, ctx)
    cmdrsp.NextCommandResponder(snmp, ctx)
    cmdrsp.BulkCommandResponder(snmp, ctx)

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
