# Batch-mode tests of the snmpsh program.
