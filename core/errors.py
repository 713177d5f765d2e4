"""The failures a user can meet. Each carries message keys, never text, so the page shows
it in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import t


@dataclass(frozen=True)
class FieldError:
    field: str  # message key of the field's label ("" for the form as a whole)
    message: str  # message key of the problem
    params: dict = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        params = dict(self.params)
        if self.field:
            params.setdefault("field", t(self.field, lang))
        return t(self.message, lang, **params)


class DomainError(Exception):
    """Base of every refusal the domain gives; `messages()` says why, in the user's language."""

    key = "error.not_found"

    def __init__(self, **params):
        super().__init__(self.key)
        self.params = params

    def messages(self, lang: str | None = None) -> list[str]:
        return [t(self.key, lang, **self.params)]


class ValidationError(DomainError):
    """Bad input: nothing was written. Lists every wrong field at once."""

    def __init__(self, errors: list[FieldError]):
        super().__init__()
        self.errors = list(errors)

    def messages(self, lang: str | None = None) -> list[str]:
        return [e.text(lang) for e in self.errors]

    def fields(self) -> set[str]:
        return {e.field for e in self.errors}


class PermissionDenied(DomainError):
    key = "error.permission"


class NotFound(DomainError):
    key = "error.not_found"


class Conflict(DomainError):
    """Someone else saved the same thing since it was read (optimistic locking)."""

    key = "error.conflict"


class DuplicateSubmission(DomainError):
    """The same form submission id arrived with other content."""

    key = "error.duplicate_submission"
