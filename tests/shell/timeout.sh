#!/bin/sh
# Timeouts and interruption: a request to a closed loopback port ends after
# (retries + 1) * timeout with Net-SNMP's "Timeout: No Response from ..."
# and exit 1 (an ICMP port-unreachable does not end it early); a batch goes
# on after a timeout; SIGINT cancels the running command and ends a batch
# with status 130; `--demo --serve` serves until SIGTERM.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-timeout
peers_need_snmpsh

peers_port
CLOSED=$PORT

t0=$(peers_now_ms)
sh_run -t 0.2 -r 1 "udp:127.0.0.1:$CLOSED" --exec 'get 1.3.6.1.2.1.1.1.0'
t1=$(peers_now_ms)
sh_expect "get to a closed port: timeout text, exit 1" 1 "" \
    "Timeout: No Response from udp:127.0.0.1:$CLOSED."
ms=$((t1 - t0))
tap_ok "-t 0.2 -r 1 takes about 0.4 s (took $ms ms)" \
    test "$ms" -ge 380 -a "$ms" -lt 2000

t0=$(peers_now_ms)
sh_run -t 0.15 -r 0 "127.0.0.1:$CLOSED" --exec 'walk 1.3.6.1.2.1.1'
t1=$(peers_now_ms)
sh_expect "walk to a closed port: the peer as given, no period" 1 "" \
    "Timeout: No Response from 127.0.0.1:$CLOSED"
ms=$((t1 - t0))
tap_ok "-t 0.15 -r 0 takes about 0.15 s (took $ms ms)" \
    test "$ms" -ge 140 -a "$ms" -lt 1500

# Each command words a timeout as its Net-SNMP tool does: snmpget and
# snmpgetnext end the line with a period, snmpbulkget, snmpset, snmpwalk
# and snmpbulkwalk do not.  Where the tool is installed its own line is
# checked too, so the table cannot drift from Net-SNMP.
for c in "get:snmpget:1.3.6.1.2.1.1.1.0:." \
    "getnext:snmpgetnext:1.3.6.1.2.1.1.1.0:." \
    "getbulk:snmpbulkget:1.3.6.1.2.1.1:" \
    "set:snmpset:1.3.6.1.2.1.1.4.0 s x:" \
    "walk:snmpwalk:1.3.6.1.2.1.1:" \
    "bulkwalk:snmpbulkwalk:1.3.6.1.2.1.1:"; do
	cmd=${c%%:*}
	rest=${c#*:}
	tool=${rest%%:*}
	rest=${rest#*:}
	args=${rest%:*}
	dot=${rest##*:}
	want="Timeout: No Response from udp:127.0.0.1:$CLOSED$dot"
	sh_run -v 2c -c public -t 0.1 -r 0 "udp:127.0.0.1:$CLOSED" \
	    --exec "$cmd $args"
	sh_expect "$cmd timeout worded as $tool" 1 "" "$want"
	if command -v "$tool" >/dev/null 2>&1; then
		# shellcheck disable=SC2086
		"$tool" -v 2c -c public -t 0.1 -r 0 -m '' \
		    "udp:127.0.0.1:$CLOSED" $args >"$PEERS_TMP/tool.out" \
		    2>"$PEERS_TMP/tool.err"
		tap_is "$(cat "$PEERS_TMP/tool.err")" "$want" \
		    "$tool itself words it so"
	else
		tap_skip "$tool itself words it so" "$tool not installed"
	fi
done

sh_run_in "get 1.3.6.1.2.1.1.1.0
help quit
" -t 0.1 -r 0 "udp:127.0.0.1:$CLOSED"
sh_expect "batch mode goes on after a timeout, exit 1" 1 "usage: quit
  leave the shell" "Timeout: No Response from udp:127.0.0.1:$CLOSED."

# SIGINT during a request: the command is cancelled, the batch ends (130).
"$SNMPSH" -m '' -t 10 -r 0 "udp:127.0.0.1:$CLOSED" \
    --exec 'get 1.3.6.1.2.1.1.1.0; help' >"$PEERS_TMP/int.out" \
    2>"$PEERS_TMP/int.err" &
pid=$!
peers_track "$pid"
sleep 0.3
t0=$(peers_now_ms)
kill -INT "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$pid"
RC=$?
t1=$(peers_now_ms)
OUT=$PEERS_TMP/int.out
ERR=$PEERS_TMP/int.err
sh_expect "SIGINT cancels the request and ends --exec with 130" 130 "" \
    "snmpsh: interrupted"
tap_ok "SIGINT acts at once (took $((t1 - t0)) ms)" test $((t1 - t0)) -lt 2000

# SIGINT while a batch waits for input.
mkfifo "$PEERS_TMP/fifo"
"$SNMPSH" -m '' <"$PEERS_TMP/fifo" >"$PEERS_TMP/b.out" 2>"$PEERS_TMP/b.err" &
pid=$!
peers_track "$pid"
exec 7>"$PEERS_TMP/fifo"
printf 'help quit\n' >&7
sleep 0.3
kill -INT "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$pid"
RC=$?
exec 7>&-
OUT=$PEERS_TMP/b.out
ERR=$PEERS_TMP/b.err
sh_expect "SIGINT while batch mode waits for input: 130" 130 "usage: quit
  leave the shell" "snmpsh: interrupted"

# The demo agent answers while batch mode waits on stdin.
peers_port
DPORT=$PORT
"$SNMPSH" -m '' --demo="$DPORT" <"$PEERS_TMP/fifo" >"$PEERS_TMP/d.out" \
    2>"$PEERS_TMP/d.err" &
pid=$!
peers_track "$pid"
exec 7>"$PEERS_TMP/fifo"
sleep 0.2
sh_run -t 0.5 -r 4 "udp:127.0.0.1:$DPORT" --exec 'get 1.3.6.1.2.1.1.5.0'
sh_expect "the demo agent answers while the shell waits for input" 0 \
    '.1.3.6.1.2.1.1.5.0 = STRING: "snmpsh-demo"' ""
printf 'get 1.3.6.1.2.1.1.7.0\n' >&7
exec 7>&-
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$pid"
RC=$?
OUT=$PEERS_TMP/d.out
ERR=$PEERS_TMP/d.err
sh_expect "then the batch runs and ends at end of input" 0 \
    '.1.3.6.1.2.1.1.7.0 = INTEGER: 72' ""

# --serve: the address on stdout, serving until SIGTERM.
demo_start
tap_is "$(cat "$DEMO_OUT")" "$DEMO_AGENT" "--serve prints its address, one line"
sh_run "$DEMO_AGENT" --exec 'get 1.3.6.1.2.1.1.7.0'
sh_expect "--serve answers" 0 '.1.3.6.1.2.1.1.7.0 = INTEGER: 72' ""
kill -TERM "$DEMO_PID"
i=0
while kill -0 "$DEMO_PID" 2>/dev/null && [ "$i" -lt 50 ]; do
	sleep 0.1
	i=$((i + 1))
done
wait "$DEMO_PID"
tap_is "$?" 0 "--serve ends on SIGTERM with status 0"
