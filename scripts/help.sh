#!/bin/sh
# make help: the targets and the variables of scripts/interface.list.
set -eu
list=$(dirname "$0")/interface.list
show() {
	grep "^$1|" "$list" | while IFS='|' read -r _ name def what; do
		if [ -n "$def" ]; then
			printf '  %-20s %s [%s]\n' "$name" "$what" "$def"
		else
			printf '  %-20s %s\n' "$name" "$what"
		fi
	done
}
echo "Targets (make TARGET):"
show target
echo
echo "Knobs (make VAR=value TARGET, or the environment) [default]:"
show knob
echo
echo "Set by one script for another, or by the project's tests:"
show inner
