"""Underwriting: the rule book, the health declaration and the decision engine."""
