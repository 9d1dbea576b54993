"""Kalmte: a customer-service desk for Dutch web shops that keeps conflicts calm."""

__version__ = "0.1.0"
