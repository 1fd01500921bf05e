# Helpers of the batch-mode tests of snmpsh (sourced after
# tests/lib/peers.sh): run snmpsh capturing stdout, stderr and exit status,
# and compare all three with what is expected, as one TAP test point.

# sh_run ARGS...: run snmpsh with ARGS (stdin from /dev/null unless the
# caller redirects); sets RC, and OUT/ERR files.  `-m ''` comes first (no
# MIB modules: numeric OIDs, values by wire type, as the expected texts
# here are written); a test that wants names gives -m after it.
sh_run()
{
	OUT=$PEERS_TMP/out
	ERR=$PEERS_TMP/err
	"$SNMPSH" -m '' "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

# sh_run_in INPUT ARGS...: as sh_run with INPUT (printf %s) on stdin.
sh_run_in()
{
	_in=$1
	shift
	OUT=$PEERS_TMP/out
	ERR=$PEERS_TMP/err
	printf '%s' "$_in" | "$SNMPSH" -m '' "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

# sh_expect DESC WANT_RC WANT_STDOUT WANT_STDERR: the last run's status,
# stdout and stderr are exactly these (texts without the final newline;
# "" for empty).  '*' as WANT_STDERR accepts any stderr.
sh_expect()
{
	_ok=0
	if [ -n "$3" ]; then printf '%s\n' "$3"; fi >"$PEERS_TMP/want_out"
	if [ -n "$4" ]; then printf '%s\n' "$4"; fi >"$PEERS_TMP/want_err"
	[ "$RC" = "$2" ] || _ok=1
	cmp -s "$OUT" "$PEERS_TMP/want_out" || _ok=1
	if [ "x$4" != 'x*' ]; then
		cmp -s "$ERR" "$PEERS_TMP/want_err" || _ok=1
	fi
	tap_result "$_ok" "$1"
	if [ "$_ok" -ne 0 ]; then
		tap_diag "exit status: got $RC, want $2"
		tap_diag "stdout (diff -u want got):"
		diff -u "$PEERS_TMP/want_out" "$OUT" | head -n 40 |
		    sed 's/^/#   /'
		if [ "x$4" != 'x*' ]; then
			tap_diag "stderr (diff -u want got):"
			diff -u "$PEERS_TMP/want_err" "$ERR" | head -n 40 |
			    sed 's/^/#   /'
		fi
	fi
	return "$_ok"
}
