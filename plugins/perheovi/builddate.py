"""The build date: the only clock the site reads (shown on pages, used for "this week").

`SOURCE_DATE_EPOCH` (the reproducible-builds convention) when set, else today in
Europe/Helsinki, so that two builds of the same catalogue on the same date are identical.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def build_date(environ=os.environ) -> dt.date:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), HELSINKI).date()
    return dt.datetime.now(HELSINKI).date()
