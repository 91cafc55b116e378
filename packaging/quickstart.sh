#!/usr/bin/env bash
# The README's two commands.
#   quickstart.sh run   install what is missing, build, run the console on the embedded engine
#                       (or, with no display, the headless node in the foreground)
#   quickstart.sh test  install what is missing, build, run the whole test suite through ctest
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mode="${1:-}"
case "$mode" in
  run|test) ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if [[ $(id -u) -eq 0 ]]; then
  bash packaging/setup-deps.sh
elif command -v sudo >/dev/null 2>&1; then
  sudo bash packaging/setup-deps.sh
else
  bash packaging/setup-deps.sh
fi

export CCACHE_BASEDIR="$here"
cmake --preset default -Wno-dev >/dev/null
cmake --build --preset default

if [[ "$mode" == test ]]; then
  exec ctest --preset default
fi

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  exec ./build/app/console/wedsync-console "${@:2}"
fi
echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the headless engine node" \
     "in the foreground instead. Press Ctrl+C to stop."
exec ./build/app/node/wedsync-node "${@:2}"
