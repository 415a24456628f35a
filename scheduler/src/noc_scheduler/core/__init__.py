"""Configuration and the layer's base exceptions."""
