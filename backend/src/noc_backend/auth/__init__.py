"""Who may do what: roles and permissions, the acting caller, login throttling, hash bounding."""
