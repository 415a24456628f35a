"""Logging in: the dialog, its messages, and the start-up flow that may skip it."""
