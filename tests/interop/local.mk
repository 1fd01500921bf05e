# Interop tests against Net-SNMP and PySNMP peers on loopback.
# Each script starts its peers through tests/lib/peers.sh on its own port
# range and stops them on exit; see tests/interop/snmpd.conf.in.
INTEROP_TESTS = \
	tests/interop/snmpd-walk.sh \
	tests/interop/snmpd-mib.sh \
	tests/interop/snmptranslate.sh \
	tests/interop/snmptranslate-describe.sh \
	tests/interop/snmpd-walk-options.sh \
	tests/interop/snmpd-requests.sh \
	tests/interop/snmpd-transports.sh \
	tests/interop/netsnmp-demo.sh \
	tests/interop/pysnmp-demo.sh \
	tests/interop/pysnmp-agent.sh \
	tests/interop/pysnmp-values.sh \
	tests/interop/v3-snmpd.sh \
	tests/interop/v3-pysnmp.sh \
	tests/interop/v3-responder.sh \
	tests/interop/v3-engineid.sh \
	tests/interop/v3-vacm.sh
# notifications (owner: notify)
INTEROP_TESTS += tests/interop/notify-netsnmp.sh \
	tests/interop/notify-snmptrapd.sh tests/interop/notify-pysnmp.sh \
	tests/interop/notify-burst.sh tests/interop/notify-transports.sh
TESTS += $(INTEROP_TESTS)
dist_noinst_SCRIPTS += $(INTEROP_TESTS) tests/interop/snmpd-pass.sh
EXTRA_DIST += tests/interop/snmpd.conf.in tests/interop/snmpd-mib.excused \
	tests/interop/snmptranslate-describe.excused \
	tests/interop/pysnmp_agent.py tests/interop/pysnmp_manager.py \
	tests/interop/pysnmp_values.py \
	tests/interop/pysnmp_v3_agent.py tests/interop/pysnmp_v3_manager.py
EXTRA_DIST += tests/interop/pysnmp_ntfrcv.py tests/interop/burst_send.py
