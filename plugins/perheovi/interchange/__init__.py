"""Data in and out of the catalogue: the PTV import and the open-data exports."""
