"""Configuration and error types shared by the node's modules."""
