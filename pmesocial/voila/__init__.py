"""What the Voilà demo needs from the course, wired in by jupyter/voila.py (`make demo`):
markdown.py renders the notebooks' MyST Markdown as the book does; start.py gives the
start page the modules' titles."""
