#!/usr/bin/python3
"""PySNMP (4.4, hlapi: getCmd/nextCmd/bulkCmd/setCmd) as the manager of
snmpsh's demo agent, SNMPv1 and SNMPv2c; prints TAP lines without numbers
("ok - ...", "not ok - ...", "# ...") for tests/lib/peers.sh to number.

Checks values and types, exceptions (RFC 3416 section 4.2.1), the SNMPv1
mapping of RFC 3584 (section 4.2.2.1: no Counter64 in v1, exceptions as
noSuchName; section 4.4: error-status mapping), sets that stick and are
atomic (RFC 3416 section 4.2.5), and that a GetBulk walk (RFC 3416 section
4.2.3) equals the GetNext walk.  The demo's counters and sysUpTime move:
whole-tree comparisons compare OIDs and types always and values of other
types; the static benchmark table (--demo-rows) is compared strictly.

Usage: pysnmp_manager.py demo HOST PORT ROWS
"""

import sys

from pysnmp.hlapi import (CommunityData, ContextData, Integer32,
                          ObjectIdentity, ObjectType, OctetString,
                          SnmpEngine, UdpTransportTarget, bulkCmd, getCmd,
                          nextCmd, setCmd)
from pysnmp.entity.rfc3413 import cmdgen as rfc3413cmdgen
from pysnmp.hlapi import asyncore as hlasync
from pysnmp.hlapi.asyncore.cmdgen import lcd
from pysnmp.proto import rfc1902, rfc1905

SYS = '1.3.6.1.2.1.1'
BULK = '1.3.6.1.4.1.99999.2.1.1'
MOVING = ('Counter32', 'Counter64', 'TimeTicks')


class Tap:
    def __init__(self):
        self.failed = 0

    def ok(self, cond, desc, *diag):
        if cond:
            print('ok - %s' % desc)
        else:
            self.failed += 1
            print('not ok - %s' % desc)
            for line in diag:
                for part in str(line).splitlines():
                    print('# ' + part)
        sys.stdout.flush()
        return cond

    def eq(self, got, want, desc):
        return self.ok(got == want, desc, 'got:  %r' % (got,),
                       'want: %r' % (want,))

    def list_eq(self, got, want, desc):
        if got == want:
            return self.ok(True, desc)
        diag = ['%d vs %d entries (got vs want)' % (len(got), len(want))]
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                diag += ['first difference at %d:' % i, 'got:  %r' % (g,),
                         'want: %r' % (w,)]
                break
        else:
            extra = got[len(want):] or want[len(got):]
            diag.append('extra: %r' % (extra[:3],))
        return self.ok(False, desc, *diag)


def kind(val):
    """The SMI type name of a value (exceptions by their RFC 3416 name)."""
    if isinstance(val, rfc1905.NoSuchObject):
        return 'noSuchObject'
    if isinstance(val, rfc1905.NoSuchInstance):
        return 'noSuchInstance'
    if isinstance(val, rfc1905.EndOfMibView):
        return 'endOfMibView'
    name = val.__class__.__name__
    return {'Integer': 'Integer32', 'Unsigned32': 'Gauge32'}.get(name, name)


def plain(val):
    k = kind(val)
    if k in ('noSuchObject', 'noSuchInstance', 'endOfMibView'):
        return None
    if k == 'OctetString':
        return bytes(val.asOctets())
    if k == 'ObjectIdentifier':
        return str(val)
    if k == 'IpAddress':
        return '.'.join(str(b) for b in val.asNumbers())
    if k == 'Opaque':
        return bytes(val.asOctets())
    return int(val)


class Manager:
    def __init__(self, host, port):
        self.engine = SnmpEngine()
        self.target = UdpTransportTarget((host, port), timeout=2, retries=2)

    def auth(self, version, community):
        return CommunityData(community, mpModel=0 if version == '1' else 1)

    @staticmethod
    def vbs(oids):
        return [ObjectType(ObjectIdentity(o)) for o in oids]

    @staticmethod
    def result(res):
        ei, es, ex, vbs = res
        return (str(ei) if ei else None, int(es) if es else 0,
                int(ex) if ex else 0,
                [(str(n), kind(v), plain(v)) for n, v in vbs])

    def get(self, version, community, *oids):
        return self.result(next(getCmd(
            self.engine, self.auth(version, community), self.target,
            ContextData(), *self.vbs(oids), lookupMib=False)))

    def raw(self, cmd, version, community, oids, *args):
        """One request through the asyncore API: the response as sent
        (the sync API turns endOfMibView into the end of iteration)."""
        ctx = {}

        def cb(engine, handle, ei, es, ex, table, cbctx):
            ctx['res'] = (ei, es, ex, [vb for row in table for vb in row])
            return False
        cmd(self.engine, self.auth(version, community), self.target,
            ContextData(), *(args + tuple(self.vbs(oids))), cbFun=cb,
            lookupMib=False)
        self.engine.transportDispatcher.runDispatcher()
        return self.result(ctx['res'])

    def getnext(self, version, community, *oids):
        return self.raw(hlasync.nextCmd, version, community, oids)

    def getbulk(self, community, maxrep, *oids):
        """GetBulk with non-repeaters 0 (rows flatten to the PDU order)."""
        return self.raw(hlasync.bulkCmd, '2c', community, oids, 0, maxrep)

    def set(self, version, community, *pairs):
        """setCmd below hlapi's variable-binding layer, which would cast
        (or refuse) values by the MIB: the tests send wrong ones on
        purpose."""
        ctx = {}

        def cb(engine, handle, ei, es, ex, vbs, cbctx):
            ctx['res'] = (ei, es, ex, vbs)
        addr, _ = lcd.configure(self.engine, self.auth(version, community),
                                self.target, rfc1902.OctetString(''))
        rfc3413cmdgen.SetCommandGenerator().sendVarBinds(
            self.engine, addr, None, '',
            [(rfc1902.ObjectName(o), v) for o, v in pairs], cb)
        self.engine.transportDispatcher.runDispatcher()
        return self.result(ctx['res'])

    def walk(self, version, community, oid, bulk=0, limit=100000):
        """[(oid, type, value)], error; within the subtree of oid."""
        if bulk:
            gen = bulkCmd(self.engine, self.auth(version, community),
                          self.target, ContextData(), 0, bulk,
                          *self.vbs([oid]), lookupMib=False,
                          lexicographicMode=False)
        else:
            gen = nextCmd(self.engine, self.auth(version, community),
                          self.target, ContextData(), *self.vbs([oid]),
                          lookupMib=False, lexicographicMode=False)
        # hlapi's quirks: v1's noSuchName at the end yields the last row
        # again, and bulkCmd yields a last endOfMibView row: not data.
        out = []
        for ei, es, ex, vbs in gen:
            if ei or es:
                return out, '%s %s %s' % (ei, es, ex)
            for n, v in vbs:
                row = (str(n), kind(v), plain(v))
                if row[1] == 'endOfMibView' or (out and row == out[-1]):
                    return out, None
                out.append(row)
            if len(out) > limit:
                return out, 'walk too long'
        return out, None


def masked(rows):
    return [(o, k, None if k in MOVING else v) for o, k, v in rows]


def demo(host, port, rows):
    t = Tap()
    m = Manager(host, port)

    # Values and types of the system group, v1 and v2c.
    for v in ('1', '2c'):
        ei, es, ex, vbs = m.get(v, 'public', SYS + '.1.0', SYS + '.2.0',
                                SYS + '.3.0', SYS + '.5.0')
        t.eq((ei, es, [k for _, k, _ in vbs]),
             (None, 0, ['OctetString', 'ObjectIdentifier', 'TimeTicks',
                        'OctetString']),
             'v%s getCmd system group: types' % v)
        t.ok(vbs and vbs[1][2].startswith('1.3.6.1.'),
             'v%s sysObjectID under 1.3.6.1' % v, repr(vbs))

    # Whole tree: GetNext walk (v2c), GetBulk walk, v1 walk.
    w2, err = m.walk('2c', 'public', '1.3.6')
    t.ok(err is None and len(w2) > 30,
         'v2c nextCmd walk of 1.3.6 (%d objects)' % len(w2), err)
    oids = [o for o, _, _ in w2]
    keys = [tuple(int(x) for x in o.split('.')) for o in oids]
    t.ok(all(keys[i] < keys[i + 1] for i in range(len(keys) - 1)),
         'v2c walk: OIDs strictly increasing')
    for r in (1, 7, 50):
        b2, err = m.walk('2c', 'public', '1.3.6', bulk=r)
        t.ok(err is None, 'v2c bulkCmd walk maxRepetitions %d: no error' % r,
             err)
        t.list_eq(masked(b2), masked(w2),
                  'v2c bulkCmd walk (maxRepetitions %d) = nextCmd walk' % r)
    w1, err = m.walk('1', 'public', '1.3.6')
    t.ok(err is None, 'v1 nextCmd walk: no error', err)
    t.list_eq(masked(w1), [x for x in masked(w2) if x[1] != 'Counter64'],
              'v1 walk = v2c walk without Counter64 (RFC 3584 4.2.2.1)')
    c64 = [o for o, k, _ in w2 if k == 'Counter64']
    t.ok(c64, 'the demo serves Counter64 objects (%d)' % len(c64))

    # The static table: strict.
    want = ([('%s.2.%d' % (BULK, i), 'Counter32', i)
             for i in range(1, rows + 1)] +
            [('%s.3.%d' % (BULK, i), 'OctetString', b'row %d' % i)
             for i in range(1, rows + 1)])
    tw, err = m.walk('2c', 'public', BULK)
    t.list_eq(tw, want, 'benchmark table by nextCmd: values')
    for r in (1, 13, 100):
        tb, err = m.walk('2c', 'private', BULK, bulk=r)
        t.list_eq(tb, want,
                  'benchmark table by bulkCmd (maxRepetitions %d)' % r)
    tw1, err = m.walk('1', 'private', BULK)
    t.list_eq(tw1, want, 'benchmark table by v1 nextCmd')
    # One GetBulk = max-repetitions GetNexts of each varbind, in PDU order.
    start = [BULK + '.2.3', BULK + '.3.%d' % (rows - 2), SYS + '.9']
    ei, es, ex, got = m.getbulk('public', 5, *start)
    chain, cur = [], list(start)
    for _ in range(5):
        ei2, es2, ex2, step = m.getnext('2c', 'public', *cur)
        chain += step
        cur = [o for o, _, _ in step]
    t.list_eq(masked(got), masked(chain),
              'one GetBulk (3 varbinds, max-repetitions 5) = 5 GetNexts')

    # Exceptions (v2c) and the v1 mapping (noSuchName, error-index).
    ei, es, ex, vbs = m.get('2c', 'public', SYS + '.1.0', SYS + '.99.0',
                            SYS + '.1.1')
    t.eq((es, [k for _, k, _ in vbs]),
         (0, ['OctetString', 'noSuchObject', 'noSuchInstance']),
         'v2c getCmd: noSuchObject, noSuchInstance')
    ei, es, ex, vbs = m.getnext('2c', 'public', '1.4')
    t.eq((es, [(o, k) for o, k, _ in vbs]), (0, [('1.4', 'endOfMibView')]),
         'v2c nextCmd past the end: endOfMibView')
    for oids, idx, desc in (([SYS + '.1.0', SYS + '.99.0'], 2,
                             'missing object'),
                            ([SYS + '.1.1'], 1, 'missing instance'),
                            ([SYS + '.1.0', c64[0] if c64 else '1.4'], 2,
                             'Counter64 (RFC 3584 4.2.2.1)')):
        ei, es, ex, vbs = m.get('1', 'public', *oids)
        t.eq((ei, es, ex), (None, 2, idx),
             'v1 getCmd of a %s: noSuchName, index %d' % (desc, idx))
    ei, es, ex, vbs = m.getnext('1', 'public', '1.4')
    t.eq((ei, es, ex), (None, 2, 1), 'v1 nextCmd past the end: noSuchName')

    # Sets stick (v1 and v2c, both communities).
    def sets(v, community, pairs, desc):
        ei, es, ex, vbs = m.set(v, community, *pairs)
        ok = t.eq((ei, es, ex), (None, 0, 0), 'v%s setCmd %s' % (v, desc))
        ei, es, ex, got = m.get('2c', 'public', *[o for o, _ in pairs])
        t.eq([g[2] for g in got], [plain(x) for _, x in pairs],
             'v%s setCmd %s: sticks' % (v, desc))
        return ok
    sets('2c', 'private', [(SYS + '.4.0', OctetString('pysnmp@example.net'))],
         'sysContact')
    sets('1', 'public', [(SYS + '.5.0', OctetString('py-name')),
                         (SYS + '.6.0', OctetString('py room "7"'))],
         'sysName and sysLocation')
    sets('1', 'private', [('1.3.6.1.2.1.2.2.1.7.1', Integer32(2))],
         'ifAdminStatus.1 down')
    sets('2c', 'public', [('1.3.6.1.2.1.2.2.1.7.1', Integer32(1)),
                          ('1.3.6.1.2.1.31.1.1.1.18.1',
                           OctetString(b'\x00binary\xff'))],
         'ifAdminStatus.1 up and a binary ifAlias.1')

    # Set errors: v2c status, v1 mapping (RFC 3584 4.4), atomicity.
    # (name, value, v2c error-status, v1 error-status), numbers of RFC 3416
    # and RFC 1157: noSuchName 2, badValue 3, wrongType 7, wrongLength 8,
    # wrongValue 10, notWritable 17.
    cases = [('read-only sysDescr', SYS + '.1.0', OctetString('x'), 17, 2),
             ('missing object', SYS + '.99.0', OctetString('x'), 17, 2),
             ('INTEGER to sysContact', SYS + '.4.0', Integer32(5), 7, 3),
             ('ifAdminStatus 7', '1.3.6.1.2.1.2.2.1.7.1', Integer32(7), 10,
              3),
             ('256 octets to sysContact', SYS + '.4.0',
              OctetString('x' * 256), 8, 3)]
    for desc, oid, val, st2, st1 in cases:
        for v, want in (('2c', st2), ('1', st1)):
            ei, es, ex, vbs = m.set(v, 'private',
                                    (SYS + '.5.0', OctetString('changed')),
                                    (oid, val))
            t.eq((ei, es, ex), (None, want, 2),
                 'v%s setCmd %s: error-status %d, index 2' % (v, desc, want))
            ei, es, ex, vbs = m.get('2c', 'public', SYS + '.5.0')
            t.eq(vbs and vbs[0][2], b'py-name',
                 'v%s setCmd %s: nothing applied' % (v, desc))

    # An unknown community: no answer, a timeout.
    slow = Manager(host, port)
    slow.target = UdpTransportTarget((host, port), timeout=0.3, retries=0)
    ei, es, ex, vbs = slow.get('2c', 'nobody', SYS + '.1.0')
    t.ok(ei is not None and 'timeout' in ei.lower(),
         'unknown community: request times out', repr(ei))
    return 1 if t.failed else 0


def main(argv):
    if len(argv) == 5 and argv[1] == 'demo':
        return demo(argv[2], int(argv[3]), int(argv[4]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
