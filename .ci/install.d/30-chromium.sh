#!/usr/bin/env bash
# Headless Chromium for the HTML recap tests (export/html_browser_test.go),
# DejaVu fonts so pages render with real glyphs, and rsvg-convert
# (librsvg2-bin) for the SVG charts 'plan export --md --charts' writes.
# Idempotent; as root. The tests require them when CI=true or
# PLAN_REQUIRE_BROWSER=1 and skip without them otherwise.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

pkgs=(chromium fonts-dejavu-core librsvg2-bin)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "30-chromium: ${pkgs[*]} already installed"
  exit 0
fi

# A fresh image has no package lists: update first when a package is unknown.
for p in "${missing[@]}"; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then
    apt-get update
    break
  fi
done
apt-get install -y --no-install-recommends "${missing[@]}"
chromium --version
rsvg-convert --version
