"""The site's settings: perheovi's defaults, then what is this region's own.

Every PERHEOVI_* setting, its default and what it expects is listed in the perheovi
documentation (docs/coordinators.md, "Settings"); `perheovi build` checks them and names any
mistake. publishconf.py adds the public address for the published site.
"""

from perheovi.defaults import *  # noqa: F403 -- perheovi's plugin and theme, Pelican's blog off

SITENAME = "@@NAME_FI@@"

# The languages of the site, Finnish first: ["fi"], ["fi", "sv"] or ["fi", "sv", "en"].
PERHEOVI_LANGUAGES = ["fi", "sv", "en"]

# Branding: the accent colour of links, buttons and the header line (a #rrggbb colour dark
# enough to read on white: the build checks its contrast, WCAG 2.1 AA needs 4.5:1).
PERHEOVI_BRAND = {"accent": "#00507a"}

# The accessibility statement (saavutettavuusseloste, Act 306/2019). Fill in your own.
PERHEOVI_ACCESSIBILITY = {
    "status": "partial",  # full | partial | none (compliance with WCAG 2.1 AA)
    "prepared": "@@TODAY@@",  # when the statement was first prepared
    "reviewed": "@@TODAY@@",  # when it was last reviewed
    "method": "self-assessment",  # self-assessment | audit
    "feedback_email": "saavutettavuus@example.fi",
    "known_issues": [
        {
            "fi": "Osa palveluntuottajien verkkopalveluista, joihin sivustolta linkitetään, ei ole "
            "tämän sivuston hallinnassa, eikä niiden saavutettavuutta ole arvioitu tässä "
            "selosteessa.",
            "sv": "En del av tjänsteproducenternas webbtjänster som webbplatsen länkar till hör "
            "inte till den här webbplatsen, och deras tillgänglighet har inte bedömts i det här "
            "utlåtandet.",
            "en": "Some of the providers' online services the site links to are not part of this "
            "site, and their accessibility is not assessed in this statement.",
        },
    ],
}

# "Report an error in this information": a pre-filled email to the coordinator ("email"), or
# a pre-filled issue in this repository ("issue", with PERHEOVI_REPOSITORY set).
PERHEOVI_REPORT_ERRORS = "email"
# PERHEOVI_REPOSITORY = "https://github.com/your-organisation/your-repository"
