#!/usr/bin/python3
# PySNMP reference client for the walk benchmark: a GETBULK walk
# (RFC 3416 §4.2.3, non-repeaters 0, max-repetitions 50) of one subtree
# over SNMPv2c, printing "OID = value" lines on stdout and the varbind
# count on stderr.  Usage: pysnmp_walk.py HOST PORT OID [MAX_REPETITIONS]
import sys

from pysnmp.hlapi import (CommunityData, ContextData, ObjectIdentity,
                          ObjectType, SnmpEngine, UdpTransportTarget,
                          bulkCmd)


def main():
    if len(sys.argv) not in (4, 5):
        sys.stderr.write("usage: pysnmp_walk.py HOST PORT OID [MAXREP]\n")
        return 2
    host, port, oid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    reps = int(sys.argv[4]) if len(sys.argv) == 5 else 50
    out = sys.stdout
    n = 0
    for err_ind, err_stat, err_idx, vbs in bulkCmd(
            SnmpEngine(), CommunityData('public', mpModel=1),
            UdpTransportTarget((host, port), timeout=5, retries=1),
            ContextData(), 0, reps, ObjectType(ObjectIdentity(oid)),
            lexicographicMode=False, lookupMib=False):
        if err_ind:
            sys.stderr.write("pysnmp_walk: %s\n" % err_ind)
            return 1
        if err_stat:
            sys.stderr.write("pysnmp_walk: %s at %s\n" %
                             (err_stat.prettyPrint(), err_idx))
            return 1
        for name, val in vbs:
            out.write("%s = %s\n" % (name.prettyPrint(), val.prettyPrint()))
            n += 1
    sys.stderr.write("varbinds=%d\n" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
