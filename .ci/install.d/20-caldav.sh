#!/usr/bin/env bash
# 20-caldav.sh: what the 'plan sync' and 'plan serve' tests need (issue 16):
#   radicale           the CalDAV server the sync tests start on a free localhost port
#   vdirsyncer, khal   a real client that follows the synced calendar end to end
#   python3-icalendar  reads what the server holds, with Debian's python3
# Idempotent: installs only what is missing, and runs apt-get update only
# when a package cannot be found.
set -euo pipefail

PACKAGES=(radicale vdirsyncer khal python3 python3-icalendar)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "20-caldav.sh: needs root (or sudo) for apt-get" >&2; exit 1
  fi
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "20-caldav.sh: all installed (${PACKAGES[*]})"
  exit 0
fi

install() {
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
need_update=0
for p in "${missing[@]}"; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then need_update=1; fi
done
if [ "$need_update" = 1 ]; then
  "${SUDO[@]}" apt-get update
fi
if ! install; then
  # A stale package list names versions the mirror no longer has.
  "${SUDO[@]}" apt-get update
  install
fi
echo "20-caldav.sh: installed ${missing[*]}"
