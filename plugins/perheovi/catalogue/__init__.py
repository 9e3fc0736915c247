"""Reading the catalogue: YAML with positions, the domain model, validation and linking.

Nothing here imports Pelican: `perheovi check` and the editors' JSON Schemas need only this.
"""
