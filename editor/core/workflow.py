"""The review workflow as data: which action is allowed in which state, and where it leads.

new -> in_review -> approved -> exported, with rejected and failed beside them;
reopen brings an approved, exported or rejected bulletin back to review. A scan waits in
recognising while OCR reads it, and leaves it as new (read) or failed (not readable).
"""

from __future__ import annotations

NEW, IN_REVIEW, APPROVED, EXPORTED, REJECTED, FAILED, RECOGNISING = (
    "new",
    "in_review",
    "approved",
    "exported",
    "rejected",
    "failed",
    "recognising",
)
STATUSES = (RECOGNISING, NEW, IN_REVIEW, APPROVED, EXPORTED, REJECTED, FAILED)

STATUS_LABELS = {
    NEW: "新收",
    IN_REVIEW: "审校中",
    APPROVED: "已批准",
    EXPORTED: "已导出",
    REJECTED: "已退回",
    FAILED: "无法解析",
    RECOGNISING: "识别中",
}
ACTION_LABELS = {
    "edit": "修改",
    "approve": "批准",
    "export": "导出",
    "reject": "退回",
    "reopen": "重新打开",
    "new_version": "标为新版本",  # not a transition: a link recorded in both histories
    "recognise": "文字识别",  # not a transition: OCR finishing (or starting again) on a scan
}

# state -> {action: next state}
TRANSITIONS: dict[str, dict[str, str]] = {
    NEW: {"edit": IN_REVIEW, "approve": APPROVED, "reject": REJECTED},
    IN_REVIEW: {"edit": IN_REVIEW, "approve": APPROVED, "reject": REJECTED},
    APPROVED: {"export": EXPORTED, "reopen": IN_REVIEW},
    EXPORTED: {"export": EXPORTED, "reopen": IN_REVIEW},
    REJECTED: {"reopen": IN_REVIEW},
    FAILED: {},
    RECOGNISING: {},
}


class WorkflowError(Exception):
    """An action the bulletin's state does not allow."""


def allowed_actions(status: str) -> list[str]:
    return list(TRANSITIONS.get(status, {}))


def next_status(status: str, action: str) -> str:
    """Where ``action`` leads from ``status``; WorkflowError when it is not allowed there."""
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        label = STATUS_LABELS.get(status, status)
        verb = ACTION_LABELS.get(action, action)
        allowed = "、".join(ACTION_LABELS.get(a, a) for a in allowed_actions(status)) or "无"
        raise WorkflowError(f"状态为“{label}”的简报不能{verb}（此状态下可以：{allowed}）") from None
