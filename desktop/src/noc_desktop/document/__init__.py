"""The procedure document, no Qt: graph, layout and notes, and their automatic layout."""
