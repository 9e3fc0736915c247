"""Settings for publishing: the public URL (may include a sub-path, e.g. /perhekeskus)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("PERHEOVI_SITEURL", "https://example.org/perhekeskus")
