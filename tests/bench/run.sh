#!/bin/sh
# snmpsh benchmark harness (make bench).  Runs each benchmark side by side
# with its yardstick in one run, several times, and reports ratios of
# medians (machines are shared and noisy):
#   1. codec: bench_codec (snmpsh's engine vs libnetsnmp, ns/op);
#   2. walk CPU: client user+sys CPU per varbind of a GETBULK walk
#      (RFC 3416 §4.2.3, max-repetitions 50) of a 50,000-varbind table
#      served by Net-SNMP's snmpd, snmpsh vs snmpbulkwalk -On -m '' (and
#      PySNMP once, for reference);
#   3. memory: what a 1,000,000-varbind walk adds to snmpsh's peak RSS,
#      against snmpsh's own demo agent with --demo-rows=500000;
#   4. v3 CPU: snmpsh's client CPU for SNMPv3 authPriv (USM, RFC 3414,
#      HMAC-SHA-256 of RFC 7860 and AES-128 of RFC 3826) against the same
#      walk in SNMPv2c, GetNext (one message pair per varbind) and GetBulk,
#      of snmpd's own MIB-II tree; and the GetNext walk of 6,000 varbinds
#      against snmpsh's demo agent (user "demo", SHA-1 and AES-128), whose
#      answers come faster than snmpd's;
#   5. crypto: bench_crypto, the engine's HMAC-SHA-256 and AES-128-CFB per
#      message and the one-time costs of an SNMPv3 session (info).
# Everything runs on 127.0.0.1, high ports; every server started here is
# stopped by the EXIT trap; every wait is bounded.
#
# Usage: run.sh [--quick] [--runs N] [--only codec|walk|mem|v3|crypto]...
#               [--rows N] [--no-pysnmp] [--results FILE]
# Environment (set by `make bench`): SNMPSH, SNMPD, SNMPWALK, BENCH_BINDIR,
# PYSNMP_PYTHON, top_srcdir.  BENCH_STRICT=1 makes a missed target fail;
# BENCH_KEEP=1 keeps the scratch folder (configs, logs, outputs).

set -u

die() {
	echo "bench: $*" >&2
	exit 1
}

here=$(cd "$(dirname "$0")" && pwd) || die "cannot find my folder"
top_srcdir=${top_srcdir:-$(cd "$here/../.." && pwd)}
BENCH_BINDIR=${BENCH_BINDIR:-$here}
SNMPSH=${SNMPSH:-}
SNMPD=${SNMPD:-$(command -v snmpd || echo /usr/sbin/snmpd)}
SNMPWALK=${SNMPWALK:-$(command -v snmpwalk || true)}
PYSNMP_PYTHON=${PYSNMP_PYTHON-/usr/bin/python3}

runs=5
rows=25000
mem_rows=500000
only=""
pysnmp=1
results="$top_srcdir/tests/bench/results/latest.txt"
while [ $# -gt 0 ]; do
	case $1 in
	--quick) runs=3 ;;
	--runs) shift; runs=${1:?--runs needs a number} ;;
	--rows) shift; rows=${1:?--rows needs a number} ;;
	--only) shift; only="$only ${1:?--only needs codec, walk, mem, v3 or crypto}" ;;
	--no-pysnmp) pysnmp=0 ;;
	--results) shift; results=${1:?--results needs a file} ;;
	*) die "unknown option: $1" ;;
	esac
	shift
done
case $runs in ''|*[!0-9]*|0) die "--runs: not a positive number: $runs" ;; esac
case $rows in ''|*[!0-9]*|0) die "--rows: not a positive number: $rows" ;; esac

# Every client gets the same generous timeout, so that a busy machine
# causes no retransmission in the middle of a measured walk.
copts="-t 10 -r 1"

wants() {
	[ -z "$only" ] && return 0
	case " $only " in *" $1 "*) return 0 ;; esac
	return 1
}

rusage="$BENCH_BINDIR/bench_rusage"
[ -x "$rusage" ] || die "$rusage not built (run: make bench)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/snmpsh-bench.XXXXXX") ||
	die "mktemp failed"
pids=""
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
	done
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "bench: kept $tmp" >&2
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Stop one server started here (by PID), bounded.
stop() {
	kill "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	newpids=""
	for p in $pids; do
		[ "$p" = "$1" ] || newpids="$newpids $p"
	done
	pids=$newpids
}

# A free UDP port on loopback (bound then released: a tiny race only).
free_port() {
	if [ -x "$PYSNMP_PYTHON" ]; then
		"$PYSNMP_PYTHON" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
	else
		echo $((20000 + $$ % 20000))
	fi
}

# key=value from a bench_rusage output file
field() {
	sed -n "s/.*$2=\([^ ]*\).*/\1/p" "$1"
}

# Median of the numbers on stdin.
median() {
	sort -g | awk '{ v[NR] = $1 }
	    END { if (NR == 0) { print "nan"; exit }
	          if (NR % 2) print v[(NR + 1) / 2];
	          else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

calc() {
	awk "BEGIN { printf \"%.${2:-2}f\", ($1) }"
}

# Result rows: name|snmpsh|yardstick|ratio|target|verdict
rowsfile="$tmp/rows"
: > "$rowsfile"
notes="$tmp/notes"
: > "$notes"
failed=0
missed=0
row() {
	echo "$1|$2|$3|$4|$5|$6" >> "$rowsfile"
	case $6 in
	FAIL*|ERROR*) failed=1 ;;
	MISS*) missed=1 ;;
	esac
}
note() {
	echo "$*" >> "$notes"
	echo "bench: $*" >&2
}

have_snmpsh() {
	[ -n "$SNMPSH" ] && [ -x "$SNMPSH" ]
}

# snmpsh as a client, printing like snmpbulkwalk -On -m '': numeric OIDs,
# no MIB loaded (so neither side pays for MIB loading).
sn_client() {
	port=$1
	shift
	"$SNMPSH" -On -m '' $copts -v2c -c public "udp:127.0.0.1:$port" \
	    --exec "$*"
}

echo "bench: $runs runs per measurement, results to $results" >&2

# ---- 1. codec ---------------------------------------------------------
bench_codec() {
	prog="$BENCH_BINDIR/bench_codec"
	if [ ! -x "$prog" ]; then
		note "codec: bench_codec not built (libnetsnmp dev files missing?)"
		row "codec encode (ns/op)" - - - ">= 3x" "SKIP"
		row "codec decode (ns/op)" - - - ">= 3x" "SKIP"
		return
	fi
	echo "bench: codec ..." >&2
	if ! "$prog" -r "$((runs < 5 ? 5 : runs * 2 + 1))" > "$tmp/codec.out" \
	    2> "$tmp/codec.err"; then
		cat "$tmp/codec.out" "$tmp/codec.err" >&2
		note "codec: bench_codec failed (see above)"
		row "codec encode (ns/op)" - - - ">= 3x" "ERROR"
		row "codec decode (ns/op)" - - - ">= 3x" "ERROR"
		return
	fi
	grep '^#' "$tmp/codec.out" | sed 's/^# /codec: /' >> "$notes"
	for op in encode decode; do
		line=$(grep "^codec $op " "$tmp/codec.out")
		sn=$(echo "$line" | sed -n 's/.*snmpsh_ns=\([^ ]*\).*/\1/p')
		ns=$(echo "$line" | sed -n 's/.*netsnmp_ns=\([^ ]*\).*/\1/p')
		sp=$(echo "$line" | sed -n 's/.*speedup=\([^ ]*\).*/\1/p')
		if [ -z "$sp" ]; then
			row "codec $op (ns/op)" - - - ">= 3x" "ERROR"
			continue
		fi
		v=PASS
		[ "$(calc "$sp >= 3" 0)" = 1 ] || v=MISS
		row "codec $op (ns/op)" "$sn" "libnetsnmp $ns" "${sp}x" \
		    ">= 3x" "$v"
	done
}

# ---- 2. walk CPU against snmpd ----------------------------------------
start_snmpd() {
	port=$1
	conf="$tmp/snmpd.conf"
	mkdir -p "$tmp/persist" "$tmp/mibs"
	cp "$here/BENCH-MIB.txt" "$tmp/mibs/BENCH-MIB.txt" ||
	    die "cannot copy BENCH-MIB"
	{
		echo "rocommunity public 127.0.0.1"
		echo "dontLogTCPWrappersConnects yes"
		echo "table bulkTable"
		awk -v n="$rows" 'BEGIN { for (i = 1; i <= n; i++)
		    printf "add_row bulkTable %d %d \"row %d\"\n", i, i, i }'
	} > "$conf"
	# -C: only our config; -I -smux: no SMUX port; MIBs: ours plus the
	# bundled IETF ones it imports.
	SNMP_PERSISTENT_DIR="$tmp/persist" "$SNMPD" -f -C -c "$conf" \
	    -Lf "$tmp/snmpd.log" -I -smux \
	    -M "$tmp/mibs:$top_srcdir/mibs/ietf" -m BENCH-MIB \
	    "udp:127.0.0.1:$port" < /dev/null > /dev/null 2>&1 &
	snmpd_pid=$!
	pids="$pids $snmpd_pid"
	# Ready when the first row answers: 30 s at most.
	i=0
	while [ $i -lt 100 ]; do
		if ! kill -0 "$snmpd_pid" 2>/dev/null; then
			tail -n 15 "$tmp/snmpd.log" >&2
			return 1
		fi
		if "$snmpget" -v2c -c public -On -m '' -t 0.3 -r 0 \
		    "127.0.0.1:$port" .1.3.6.1.4.1.99999.2.1.1.3.$rows \
		    2>/dev/null | grep -q "row $rows"; then
			return 0
		fi
		i=$((i + 1))
		sleep 0.2
	done
	tail -n 15 "$tmp/snmpd.log" >&2
	return 1
}

bench_walk() {
	bulkwalk=""
	[ -n "$SNMPWALK" ] && bulkwalk="$(dirname "$SNMPWALK")/snmpbulkwalk"
	[ -x "$bulkwalk" ] || bulkwalk=$(command -v snmpbulkwalk || true)
	snmpget="$(dirname "${bulkwalk:-/usr/bin/x}")/snmpget"
	if [ ! -x "$SNMPD" ] || [ -z "$bulkwalk" ]; then
		note "walk: snmpd or snmpbulkwalk missing"
		row "walk CPU (us/varbind)" - - - "<= 1/5" "SKIP"
		return
	fi
	nvb=$((rows * 2))
	port=$(free_port)
	echo "bench: walk: snmpd on udp:127.0.0.1:$port, $rows rows" \
	    "($nvb varbinds) ..." >&2
	if ! start_snmpd "$port"; then
		note "walk: snmpd did not start or serve the table (log above)"
		row "walk CPU (us/varbind)" - - - "<= 1/5" "ERROR"
		return
	fi
	oid=.1.3.6.1.4.1.99999.2
	# Checking runs: the yardstick's output is the reference text.
	if ! "$bulkwalk" -v2c -c public -On -m '' $copts -Cr50 "127.0.0.1:$port" \
	    "$oid" > "$tmp/walk.ref" 2> "$tmp/walk.referr"; then
		cat "$tmp/walk.referr" >&2
		note "walk: snmpbulkwalk failed"
		row "walk CPU (us/varbind)" - - - "<= 1/5" "ERROR"
		stop "$snmpd_pid"
		return
	fi
	got=$(wc -l < "$tmp/walk.ref")
	if [ "$got" -ne "$nvb" ]; then
		note "walk: snmpbulkwalk printed $got lines, not $nvb"
		row "walk CPU (us/varbind)" - - - "<= 1/5" "ERROR"
		stop "$snmpd_pid"
		return
	fi
	sn_ok=0
	if have_snmpsh; then
		if sn_client "$port" "bulkwalk -Cr50 $oid" > "$tmp/walk.sn" \
		    2> "$tmp/walk.snerr"; then
			if cmp -s "$tmp/walk.ref" "$tmp/walk.sn"; then
				sn_ok=1
			else
				note "walk: snmpsh's output differs from" \
				    "snmpbulkwalk's ($(wc -l < "$tmp/walk.sn")" \
				    "lines); first differences:"
				diff "$tmp/walk.ref" "$tmp/walk.sn" | head -8 |
				    tee -a "$notes" >&2
			fi
		else
			note "walk: snmpsh failed: $(head -3 "$tmp/walk.snerr")"
		fi
	else
		note "walk: snmpsh not built; yardstick measured alone"
	fi

	# Timed runs, interleaved, output to /dev/null.
	: > "$tmp/cpu.nb"
	: > "$tmp/cpu.sn"
	: > "$tmp/user.nb"
	: > "$tmp/user.sn"
	r=0
	while [ $r -lt "$runs" ]; do
		r=$((r + 1))
		echo "bench: walk run $r/$runs" >&2
		"$rusage" -o "$tmp/ru" -- "$bulkwalk" -v2c -c public -On -m '' \
		    $copts -Cr50 "127.0.0.1:$port" "$oid" > /dev/null ||
		    { note "walk: snmpbulkwalk failed in run $r"; break; }
		calc "$(field "$tmp/ru" user_s) + $(field "$tmp/ru" sys_s)" 6 \
		    >> "$tmp/cpu.nb"
		echo >> "$tmp/cpu.nb"
		echo "$(field "$tmp/ru" user_s)" >> "$tmp/user.nb"
		[ $sn_ok = 1 ] || continue
		"$rusage" -o "$tmp/ru" -- "$SNMPSH" -On -m '' $copts -v2c -c public \
		    "udp:127.0.0.1:$port" --exec "bulkwalk -Cr50 $oid" \
		    > /dev/null || { note "walk: snmpsh failed in run $r"; \
		    sn_ok=0; continue; }
		calc "$(field "$tmp/ru" user_s) + $(field "$tmp/ru" sys_s)" 6 \
		    >> "$tmp/cpu.sn"
		echo >> "$tmp/cpu.sn"
		echo "$(field "$tmp/ru" user_s)" >> "$tmp/user.sn"
	done
	nb=$(median < "$tmp/cpu.nb")
	nb_us=$(calc "$nb * 1e6 / $nvb" 3)
	note "walk: snmpbulkwalk CPU seconds per run:" \
	    "$(tr '\n' ' ' < "$tmp/cpu.nb")"
	if [ $sn_ok = 1 ] && [ -s "$tmp/cpu.sn" ]; then
		note "walk: snmpsh CPU seconds per run:" \
		    "$(tr '\n' ' ' < "$tmp/cpu.sn")"
		sn=$(median < "$tmp/cpu.sn")
		sn_us=$(calc "$sn * 1e6 / $nvb" 3)
		ratio=$(calc "$nb / $sn" 2)
		v=PASS
		[ "$(calc "$ratio >= 5" 0)" = 1 ] || v=MISS
		row "walk CPU (us/varbind)" "$sn_us" "snmpbulkwalk $nb_us" \
		    "${ratio}x" "<= 1/5" "$v"
		# The kernel's share (sendto/recvfrom/poll on loopback, which
		# also delivers the datagram to the agent) is about the same
		# for both clients; the user-space share shows the client's
		# own work.
		nbu=$(median < "$tmp/user.nb")
		snu=$(median < "$tmp/user.sn")
		row "walk user CPU only (us/varbind)" \
		    "$(calc "$snu * 1e6 / $nvb" 3)" \
		    "snmpbulkwalk $(calc "$nbu * 1e6 / $nvb" 3)" \
		    "$(calc "$nbu / $snu" 2)x" "-" "info"
	else
		v="ERROR (snmpsh)"
		have_snmpsh || v="SKIP (no snmpsh)"
		row "walk CPU (us/varbind)" - "snmpbulkwalk $nb_us" - \
		    "<= 1/5" "$v"
	fi

	# PySNMP, once, for reference.
	if [ $pysnmp = 1 ] && [ -x "$PYSNMP_PYTHON" ]; then
		echo "bench: walk: PySNMP (one run) ..." >&2
		if "$rusage" -o "$tmp/ru" -- "$PYSNMP_PYTHON" \
		    "$here/pysnmp_walk.py" 127.0.0.1 "$port" "$oid" 50 \
		    > /dev/null 2> "$tmp/py.err" &&
		    grep -q "^varbinds=$nvb\$" "$tmp/py.err"; then
			py=$(calc "$(field "$tmp/ru" user_s) + \
			    $(field "$tmp/ru" sys_s)" 6)
			py_us=$(calc "$py * 1e6 / $nvb" 3)
			if [ $sn_ok = 1 ]; then
				row "walk CPU, PySNMP reference" "$sn_us" \
				    "pysnmp $py_us" "$(calc "$py / $sn" 1)x" \
				    "-" "info"
			else
				row "walk CPU, PySNMP reference" - \
				    "pysnmp $py_us" - "-" "info"
			fi
		else
			note "walk: PySNMP walk failed: $(tail -2 "$tmp/py.err")"
		fi
	fi
	stop "$snmpd_pid"
}

# ---- 3. memory of a 1,000,000-varbind walk ----------------------------
bench_mem() {
	if ! have_snmpsh; then
		note "mem: snmpsh not built"
		row "walk memory (MB added)" - - - "< 30 MB" "SKIP"
		return
	fi
	nvb=$((mem_rows * 2))
	port=$(free_port)
	echo "bench: mem: snmpsh --demo=$port --serve" \
	    "--demo-rows=$mem_rows ..." >&2
	"$SNMPSH" "--demo=$port" --serve "--demo-rows=$mem_rows" \
	    < /dev/null > "$tmp/demo.out" 2> "$tmp/demo.err" &
	demo_pid=$!
	pids="$pids $demo_pid"
	i=0
	up=0
	while [ $i -lt 100 ]; do
		kill -0 "$demo_pid" 2>/dev/null || break
		if "$SNMPSH" -On -m '' -t 0.3 -r 0 -v2c -c public \
		    "udp:127.0.0.1:$port" \
		    --exec "get .1.3.6.1.4.1.99999.2.1.1.2.1" 2>/dev/null |
		    grep -q "Counter32: 1\$"; then
			up=1
			break
		fi
		i=$((i + 1))
		sleep 0.2
	done
	if [ $up = 0 ]; then
		note "mem: the demo agent did not serve (stdout:" \
		    "$(head -2 "$tmp/demo.out"), stderr:" \
		    "$(head -3 "$tmp/demo.err"))"
		row "walk memory (MB added)" - - - "< 30 MB" "ERROR"
		stop "$demo_pid"
		return
	fi
	oid=.1.3.6.1.4.1.99999.2.1.1
	mruns=$((runs < 3 ? runs : 3))
	: > "$tmp/mem.base"
	: > "$tmp/mem.walk"
	: > "$tmp/mem.cpu"
	r=0
	while [ $r -lt $mruns ]; do
		r=$((r + 1))
		echo "bench: mem run $r/$mruns" >&2
		"$rusage" -o "$tmp/ru" -- "$SNMPSH" -On -m '' $copts -v2c -c public \
		    "udp:127.0.0.1:$port" --exec "get $oid.2.1" > /dev/null ||
		    { note "mem: snmpsh get failed"; break; }
		field "$tmp/ru" maxrss_kb >> "$tmp/mem.base"
		"$rusage" -o "$tmp/ru" -- "$SNMPSH" -On -m '' $copts -v2c -c public \
		    "udp:127.0.0.1:$port" --exec "bulkwalk -Cr50 $oid" \
		    > "$tmp/mem.out" ||
		    { note "mem: snmpsh bulkwalk failed"; break; }
		# The table ends the demo agent's tree: the walk's last line
		# is the endOfMibView line (RFC 3416 §4.2.3), not a varbind.
		got=$(grep -cv ' = No more variables left in this MIB View' \
		    "$tmp/mem.out")
		if [ "$got" -ne "$nvb" ]; then
			note "mem: the walk printed $got lines, not $nvb:" \
			    "$(tail -1 "$tmp/mem.out")"
			break
		fi
		field "$tmp/ru" maxrss_kb >> "$tmp/mem.walk"
		calc "$(field "$tmp/ru" user_s) + $(field "$tmp/ru" sys_s)" 6 \
		    >> "$tmp/mem.cpu"
		echo >> "$tmp/mem.cpu"
		note "mem: run $r: walk $(cat "$tmp/ru")"
	done
	rm -f "$tmp/mem.out"
	if [ "$(wc -l < "$tmp/mem.walk")" -ne $mruns ]; then
		row "walk memory (MB added)" - - - "< 30 MB" "ERROR"
		stop "$demo_pid"
		return
	fi
	base=$(median < "$tmp/mem.base")
	walk=$(median < "$tmp/mem.walk")
	mcpu=$(median < "$tmp/mem.cpu")
	added=$(calc "($walk - $base) / 1024" 1)
	agent_kb=$(sed -n 's/^VmHWM:[ 	]*\([0-9]*\).*/\1/p' \
	    "/proc/$demo_pid/status" 2>/dev/null)
	note "mem: peak RSS kB, get: $(tr '\n' ' ' < "$tmp/mem.base")," \
	    "walk: $(tr '\n' ' ' < "$tmp/mem.walk"); demo agent peak" \
	    "${agent_kb:-?} kB"
	v=PASS
	[ "$(calc "$added < 30" 0)" = 1 ] || v=MISS
	row "walk memory (MB added)" "$added" \
	    "base $(calc "$base / 1024" 1) MB" - "< 30 MB" "$v"

	# For reference, once: snmpbulkwalk on the same walk (peak RSS, and
	# CPU against an agent that is not the bottleneck), beside the
	# median snmpsh run's CPU.
	bulkwalk=""
	[ -n "$SNMPWALK" ] && bulkwalk="$(dirname "$SNMPWALK")/snmpbulkwalk"
	[ -x "$bulkwalk" ] || bulkwalk=$(command -v snmpbulkwalk || true)
	if [ -n "$bulkwalk" ]; then
		echo "bench: mem: snmpbulkwalk (one run) ..." >&2
		if "$rusage" -o "$tmp/ru" -- "$bulkwalk" -v2c -c public -On \
		    -m '' $copts -Cr50 "127.0.0.1:$port" "$oid" \
		    > "$tmp/mem.out" && [ "$(grep -cv \
		    ' = No more variables left in this MIB View' \
		    "$tmp/mem.out")" -eq "$nvb" ]; then
			note "mem: snmpbulkwalk: $(cat "$tmp/ru")"
			nbcpu=$(calc "$(field "$tmp/ru" user_s) + \
			    $(field "$tmp/ru" sys_s)" 6)
			row "walk memory, snmpbulkwalk" \
			    "$(calc "$walk / 1024" 1)" \
			    "peak $(calc "$(field "$tmp/ru" maxrss_kb) / \
			    1024" 1) MB" - "-" "info"
			row "1M-varbind walk CPU (us/vb)" \
			    "$(calc "$mcpu * 1e6 / $nvb" 3)" \
			    "snmpbulkwalk $(calc "$nbcpu * 1e6 / $nvb" 3)" \
			    "$(calc "$nbcpu / $mcpu" 2)x" "-" "info"
		else
			note "mem: snmpbulkwalk reference walk failed"
		fi
		rm -f "$tmp/mem.out"
	fi
	stop "$demo_pid"
}

# ---- 4. client CPU of SNMPv3 authPriv against SNMPv2c --------------------
# v3_measure PORT OID LABEL CMD...: for each walk command, a checking run
# of each version, then $runs interleaved timed runs (v2c, then SNMPv3
# with $v3opts); rows of median CPU per varbind and their ratio.
v3_measure() {
	port=$1 oid=$2 label=$3
	shift 3
	for cmd in "$@"; do
		name=${cmd%% *}
		# Checking runs: both versions see the same tree (a few
		# table rows, such as sockets, may come and go).
		"$SNMPSH" -On -m '' $copts -v2c -c public \
		    "udp:127.0.0.1:$port" --exec "$cmd $oid" > "$tmp/v3.ref" \
		    2>&1
		"$SNMPSH" -On -m '' $copts $v3opts \
		    "udp:127.0.0.1:$port" --exec "$cmd $oid" > "$tmp/v3.got" \
		    2>&1
		n2=$(wc -l < "$tmp/v3.ref")
		n3=$(wc -l < "$tmp/v3.got")
		if [ "$n2" -lt 500 ] ||
		    [ "$(calc "$n3 >= $n2 * 0.99 && $n3 <= $n2 * 1.01" 0)" != 1 ]
		then
			note "v3: $name$label: v2c printed $n2 lines, v3 $n3:" \
			    "$(tail -n 2 "$tmp/v3.got")"
			row "v3 $name$label" - - - "-" "ERROR"
			continue
		fi
		for f in c2 c3 u2 u3; do
			: > "$tmp/v3.$f"
		done
		r=0
		while [ $r -lt "$runs" ]; do
			r=$((r + 1))
			echo "bench: v3 $name$label run $r/$runs" >&2
			for v in 2 3; do
				if [ $v = 2 ]; then
					vo="-v2c -c public"
				else
					vo=$v3opts
				fi
				"$rusage" -o "$tmp/ru" -- "$SNMPSH" -On -m '' \
				    $copts $vo "udp:127.0.0.1:$port" \
				    --exec "$cmd $oid" > /dev/null ||
				    note "v3: $name -v$v failed in run $r"
				calc "$(field "$tmp/ru" user_s) + \
				    $(field "$tmp/ru" sys_s)" 6 >> "$tmp/v3.c$v"
				echo >> "$tmp/v3.c$v"
				field "$tmp/ru" user_s >> "$tmp/v3.u$v"
			done
		done
		note "v3: $name$label ($n2 varbinds), v2c CPU s:" \
		    "$(tr '\n' ' ' < "$tmp/v3.c2"); authPriv:" \
		    "$(tr '\n' ' ' < "$tmp/v3.c3")"
		c2=$(median < "$tmp/v3.c2")
		c3=$(median < "$tmp/v3.c3")
		u2=$(median < "$tmp/v3.u2")
		u3=$(median < "$tmp/v3.u3")
		ratio=$(calc "$c3 / $c2" 2)
		v=PASS
		[ "$(calc "$ratio <= 1.3" 0)" = 1 ] || v=MISS
		[ "$name" = walk ] || v="info ($v)"
		row "v3 $name CPU$label" "$(calc "$c3 * 1e6 / $n2" 2)" \
		    "v2c $(calc "$c2 * 1e6 / $n2" 2)" "${ratio}x" "<= 1.3x" "$v"
		# (user time is sampled by the kernel: below a few
		# milliseconds the split is too coarse for a ratio)
		ur=-
		[ "$(calc "$u2 >= 0.005" 0)" = 1 ] &&
		    ur="$(calc "$u3 / $u2" 2)x"
		row "v3 $name user CPU$label" "$(calc "$u3 * 1e6 / $n2" 2)" \
		    "v2c $(calc "$u2 * 1e6 / $n2" 2)" "$ur" "-" "info"
	done
}

bench_v3() {
	snmpget=$(command -v snmpget || true)
	if ! have_snmpsh || [ ! -x "$SNMPD" ] || [ -z "$snmpget" ]; then
		note "v3: snmpsh, snmpd or snmpget missing"
		row "v3 authPriv CPU / v2c" - - - "<= 1.3x" "SKIP"
		return
	fi
	port=$(free_port)
	conf="$tmp/snmpd-v3.conf"
	mkdir -p "$tmp/persist-v3"
	{
		echo "rocommunity public 127.0.0.1"
		echo "dontLogTCPWrappersConnects yes"
		echo "createUser bench SHA-256 \"bench-auth-pass\" AES" \
		    "\"bench-priv-pass\""
		echo "rouser bench priv .1"
	} > "$conf"
	SNMP_PERSISTENT_DIR="$tmp/persist-v3" "$SNMPD" -f -C -c "$conf" \
	    -Lf "$tmp/snmpd-v3.log" -I -smux -m '' \
	    "udp:127.0.0.1:$port" < /dev/null > /dev/null 2>&1 &
	v3_pid=$!
	pids="$pids $v3_pid"
	v3opts="-v3 -u bench -l authPriv -a SHA-256 -A bench-auth-pass -x AES"
	v3opts="$v3opts -X bench-priv-pass"
	i=0
	up=0
	while [ $i -lt 100 ]; do
		kill -0 "$v3_pid" 2>/dev/null || break
		if "$snmpget" $v3opts -On -m '' -t 0.3 -r 0 \
		    "127.0.0.1:$port" .1.3.6.1.2.1.1.3.0 2>/dev/null |
		    grep -q Timeticks; then
			up=1
			break
		fi
		i=$((i + 1))
		sleep 0.2
	done
	if [ $up = 0 ]; then
		tail -n 15 "$tmp/snmpd-v3.log" >&2
		note "v3: snmpd did not answer SNMPv3 (log above)"
		row "v3 authPriv CPU / v2c" - - - "<= 1.3x" "ERROR"
		stop "$v3_pid"
		return
	fi
	echo "bench: v3: snmpd on udp:127.0.0.1:$port" >&2
	v3_measure "$port" .1.3.6.1.2.1 "" walk "bulkwalk -Cr50"
	stop "$v3_pid"

	# The demo agent answers in a few microseconds, snmpd in tens
	port=$(free_port)
	"$SNMPSH" "--demo=$port" --serve --demo-rows=3000 < /dev/null \
	    > "$tmp/demo-v3.out" 2> "$tmp/demo-v3.err" &
	v3_pid=$!
	pids="$pids $v3_pid"
	v3opts="-v3 -u demo -l authPriv -a SHA -A demo-auth-pass -x AES"
	v3opts="$v3opts -X demo-priv-pass"
	i=0
	up=0
	while [ $i -lt 100 ]; do
		kill -0 "$v3_pid" 2>/dev/null || break
		if "$SNMPSH" -On -m '' -t 0.3 -r 0 $v3opts \
		    "udp:127.0.0.1:$port" --exec "get .1.3.6.1.2.1.1.3.0" \
		    2>/dev/null | grep -q Timeticks; then
			up=1
			break
		fi
		i=$((i + 1))
		sleep 0.2
	done
	if [ $up = 1 ]; then
		v3_measure "$port" .1.3.6.1.4.1.99999.2 " (demo agent, SHA)" \
		    walk
	else
		note "v3: the demo agent did not answer"
		row "v3 walk CPU, demo agent" - - - "-" "ERROR"
	fi
	stop "$v3_pid"
}

# ---- 5. SNMPv3 cryptography per message --------------------------------
bench_crypto() {
	prog="$BENCH_BINDIR/bench_crypto"
	if [ ! -x "$prog" ]; then
		note "crypto: bench_crypto not built"
		row "crypto (ns/op)" - - - "-" "SKIP"
		return
	fi
	echo "bench: crypto ..." >&2
	if ! "$prog" > "$tmp/crypto.out" 2> "$tmp/crypto.err"; then
		cat "$tmp/crypto.err" >&2
		row "crypto (ns/op)" - - - "-" "ERROR"
		return
	fi
	while read -r _ name ns; do
		row "crypto $name (ns)" "${ns#ns=}" - - "-" "info"
	done < "$tmp/crypto.out"
}

wants codec && bench_codec
wants walk && bench_walk
wants mem && bench_mem
wants v3 && bench_v3
wants crypto && bench_crypto

# ---- report -----------------------------------------------------------
cpu=$(sed -n 's/^model name[ 	]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
report="$tmp/report"
{
	echo "snmpsh benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(uname -srm), ${cpu:-unknown CPU}," \
	    "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs"
	echo "snmpsh: ${SNMPSH:-none}; medians of $runs runs" \
	    "(codec: see notes); ratio = yardstick / snmpsh" \
	    "(v3 rows: authPriv / v2c)"
	echo
	awk -F'|' 'BEGIN {
		printf "%-28s %12s %-24s %8s %8s %s\n", "benchmark", "snmpsh",
		    "yardstick", "ratio", "target", "result"
	}
	{ printf "%-28s %12s %-24s %8s %8s %s\n", $1, $2, $3, $4, $5, $6 }' \
	    "$rowsfile"
	if [ -s "$notes" ]; then
		echo
		echo "notes:"
		sed 's/^/  /' "$notes"
	fi
} > "$report"
cat "$report"
mkdir -p "$(dirname "$results")" && cp "$report" "$results" ||
	echo "bench: could not write $results" >&2

[ $failed = 0 ] || exit 1
if [ $missed = 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
	exit 1
fi
exit 0
