#!/bin/sh
# Interop: the persistent identity of snmpsh's SNMPv3 responder (RFC 3411
# section 5 engine ID, RFC 3414 section 2.2.2 snmpEngineBoots).  Two starts
# of `snmpsh --demo --serve` with the same data folder keep the engine ID
# and add one to boots, as Net-SNMP's snmpget discovers them (its
# lcd_set_enginetime debug lines); the file "engine" has mode 0600 in a
# 0700 folder ($XDG_DATA_HOME/snmpsh, else ~/.local/share/snmpsh); a
# corrupt file is replaced with a warning; without a usable folder the
# agent still serves with a generated identity and says so once.

. "${top_srcdir:-../..}/tests/lib/peers.sh"
peers_init interop-v3-engineid
peers_need_prog snmpget
peers_need_snmpsh
T=$PEERS_TMP
export HOME="$T/home"
mkdir -p "$HOME"
export XDG_DATA_HOME="$T/data"
D=$XDG_DATA_HOME/snmpsh
F=$D/engine
V3="-v 3 -u demo -l authPriv -a SHA -A demo-auth-pass -x AES -X demo-priv-pass"
NAME=.1.3.6.1.2.1.1.5.0

# file_id / file_boots: the values in the file $F
file_id()
{
	sed -n 's/^engineID 0x\([0-9a-f]*\)$/\1/p' "$F" 2>/dev/null
}
file_boots()
{
	sed -n 's/^engineBoots \([0-9]*\)$/\1/p' "$F" 2>/dev/null
}

# discover OUT: snmpget -v3 of sysName from the demo agent, with Net-SNMP
# printing the engine ID and boots it learns; sets GOT_ID (lower-case hex)
# and GOT_BOOTS from the first report with boots > 0 (IDs up to 16 octets
# fit on one debug line).
discover()
{
	ns_run "$1" snmpget -On -m '' -t 1 -r 1 -Dlcd_set_enginetime $V3 \
	    "$DEMO_AGENT" $NAME
	_l=$(grep '^lcd_set_enginetime: engineID .* : boots=[1-9]' \
	    "$1.err" | tail -n 1)
	GOT_ID=$(printf '%s\n' "$_l" |
	    sed 's/^lcd_set_enginetime: engineID \(.*\) : boots=.*/\1/' |
	    tr -d ' ' | tr 'A-F' 'a-f')
	GOT_BOOTS=$(printf '%s\n' "$_l" | sed 's/.*boots=\([0-9]*\),.*/\1/')
}

# --- first start: a new identity, boots 1
demo_start
tap_ok "the engine file exists after the first start" test -f "$F"
tap_is "$(stat -c %a "$F" 2>/dev/null)" 600 "the engine file has mode 0600"
tap_is "$(stat -c %a "$D" 2>/dev/null)" 700 "the data folder has mode 0700"
ID1=$(file_id)
B1=$(file_boots)
tap_ok "the file holds an RFC 3411 engine ID ($ID1)" \
    test "${#ID1}" -ge 10 -a "${#ID1}" -le 64
tap_is "$B1" 1 "a new identity starts with engineBoots 1"
discover "$T/d1"
tap_is "$NS_RC" 0 "snmpget -v3 against the first start: exit 0"
tap_is "$GOT_ID" "$ID1" "the agent's discovered engine ID is the file's"
tap_is "$GOT_BOOTS" "$B1" "the agent's discovered boots are the file's"
ns_run "$T/e" snmpget -On -m '' -t 1 -r 0 -e "0x$ID1" $V3 "$DEMO_AGENT" \
    $NAME
tap_is "$NS_RC" 0 "snmpget -v3 -e <the file's engine ID>: exit 0"
ns_run "$T/e" snmpget -On -m '' -t 1 -r 0 -e 0x80001f8804626164 $V3 \
    "$DEMO_AGENT" $NAME
tap_ok "snmpget -v3 -e <another engine ID> fails (control)" \
    test "$NS_RC" -ne 0
tap_is "$(cat "$DEMO_ERR")" "" "no warning on the first start"
peers_stop "$DEMO_PID"

# --- second start: same engine ID, boots + 1
demo_start
tap_is "$(file_id)" "$ID1" "the second start keeps the engine ID"
tap_is "$(file_boots)" $((B1 + 1)) "the second start adds one to boots"
discover "$T/d2"
tap_is "$NS_RC" 0 "snmpget -v3 against the second start: exit 0"
tap_is "$GOT_ID" "$ID1" "the restarted agent has the same engine ID"
tap_is "$GOT_BOOTS" $((B1 + 1)) "the restarted agent's boots grew by one"
tap_is "$(stat -c %a "$F" 2>/dev/null)" 600 "still mode 0600"
tap_is "$(ls -A "$D")" engine "no temporary file left in the data folder"
peers_stop "$DEMO_PID"

# --- a corrupt file is replaced with a warning, never a crash
printf 'engineID 0xzz\nengineBoots lots\n' >"$F"
demo_start
tap_grep "$DEMO_ERR" "has been replaced" "a corrupt file: warning on stderr"
tap_is "$(file_boots)" 1 "the replaced file starts again at boots 1"
tap_is "$(stat -c %a "$F" 2>/dev/null)" 600 "the replaced file has mode 0600"
discover "$T/d3"
tap_is "$NS_RC" 0 "snmpget -v3 after the replacement: exit 0"
tap_is "$GOT_ID" "$(file_id)" "the agent uses the replacement's engine ID"
peers_stop "$DEMO_PID"

# --- XDG_DATA_HOME empty: ~/.local/share/snmpsh
XDG_DATA_HOME=
demo_start
tap_is "$(stat -c %a "$HOME/.local/share/snmpsh/engine" 2>/dev/null)" 600 \
    "XDG_DATA_HOME empty: ~/.local/share/snmpsh/engine, mode 0600"
peers_stop "$DEMO_PID"

# --- no usable data folder: the generated identity, one warning
: >"$T/notadir"
XDG_DATA_HOME="$T/notadir"
demo_start
tap_grep "$DEMO_ERR" "are not kept" "an unusable data folder: warning"
tap_is "$(grep -c . "$DEMO_ERR")" 1 "the warning is given once"
discover "$T/d4"
tap_is "$NS_RC" 0 "snmpget -v3 without a data folder: exit 0"
peers_stop "$DEMO_PID"
