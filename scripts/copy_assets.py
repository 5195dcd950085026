"""Copy the front-end files we serve from node_modules/ into static/vendor/.

`make assets` runs `npm ci` (versions pinned in package-lock.json) and then this script. The
copied files are committed, so `make run` and CI need neither Node nor npm. Next to them the
script writes static/vendor/vendored.json: package, version and SHA-256 of every copied file, which
tests/foundation/test_layout.py compares with package-lock.json and the files themselves.

Usage: python scripts/copy_assets.py
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
RECORD = VENDOR / "vendored.json"


def _font_files(family: str, styles: list[str]) -> dict[str, str]:
    """The WOFF2 files of a @fontsource package, Latin and Latin Extended, and its licence."""
    files = {
        f"files/{family}-{subset}-{style}.woff2": f"{family}/{family}-{subset}-{style}.woff2"
        for subset in ("latin", "latin-ext")
        for style in styles
    }
    return {**files, "LICENSE": f"{family}/LICENSE"}


# package -> {file inside the package: path under static/vendor/}
ASSETS: dict[str, dict[str, str]] = {
    "@picocss/pico": {
        "css/pico.min.css": "pico/pico.min.css",
        "LICENSE.md": "pico/LICENSE.md",
    },
    "htmx.org": {
        "dist/htmx.min.js": "htmx/htmx.min.js",
        "LICENSE": "htmx/LICENSE",
    },
    # The typefaces of our PDF letters and reports (ogplocal.documents), embedded in every PDF.
    # Latin and Latin Extended cover English, Spanish, French, Portuguese and the names of
    # European jurisdictions; static/documents/fonts.css declares them with their unicode-range.
    "@fontsource/source-serif-4": _font_files(
        "source-serif-4", ["400-normal", "400-italic", "700-normal", "700-italic"]
    ),
    "@fontsource/source-sans-3": _font_files(
        "source-sans-3", ["400-normal", "600-normal", "700-normal"]
    ),
    # The programme overview's map (members/map.py): country outlines from Natural Earth (public
    # domain), as TopoJSON at 1:110m; drawn on the server as SVG, no tile service.
    "world-atlas": {
        "countries-110m.json": "world-atlas/countries-110m.json",
        "LICENSE": "world-atlas/LICENSE",
    },
}


def locked_versions() -> dict[str, str]:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {
        name.removeprefix("node_modules/"): entry["version"]
        for name, entry in lock["packages"].items()
        if name.startswith("node_modules/")
    }


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    locked = locked_versions()
    record: dict[str, dict] = {}
    problems: list[str] = []
    for package, files in ASSETS.items():
        manifest = NODE_MODULES / package / "package.json"
        if not manifest.exists():
            problems.append(f"{package} is not installed: run `npm ci` first")
            continue
        installed = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        # A stale node_modules must not overwrite the vendored files with another version.
        if installed != locked.get(package):
            problems.append(
                f"{package} {installed} is installed but package-lock.json pins "
                f"{locked.get(package)}: run `npm ci`"
            )
            continue
        copied = {}
        for source, target in files.items():
            destination = VENDOR / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(NODE_MODULES / package / source, destination)
            copied[target] = sha256(destination)
        record[package] = {"version": installed, "files": copied}
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for package, entry in record.items():
        print(f"{package} {entry['version']}: {', '.join(entry['files'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
