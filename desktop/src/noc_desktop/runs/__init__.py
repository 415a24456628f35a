"""Launching and scheduling runs, and the schedules page."""
