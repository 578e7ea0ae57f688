# shellcheck shell=bash disable=SC2034
# Shared helpers for the scripts in this folder. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"      (from scripts/)
# It sets ROOT (the repository root, resolved from this file's own path, so the scripts run
# from any working directory) and puts cargo's bin folder on PATH (cargo install puts
# wasm-bindgen there, and a fresh shell on CI may not have it on PATH yet).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) PATH="$CARGO_BIN:$PATH" ;;
esac
export PATH

# The Debian Chromium and ChromeDriver every browser test uses (override for another install).
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CHROMEDRIVER_BIN="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM

die() {
  printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

note() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
}

# The version of a package in Cargo.lock (the first entry of that name).
locked_version() {
  local name="$1" version
  version="$(awk -v want="name = \"$name\"" '
    $0 == want { found = 1; next }
    found && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
  ' "$ROOT/Cargo.lock")"
  [[ -n "$version" ]] || die "$name is not in Cargo.lock"
  printf '%s\n' "$version"
}

# Seconds as "1m05s" or "42s".
fmt_secs() {
  local s="$1"
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# Print the comment block at the top of the calling script (its usage text).
usage_from_header() {
  awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
}
