"""Stad in verbinding: find help in the city and refer residents to it."""
