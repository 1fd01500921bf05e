# Shared helpers for the shell-script tests (sourced, POSIX sh): TAP output
# (trailing plan, ok/not ok, skips, diagnostics with a diff on mismatch), a
# per-test loopback port range, and starting/stopping the peers the interop
# tests talk to -- Net-SNMP's snmpd with a private generated configuration,
# `snmpsh --demo=PORT --serve`, the PySNMP agent and PySNMP manager scripts.
# Every wait is bounded; every process started here is stopped by PID in the
# EXIT trap, and a final check reports any that survived as a failed test.
# The environment comes from tests/local.mk's AM_TESTS_ENVIRONMENT (SNMPSH,
# SNMPD, PYSNMP_PYTHON, top_srcdir, top_builddir, a private HOME).
#
# Use:   . "$top_srcdir/tests/lib/peers.sh"
#        peers_init my-test-name      # temp dir, port range, EXIT trap
#        ... tap_ok / tap_cmp ...     # the trailing plan is printed on exit

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=.}"
: "${SNMPSH:=$top_builddir/snmpsh}"
: "${PYSNMP_PYTHON:=}"
export MIBS= MIBDIRS=

PEERS_PIDS=
PEERS_TMP=
TAP_N=0
TAP_FAILED=0
TAP_ENDED=0

# ---------------------------------------------------------------- TAP

tap_diag()
{
	printf '%s\n' "$@" | sed 's/^/# /'
}

# tap_result STATUS DESCRIPTION: STATUS 0 is "ok".
tap_result()
{
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		printf 'ok %d - %s\n' "$TAP_N" "$2"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		printf 'not ok %d - %s\n' "$TAP_N" "$2"
	fi
	return "$1"
}

# tap_ok DESCRIPTION COMMAND [ARGS...]: the command's status is the result.
tap_ok()
{
	_d=$1
	shift
	"$@"
	tap_result $? "$_d"
}

tap_skip()
{
	TAP_N=$((TAP_N + 1))
	printf 'ok %d - %s # SKIP %s\n' "$TAP_N" "$1" "$2"
}

# tap_is GOT WANT DESCRIPTION: string equality, both shown on mismatch.
tap_is()
{
	if [ "x$1" = "x$2" ]; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		tap_diag "got:  '$1'" "want: '$2'"
		return 1
	fi
}

# tap_cmp GOT_FILE WANT_FILE DESCRIPTION: files equal line for line; on
# mismatch the unified diff (want -> got, at most 60 lines) as diagnostics.
tap_cmp()
{
	if cmp -s "$1" "$2"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		tap_diag "diff -u want got ($(wc -l <"$2") vs $(wc -l <"$1") lines):"
		diff -u "$2" "$1" | head -n 60 | sed 's/^/#   /'
		return 1
	fi
}

# tap_grep FILE PATTERN DESCRIPTION: FILE has a line matching the fixed
# string PATTERN; the file is shown on failure.
tap_grep()
{
	if grep -F -q -e "$2" "$1"; then
		tap_result 0 "$3"
	else
		tap_result 1 "$3"
		tap_diag "no line with '$2' in:"
		head -n 20 "$1" | sed 's/^/#   /'
		return 1
	fi
}

# Run TAP lines from a helper (numbered or not) as our own test points.
tap_passthrough()
{
	while IFS= read -r _line; do
		case $_line in
		'not ok'*)
			tap_result 1 "$(printf '%s\n' "$_line" |
			    sed 's/^not ok *[0-9]* *-* *//')" ;;
		'ok'*)
			_desc=$(printf '%s\n' "$_line" |
			    sed 's/^ok *[0-9]* *-* *//')
			case $_desc in
			*'# SKIP'*)
				tap_skip "${_desc%%# SKIP*}" "${_desc#*# SKIP }" ;;
			*)
				tap_result 0 "$_desc" ;;
			esac ;;
		'#'*)
			printf '%s\n' "$_line" ;;
		*)
			printf '# %s\n' "$_line" ;;
		esac
	done
}

# Abort the whole script (the EXIT trap still cleans up).
tap_bail()
{
	printf 'Bail out! %s\n' "$*"
	TAP_ENDED=1
	exit 99
}

# A peer (or the program under test) is missing: the whole test is skipped
# locally, and fails under CI=true, where every peer must be present.
peers_missing()
{
	if [ "${CI:-}" = true ]; then
		tap_result 1 "required peer: $*"
		exit 1
	fi
	if [ "$TAP_N" -eq 0 ]; then
		printf '1..0 # SKIP missing %s\n' "$*"
		TAP_ENDED=1
	else
		tap_skip "remaining tests" "missing $*"
	fi
	exit 0
}

# ------------------------------------------------------------ helpers

# peers_need_snmpsh: the program under test must exist, always (a missing
# build is a failure, never a skip).
peers_need_snmpsh()
{
	if [ ! -x "$SNMPSH" ]; then
		tap_result 1 "snmpsh is built ($SNMPSH)"
		tap_bail "snmpsh not found at $SNMPSH: build it first"
	fi
}

# peers_need_prog NAME...: Net-SNMP tools on PATH (or $SNMPD for snmpd).
peers_need_prog()
{
	for _p in "$@"; do
		case $_p in
		snmpd) [ -n "${SNMPD:-}" ] && [ -x "$SNMPD" ] && continue ;;
		*) command -v "$_p" >/dev/null 2>&1 && continue ;;
		esac
		peers_missing "$_p"
	done
}

peers_need_pysnmp()
{
	if [ -z "$PYSNMP_PYTHON" ] || ! "$PYSNMP_PYTHON" -c \
	    'import pysnmp.hlapi, pysnmp.entity.rfc3413' >/dev/null 2>&1
	then
		peers_missing "PySNMP (PYSNMP_PYTHON='$PYSNMP_PYTHON')"
	fi
}

# True when the loopback has ::1.
peers_have_ipv6()
{
	[ -r /proc/net/if_inet6 ] &&
	    grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6
}

# Monotonic-enough clock in milliseconds, for bounded waits and timings.
peers_now_ms()
{
	_t=$(date +%s%N 2>/dev/null)
	case $_t in
	*N|'') echo $(($(date +%s) * 1000)) ;;
	*) echo $((_t / 1000000)) ;;
	esac
}

# ---------------------------------------------------------------- ports

# The port range of this test: 20 ports from a base.  SNMPSH_PORT_BASE (if
# set) fixes the base of the run and each test name gets its own slot; else
# the slot also depends on our PID, so concurrent runs rarely clash.  A port
# in use is skipped (peers_port checks with ss, else /proc/net).
peers_range()
{
	_h=$(printf '%s' "$1" | cksum | cut -d' ' -f1)
	if [ -n "${SNMPSH_PORT_BASE:-}" ]; then
		PEERS_PORT=$((SNMPSH_PORT_BASE + (_h % 200) * 20))
	else
		PEERS_PORT=$((20000 + ((_h + $$ * 7) % 2000) * 20))
	fi
	PEERS_PORT_END=$((PEERS_PORT + 20))
	[ "$PEERS_PORT_END" -le 65535 ] || tap_bail "bad SNMPSH_PORT_BASE"
}

# True when something listens on UDP or TCP port $1 (v4 or v6).
peers_port_busy()
{
	if command -v ss >/dev/null 2>&1; then
		[ -n "$(ss -Haun "( sport = :$1 )" 2>/dev/null)" ] && return 0
		[ -n "$(ss -Hatn "( sport = :$1 )" 2>/dev/null)" ] && return 0
		return 1
	fi
	# local_address is HEXADDR:HEXPORT
	cat /proc/net/udp /proc/net/udp6 /proc/net/tcp /proc/net/tcp6 \
	    2>/dev/null | awk '{print $2}' |
	    grep -q -e "$(printf ':%04X$' "$1")"
}

# peers_port: sets PORT to the next free port of this test's range.
peers_port()
{
	while [ "$PEERS_PORT" -lt "$PEERS_PORT_END" ]; do
		PORT=$PEERS_PORT
		PEERS_PORT=$((PEERS_PORT + 1))
		peers_port_busy "$PORT" || return 0
	done
	tap_bail "no free port left in this test's range"
}

# -------------------------------------------------------------- processes

# peers_track PID: stop PID at exit.
peers_track()
{
	PEERS_PIDS="$PEERS_PIDS $1"
}

# peers_stop PID: SIGTERM, up to 5 s, then SIGKILL (bounded).
peers_stop()
{
	kill -0 "$1" 2>/dev/null || return 0
	kill -TERM "$1" 2>/dev/null
	_i=0
	while kill -0 "$1" 2>/dev/null && [ "$_i" -lt 50 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if kill -0 "$1" 2>/dev/null; then
		tap_diag "PID $1 ignored SIGTERM for 5 s: SIGKILL"
		kill -KILL "$1" 2>/dev/null
		sleep 0.1
	fi
	wait "$1" 2>/dev/null
	return 0
}

peers_cleanup()
{
	_rc=$?
	trap - EXIT INT TERM HUP
	trap '' PIPE
	for _pid in $PEERS_PIDS; do
		peers_stop "$_pid"
	done
	_left=
	for _pid in $PEERS_PIDS; do
		kill -0 "$_pid" 2>/dev/null && _left="$_left $_pid"
	done
	if [ "$TAP_ENDED" -eq 0 ]; then
		if [ -n "$PEERS_PIDS" ]; then
			tap_is "$_left" "" "no process left behind"
		fi
		printf '1..%d\n' "$TAP_N"
	fi
	if [ -n "$PEERS_TMP" ] && [ -d "$PEERS_TMP" ]; then
		if [ "$TAP_FAILED" -gt 0 ] && [ -n "${SNMPSH_KEEP_TMP:-}" ]; then
			printf '# kept %s\n' "$PEERS_TMP"
		else
			rm -rf "$PEERS_TMP"
		fi
	fi
	[ "$TAP_FAILED" -gt 0 ] && exit 1
	exit "$_rc"
}

# peers_init NAME: temp dir $PEERS_TMP (short: Unix socket paths), port
# range, cleanup trap.
peers_init()
{
	PEERS_NAME=$1
	PEERS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sniop.XXXXXX") ||
	    tap_bail "mktemp failed"
	trap peers_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	trap 'exit 141' PIPE
	peers_range "$1"
}

# peers_wait_file FILE PATTERN SECONDS [PID]: until FILE has PATTERN (a
# fixed string), PID (if given) dies, or the time is up.
peers_wait_file()
{
	_end=$(($(peers_now_ms) + $3 * 1000))
	while [ "$(peers_now_ms)" -lt "$_end" ]; do
		grep -F -q -e "$2" "$1" 2>/dev/null && return 0
		if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then
			grep -F -q -e "$2" "$1" 2>/dev/null
			return
		fi
		sleep 0.05
	done
	return 1
}

# peers_wait_snmp AGENT PID: poll with snmpget (v2c, public) up to 10 s.
peers_wait_snmp()
{
	_end=$(($(peers_now_ms) + 10000))
	while [ "$(peers_now_ms)" -lt "$_end" ]; do
		kill -0 "$2" 2>/dev/null || return 1
		snmpget -v 2c -c public -t 0.2 -r 0 -m '' "$1" \
		    .1.3.6.1.2.1.1.2.0 >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	return 1
}

# ------------------------------------------------------------------ snmpd

# snmpd_start [ipv6] [unix]: Net-SNMP's agent on 127.0.0.1 (and [::1], and a
# Unix datagram socket) with tests/interop/snmpd.conf.in, no system config
# (-C), no MIB files (-m ''), no SMUX, a private persistent dir.  Sets
# SNMPD_PORT, SNMPD_PID, SNMPD_AGENT (udp:127.0.0.1:PORT), SNMPD_AGENT6,
# SNMPD_UNIX, SNMPD_LOG.  Tries three ports of the range.
snmpd_start()
{
	peers_need_prog snmpd snmpget
	_dir=$PEERS_TMP/snmpd
	mkdir -p "$_dir/persist"
	sed -e "s|@PASS@|$top_srcdir/tests/interop/snmpd-pass.sh|g" \
	    "$top_srcdir/tests/interop/snmpd.conf.in" >"$_dir/snmpd.conf" ||
	    tap_bail "cannot write snmpd.conf"
	_try=0
	while [ "$_try" -lt 3 ]; do
		_try=$((_try + 1))
		peers_port
		SNMPD_PORT=$PORT
		SNMPD_AGENT=udp:127.0.0.1:$PORT
		SNMPD_AGENT6=udp6:[::1]:$PORT
		SNMPD_UNIX=unix:$_dir/agent.sock
		_listen=$SNMPD_AGENT
		for _o in "$@"; do
			case $_o in
			ipv6) _listen="$_listen,$SNMPD_AGENT6" ;;
			unix) _listen="$_listen,$SNMPD_UNIX" ;;
			esac
		done
		SNMPD_LOG=$_dir/snmpd.log
		rm -f "$_dir/agent.sock"
		SNMP_PERSISTENT_DIR=$_dir/persist "$SNMPD" -f -Lf "$SNMPD_LOG" \
		    -C -c "$_dir/snmpd.conf" -p "$_dir/snmpd.pid" \
		    -I -smux -m '' -M "$_dir" "$_listen" \
		    </dev/null >/dev/null 2>&1 &
		SNMPD_PID=$!
		peers_track "$SNMPD_PID"
		if peers_wait_snmp "$SNMPD_AGENT" "$SNMPD_PID"; then
			tap_diag "snmpd $SNMPD_PID on $_listen"
			return 0
		fi
		peers_stop "$SNMPD_PID"
		tap_diag "snmpd did not start on $_listen:"
		tail -n 5 "$SNMPD_LOG" 2>/dev/null | sed 's/^/#   /'
	done
	tap_bail "snmpd would not start"
}

# ----------------------------------------------------------- snmpsh demo

# demo_start [ARGS...]: `snmpsh --demo=PORT --serve ARGS` in the foreground
# of a background job; waits (10 s) for the address it prints.  Sets
# DEMO_PORT, DEMO_PID, DEMO_AGENT, DEMO_OUT (its stdout), DEMO_ERR.
demo_start()
{
	peers_need_snmpsh
	_try=0
	while [ "$_try" -lt 3 ]; do
		_try=$((_try + 1))
		peers_port
		DEMO_PORT=$PORT
		DEMO_AGENT=udp:127.0.0.1:$PORT
		DEMO_OUT=$PEERS_TMP/demo.$PORT.out
		DEMO_ERR=$PEERS_TMP/demo.$PORT.err
		"$SNMPSH" --demo="$PORT" --serve "$@" </dev/null \
		    >"$DEMO_OUT" 2>"$DEMO_ERR" &
		DEMO_PID=$!
		peers_track "$DEMO_PID"
		if peers_wait_file "$DEMO_OUT" "$DEMO_AGENT" 10 "$DEMO_PID"
		then
			tap_diag "snmpsh demo agent $DEMO_PID on $DEMO_AGENT"
			return 0
		fi
		peers_stop "$DEMO_PID"
		tap_diag "snmpsh --demo=$PORT --serve did not print" \
		    "$DEMO_AGENT within 10 s; stdout, stderr:"
		head -n 5 "$DEMO_OUT" "$DEMO_ERR" 2>/dev/null | sed 's/^/#   /'
	done
	tap_result 1 "snmpsh --demo=PORT --serve starts"
	tap_bail "the demo agent would not start"
}

# ---------------------------------------------------------------- PySNMP

# pysnmp_agent_start: tests/interop/pysnmp_agent.py (v1/v2c, communities
# public/private) on 127.0.0.1; it prints "ready udp:127.0.0.1:PORT".
# Sets PYAGENT_PORT, PYAGENT_PID, PYAGENT_AGENT.
pysnmp_agent_start()
{
	peers_need_pysnmp
	_try=0
	while [ "$_try" -lt 3 ]; do
		_try=$((_try + 1))
		peers_port
		PYAGENT_PORT=$PORT
		PYAGENT_AGENT=udp:127.0.0.1:$PORT
		_out=$PEERS_TMP/pyagent.$PORT.out
		"$PYSNMP_PYTHON" "$top_srcdir/tests/interop/pysnmp_agent.py" \
		    "$PORT" </dev/null >"$_out" 2>&1 &
		PYAGENT_PID=$!
		peers_track "$PYAGENT_PID"
		if peers_wait_file "$_out" "ready $PYAGENT_AGENT" 15 \
		    "$PYAGENT_PID"; then
			tap_diag "PySNMP agent $PYAGENT_PID on $PYAGENT_AGENT"
			return 0
		fi
		peers_stop "$PYAGENT_PID"
		tap_diag "PySNMP agent did not start:"
		tail -n 5 "$_out" | sed 's/^/#   /'
	done
	tap_bail "the PySNMP agent would not start"
}

# pysnmp_run SCRIPT ARGS...: a PySNMP manager script, bounded to 60 s.
pysnmp_run()
{
	peers_need_pysnmp
	_s=$1
	shift
	timeout -k 5 60 "$PYSNMP_PYTHON" "$top_srcdir/tests/interop/$_s" "$@"
}

# --------------------------------------------------------- snmpsh runner

# sh_run OUT_PREFIX SNMPSH-ARGS...: run snmpsh bounded to 60 s; stdout in
# OUT_PREFIX.out, stderr in OUT_PREFIX.err, status in SH_RC.  `-m ''` comes
# first, as the Net-SNMP tools get it (numeric OIDs, values by wire type);
# a comparison with names gives its own -m after it.
sh_run()
{
	_p=$1
	shift
	timeout -k 5 60 "$SNMPSH" -m '' "$@" </dev/null >"$_p.out" 2>"$_p.err"
	SH_RC=$?
	[ "$SH_RC" -eq 124 ] && tap_diag "snmpsh timed out: $*"
	return 0
}

# ns_run OUT_PREFIX NETSNMP-TOOL ARGS...: the same for a Net-SNMP tool.
ns_run()
{
	_p=$1
	shift
	timeout -k 5 60 "$@" </dev/null >"$_p.out" 2>"$_p.err"
	NS_RC=$?
	return 0
}

# same_as DESC TOOL "TOOL_OPTS" "TOOL_ARGS" "SNMPSH_COMMANDS": run the
# Net-SNMP TOOL (with -On -m '' and the session SESS_V, SESS_C, SESS_OPTS,
# SESS_AGENT) and `snmpsh SESSION --exec SNMPSH_COMMANDS`; TOOL_OPTS go
# before the agent (e.g. -Cr5), TOOL_ARGS after it; both strings are split
# by the shell (quote values inside them).  Two test points: stdout equal
# line for line; stderr equal (blank lines aside, which Net-SNMP adds after
# error reports) and the exit status 0 when the tool's is 0, else 1 (the
# SPEC's "SNMP error"; Net-SNMP's tools use 1 or 2).  SAME_FILTER, if set,
# is a command both stdouts go through first (e.g. uniq).
same_as()
{
	_desc=$1 _tool=$2 _topts=$3 _targs=$4 _exec=$5
	SAME_N=$((${SAME_N:-0} + 1))
	_w=$PEERS_TMP/want.$SAME_N
	_g=$PEERS_TMP/got.$SAME_N
	eval "set -- $_topts"
	_pre=
	for _a in "$@"; do
		_pre="$_pre '$_a'"
	done
	eval "set -- $_targs"
	eval "ns_run \"\$_w\" \"\$_tool\" -On -m '' $_pre -v \"\$SESS_V\" \
	    -c \"\$SESS_C\" $SESS_OPTS \"\$SESS_AGENT\" \"\$@\""
	eval "sh_run \"\$_g\" -v \"\$SESS_V\" -c \"\$SESS_C\" $SESS_OPTS \
	    \"\$SESS_AGENT\" --exec \"\$_exec\""
	if [ -n "${SAME_FILTER:-}" ]; then
		$SAME_FILTER <"$_w.out" >"$_w.f" && mv "$_w.f" "$_w.out"
		$SAME_FILTER <"$_g.out" >"$_g.f" && mv "$_g.f" "$_g.out"
	fi
	tap_cmp "$_g.out" "$_w.out" "$_desc: stdout as $_tool"
	grep -v '^$' "$_w.err" >"$_w.err2"
	grep -v '^$' "$_g.err" >"$_g.err2"
	_wrc=0
	[ "$NS_RC" -eq 0 ] || _wrc=1
	if cmp -s "$_g.err2" "$_w.err2" && [ "$SH_RC" -eq "$_wrc" ]; then
		tap_result 0 "$_desc: stderr and exit status ($_wrc)"
	else
		tap_result 1 "$_desc: stderr and exit status ($_wrc)"
		tap_diag "exit status: got $SH_RC, want $_wrc ($_tool: $NS_RC)"
		tap_diag "stderr diff -u want got:"
		diff -u "$_w.err2" "$_g.err2" | head -n 30 | sed 's/^/#   /'
	fi
	SAME_OUT=$_g.out
	SAME_WANT=$_w.out
}

# session SESS_V SESS_C SESS_AGENT [SESS_OPTS]: sets the session used by
# same_as.
session()
{
	SESS_V=$1 SESS_C=$2 SESS_AGENT=$3 SESS_OPTS=${4:-}
}
