"""Where the desk's archive is: this computer's data directory, or the office's PostgreSQL
server (host, port, database, user; the password is kept in the system's credential store by
:mod:`editor.core.credentials`, never with these settings).

:class:`ServerAddress` itself is in :mod:`editor.core.server_address` (settings hold it
without loading the archive's code), and is named here too. :meth:`ServerAddress.url`
spells the address as libpq reads it, every part percent-encoded, so a password with
``@ : / ? #`` (or Chinese) in it reaches the server as typed and
:func:`editor.core.store.database_place` still shows the address without it.
:func:`open_server` opens the archive there and tells a refused (or missing) password apart
(:class:`PasswordRefused`), so a desk can ask for it instead of just failing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from editor.core.server_address import DEFAULT_PORT, LOCAL, SERVER, ServerAddress
from editor.core.store import StoreError, open_store

if TYPE_CHECKING:
    from editor.core.paths import DataDir
    from editor.core.store import Store

__all__ = ["DEFAULT_PORT", "LOCAL", "SERVER", "PasswordRefused", "ServerAddress", "open_server"]

_PASSWORD_REFUSED = re.compile(r"password authentication failed|no password supplied", re.I)


class PasswordRefused(StoreError):
    """The server wants a password for this user and was given none, or a wrong one.

    The message is the archive's own Chinese one (the place, and that the user name or
    password is wrong); a desk asks for the password when it sees this.
    """


def _password_refused(err: BaseException) -> bool:
    cause = err.__cause__
    if cause is None or not type(cause).__module__.startswith("psycopg"):
        return False
    return getattr(cause, "sqlstate", None) == "28P01" or bool(_PASSWORD_REFUSED.search(str(cause)))


def open_server(
    address: ServerAddress, password: str | None, *, data: DataDir, create: bool = True
) -> Store:
    """The archive on the server at ``address`` (made there when new and ``create``).

    StoreError (or SchemaTooNew) in Chinese naming the place when it cannot be used: an
    address not filled in, a server that does not answer, …; PasswordRefused when the
    server wants a password and ``password`` is None or wrong.
    """
    problem = address.missing()
    if problem is not None:
        raise StoreError(f"数据库服务器上的档案：{problem}（在 设置 → 常规 → 档案 中填写）")
    try:
        return open_store(address.url(password), data=data, create=create)
    except StoreError as err:
        if _password_refused(err):
            raise PasswordRefused(str(err)) from err
        raise
