#!/bin/sh
# Settings from files: session profiles ($XDG_CONFIG_HOME/snmpsh/sessions,
# refused unless mode 0600; options given to `open` win over the
# profile's), Net-SNMP's snmp.conf def* client defaults (SNMPCONFPATH,
# snmp.local.conf over snmp.conf, options over both, nothing else read),
# and `snmpsh --complete WORD [PREV]` for the shell completions.
. "$top_srcdir/tests/lib/peers.sh"
. "$top_srcdir/tests/shell/lib.sh"
peers_init shell-profiles
peers_need_snmpsh

demo_start
A=$DEMO_AGENT
N=1.3.6.1.2.1.1.5.0
SN=".1.3.6.1.2.1.1.5.0 = STRING: \"snmpsh-demo\""
peers_port
DEAD=$PORT

# Profiles
CONF=$PEERS_TMP/xdg
mkdir -p "$CONF/snmpsh"
P=$CONF/snmpsh/sessions
cat >"$P" <<EOF
# name  options  agent
lab -v3 -u demo -l authPriv -a SHA -A demo-auth-pass -x AES -X demo-priv-pass $A
v1box -v1 -c public -t 0.3 -r 0 udp:127.0.0.1:$DEAD
EOF
chmod 644 "$P"
XDG_CONFIG_HOME=$CONF sh_run --exec "open lab"
sh_expect "a profiles file readable by others is refused" 2 "" \
"snmpsh: open: $P: mode 0644: profiles may hold passphrases, so the file must be 0600 (chmod 600 $P)"
chmod 600 "$P"
XDG_CONFIG_HOME=$CONF sh_run --exec "open lab; get $N; sessions"
tap_grep "$OUT" "$SN" "open NAME takes the profile's options and agent (v3)"
tap_grep "$OUT" "user demo" "the profile's session is SNMPv3 as user demo"
XDG_CONFIG_HOME=$CONF sh_run --exec "open v1box; get $N"
sh_expect "a profile's agent and timeout" 1 "" \
    "Timeout: No Response from udp:127.0.0.1:$DEAD."
XDG_CONFIG_HOME=$CONF sh_run --exec "open v1box -v2c $A; get $N; sessions"
tap_grep "$OUT" "$SN" "options and AGENT given to open win over the profile"
tap_grep "$OUT" " 2c " "... the version too"

# snmp.conf
SC=$PEERS_TMP/snmpconf
mkdir -p "$SC"
cat >"$SC/snmp.conf" <<EOF
# only the client defaults are read: the next line must not matter
mibs :
defVersion 3
defSecurityName demo
defSecurityLevel authPriv
defAuthType SHA
defPrivType AES
defPassphrase wrong-pass-phrase
EOF
printf 'defAuthPassphrase demo-auth-pass\ndefPrivPassphrase demo-priv-pass\n' \
    >"$SC/snmp.local.conf"
SNMPCONFPATH=$SC sh_run "$A" --exec "get $N"
sh_expect "snmp.conf def* (v3 user, level, protocols, passphrases)" 0 \
    "$SN" ""
SNMPCONFPATH=$SC "$SNMPSH" "$A" --exec "translate -On sysName.0" \
    >"$OUT" 2>"$ERR"
tap_grep "$OUT" ".1.3.6.1.2.1.1.5.0" \
    "snmp.conf's 'mibs :' does not empty snmpsh's MIB set"
SNMPCONFPATH=$SC sh_run -v2c -c public "$A" --exec "get $N"
sh_expect "options win over snmp.conf" 0 "$SN" ""
cat >"$SC/snmp.local.conf" <<EOF
defVersion 2c
defCommunity nosuch
timeout 0.2
retries 0
EOF
t0=$(peers_now_ms)
SNMPCONFPATH=$SC sh_run "$A" --exec "get $N"
ms=$(($(peers_now_ms) - t0))
sh_expect "defCommunity (a wrong one: no answer)" 1 "" \
    "Timeout: No Response from $A."
tap_ok "snmp.conf timeout and retries ($ms ms)" test "$ms" -lt 1500
SNMPCONFPATH=$SC sh_run --exec "open a -c public $A; get $N"
sh_expect "open: -c over defCommunity" 0 "$SN" ""
SNMPCONFPATH=$SC sh_run --exec "snmpget -c public $A $N"
sh_expect "a pasted line uses the defaults too" 0 "$SN" ""

# --complete
"$SNMPSH" --complete sysNa >"$OUT"
tap_grep "$OUT" "sysName" "--complete: MIB names"
"$SNMPSH" --complete SHA-2 -a >"$OUT"
tap_is "$(tr '\n' ' ' <"$OUT")" "SHA-224 SHA-256 " "--complete: -a protocols"
"$SNMPSH" --complete '' -l >"$OUT"
tap_is "$(tr '\n' ' ' <"$OUT")" "noAuthNoPriv authNoPriv authPriv " \
    "--complete: -l levels"
"$SNMPSH" --complete --ex >"$OUT"
tap_is "$(cat "$OUT")" "--exec" "--complete: options"
XDG_CONFIG_HOME=$CONF "$SNMPSH" --complete v1 >"$OUT"
tap_is "$(head -n 1 "$OUT")" "v1box" "--complete: profile names"

# completions/snmpsh.bash drives the same code
if command -v bash >/dev/null 2>&1; then
	got=$(PATH="$(dirname "$SNMPSH"):$PATH" bash -c '
	    . "$1/completions/snmpsh.bash"
	    COMP_WORDS=(snmpsh -x AES-1); COMP_CWORD=2; _snmpsh
	    echo "${COMPREPLY[*]}"
	    COMP_WORDS=(snmpsh --dem); COMP_CWORD=1; _snmpsh
	    echo "${COMPREPLY[*]}"' sh "$top_srcdir")
	tap_is "$(echo $got)" "AES-192 AES-192-C --demo --demo-rows" \
	    "completions/snmpsh.bash: protocols and options"
else
	tap_skip "completions/snmpsh.bash" "no bash"
fi
