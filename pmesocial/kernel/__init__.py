"""What a notebook displays: ipywidgets views and the course mime type for the book,
charts, documents rendered with Jinja, the trainer's group view."""
