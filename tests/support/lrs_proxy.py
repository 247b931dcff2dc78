"""nginx in front of Ralph on localhost, with the README's configuration file
(deploy/nginx/pmesocial-lrs.conf), for the tests: the file is used as it is, but for its
lines marked « à adapter » (where Ralph listens, where nginx listens, the book's origin).
nginx runs as a plain process with every path under a temporary folder (no root paths,
no system service touched).

    with LocalProxy(tmp, upstream_port=8100, origins=["http://127.0.0.1:8000"]) as proxy:
        proxy.endpoint   # http://127.0.0.1:<port>/xAPI/
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

from pmesocial.paths import REPO_DIR
from tests.support.browser import free_port

CONFIG = REPO_DIR / "deploy" / "nginx" / "pmesocial-lrs.conf"
MARK = "# à adapter : "


def nginx_binary() -> str:
    found = os.environ.get("NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).is_file():
        raise RuntimeError("nginx est introuvable : lancez « make nginx » (paquet Debian « nginx »).")
    return found


def site_config(text: str, upstream: str, listen: str, origins: list[str]) -> str:
    """The configuration with its « à adapter » lines set for this machine; every other
    line is left as it is. KeyError if a marked line is unknown, ValueError if one is
    missing: the test then runs the file the README shows, or fails."""
    def origin_lines(indent: str) -> str:
        return "\n".join(f'{indent}"{o}" $http_origin;' for o in origins)

    seen, out = set(), []
    for line in text.splitlines():
        if MARK not in line:
            out.append(line)
            continue
        what = line.split(MARK, 1)[1].split(" ", 1)[0]
        indent = re.match(r"\s*", line).group(0)
        out.append({"upstream": f"{indent}server {upstream};", "listen": f"{indent}listen {listen};",
                    "origin": origin_lines(indent), "server_name": f"{indent}server_name localhost;"}[what])
        seen.add(what)
    if seen != {"upstream", "listen", "origin", "server_name"}:
        raise ValueError(f"{CONFIG.name} : lignes « à adapter » trouvées : {sorted(seen)}.")
    return "\n".join(out) + "\n"


def main_config(folder: Path, site: Path) -> str:
    """nginx's main file for a run as a plain process: pid, logs and buffers in `folder`."""
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # as root, nginx would hand its workers to « nobody », who cannot enter a private temp folder
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
            f"events {{ worker_connections 512; }}\n"
            f"http {{\n    access_log {folder / 'access.log'};\n{temp}\n    include {site};\n}}\n")


class LocalProxy:
    def __init__(self, folder: Path, upstream_port: int, origins: list[str], port: int | None = None):
        self.folder, self.upstream_port, self.origins = Path(folder), upstream_port, origins
        self.port = port or free_port()
        self.process = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> LocalProxy:
        import urllib.error
        import urllib.request

        self.folder.mkdir(parents=True, exist_ok=True)
        site = self.folder / CONFIG.name
        site.write_text(site_config(CONFIG.read_text("utf-8"), f"127.0.0.1:{self.upstream_port}",
                                    f"127.0.0.1:{self.port}", self.origins), "utf-8")
        main = self.folder / "nginx.conf"
        main.write_text(main_config(self.folder, site), "utf-8")
        command = [nginx_binary(), "-p", str(self.folder), "-c", str(main), "-e", str(self.folder / "error.log")]
        checked = subprocess.run(command + ["-t", "-q"], capture_output=True, text=True)
        if checked.returncode:
            raise RuntimeError(f"nginx refuse la configuration : {checked.stderr.strip()}")
        self.process = subprocess.Popen(command)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx s'est arrêté au démarrage : {self.log()}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)
            except urllib.error.HTTPError:
                return self  # nginx answers (404 outside /xAPI/)
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx n'a pas répondu à temps.")

    def log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text("utf-8", errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: nginx's fast shutdown, workers included
            self.process.wait(timeout=20)
        self.process = None

    def __enter__(self) -> LocalProxy:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
