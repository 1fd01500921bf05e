# bash completion for snmpsh: options, -v/-a/-x/-l values, session
# profiles and MIB names come from `snmpsh --complete WORD PREV`, the
# same code as the shell's own Tab completion.
_snmpsh()
{
	local cur prev IFS
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-c|-A|-X|-u|-n|-e|-E|-t|-r|-3m|-3M|-3k|-3K|--exec|--demo-rows)
		return 0 ;;
	-M)
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0 ;;
	--lua)
		COMPREPLY=($(compgen -f -- "$cur"))
		return 0 ;;
	esac
	IFS=$'\n'
	COMPREPLY=($("${COMP_WORDS[0]}" --complete "$cur" "$prev" 2>/dev/null))
	case $prev in
	-v|-a|-x|-l) ;;
	*)
		# a MIB name usually takes an instance suffix: no space
		if [[ $cur != -* ]] && type compopt >/dev/null 2>&1; then
			compopt -o nospace
		fi ;;
	esac
	return 0
}
complete -F _snmpsh snmpsh
