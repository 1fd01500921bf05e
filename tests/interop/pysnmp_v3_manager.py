#!/usr/bin/python3
"""PySNMP (4.4 hlapi) as an SNMPv3 manager of snmpsh's demo agent (user
"demo", authPriv, HMAC-SHA-96 and AES-128, RFC 3414 / RFC 3826): PySNMP
discovers the engine (RFC 3414 section 4), then get, a GetNext walk and a
GetBulk walk of the system group that must agree, a set that sticks, and
the failures that must be reported: a wrong authentication passphrase
(usmStatsWrongDigests), an unknown user (usmStatsUnknownUserNames) and a
wrong privacy passphrase (usmStatsDecryptionErrors).  Prints TAP lines
without numbers for tests/lib/peers.sh to number.

Usage: pysnmp_v3_manager.py HOST PORT
"""

import sys

from pysnmp.hlapi import (ContextData, ObjectIdentity, ObjectType,
                          OctetString, SnmpEngine, UdpTransportTarget,
                          UsmUserData, bulkCmd, getCmd, nextCmd, setCmd,
                          usmAesCfb128Protocol, usmHMACSHAAuthProtocol)
from pysnmp.proto import rfc1905

SYS = '1.3.6.1.2.1.1'
failed = 0


def ok(cond, desc, *diag):
    global failed
    print('%s - %s' % ('ok' if cond else 'not ok', desc))
    if not cond:
        failed += 1
        for d in diag:
            print('# %s' % d)


def user(name='demo', auth='demo-auth-pass', priv='demo-priv-pass'):
    return UsmUserData(name, auth, priv, authProtocol=usmHMACSHAAuthProtocol,
                       privProtocol=usmAesCfb128Protocol)


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    eng = SnmpEngine()
    tgt = UdpTransportTarget((host, port), timeout=1, retries=1)

    ei, es, _, vbs = next(getCmd(eng, user(), tgt, ContextData(),
                                 ObjectType(ObjectIdentity(SYS + '.5.0'))))
    ok(ei is None and not es and len(vbs) == 1 and
       str(vbs[0][1]) == 'snmpsh-demo',
       'v3 authPriv SHA/AES get sysName.0', ei, es, vbs)

    walk = []
    for ei, es, _, vbs in nextCmd(eng, user(), tgt, ContextData(),
                                  ObjectType(ObjectIdentity(SYS)),
                                  lexicographicMode=False):
        if ei or es:
            break
        walk.extend((str(n), v.prettyPrint()) for n, v in vbs)
    ok(ei is None and not es and len(walk) >= 8,
       'v3 GetNext walk of the system group (%d)' % len(walk), ei, es)
    bulk = []
    # hlapi's quirk: at the end of the view bulkCmd yields a last
    # endOfMibView row (as tests/interop/pysnmp_manager.py notes): not data
    for ei, es, _, vbs in bulkCmd(eng, user(), tgt, ContextData(), 0, 3,
                                  ObjectType(ObjectIdentity(SYS)),
                                  lexicographicMode=False):
        rows = [(str(n), v.prettyPrint()) for n, v in vbs
                if not isinstance(v, rfc1905.EndOfMibView)]
        if ei or es or not rows:
            break
        bulk.extend(rows)
    # sysUpTime moves between the walks: compare names, and the values
    # of everything else
    ok([n for n, _ in walk] == [n for n, _ in bulk],
       'v3 GetBulk walk has the GetNext walk\'s names', walk, bulk)
    ok([x for x in walk if not x[0].startswith(SYS + '.3')] ==
       [x for x in bulk if not x[0].startswith(SYS + '.3')],
       'v3 GetBulk walk has the GetNext walk\'s values')

    ei, es, _, vbs = next(setCmd(eng, user(), tgt, ContextData(),
                                 ObjectType(ObjectIdentity(SYS + '.6.0'),
                                            OctetString('set over v3'))))
    ok(ei is None and not es, 'v3 set sysLocation.0', ei, es)
    ei, es, _, vbs = next(getCmd(eng, user(), tgt, ContextData(),
                                 ObjectType(ObjectIdentity(SYS + '.6.0'))))
    ok(ei is None and not es and str(vbs[0][1]) == 'set over v3',
       'v3 set sticks', ei, es, vbs)

    for desc, u, want in (
            ('wrong auth passphrase', user(auth='wrong-auth-pass'),
             'Wrong SNMP PDU digest'),
            ('unknown user', user(name='nobody'), 'Unknown USM user'),
            ('wrong priv passphrase', user(priv='wrong-priv-pass'),
             'ciphertext is broken')):
        ei, es, _, vbs = next(getCmd(SnmpEngine(), u, tgt, ContextData(),
                                     ObjectType(ObjectIdentity(SYS +
                                                               '.5.0'))))
        ok(ei is not None and want in str(ei),
           '%s: PySNMP reports "%s"' % (desc, want), ei)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
