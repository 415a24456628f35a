"""The desktop's REST client of the public API v1 and its live event stream. No Qt."""

from noc_desktop.client.api import NocClient
from noc_desktop.client.errors import (
    ApiError,
    ClientClosed,
    Conflict,
    Forbidden,
    HttpError,
    Invalid,
    NotFound,
    ProtocolError,
    RequestTimedOut,
    ServerUnreachable,
    Unauthorized,
)
from noc_desktop.client.http import RestClient, normalise_server_url

__all__ = ["ApiError", "ClientClosed", "Conflict", "Forbidden", "HttpError", "Invalid", "NocClient",
           "NotFound", "ProtocolError", "RequestTimedOut", "RestClient", "ServerUnreachable",
           "Unauthorized", "normalise_server_url"]
