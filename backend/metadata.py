"""All tables in one MetaData (for Alembic and tests)."""

from backend.agents import models as _agents
from backend.audit import models as _audit
from backend.auth import models as _auth
from backend.channels.email import models as _email
from backend.channels.webchat import models as _webchat
from backend.customers import models as _customers
from backend.db import Base
from backend.interactions import models as _interactions
from backend.recordings import models as _recordings
from backend.routing import models as _routing
from backend.timeline import models as _timeline

metadata = Base.metadata
__all__ = ["_agents", "_audit", "_auth", "_customers", "_email", "_interactions", "_recordings", "_routing",
           "_timeline", "_webchat", "metadata"]
