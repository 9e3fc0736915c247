"""Names in plugins/perheovi that are used, though vulture cannot see by whom.

tests/test_dead_code.py runs `vulture plugins/perheovi tests/vulture_whitelist.py
--min-confidence 60 --ignore-decorators @model_validator,@field_validator` (pydantic calls its
validators by their decorator) and adds every name the templates read, taken from the
templates themselves. Listed here is only what something outside Python's sight calls by
name, with who calls it. Each name must still exist in the plugin (the test checks): delete
the line with the code.
"""

# ruff: noqa: B018, F821

# Pelican: the plugin's entry point, the get_generators signal's argument, the Generator API.
register
pelican
_.generate_context
_.generate_output

# pydantic: the model configuration.
_.model_config

# lunr.py: a pipeline function is called as fn(token, i, tokens), a token update as
# fn(text, metadata).
tokens
metadata

# http.server: the request handler's overrides (publish.py's development server).
_.list_directory
_.log_message

# The tests and benchmarks: the opening-hours engine's point query (tests/test_hours.py pins
# the hours semantics with it), loading a catalogue that must be valid, reading one file, a
# file's schema modeline, an interval's overnight flag.
status_at
_.next_open
load_catalogue
read_source
modeline
_.overnight

# The Swedish field of each text and of the search synonyms: read by language code, never by
# name (getattr(text, lang) in model._LocalText.get, search.index; `text[l]` in the templates
# that loop over the site languages).
_.sv

# Data read with its file and not used by the site yet: the national PTV service class of the
# taxonomy (listed in docs/catalogue.md), and the wellbeing services county of each official
# municipality (data/municipalities.csv). Use them or drop them in taxonomy.py and
# reference.py.
_.ptv
_.county_id
_.county_fi
_.county_sv

# PtvMark.modified: written by `perheovi import ptv` and read back by the next one as YAML (the
# merge compares files, not models), so no Python reads the model's attribute; ruamel.yaml's
# preserve_quotes is read inside ruamel.yaml.
_.modified
_.preserve_quotes
