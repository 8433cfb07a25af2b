"""The server's address as the settings keep it (no password) and the address it is opened
with (the password from the credential store, percent-encoded): a real PostgreSQL server
reads every character of an awkward password as typed, a refused or missing password is told
apart (PasswordRefused) so the desk can ask for it, and no message ever shows it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg.conninfo
import pytest
from support.pg_password import password_role
from support.postgres import PostgresServer

from editor.core.archive_address import PasswordRefused, ServerAddress, open_server
from editor.core.paths import DataDir
from editor.core.store import StoreError, database_place

AWKWARD = "密码 p@ss:w/rd?#%&=+[]'\"\\ end"


def address_of(url: str, user: str | None = None) -> ServerAddress:
    parts = urlsplit(url)
    assert parts.hostname is not None
    assert parts.port is not None
    return ServerAddress(
        host=parts.hostname,
        port=parts.port,
        database=parts.path.lstrip("/"),
        user=user or parts.username or "",
    )


@pytest.fixture
def guarded(postgres: PostgresServer, pg_url: str) -> Iterator[ServerAddress]:
    """pg_url's database, owned by a user that must give the AWKWARD password."""
    with password_role(postgres, pg_url, AWKWARD) as role:
        yield address_of(pg_url, role)


def test_the_url_spells_every_part_as_typed() -> None:
    address = ServerAddress(host="db.office.lan", port=6543, database="简讯 档案", user="编辑@甲")
    url = address.url(AWKWARD)
    info = psycopg.conninfo.conninfo_to_dict(url)
    assert info == {
        "host": "db.office.lan",
        "port": "6543",
        "dbname": "简讯 档案",
        "user": "编辑@甲",
        "password": AWKWARD,
    }
    assert "password" not in psycopg.conninfo.conninfo_to_dict(address.url())
    shown = database_place(url)
    assert shown == address.place == "postgresql://编辑@甲@db.office.lan:6543/简讯 档案"
    assert "p@ss" not in shown
    assert "密码" not in shown


def test_an_ipv6_server_is_bracketed() -> None:
    info = psycopg.conninfo.conninfo_to_dict(ServerAddress("::1", 5432, "jianxun", "u").url())
    assert (info["host"], info["port"]) == ("::1", "5432")


@pytest.mark.parametrize(
    ("address", "said"),
    [
        (ServerAddress("", 5432, "jianxun", "u"), "没有填写数据库服务器的地址"),
        (ServerAddress("db", 5432, "", "u"), "没有填写数据库的名称"),
        (ServerAddress("db", 5432, "jianxun", " "), "没有填写数据库的用户名"),
        (ServerAddress("db", 0, "jianxun", "u"), "端口 0 不对"),
    ],
)
def test_an_address_not_filled_in_is_said_before_connecting(
    address: ServerAddress, said: str, data: DataDir
) -> None:
    assert address.missing() is not None
    with pytest.raises(StoreError, match=said):
        open_server(address, None, data=data)


def test_a_server_that_trusts_this_computer_needs_no_password(pg_url: str, data: DataDir) -> None:
    with open_server(address_of(pg_url), None, data=data) as store:
        assert store.count() == 0


def test_the_awkward_password_opens_the_archive(guarded: ServerAddress, data: DataDir) -> None:
    with open_server(guarded, AWKWARD, data=data) as store:
        assert store.count() == 0
        assert AWKWARD not in store.place  # type: ignore[attr-defined]


@pytest.mark.parametrize("password", [None, "", "wrong", AWKWARD[:-1]])
def test_a_missing_or_wrong_password_is_told_apart(
    guarded: ServerAddress, data: DataDir, password: str | None
) -> None:
    with pytest.raises(PasswordRefused) as caught:
        open_server(guarded, password, data=data)
    message = str(caught.value)
    assert message == f"{guarded.place}：数据库用户名或密码不对"
    assert "p@ss" not in message


def test_an_unreachable_server_is_no_password_question(data: DataDir, tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_server(ServerAddress("127.0.0.1", 1, "jianxun", "u"), "s3cret", data=data)
    assert not isinstance(caught.value, PasswordRefused)
    assert "s3cret" not in str(caught.value)
    assert not re.search(r"[A-Za-z]{4,}", str(caught.value).split("：", 1)[1])
