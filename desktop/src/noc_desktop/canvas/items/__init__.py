"""Graphics items of the canvas: they draw, they never touch the document."""
