"""Settings of the server that the SQLite concurrency test starts: the test settings, on its own file.

With KIM_SQLITE_STOCK=1 (set by hand, to see what the test guards against) the project's SQLite
options are dropped: rollback journal, deferred transactions, the driver's 5 s busy timeout.
"""

import os

from kimcms.settings.test import *  # noqa: F403

if os.environ.get("KIM_SQLITE_STOCK"):
    DATABASES["default"]["OPTIONS"] = {}  # noqa: F405
