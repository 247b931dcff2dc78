#!/usr/bin/env bash
# Make sure Debian's chromium is there for the browser tests (Playwright's own
# browser download does not work offline). As root we install it; otherwise we say how.
set -euo pipefail
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installation de chromium (Debian) pour les tests du navigateur…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
Chromium est introuvable ($CHROMIUM), il sert aux tests dans le navigateur.
Installez-le puis relancez « make test » :
    sudo apt-get update && sudo apt-get install -y chromium
ou indiquez un autre chemin : make test CHROMIUM=/chemin/vers/chromium
MSG
exit 1
