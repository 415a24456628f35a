"""The flowchart canvas: block and edge items (pure view), the scene and the view."""
