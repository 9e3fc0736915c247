"""perheovi: a Pelican plugin that publishes a family-centre network's catalogue."""

from pelican import signals

from .generator import add_generator


def register():
    signals.get_generators.connect(add_generator)
