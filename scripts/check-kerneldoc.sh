#!/bin/sh
# kernel-doc -Wall -Werror on the kernel sources and headers the series
# adds or changes (7.3's kernel-doc exits 0 on warnings without -Werror).
set -eu
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

files=$(series_kernel_sources)
[ -n "$files" ] || { echo "kerneldoc: no kernel source in the series"; exit 0; }
bad=''
for f in $files; do
	(cd "$WORK_TREE" && /usr/bin/python3 scripts/kernel-doc -Wall -Werror -none "$f") || bad="$bad $f"
done
if [ -n "$bad" ]; then
	# shellcheck disable=SC2086 # paths without blanks
	echo "kerneldoc: warnings in$bad, from: $(patches_touching $bad | tr '\n' ';')"
	exit 1
fi
echo "kerneldoc: clean: $(echo "$files" | tr "\n" " ")"
