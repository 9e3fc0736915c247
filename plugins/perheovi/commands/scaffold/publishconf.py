"""Settings for the published site: the public address (it may include a sub-path)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# GitHub Pages gives the address to the publish workflow; set it here for another host.
SITEURL = os.environ.get("PERHEOVI_SITEURL", "https://example.org/perhekeskus")
