#!/usr/bin/env bash
# Installs every Debian package that WedSync Console's build, tests and benchmarks use.
# Idempotent: asks dpkg what is already present and only calls apt-get for the rest,
# printing nothing when everything is installed. Run as root on Debian 12 (bookworm).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6.4 (the floor) and the libraries we build on
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-svg-dev libqt6svg6 qt6-qpa-plugins
  libqt6sql6-sqlite libqt6sql6-psql qtkeychain-qt6-dev
  libssl-dev libhttp-parser-dev libsqlite3-dev libmimalloc-dev
  # tests: a throwaway PostgreSQL server, an X server for screenshots, real protocol peers
  postgresql postgresql-client xvfb xauth curl python3 python3-websockets
  # fuzzing (libFuzzer through clang) and benchmarks
  clang libclang-rt-14-dev wrk nginx-light hyperfine
)
# The benchmarks compare against small Node.js peers; use a Node.js that is already installed
# (Debian's npm conflicts with NodeSource builds) and install Debian's only when there is none.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "setup-deps: missing packages: ${missing[*]}" >&2
  echo "setup-deps: run this script as root (or with sudo) to install them." >&2
  exit 1
fi

echo "setup-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The postgresql package starts a cluster service on Debian; the tests start their own throwaway
# server on a free loopback port and never use the system one.
echo "setup-deps: done"
