"""The HTTP surface: public API v1 routes, internal routes, and their dependencies."""
