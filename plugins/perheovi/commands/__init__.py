"""The `perheovi` command line: check, report, build, serve and the contributor tools."""
