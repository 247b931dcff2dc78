"""Médias sociaux et PME: the course's exercise engine, data and book extension."""
from .exercise import Exercise, exercise

__all__ = ["Exercise", "exercise"]
