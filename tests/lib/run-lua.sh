#!/bin/sh
# Run one Lua test script of tests/lua with `snmpsh --lua` (prints TAP).
exec "$SNMPSH" --lua "$1"
