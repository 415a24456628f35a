"""Qt-free: what each host of an execution is doing, folded from its events."""
