"""The scheduler's side of the other layers' APIs: the backend client (resolve a target at fire
time, deliver events: ``backend_client``) and reading a peer's error answer, the backend's or a
node's (``error_body``).

HTTP only: it holds no state and writes nothing to the database.
"""
