"""Who is quoted: an age on the pricing date, with the birth date and masked identity
number when they are known. The number itself is never kept here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from quote.dates import age_on
from quote.identity import Identity


@dataclass(frozen=True)
class Person:
    """One insured person as a quote shows them: never an identity number in clear."""

    age: int
    birth_date: date | None = None
    masked_id: str | None = None

    @classmethod
    def born(cls, birth_date: date, on: date, identity: Identity | None = None) -> Person:
        """The person born on ``birth_date``, aged on ``on``."""
        return cls(age_on(birth_date, on), birth_date,
                   identity.masked if identity is not None else None)

    def as_dict(self) -> dict[str, object]:
        return {"age": self.age,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "id": self.masked_id}
