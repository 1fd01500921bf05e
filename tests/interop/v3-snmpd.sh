#!/bin/sh
# Interop: snmpsh's SNMPv3 command generator (RFC 3412, RFC 3414 USM with
# discovery, RFC 7860 SHA-2, RFC 3826 AES, the Blumenthal AES-192/256
# draft) against Net-SNMP's snmpd: one user per authentication protocol x
# privacy protocol that Debian's snmpd offers (MD5 SHA SHA-224 SHA-256
# SHA-384 SHA-512 x none DES AES AES-192 AES-256), created by the test in
# its private configuration and persistent folder, at noAuthNoPriv,
# authNoPriv and authPriv; for each, a get and a bulkwalk compared line
# for line with snmpget/snmpbulkwalk (-On -m '').  The matrix is printed
# as diagnostics.  Then the failures: wrong passphrases, unknown user,
# unsupported level, wrong engine ID: a clear message, exit 1, no hang.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-v3-snmpd
peers_need_prog snmpd snmpget snmpbulkwalk
peers_need_snmpsh

AUTHS="MD5 SHA SHA-224 SHA-256 SHA-384 SHA-512"
PRIVS="DES AES AES-192 AES-256"
AP=authpass-v3
XP=privpass-v3

# snmpd with the usual test configuration plus the v3 users (createUser is
# read from the -c file; snmpd keeps the localized keys in its private
# persistent folder).
_dir=$PEERS_TMP/snmpd
mkdir -p "$_dir/persist"
{
	sed -e "s|@PASS@|$top_srcdir/tests/interop/snmpd-pass.sh|g" \
	    "$top_srcdir/tests/interop/snmpd.conf.in"
	echo "createUser nopriv-none"
	echo "rouser nopriv-none noauth .1"
	for a in $AUTHS; do
		echo "createUser u-$a-none $a \"$AP\""
		echo "rouser u-$a-none auth .1"
		for x in $PRIVS; do
			echo "createUser u-$a-$x $a \"$AP\" $x \"$XP\""
			echo "rouser u-$a-$x priv .1"
		done
	done
} >"$_dir/snmpd.conf" || tap_bail "cannot write snmpd.conf"
_try=0
while :; do
	_try=$((_try + 1))
	[ "$_try" -le 3 ] || tap_bail "snmpd would not start"
	peers_port
	A=udp:127.0.0.1:$PORT
	SNMP_PERSISTENT_DIR=$_dir/persist "$SNMPD" -f -Lf "$_dir/snmpd.log" \
	    -C -c "$_dir/snmpd.conf" -p "$_dir/snmpd.pid" -I -smux -m '' \
	    -M "$_dir" "$A" </dev/null >/dev/null 2>&1 &
	SNMPD_PID=$!
	peers_track "$SNMPD_PID"
	if peers_wait_snmp "$A" "$SNMPD_PID"; then
		tap_diag "snmpd $SNMPD_PID on $A"
		break
	fi
	peers_stop "$SNMPD_PID"
done

GET=".1.3.6.1.2.1.1.4.0 .1.3.6.1.2.1.1.6.0 .1.3.6.1.4.1.99998.1.10.0"
WALK=.1.3.6.1.4.1.99998
T=$PEERS_TMP

# check LABEL V3-OPTIONS...: get and bulkwalk -Cr3, as Net-SNMP's tools.
# Sets CELL to "ok" or "FAIL".
check()
{
	_l=$1
	shift
	CELL=ok
	ns_run "$T/w" snmpget -On -m '' -v 3 "$@" "$A" $GET
	sh_run "$T/g" -v 3 "$@" -On -m '' "$A" --exec "get $GET"
	if ! tap_cmp "$T/g.out" "$T/w.out" "$_l: get as snmpget" ||
	    [ "$SH_RC" -ne 0 ] || [ "$NS_RC" -ne 0 ] ||
	    [ "$(wc -l <"$T/g.out")" -ne 3 ]; then
		CELL=FAIL
		tap_diag "exit $SH_RC (snmpget $NS_RC); stderr:"
		head -n 3 "$T/g.err" "$T/w.err" | sed 's/^/#   /'
	fi
	ns_run "$T/w" snmpbulkwalk -On -m '' -Cr3 -v 3 "$@" "$A" "$WALK"
	sh_run "$T/g" -v 3 "$@" -On -m '' "$A" --exec "bulkwalk -Cr3 $WALK"
	if ! tap_cmp "$T/g.out" "$T/w.out" "$_l: bulkwalk as snmpbulkwalk" ||
	    [ "$SH_RC" -ne 0 ] || [ "$(wc -l <"$T/g.out")" -lt 9 ]; then
		CELL=FAIL
		tap_diag "exit $SH_RC; stderr:"
		head -n 3 "$T/g.err" | sed 's/^/#   /'
	fi
}

check "noAuthNoPriv" -u nopriv-none -l noAuthNoPriv
MATRIX="noAuthNoPriv: $CELL"
HDR=$(printf '%-8s %-5s' "" none)
for x in $PRIVS; do
	HDR=$(printf '%s %-7s' "$HDR" "$x")
done
for a in $AUTHS; do
	check "authNoPriv $a" -u "u-$a-none" -l authNoPriv -a "$a" -A "$AP"
	ROW=$(printf '%-8s %-5s' "$a" "$CELL")
	for x in $PRIVS; do
		check "authPriv $a/$x" -u "u-$a-$x" -l authPriv -a "$a" \
		    -A "$AP" -x "$x" -X "$XP"
		ROW=$(printf '%s %-7s' "$ROW" "$CELL")
	done
	MATRIX="$MATRIX
$ROW"
done
tap_diag "SNMPv3 matrix against snmpd (get + bulkwalk; columns: privacy):" \
    "$HDR" "$MATRIX"

# Failures: Net-SNMP's words (snmpget's "Authentication failure (...)";
# snmpsh's shell writes "snmpsh: get: authentication failure (...)", so
# the first letter's case is left out of the match), exit status 1,
# bounded time.
# fails DESC WANT-TEXT V3-OPTIONS...
fails()
{
	_d=$1 _want=$2
	shift 2
	_t0=$(peers_now_ms)
	sh_run "$T/f" -v 3 -t 0.5 -r 1 "$@" -On -m '' "$A" \
	    --exec "get .1.3.6.1.2.1.1.6.0"
	_ms=$(($(peers_now_ms) - _t0))
	tap_is "$SH_RC" 1 "$_d: exit status 1"
	tap_grep "$T/f.err" "$_want" "$_d: says '$_want'"
	tap_ok "$_d: done in under 5 s (${_ms} ms)" test "$_ms" -lt 5000
	tap_is "$(wc -c <"$T/f.out")" 0 "$_d: nothing on stdout"
}
fails "wrong auth passphrase" \
    "uthentication failure (incorrect password, community or key)" \
    -u u-SHA-AES -l authPriv -a SHA -A wrong-pass -x AES -X "$XP"
fails "wrong auth protocol" \
    "uthentication failure (incorrect password, community or key)" \
    -u u-SHA-AES -l authPriv -a MD5 -A "$AP" -x AES -X "$XP"
fails "unknown user" "nknown user name" -u nobody-here -l noAuthNoPriv
fails "level the user does not have" "nsupported security level" \
    -u nopriv-none -l authNoPriv -a SHA -A "$AP"
fails "wrong engine ID (-e)" "nknown engine ID" \
    -u u-SHA-AES -l authPriv -a SHA -A "$AP" -x AES -X "$XP" \
    -e 0x80001f8880aabbccddeeff0011
# A wrong privacy passphrase: snmpd cannot decrypt and stays silent
# (as snmpget, a timeout).
fails "wrong priv passphrase" "Timeout: No Response from $A" \
    -u u-SHA-AES -l authPriv -a SHA -A "$AP" -x AES -X wrong-priv

# Engine ID given with -e (no discovery) works and matches discovery.
EID=$(snmpget -On -m '' -v 3 -u nopriv-none -l noAuthNoPriv "$A" \
    .1.3.6.1.6.3.10.2.1.1.0 | sed 's/.*Hex-STRING: //' | tr -d ' \n')
tap_ok "snmpEngineID read ($EID)" test -n "$EID"
check "authPriv SHA/AES with -e $EID" -u u-SHA-AES -l authPriv -a SHA \
    -A "$AP" -x AES -X "$XP" -e "$EID"
# contextName: snmpd has no context "nope": a report or an error, as
# snmpget says; the default context works through -n ''.
ns_run "$T/w" snmpget -On -m '' -v 3 -u u-SHA-AES -l authPriv -a SHA \
    -A "$AP" -x AES -X "$XP" -n nope -t 0.5 -r 1 "$A" .1.3.6.1.2.1.1.6.0
sh_run "$T/g" -v 3 -u u-SHA-AES -l authPriv -a SHA -A "$AP" -x AES \
    -X "$XP" -n nope -t 0.5 -r 1 -On -m '' "$A" \
    --exec "get .1.3.6.1.2.1.1.6.0"
tap_cmp "$T/g.out" "$T/w.out" "-n unknown context: stdout as snmpget"
tap_is "$SH_RC" 1 "-n unknown context: exit status 1"
tap_diag "snmpget: $(cat "$T/w.err")" "snmpsh: $(cat "$T/g.err")"

# Concurrent sessions share nothing: two --exec sessions in one process.
sh_run "$T/two" -v 3 -u u-SHA-256-AES -l authPriv -a SHA-256 -A "$AP" \
    -x AES -X "$XP" -On -m '' "$A" --exec \
    "get .1.3.6.1.2.1.1.6.0; get .1.3.6.1.2.1.1.4.0; walk .1.3.6.1.2.1.1.9.1.2"
ns_run "$T/w1" snmpget -On -m '' -v 3 -u u-SHA-256-AES -l authPriv \
    -a SHA-256 -A "$AP" -x AES -X "$XP" "$A" .1.3.6.1.2.1.1.6.0 \
    .1.3.6.1.2.1.1.4.0
ns_run "$T/w2" snmpwalk -On -m '' -v 3 -u u-SHA-256-AES -l authPriv \
    -a SHA-256 -A "$AP" -x AES -X "$XP" "$A" .1.3.6.1.2.1.1.9.1.2
cat "$T/w1.out" "$T/w2.out" >"$T/w.out"
tap_cmp "$T/two.out" "$T/w.out" "get, get, walk (GETNEXT) in one session"
