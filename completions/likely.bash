# bash completion for likely. Load it once per shell, e.g. from ~/.bashrc:
#   source /path/to/likely/completions/likely.bash
# It asks likely itself through System.CommandLine's [suggest] directive, so commands, options and option values
# (--optimizer adam|adamw|sgd, --estimator, …) complete from the installed version's own command tree.
_likely_complete() {
    local line="${COMP_LINE:0:COMP_POINT}"
    local current="${COMP_WORDS[COMP_CWORD]}"
    local IFS=$'\n'
    local candidates
    candidates=$(likely "[suggest:${#line}]" "$line" 2>/dev/null) || return 0
    COMPREPLY=($(compgen -W "$candidates" -- "$current"))
}
complete -o default -F _likely_complete likely
