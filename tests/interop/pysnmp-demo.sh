#!/bin/sh
# Interop: PySNMP (hlapi getCmd/nextCmd/bulkCmd/setCmd, SNMPv1 and SNMPv2c)
# as the manager of snmpsh's embedded demo agent; the checks and their RFC
# clauses are in tests/interop/pysnmp_manager.py.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-pysnmp-demo
peers_need_pysnmp
peers_need_snmpsh
demo_start --demo-rows=120
pysnmp_run pysnmp_manager.py demo 127.0.0.1 "$DEMO_PORT" 120 \
    >"$PEERS_TMP/py.out" 2>"$PEERS_TMP/py.err"
rc=$?
tap_passthrough <"$PEERS_TMP/py.out"
if [ "$rc" -gt 1 ] || [ -s "$PEERS_TMP/py.err" ]; then
	tap_result 1 "pysnmp_manager.py ran to the end (status $rc)"
	sed 's/^/# /' "$PEERS_TMP/py.err" | tail -n 20
fi
tap_ok "demo agent still running" kill -0 "$DEMO_PID"
