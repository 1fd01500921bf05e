# Shared helpers of the REPL's expect scripts: TAP output, a hermetic
# environment (the private HOME and data folder of tests/local.mk, no
# inputrc, a dumb terminal so readline draws plainly), and starting
# snmpsh on a pseudo-terminal.  Every wait is bounded by `timeout`.
set timeout 10
log_user 0
set tap_n 0
set tap_failed 0

proc tap_plan {n} { puts "1..$n" }
proc tap_ok {ok desc} {
	global tap_n tap_failed
	incr tap_n
	if {$ok} {
		puts "ok $tap_n - $desc"
	} else {
		puts "not ok $tap_n - $desc"
		incr tap_failed
	}
}
proc tap_diag {msg} { puts "# [string map {"\n" "\n# "} $msg]" }

# Wait for a regexp in the output: 1 when seen, 0 on timeout or eof.
proc seen {re} {
	expect {
		-re $re { return 1 }
		timeout { tap_diag "timeout waiting for: $re"; return 0 }
		eof { tap_diag "eof waiting for: $re"; return 0 }
	}
}

# The exit status of the spawned process after it ends (-1 if it hangs).
# A sanitizer's report (which also makes the status non-zero) is shown.
proc exit_status {} {
	expect {
		-re {(ERROR|WARNING): [A-Za-z]*Sanitizer[^\n]*} {
			tap_diag $expect_out(0,string)
			exp_continue
		}
		eof {}
		timeout { tap_diag "no eof"; return -1 }
	}
	set w [wait]
	return [lindex $w 3]
}

if {![info exists env(SNMPSH)]} {
	puts "1..0 # SKIP SNMPSH is not set (run through make check)"
	exit 0
}
set env(TERM) dumb
set env(INPUTRC) /dev/null
if {![info exists env(HOME)]} {
	set env(HOME) [exec mktemp -d]
}
if {![info exists env(XDG_DATA_HOME)]} {
	set env(XDG_DATA_HOME) "$env(HOME)/.local/share"
}
set snmpsh $env(SNMPSH)
