#!/bin/sh
# bootstrap.sh: set up snmpsh from a fresh checkout on Debian 12.
#
#   ./bootstrap.sh demo    install dependencies, build, start `snmpsh --demo`
#   ./bootstrap.sh check   install dependencies, build, run the whole test suite
#   ./bootstrap.sh build   install dependencies and build only
#   ./bootstrap.sh deps    install dependencies only
#
# Dependencies come from Debian's archive (apt-get); as a non-root user the
# script uses sudo when it must install something.  Set CONFIGURE_FLAGS to
# pass options to ./configure (e.g. --enable-sanitizers).
set -eu

cd "$(dirname "$0")"

PACKAGES="build-essential autoconf automake libtool pkg-config
	libreadline-dev libsmi2-dev libssl-dev liblua5.4-dev lua5.4
	expect snmpd snmp snmptrapd python3-pysnmp4 libsnmp-dev time procps iproute2"

say() { printf 'bootstrap: %s\n' "$*" >&2; }

deps() {
	missing=""
	for p in $PACKAGES; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'install ok installed'; then
			missing="$missing $p"
		fi
	done
	[ -z "$missing" ] && return 0
	say "installing:$missing"
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		say "need root to run: apt-get install$missing"
		exit 1
	fi
	# snmpd's package starts a system daemon on port 161; the tests never
	# use it, and it must not stay in the way: keep it from starting.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
		$SUDO chmod 755 /usr/sbin/policy-rc.d
		cleanup_policy=1
	fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
	    --no-install-recommends $missing >&2
	if [ "${cleanup_policy:-0}" = 1 ]; then
		$SUDO rm -f /usr/sbin/policy-rc.d
	fi
}

build() {
	# CI builds treat warnings as errors (STYLE §8).
	if [ "${CI:-}" = true ]; then
		CONFIGURE_FLAGS="--enable-werror ${CONFIGURE_FLAGS:-}"
	fi
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		say "autoreconf"
		autoreconf -fi
	fi
	if [ ! -f Makefile ] || [ configure -nt config.status ]; then
		say "configure ${CONFIGURE_FLAGS:-}"
		# shellcheck disable=SC2086
		./configure -q ${CONFIGURE_FLAGS:-}
	fi
	say "make"
	make -j"$(nproc 2>/dev/null || echo 2)"
}

check() {
	status=0
	make -j"$(nproc 2>/dev/null || echo 2)" check || status=$?
	if [ "$status" != 0 ]; then
		# Show what failed, so a CI log alone is enough to see why.
		for f in $(find tests -name '*.trs' -exec grep -l \
		    -e ':test-result: FAIL' -e ':test-result: ERROR' {} +); do
			log=${f%.trs}.log
			printf '\n===== %s =====\n' "$log"
			tail -n 60 "$log"
		done
	fi
	sh tests/summary.sh
	return "$status"
}

case "${1:-}" in
deps)	deps ;;
build)	deps; build ;;
demo)	deps; build; exec ./snmpsh --demo ;;
check)	deps; build; check ;;
*)	sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
