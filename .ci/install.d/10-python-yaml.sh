#!/usr/bin/env bash
# PyYAML, for schedule/store's TestPyYAMLReadsWhatWeWrite: every plan file
# plan writes must be read by a YAML 1.1 reader as people's scripts use.
# Debian's /usr/bin/python3 (a pyenv python3 on the PATH would not see it).
set -euo pipefail
if /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
  echo "python3-yaml: present"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends python3-yaml; then
  # The package lists may be missing or stale on a fresh machine.
  apt-get update
  apt-get install -y --no-install-recommends python3-yaml
fi
/usr/bin/python3 -c 'import yaml; print("python3-yaml:", yaml.__version__)'
