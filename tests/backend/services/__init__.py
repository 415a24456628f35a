"""Backend tests."""
