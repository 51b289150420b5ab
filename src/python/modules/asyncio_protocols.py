"""asyncio's protocol classes (CPython's asyncio/protocols.py), for corosim: the methods a
connection calls, each doing nothing, for a program's subclass to override. The loop
calls them through corosim's transports (asyncio_transports.rs).
"""


class BaseProtocol:
    """Common base class for protocol interfaces."""

    def connection_made(self, transport):
        """Called when a connection is made."""

    def connection_lost(self, exc):
        """Called when the connection is lost or closed."""

    def pause_writing(self):
        """Called when the transport's buffer goes over the high-water mark."""

    def resume_writing(self):
        """Called when the transport's buffer drains below the low-water mark."""


class Protocol(BaseProtocol):
    """Interface for stream protocol."""

    def data_received(self, data):
        """Called when some data is received."""

    def eof_received(self):
        """Called when the other end calls write_eof() or equivalent."""
