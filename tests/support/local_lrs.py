"""Ralph in a subprocess (`python -m pmesocial.tools.lrs`), for the tests and the
benchmark: started and stopped at will, on a free port of localhost."""
from __future__ import annotations

from pathlib import Path

from pmesocial.lrs_accounts import TRAINER_USER, basic_auth, credentials, register_trainees, trainees_home_page
from pmesocial.rules.xapi import launch_link
from tests.support.browser import free_port


class LocalLrs:
    """Ralph in a subprocess, for the tests and the benchmark: started and stopped at
    will (to play an LRS that goes away mid-session), on a free port of localhost."""

    def __init__(self, directory: Path, port: int | None = None):
        self.directory = Path(directory)
        self.port = port or free_port()
        self.process = None
        self.creds = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def auth(self, user: str) -> str:
        """The credential of the trainer (`formateur`) or of a trainee's account (made if new)."""
        if user == TRAINER_USER:
            return basic_auth(user, self.creds[user])
        return basic_auth(user, self.register(user))

    def register(self, account: str) -> str:
        """A trainee's own account in this Ralph (as the launch-link tool makes it); its password."""
        return register_trainees(self.directory, [account])[account]

    def start(self) -> LocalLrs:
        import subprocess
        import sys
        import time
        import urllib.request

        self.directory.mkdir(parents=True, exist_ok=True)
        self.creds = credentials(self.directory)
        self.process = subprocess.Popen([sys.executable, "-m", "pmesocial.tools.lrs", "--dir", str(self.directory),
                                         "--port", str(self.port), "--quiet"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph s'est arrêté au démarrage (code {self.process.returncode}).")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("Ralph n'a pas répondu à temps.")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def launch_query(self, account: str, registration: str = "") -> str:
        """A trainee's launch link (its query), with a credential of that trainee's own."""
        return launch_link("", self.endpoint, self.auth(account), account, registration, trainees_home_page())

    def __enter__(self) -> LocalLrs:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
