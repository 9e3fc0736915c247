"""Building the site: the Pelican generator, the pages, their filters, and the atomic build."""
