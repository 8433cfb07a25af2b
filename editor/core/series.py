"""Named series (四川省地方志工作简报, 四川省地方志办政工简讯 …) and what they imply.

A series knows its masthead name, issuer, 期号 pattern, default recipients,
printer and copies; from it and the archive's history, a bulletin whose
masthead or 版记 lacks something gets suggestions the editor can take.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass
class Series:
    name: str
    issuer: str | None = None
    issue_pattern: str = "第{issue}期（总第{total_issue}期）"
    disclosure: str | None = "主动公开"
    report_to: str | None = None
    copy_to: str | None = None
    distribute_to: str | None = None
    printer: str | None = None
    copies: int | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Series:
        data: dict[str, Any] = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
