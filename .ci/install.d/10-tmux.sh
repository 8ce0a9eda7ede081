#!/usr/bin/env bash
# tmux, for terminal_test.go's TestTerminalIsNotTakenOver: escape
# sequences from a feed must not change a real terminal's title,
# clipboard or screen.
set -euo pipefail
if command -v tmux >/dev/null 2>&1; then
  echo "tmux: present ($(tmux -V))"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends tmux; then
  # The package lists may be missing or stale on a fresh machine.
  apt-get update
  apt-get install -y --no-install-recommends tmux
fi
tmux -V
