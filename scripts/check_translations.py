"""Fail when a translation catalogue is incomplete, fuzzy or not compiled.

Checks every locale/<lang>/LC_MESSAGES/*.po of the languages in settings.LANGUAGES (other than the
source language) and exits non-zero, listing each problem:

- a language without a django.po;
- an entry whose msgstr (or one of its plural forms) is empty;
- an entry marked fuzzy (gettext ignores fuzzy entries, so users would see English);
- a .mo that is missing or does not match its .po (the .mo files are committed so that a fresh
  machine needs no gettext; `compilemessages` was not run after the last edit).

Usage:
    python scripts/check_translations.py            # check the committed catalogues
    python scripts/check_translations.py --extract  # run makemessages first (needs gettext)

Pure Python, so CI needs no gettext tools. Obsolete (#~) entries are ignored.
"""

import argparse
import ast
import gettext
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locale"
MAKEMESSAGES_IGNORE = [".venv/*", "node_modules/*", "tests/*", "var/*"]


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 70 else self.msgid[:67] + "..."
        return f"{self.msgctxt}|{text}" if self.msgctxt else text


def _unquote(text: str) -> str:
    # PO strings are C-style quoted; Python's literal syntax reads them the same way.
    return ast.literal_eval(text.strip())


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file, header excluded."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which string continuation lines extend

    def finish() -> None:
        nonlocal current, target
        if current is not None and (current.msgid or current.msgctxt is not None):
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if current is None or (line.startswith("#") and target is not None):
            # A comment after strings starts the next entry even without a blank line.
            finish()
            current = Entry(line=number)
        if line.startswith("#,"):
            current.fuzzy = current.fuzzy or "fuzzy" in line[2:].replace(" ", "").split(",")
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: string without a keyword")
            name, index = target
            value = _unquote(line)
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        if keyword in {"msgctxt", "msgid", "msgid_plural"}:
            setattr(current, keyword, _unquote(rest))
            target = (keyword, 0)
        elif keyword == "msgstr":
            current.msgstr[0] = _unquote(rest)
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index = int(keyword[len("msgstr[") : -1])
            current.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: cannot read {line!r}")
    finish()
    return entries


def _compiled_mismatch(entry: Entry, catalog: dict) -> bool:
    prefix = f"{entry.msgctxt}\x04" if entry.msgctxt is not None else ""
    if entry.msgid_plural is None:
        return catalog.get(prefix + entry.msgid) != entry.msgstr.get(0)
    return any(
        catalog.get((prefix + entry.msgid, index)) != text for index, text in entry.msgstr.items()
    )


def check_catalogue(po_path: Path) -> list[str]:
    problems: list[str] = []
    relative = po_path.relative_to(ROOT)
    entries = parse_po(po_path)
    for entry in entries:
        if entry.fuzzy:
            problems.append(f"{relative}:{entry.line}: fuzzy: {entry.label}")
        elif not entry.msgstr or any(not text for text in entry.msgstr.values()):
            problems.append(f"{relative}:{entry.line}: untranslated: {entry.label}")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        problems.append(f"{relative.with_suffix('.mo')}: missing; run compilemessages")
        return problems
    with mo_path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    stale = [
        entry
        for entry in entries
        if not entry.fuzzy and all(entry.msgstr.values()) and _compiled_mismatch(entry, catalog)
    ]
    if stale:
        problems.append(
            f"{relative.with_suffix('.mo')}: out of date for {len(stale)} entries "
            f"(first: {stale[0].label}); run compilemessages"
        )
    return problems


def target_languages() -> list[str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogplocal.settings")
    from django.conf import settings
    from django.utils.translation import to_locale

    # Catalogue folders are named by locale: the language pt-br lives in locale/pt_BR.
    return [to_locale(code) for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def extract(languages: list[str]) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    os.chdir(ROOT)
    call_command("makemessages", locale=languages, ignore_patterns=MAKEMESSAGES_IGNORE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--extract", action="store_true", help="run makemessages first (needs GNU gettext)"
    )
    args = parser.parse_args(argv)
    languages = target_languages()
    if args.extract:
        extract(languages)
    problems: list[str] = []
    for language in languages:
        messages_dir = LOCALE_DIR / language / "LC_MESSAGES"
        if not (messages_dir / "django.po").exists():
            problems.append(f"locale/{language}/LC_MESSAGES/django.po: missing")
        for po_path in sorted(messages_dir.glob("*.po")):
            problems.extend(check_catalogue(po_path))
    if problems:
        print(f"{len(problems)} translation problem(s):", file=sys.stderr)
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"Translations complete for {', '.join(languages)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
