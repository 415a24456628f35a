"""Configuration, database, security and error handling shared by the whole backend."""
