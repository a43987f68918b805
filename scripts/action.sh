#!/usr/bin/env bash
# The GitHub Action's work (action.yml), runnable by itself:
#   CAPDIAG_COMMAND=analyze CAPDIAG_PATHS="train.log" CAPDIAG_ARGS="--config config.py" \
#   CAPDIAG_FAIL_ON=warning bash scripts/action.sh
# Writes capdiag.sarif, appends a markdown summary to $GITHUB_STEP_SUMMARY (when set),
# prints GitHub annotations, and exits as `capdiag --fail-on` does. Inputs are split into
# words as a shell would (quotes group them) and passed as arguments, never evaluated.
set -uo pipefail

command="${CAPDIAG_COMMAND:-analyze}"
case "$command" in
  analyze | check) ;;
  *) echo "capdiag action: command must be analyze or check, not '$command'" >&2; exit 2 ;;
esac
# split like a shell would (quotes group words), without evaluating anything
split() {
  python -c 'import os, shlex, sys
sys.stdout.write("".join(w + "\n" for w in shlex.split(os.environ[sys.argv[1]])))' "$1" 2> /dev/null ||
    { echo "capdiag action: cannot split $1 into words (unbalanced quotes?)" >&2; exit 2; }
}
export CAPDIAG_PATHS="${CAPDIAG_PATHS:-}" CAPDIAG_ARGS="${CAPDIAG_ARGS:-}"
words=$(split CAPDIAG_PATHS) || exit 2
mapfile -t paths <<< "$words"
[ -z "$words" ] && paths=()
words=$(split CAPDIAG_ARGS) || exit 2
mapfile -t args <<< "$words"
[ -z "$words" ] && args=()
if [ "${#paths[@]}" -eq 0 ]; then
  echo "capdiag action: no paths given" >&2
  exit 2
fi

capdiag "$command" "${paths[@]}" "${args[@]}" --format sarif --output capdiag.sarif \
  --fail-on never || true
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  capdiag "$command" "${paths[@]}" "${args[@]}" --format markdown --fail-on never \
    >> "$GITHUB_STEP_SUMMARY" || true
fi
capdiag "$command" "${paths[@]}" "${args[@]}" --format github --fail-on "${CAPDIAG_FAIL_ON:-error}"
