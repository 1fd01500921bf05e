#!/usr/bin/python3
"""A PySNMP (4.4) SNMPv3 command responder for the interop tests, for the
privacy protocols Debian's snmpd lacks: 3DES-EDE (draft-reeder-snmpv3-usm-
3desede, usm3DESEDEPrivProtocol) and AES-192/256 with both key extensions
(usmAesBlumenthalCfb192/256Protocol = Net-SNMP's and snmpsh's AES-192 and
AES-256; usmAesCfb192/256Protocol, the Reeder/Cisco extension = AES-192-C
and AES-256-C), each with MD5, SHA and SHA-256 authentication, plus a
SHA/AES-128 reference user that Net-SNMP's tools can also use.  User names
are u-AUTH-PRIV (e.g. u-SHA-3DES, u-SHA-256-AES-192-C); passphrases
"authpass-v3" and "privpass-v3".  PySNMP serves its own SNMPv2-MIB and
SNMP-FRAMEWORK-MIB objects; VACM gives every user read access to 1.3.6.

Prints "ready udp:127.0.0.1:PORT" once listening; stops on SIGTERM.

Usage: pysnmp_v3_agent.py PORT
"""

import signal
import sys

from pysnmp.carrier.asyncore.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context

AUTHS = {
    'MD5': config.usmHMACMD5AuthProtocol,
    'SHA': config.usmHMACSHAAuthProtocol,
    'SHA-256': config.usmHMAC192SHA256AuthProtocol,
}
PRIVS = {
    '3DES': config.usm3DESEDEPrivProtocol,
    'AES-192': config.usmAesBlumenthalCfb192Protocol,
    'AES-256': config.usmAesBlumenthalCfb256Protocol,
    'AES-192-C': config.usmAesCfb192Protocol,
    'AES-256-C': config.usmAesCfb256Protocol,
}


def main():
    port = int(sys.argv[1])
    eng = engine.SnmpEngine()
    config.addTransport(eng, udp.domainName,
                        udp.UdpTransport().openServerMode(('127.0.0.1',
                                                           port)))
    users = [('u-SHA-AES', config.usmHMACSHAAuthProtocol,
              config.usmAesCfb128Protocol)]
    for an, ap in AUTHS.items():
        for pn, pp in PRIVS.items():
            users.append(('u-%s-%s' % (an, pn), ap, pp))
    for name, ap, pp in users:
        config.addV3User(eng, name, ap, 'authpass-v3', pp, 'privpass-v3')
        config.addVacmUser(eng, 3, name, 'authPriv', (1, 3, 6), (1, 3, 6))
    ctx = context.SnmpContext(eng)
    cmdrsp.GetCommandResponder(eng, ctx)
    cmdrsp.NextCommandResponder(eng, ctx)
    cmdrsp.BulkCommandResponder(eng, ctx)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    eng.transportDispatcher.jobStarted(1)
    print('ready udp:127.0.0.1:%d' % port, flush=True)
    try:
        eng.transportDispatcher.runDispatcher()
    finally:
        eng.transportDispatcher.closeDispatcher()


if __name__ == '__main__':
    main()
