"""Site-wide models, one concern a module."""

from .identity import PortalIdentity  # noqa: F401
from .links import WebsiteLink  # noqa: F401
from .media import PortalDocument, PortalImage, PortalRendition  # noqa: F401
from .users import User  # noqa: F401
