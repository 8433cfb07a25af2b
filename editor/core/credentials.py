"""The database password in the system's credential store, never in a settings file.

Windows keeps it in the Credential Manager, Linux in the Secret Service (GNOME Keyring,
KWallet) over D-Bus, through the ``keyring`` package; each password is kept under the
service ``jianxun`` and the account ``user@host:port/database``
(:attr:`editor.core.archive_address.ServerAddress.account`).

Where there is no usable store (keyring finds none, or only one that keeps nothing or keeps
passwords in a plain file; no D-Bus session; a locked keyring the user would not unlock),
every function here says so in Chinese instead of raising keyring's English: the password
is then not kept and the desk asks for it at each start. The password itself is never
logged, never put into a message, and never written anywhere but the credential store.

``keyring`` is imported on first use only, so a desk on the local archive never loads it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

__all__ = [
    "LOCKED",
    "NOT_FORGOTTEN",
    "NOT_READ",
    "NO_STORE",
    "SERVICE",
    "Loaded",
    "forget_password",
    "load_password",
    "save_password",
    "store_problem",
]

SERVICE = "jianxun"

NO_STORE = "这台电脑没有可用的系统凭据管理器，密码不会被保存，每次启动时需要输入"
LOCKED = "系统凭据管理器已锁定（没有解锁），密码不会被保存，每次启动时需要输入"
"""Also for a keyring that could not be opened or made (its unlock prompt was dismissed)."""
NOT_READ = "没能从系统凭据管理器读出保存的密码，需要重新输入"
NOT_FORGOTTEN = "没能从系统凭据管理器删除保存的密码"

# What decides which store keyring finds: chosen again when one of these changes.
_ENVIRONMENT = ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "XDG_CONFIG_HOME", "HOME")
_chosen: tuple[tuple[str | None, ...], KeyringBackend | None] | None = None
_lock = threading.Lock()  # one use of the store at a time (the desk's thread, a test's thread)


class Loaded(NamedTuple):
    """A password read from the store (None: none kept) and, when it could not be read,
    why (Chinese)."""

    password: str | None
    problem: str | None = None


class _Unusable(Exception):
    """No credential store to use here; the message is the Chinese reason."""


def _recommended(backend: KeyringBackend) -> bool:
    """A store that really keeps passwords, and not in a plain file (priority ≥ 1)."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    try:
        if isinstance(backend, chainer.ChainerBackend):
            parts = backend.backends
            return bool(parts) and all(_recommended(part) for part in parts)
        return float(backend.priority) >= 1
    except Exception:  # a store that cannot even say how good it is
        return False


def _backend() -> KeyringBackend:
    """keyring's choice of store for this environment; _Unusable when there is none."""
    global _chosen
    key = tuple(os.environ.get(name) for name in _ENVIRONMENT)
    if _chosen is None or _chosen[0] != key:
        try:
            import keyring.backend
            import keyring.core

            with contextlib.suppress(KeyError):  # KeyError: nothing was looked for yet
                keyring.backend.get_all_keyring.reset()  # look again: the session may differ
            keyring.core.init_backend()
            backend = keyring.core.get_keyring()
            chosen = backend if _recommended(backend) else None
        except Exception:  # a broken keyring configuration, a store that fails to load
            chosen = None
        _chosen = (key, chosen)
    if _chosen[1] is None:
        raise _Unusable(NO_STORE)
    return _chosen[1]


def _reason(err: Exception, otherwise: str) -> str:
    """The Chinese for a store's failure (keyring, secretstorage and D-Bus speak English)."""
    if isinstance(err, _Unusable):
        return str(err)
    try:
        from keyring.errors import InitError, KeyringLocked, NoKeyringError
    except ImportError:
        return NO_STORE
    cause = type(err.__cause__).__name__
    if isinstance(err, KeyringLocked) or (isinstance(err, InitError) and "Dismissed" in cause):
        return LOCKED  # an unlock (or a new keyring's) prompt dismissed, or none could appear
    if isinstance(err, NoKeyringError | OSError | ConnectionError):
        return NO_STORE
    if type(err).__module__.split(".")[0] in ("secretstorage", "jeepney", "dbus"):
        return NO_STORE  # no Secret Service on the bus, or the bus went away
    return otherwise


@contextlib.contextmanager
def _guarded() -> Iterator[None]:
    """One use of the store at a time. keyring's Secret Service backend leaves its D-Bus
    connection open when the service fails (keyring 25): it is closed here, when the failure
    is dealt with, without a ResourceWarning about it."""
    with _lock, warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield


def _failed(err: Exception, otherwise: str) -> str:
    reason = _reason(err, otherwise)
    err.__traceback__ = None  # drops the failed call's frames and the connection they hold
    err.__cause__ = err.__context__ = None
    gc.collect()
    return reason


def store_problem() -> str | None:
    """Why no password can be kept on this computer (Chinese), or None when one can."""
    with _guarded():
        try:
            _backend()
        except _Unusable as err:
            return str(err)
    return None


def save_password(account: str, password: str) -> str | None:
    """Keep ``password`` for ``account``; None when kept, else why not (Chinese)."""
    with _guarded():
        try:
            _backend().set_password(SERVICE, account, password)
        except Exception as err:
            return _failed(err, NO_STORE)
    return None


def load_password(account: str) -> Loaded:
    """The password kept for ``account`` (None when there is none)."""
    with _guarded():
        try:
            password = _backend().get_password(SERVICE, account)
        except Exception as err:
            return Loaded(None, _failed(err, NOT_READ))
    return Loaded(password)


def forget_password(account: str) -> str | None:
    """Remove the password kept for ``account`` (none kept is fine); None when done."""
    with _guarded():
        try:
            backend = _backend()
            if backend.get_password(SERVICE, account) is not None:
                backend.delete_password(SERVICE, account)
        except Exception as err:
            return _failed(err, NOT_FORGOTTEN)
    return None
