#!/usr/bin/python3
"""A PySNMP (4.4) notification receiver for the interop tests (RFC 3413
§3.4): SNMPv1 and SNMPv2c with community "public", and SNMPv3 user "bob"
(SHA / AES, passphrases "bobauth11" / "bobpriv11") for traps from the
sender's engine ID given on the command line (a trap's authoritative
engine is its sender, RFC 3414 §1.5.1) and for informs (PySNMP's own
engine is then authoritative).  Each notification is printed on one line:

    NOTIFICATION <model> <securityName> <level>|<oid>=<class>:<value>|...

with numeric OIDs (no leading dot) and values as prettyPrint() shows them.
Prints "ready udp:127.0.0.1:PORT" once listening; stops on SIGTERM.

Usage: pysnmp_ntfrcv.py PORT SENDER_ENGINE_ID_HEX
"""

import signal
import sys

from pysnmp.carrier.asyncore.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import ntfrcv
from pysnmp.proto import rfc1902


def main():
    port = int(sys.argv[1])
    sender = rfc1902.OctetString(hexValue=sys.argv[2].replace('0x', ''))
    eng = engine.SnmpEngine()
    config.addTransport(eng, udp.domainName,
                        udp.UdpTransport().openServerMode(('127.0.0.1',
                                                           port)))
    config.addV1System(eng, 'public-area', 'public')
    for eid in (sender, None):
        kw = {'securityEngineId': eid} if eid is not None else {}
        config.addV3User(eng, 'bob', config.usmHMACSHAAuthProtocol,
                         'bobauth11', config.usmAesCfb128Protocol,
                         'bobpriv11', **kw)

    def on_notification(eng_, state, ctx_engine, ctx_name, varbinds, cb):
        ec = eng_.observer.getExecutionContext(
            'rfc3412.receiveMessage:request')
        parts = ['NOTIFICATION %s %s %s' % (ec['securityModel'],
                                            ec['securityName'],
                                            ec['securityLevel'])]
        for name, val in varbinds:
            parts.append('%s=%s:%s' % (name.prettyPrint(),
                                       val.__class__.__name__,
                                       val.prettyPrint()))
        print('|'.join(parts), flush=True)

    def on_msg(eng_, point, var, ctx):
        pass

    # keeps the message's security parameters for the callback
    eng.observer.registerObserver(on_msg, 'rfc3412.receiveMessage:request')
    ntfrcv.NotificationReceiver(eng, on_notification)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    eng.transportDispatcher.jobStarted(1)
    print('ready udp:127.0.0.1:%d' % port, flush=True)
    try:
        eng.transportDispatcher.runDispatcher()
    finally:
        eng.transportDispatcher.closeDispatcher()


if __name__ == '__main__':
    main()
