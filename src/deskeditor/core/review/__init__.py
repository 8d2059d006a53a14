"""Suggested changes and comments (CriticMarkup): finding marks, accepting and
rejecting them, the all-accepted text the linters read, and the review workflow."""
