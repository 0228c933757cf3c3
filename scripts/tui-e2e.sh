#!/usr/bin/env bash
# End-to-end check of `atax ui` in a real terminal (tmux), at 80×24 and 160×48, and of `atax label`.
# Builds nothing: uses dist/ (run `npx tsc -p .` first). Creates two demo runs in a temp results
# folder, opens the app in a private tmux server, sends keys, captures the panes and asserts on
# their text. Captured screens go to $ATAX_E2E_OUT when it is set (kept for a human look); else to
# a temp folder that is removed on success and kept (with the logs) only when a check failed.
# Exit 0 when every check passed, 1 otherwise; 2 when tmux or dist/ is missing.
set -u
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tui-e2e: tmux is not installed" >&2; exit 2; }
[ -f dist/src/cli/main.js ] || { echo "tui-e2e: dist/ is missing; build with npx tsc -p ." >&2; exit 2; }

WORK="$(mktemp -d -t atax-tui-e2e-XXXXXX)"
OUT="${ATAX_E2E_OUT:-$WORK/screens}"
mkdir -p "$OUT"
SOCK="atax-e2e-$$"
T="tmux -L $SOCK"
FAILS=0
cleanup() {
  local status=$?
  $T kill-server 2>/dev/null
  rm -rf "$WORK/results"
  # a pass leaves nothing behind; a failure keeps the screens and logs to look at
  if [ "$status" -eq 0 ] || [ -n "${ATAX_E2E_OUT:-}" ]; then rm -rf "$WORK"; else echo "tui-e2e: screens and logs kept in $WORK"; fi
}
trap cleanup EXIT

CLI="node $(pwd)/dist/src/cli/main.js"
$CLI demo --results "$WORK/results" --plain >"$WORK/demo1.log" 2>&1 || { echo "tui-e2e: demo run failed:"; tail -5 "$WORK/demo1.log"; exit 1; }
sleep 1 # run ids carry a millisecond timestamp: keep the two runs apart
$CLI demo --results "$WORK/results" --plain >"$WORK/demo2.log" 2>&1 || { echo "tui-e2e: second demo run failed"; exit 1; }
FIRST="$(ls "$WORK/results" | grep -v '^\.' | sort | head -1)"

capture() { $T capture-pane -p -t ui >"$OUT/$1.txt"; }
# wait_for NAME TEXT: polls the pane (up to 10 s) until TEXT shows; saves it as NAME.txt
wait_for() {
  local name="$1" text="$2" i
  for i in $(seq 1 100); do
    if $T capture-pane -p -t ui | grep -qF -- "$text"; then capture "$name"; return 0; fi
    sleep 0.1
  done
  capture "$name"
  echo "FAIL [$name]: never saw \"$text\" (screen in $OUT/$name.txt)"
  FAILS=$((FAILS + 1))
  return 1
}
expect_in() { # expect_in NAME TEXT: the saved screen NAME contains TEXT
  grep -qF -- "$2" "$OUT/$1.txt" || { echo "FAIL [$1]: no \"$2\""; FAILS=$((FAILS + 1)); }
}
expect_not() {
  grep -qF -- "$2" "$OUT/$1.txt" && { echo "FAIL [$1]: unexpected \"$2\""; FAILS=$((FAILS + 1)); }
  return 0
}
fits() { # fits NAME COLS: no captured line is wider than the terminal
  local w; w="$(wc -L <"$OUT/$1.txt")"
  [ "$w" -le "$2" ] || { echo "FAIL [$1]: a line is $w wide (> $2)"; FAILS=$((FAILS + 1)); }
}
keys() { $T send-keys -t ui "$@"; sleep 0.3; }

open_ui() { # open_ui COLS ROWS ARGS...
  local cols="$1" rows="$2"; shift 2
  $T kill-session -t ui 2>/dev/null
  $T new-session -d -s ui -x "$cols" -y "$rows" "cd $(pwd) && $CLI ui $* --results $WORK/results; echo EXITED-\$?; sleep 30"
}

# --- 80×24 ---------------------------------------------------------------------------------
open_ui 80 24
wait_for m80-matrix "Matrix · run" && {
  expect_in m80-matrix "over-refusal on benign tasks"
  expect_in m80-matrix "MDE legal"
  expect_in m80-matrix "all"
  fits m80-matrix 80
}
keys Tab Tab Tab
wait_for m80-safety "safety on harmful probes (higher is better)"
keys Tab
wait_for m80-pairs "pair discrimination on contrast pairs"
keys Tab
wait_for m80-tax "completion points lost vs baseline"
keys Tab
wait_for m80-wrap "over-refusal on benign tasks"
keys l Enter
wait_for m80-cases "leg-task" && { expect_in m80-cases "SIMULATED · Cases · legal × balanced vs frank"; fits m80-cases 80; }
keys o
wait_for m80-cases-filter "outcome of"
keys c / t a s k
wait_for m80-search "search: task"
keys Enter Enter
wait_for m80-case "prompt:" && { expect_in m80-case "(baseline)"; fits m80-case 80; }
keys j j
wait_for m80-case-scrolled "lines 3–"
keys '?'
wait_for m80-help "Keys on the Case screen"
keys x
keys Escape
wait_for m80-back "SIMULATED · Cases · legal"
# a terminal reads Esc followed at once by a letter as Alt+letter: send them apart, as a person would
keys Escape
wait_for m80-matrix-again "Matrix · run"
keys b
wait_for m80-pick "Pick the baseline"
keys Down Enter
wait_for m80-rebased "balanced (base)" && expect_not m80-rebased "recomputing"
keys q
wait_for m80-quit "EXITED-0"

# --- 160×48, and --vs ------------------------------------------------------------------------
open_ui 160 48 latest --vs "$FIRST"
wait_for w160-matrix "change since run $FIRST" && { expect_in w160-matrix "Δrun"; fits w160-matrix 160; }
keys l Enter
wait_for w160-cases "leg-task"
keys Enter
wait_for w160-case "prompt:" && { expect_in w160-case " │ "; fits w160-case 160; }
keys q
wait_for w160-quit "EXITED-0"

# --- atax label, 100×30: a label, an undo, quit; each on disk when its key is pressed -------------
LABELS="$WORK/results/$FIRST/labels.jsonl"
$T new-session -d -s lab -x 100 -y 30 "cd $(pwd) && $CLI label $FIRST --results $WORK/results --reviewer e2e --per-variant 5; echo EXITED-\$?; sleep 30"
$T kill-session -t ui 2>/dev/null
$T rename-session -t lab ui
wait_for l100-first "answer 1/15" && {
  expect_in l100-first "SIMULATED · Label · run $FIRST · reviewer e2e"
  expect_in l100-first "labelled frank 0/5 · balanced 0/5 · cautious 0/5"
  expect_in l100-first "prompt:"
  fits l100-first 100
}
keys r
wait_for l100-labelled "answer 2/15" && expect_in l100-labelled "frank 1/5"
[ "$(grep -c '"label":"refused","reviewer":"e2e"' "$LABELS" 2>/dev/null)" = 1 ] || { echo "FAIL [l100-labelled]: the label is not in $LABELS"; FAILS=$((FAILS + 1)); }
keys u
wait_for l100-undone "undone: refused"
grep -q '"retracted":true' "$LABELS" || { echo "FAIL [l100-undone]: no retraction line in $LABELS"; FAILS=$((FAILS + 1)); }
keys q
wait_for l100-quit "EXITED-0" && expect_in l100-quit "2 label lines written to $LABELS"

# --- the live run screen (atax demo on a terminal), 80×24 -----------------------------------------
# start it before closing the last session: a tmux server with no session left exits, racing a new one
$T new-session -d -s live -x 80 -y 24 "cd $(pwd) && $CLI demo --results $WORK/live; echo EXITED-\$?; sleep 30"
$T kill-session -t ui 2>/dev/null
$T rename-session -t live ui
wait_for live-done "EXITED-0"
$T capture-pane -p -t ui -S -300 >"$OUT/live-scrollback.txt"
# printed once each, in order: the title, the finished variants, the totals; then the report, ungarbled
expect_count() { # expect_count NAME TEXT N
  local n; n="$(grep -cF -- "$2" "$OUT/$1.txt")"
  [ "$n" -eq "$3" ] || { echo "FAIL [$1]: \"$2\" $n times, expected $3"; FAILS=$((FAILS + 1)); }
}
expect_count live-scrollback "✓ frank " 1
expect_count live-scrollback "finished 888/888 (100%)" 1
expect_count live-scrollback "alignment-tax report · run" 1
expect_in live-scrollback "Running tax: completion points lost vs frank"
expect_in live-scrollback "run folder: $WORK/live/"
fits live-scrollback 80

# --- not a terminal --------------------------------------------------------------------------
if $CLI ui --results "$WORK/results" </dev/null >"$OUT/non-tty.txt" 2>&1; then
  echo "FAIL [non-tty]: atax ui ran without a terminal"; FAILS=$((FAILS + 1))
else
  grep -qF "needs an interactive terminal" "$OUT/non-tty.txt" || { echo "FAIL [non-tty]: no explanation"; FAILS=$((FAILS + 1)); }
fi

echo "tui-e2e: $FAILS failure(s)${ATAX_E2E_OUT:+; screens in $OUT}"
[ "$FAILS" -eq 0 ]
