"""perheovi: a Pelican plugin that publishes a family-centre network's catalogue."""


def register():
    """Pelican's entry point. Pelican and the generator are imported here, not at the top:
    `perheovi check` imports this package and needs neither."""
    from pelican import signals

    from .site.generator import add_generator
    from .site.minify import minify_scripts

    signals.get_generators.connect(add_generator)
    signals.finalized.connect(minify_scripts)
