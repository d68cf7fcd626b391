"""The four source kinds, each behind the same small protocol (see base.py)."""
