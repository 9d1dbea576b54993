"""Training of the learned heads (``python -m kalmte.analysis.training.train``)."""
