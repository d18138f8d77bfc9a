"""Imports every feature's tables so that the metadata Alembic compares against is complete."""

from ams.agents import models as _agents  # noqa: F401
from ams.alerts import models as _alerts  # noqa: F401
from ams.auth import models as _auth  # noqa: F401
from ams.db.base import Base
from ams.governance import models as _governance  # noqa: F401
from ams.jobs import models as _jobs  # noqa: F401
from ams.surveillance import models as _surveillance  # noqa: F401
from ams.telemetry import models as _telemetry  # noqa: F401
from ams.vault import models as _vault  # noqa: F401

metadata = Base.metadata
