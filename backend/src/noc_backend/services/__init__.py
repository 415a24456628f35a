"""Pure backend logic, called by the thin routes: keyword-only functions over the models."""
