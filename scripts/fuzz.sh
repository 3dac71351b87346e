#!/usr/bin/env bash
# Runs every fuzz target of the module for $FUZZTIME each (default 10m), one at a time.
# Findings land in the package's testdata/fuzz/<Target>/ and become regression seeds
# that `make test` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-10m}
status=0
while read -r file target; do
	pkg=$(dirname "$file")
	echo "== $target ($pkg) for $FUZZTIME"
	go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$pkg" || status=1
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . | sed 's/:func / /' | sort)
exit $status
