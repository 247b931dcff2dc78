#!/usr/bin/env bash
# Make sure a program Debian packages is there (offline, Playwright's browser download and
# other installers do not work): as root we install the package; otherwise we say how.
#   scripts/ensure-debian.sh PROGRAM "PACKAGES" "what it is needed for" [MAKE_VARIABLE]
# PROGRAM is a path (/usr/bin/chromium) or a command name (npm).
set -euo pipefail
program="$1" packages="$2" purpose="$3" variable="${4:-}"
found() { [ -x "$program" ] || { [[ "$program" != */* ]] && command -v "$program" >/dev/null; }; }
if found; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installation de $packages (Debian) pour $purpose…"
  apt-get update -qq
  # shellcheck disable=SC2086  # several packages, one word each
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  if found; then exit 0; fi
fi
echo "$program est introuvable : il est nécessaire pour $purpose." >&2
echo "Installez-le puis relancez « make test » :" >&2
echo "    sudo apt-get update && sudo apt-get install -y $packages" >&2
if [ -n "$variable" ]; then
  echo "ou indiquez un autre chemin : make test $variable=/chemin/vers/$(basename "$program")" >&2
fi
exit 1
