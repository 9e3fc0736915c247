"""Search: the lunr index per language, built with the same pipeline lunr.js runs."""
