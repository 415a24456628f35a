"""``noc-scheduler check``: the checks of this layer's configuration and connections."""
