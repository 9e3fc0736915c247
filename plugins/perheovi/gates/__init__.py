"""`perheovi gates OUTPUT`: the accessibility, privacy and safety gates for a built site.

Whatever catalogue a region publishes, its built site is checked for what perheovi promises:
links that resolve, every page in every language, Finnish fallbacks marked as Finnish, no
inline code and a strict CSP (`html`), the Nu Html Checker (`nu`), axe-core, reflow, text
spacing, zoom, keyboard and forced colours in Chromium, nothing requested from another host,
every contact detail without JavaScript (`browser`). `runner` runs them all and `report`
tells a coordinator what failed, in plain words.
"""
