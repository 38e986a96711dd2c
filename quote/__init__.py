"""quote: premiums and underwriting for Swedish private health insurance (vårdförsäkring)."""

__version__ = "0.1.0"
