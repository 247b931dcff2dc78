"""What the tests share: the browser and its server, the shared vectors' writer, a local
Ralph and nginx in front of it (also used by scripts/bench*.py)."""
