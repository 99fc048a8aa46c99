"""Errors a user can cause, each with every problem found and its place, in Swedish and English.

An importer collects *all* problems before it raises, so that a person fixing a file sees the
whole list at once instead of one problem per attempt.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, Self

__all__ = [
    "Place",
    "Problem",
    "SamverkanError",
    "CaseFileError",
    "FlowMappingError",
    "EventLogError",
    "PriceListError",
    "IdentityNumberError",
    "IdentityNumberInTextError",
    "FileAccessError",
    "CaseEditError",
    "ModelError",
    "OptionError",
    "ProblemCollector",
]


@dataclass(frozen=True)
class Place:
    """Where a problem is: any of file, sheet, row, column and key path."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    key: str | None = None

    def describe(self, lang: str = "sv") -> str:
        sv = lang == "sv"
        parts: list[str] = []
        if self.file:
            parts.append(f"{'fil' if sv else 'file'} {self.file}")
        if self.sheet:
            # A sheet named by its position needs no quotes: "blad 2".
            name = self.sheet if self.sheet.isdigit() else f"'{self.sheet}'"
            parts.append(f"{'blad' if sv else 'sheet'} {name}")
        if self.row is not None:
            parts.append(f"{'rad' if sv else 'row'} {self.row}")
        if self.column:
            parts.append(f"{'kolumn' if sv else 'column'} {self.column}")
        if self.key:
            parts.append(f"{'nyckel' if sv else 'key'} {self.key}")
        return ", ".join(parts)

    def sort_key(self) -> tuple[str, str, int, str, str]:
        return (self.file or "", self.sheet or "", self.row or 0, self.column or "", self.key or "")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, said in both languages."""

    place: Place
    sv: str
    en: str

    def describe(self, lang: str = "sv") -> str:
        where = self.place.describe(lang)
        text = self.sv if lang == "sv" else self.en
        return f"{where}: {text}" if where else text


class SamverkanError(Exception):
    """Base of every error the user can cause; holds one or more problems."""

    title_sv = "Indata är felaktiga"
    title_en = "The input is not valid"

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("an error needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(_without_identity_numbers(p) for p in problems)
        super().__init__(self.message("sv") + "\n\n" + self.message("en"))

    @classmethod
    def single(cls, sv: str, en: str, place: Place | None = None) -> Self:
        return cls([Problem(place or Place(), sv, en)])

    @classmethod
    def unknown_file_type(cls, path: Path, suffixes: Sequence[str], *,
                          place: Place | None = None) -> Self:
        """The one message for a file whose ending says nothing this reader or writer knows."""
        given = path.suffix or path.name
        listed_sv = ", ".join(suffixes[:-1]) + " eller " + suffixes[-1]
        listed_en = ", ".join(suffixes[:-1]) + " or " + suffixes[-1]
        return cls.single(f"okänd filtyp '{given}': använd {listed_sv}",
                          f"unknown file type '{given}': use {listed_en}",
                          place or Place(file=path.name))

    def message(self, lang: str = "sv") -> str:
        title = self.title_sv if lang == "sv" else self.title_en
        count = len(self.problems)
        if lang == "sv":
            head = f"{title} ({count} {'fel' if count == 1 else 'fel'}):"
        else:
            head = f"{title} ({count} {'problem' if count == 1 else 'problems'}):"
        lines = [head] + [f"  - {p.describe(lang)}" for p in self.problems]
        return "\n".join(lines)


def _without_identity_numbers(problem: Problem) -> Problem:
    """The problem with any identity number in its words or its place cut out.

    Every importer refuses a number before it could quote one; this is the last net under all
    of them, so that no message, page or log line built from an error can ever carry one.
    """
    # Imported here: the guard's module imports this one.
    from samverkan.formats.identity_numbers import redacted

    place = problem.place

    def clean(value: str | None) -> str | None:
        return None if value is None else redacted(value)

    return Problem(
        Place(file=clean(place.file), sheet=clean(place.sheet), row=place.row,
              column=clean(place.column), key=clean(place.key)),
        redacted(problem.sv), redacted(problem.en),
    )


class CaseFileError(SamverkanError):
    """A case file (YAML, JSON or the Excel template) that cannot be read as a case."""

    title_sv = "Typfallet kan inte läsas"
    title_en = "The case cannot be read"


class FlowMappingError(SamverkanError):
    """A mapping from an event log's paths to a case's steps that cannot be used."""

    title_sv = "Kopplingen mellan loggen och typfallet kan inte läsas"
    title_en = "The mapping from the log to the case cannot be read"


class EventLogError(SamverkanError):
    """An event log that cannot be imported; nothing of it is kept."""

    title_sv = "Händelseloggen kan inte läsas in"
    title_en = "The event log cannot be imported"


class PriceListError(SamverkanError):
    """A price list of interventions (CSV or Excel) that cannot be read; nothing of it is used."""

    title_sv = "Prislistan kan inte läsas"
    title_en = "The price list cannot be read"


class ProtectionTooSlowError(EventLogError):
    """A log whose small counts cannot be protected within the time a page may take.

    Nothing of it is shown or kept: showing it unprotected is not an option, and working on
    without end would hold a server process for everyone else.
    """

    title_sv = "Händelseloggens små tal kan inte skyddas inom tidsgränsen"
    title_en = "The event log's small counts cannot be protected within the time limit"


class IdentityNumberError(EventLogError):
    """An event log that holds personal identity or coordination numbers; refused whole."""

    title_sv = "Händelseloggen innehåller personnummer eller samordningsnummer och har avvisats"
    title_en = "The event log holds personal identity or coordination numbers and was refused"


class IdentityNumberInTextError(SamverkanError):
    """A name or other free text holding a personal identity or coordination number, refused
    before anything is stored (and so before it could reach the audit trail)."""

    title_sv = ("Personnummer och samordningsnummer får inte sparas; skriv texten utan numret. "
                "Ingenting har sparats")
    title_en = ("Personal identity and coordination numbers may not be stored; write the text "
                "without the number. Nothing was saved")


class FileAccessError(SamverkanError):
    """A file the system would not open, read or write: a missing folder, no permission, a
    full disk. Raised from `OSError` so that the user sees which file and why."""

    title_sv = "Filen kan inte läsas eller skrivas"
    title_en = "The file cannot be read or written"

    # The system's reasons in Swedish for the common cases; others keep the system's words.
    _REASONS_SV = {
        errno.ENOENT: "filen eller mappen finns inte",
        errno.EACCES: "behörighet saknas",
        errno.EPERM: "åtgärden är inte tillåten",
        errno.ENOSPC: "disken är full",
        errno.EISDIR: "det är en mapp, inte en fil",
        errno.ENOTDIR: "en del av sökvägen är inte en mapp",
        errno.EROFS: "filsystemet är skrivskyddat",
    }

    @classmethod
    def from_os_error(cls, error: OSError) -> FileAccessError:
        reason_en = error.strerror or type(error).__name__
        reason_sv = cls._REASONS_SV.get(error.errno or 0, f"systemet svarade: {reason_en}")
        name = str(error.filename) if error.filename is not None else None
        return cls([Problem(Place(file=name), reason_sv, reason_en)])


class CaseEditError(SamverkanError):
    """An edit of a case made in a form that cannot be made: said in the user's words."""

    title_sv = "Ändringen kan inte göras"
    title_en = "The change cannot be made"


class OptionError(SamverkanError):
    """A value given to a command's option or a page's parameter that cannot be used: a range
    written the wrong way round, a date that is not one, an output type no writer knows.
    The command line exits with 2 for it, as for its other usage errors."""

    title_sv = "Ett val i kommandot eller på sidan kan inte användas"
    title_en = "An option of the command or the page cannot be used"


class ModelError(SamverkanError):
    """A computation asked of the model with values it cannot work with (a negative number of
    cases per year, no draws): the caller's mistake, said in both languages."""

    title_sv = "Beräkningen kan inte göras"
    title_en = "The computation cannot be made"


class ProblemCollector:
    """Gathers problems while a file is checked, then raises them all at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, place: Place, sv: str, en: str) -> None:
        self.problems.append(Problem(place, sv, en))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self, error: type[SamverkanError]) -> None:
        """Raise `error` with every problem found, if there is any; else return."""
        if self.problems:
            self.raise_all(error)

    def raise_all(self, error: type[SamverkanError]) -> NoReturn:
        """Raise `error` with every problem found; for where some problem is known to exist."""
        raise error(self.problems)
