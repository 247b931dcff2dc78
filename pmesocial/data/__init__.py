"""Loading and validation of the course's data files: banks, figures, forms, programme,
training body. No screen, no rule."""
