#!/usr/bin/env bash
# Make sure Debian's nginx is there for the test that runs the README's nginx in front of
# Ralph (tests/unit/test_lrs_proxy.py). As root we install it; otherwise we say how. The
# test runs nginx as a plain process of its own, on a free port, with its files in a
# temporary folder: it neither needs nor touches the package's service.
set -euo pipefail
NGINX="${NGINX:-/usr/sbin/nginx}"
if [ -x "$NGINX" ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installation de nginx (Debian) pour le test de l'entrepôt derrière nginx…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  if [ -x "$NGINX" ]; then exit 0; fi
fi
cat >&2 <<MSG
nginx est introuvable ($NGINX), il sert au test de l'entrepôt d'apprentissage derrière nginx.
Installez-le puis relancez « make test » :
    sudo apt-get update && sudo apt-get install -y nginx
ou indiquez un autre chemin : make test NGINX=/chemin/vers/nginx
MSG
exit 1
