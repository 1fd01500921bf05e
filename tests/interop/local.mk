# Interop tests against Net-SNMP and PySNMP peers on loopback.
