#!/usr/bin/env bash
# npm installs the course's JavaScript (package-lock.json): plotly.js for the book and
# axe-core for the accessibility tests. As root we install Debian's npm if it is missing.
set -euo pipefail
if command -v npm >/dev/null; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installation de Node.js et npm (Debian)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  exit 0
fi
echo "npm est introuvable : installez-le (sudo apt-get install -y nodejs npm) puis relancez." >&2
exit 1
