"""Where the office's PostgreSQL server is, as the desk's settings name it (host, port,
database, user; never a password), and the two places an archive can be (:data:`LOCAL`,
:data:`SERVER`).

Apart from :mod:`editor.core.archive_address` (which opens the archive there) so the settings
can hold an address without loading the archive's code: the desk reads its settings before
its first paint, and opens the archive after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

LOCAL = "local"
"""The archive in this computer's data directory (SQLite): the default."""
SERVER = "server"
"""The archive on the office's PostgreSQL server."""
DEFAULT_PORT = 5432


@dataclass(frozen=True)
class ServerAddress:
    """The office's PostgreSQL server as the settings name it (no password)."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""

    def missing(self) -> str | None:
        """What is not filled in yet, in Chinese; None when the address is complete."""
        if not self.host.strip():
            return "没有填写数据库服务器的地址"
        if not 0 < self.port < 65536:
            return f"端口 {self.port} 不对（应为 1–65535，PostgreSQL 通常为 {DEFAULT_PORT}）"
        if not self.database.strip():
            return "没有填写数据库的名称"
        if not self.user.strip():
            return "没有填写数据库的用户名"
        return None

    @property
    def account(self) -> str:
        """The name the password is kept under in the credential store: user@host:port/db."""
        return f"{self.user.strip()}@{self.host.strip()}:{self.port}/{self.database.strip()}"

    def url(self, password: str | None = None) -> str:
        """``postgresql://user[:password]@host:port/database``, each part percent-encoded."""
        host = self.host.strip()
        if ":" in host and not host.startswith("["):  # an IPv6 address
            host = f"[{host}]"
        elif not host.startswith("["):
            host = quote(host, safe="")
        user = quote(self.user.strip(), safe="")
        secret = f":{quote(password, safe='')}" if password else ""
        database = quote(self.database.strip(), safe="")
        return f"postgresql://{user}{secret}@{host}:{self.port}/{database}"

    @property
    def place(self) -> str:
        """The address for messages (never a password)."""
        from editor.core.store import database_place

        return database_place(self.url())
