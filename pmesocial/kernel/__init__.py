"""What a notebook displays: ipywidgets views and the course mime type for the book,
charts, documents rendered with Jinja, the trainer's group view."""
# A kernel sends the trainee's results to the training body's LRS when one is configured:
# importing the sender gives every record store its listener (pmesocial/lrs.py, XapiListener).
from pmesocial import lrs as _lrs  # noqa: F401
