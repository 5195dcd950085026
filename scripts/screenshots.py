"""Screenshots of the public pages at desktop and phone widths, for README and reviews.

Run against a portal with the demo data (`make run` in another terminal):

    .venv/bin/python scripts/screenshots.py     # from http://127.0.0.1:8000 to docs/screenshots/
    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8765 --out /tmp/shots

Uses Playwright with Debian's Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium), as the
browser tests do. Re-running overwrites the files. A member on probation is found through the
directory's own status filter and a commitment with tracker updates through the updates feed, so
the script needs no database access.
"""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = {"desktop": (1280, 900), "phone": (360, 780)}


def pages(page, base: str) -> dict[str, str]:
    """name -> URL of each page to shoot."""
    found = {
        "home": urljoin(base, "/"),
        "directory": urljoin(base, "/members/"),
        "overview": urljoin(base, "/overview/"),
        "open-data": urljoin(base, "/data/"),
    }
    page.goto(urljoin(base, "/members/?status=probation"))
    link = page.locator("table.directory tbody th a").first
    if link.count():
        found["member-on-probation"] = urljoin(base, link.get_attribute("href"))
    # A commitment with tracker updates, so that its chart has both lines: the newest entry of
    # the updates feed links to one.
    response = page.request.get(urljoin(base, "/data/feed/updates/"))
    match = re.search(r'<entry>.*?<link href="([^"#]+)', response.text(), re.S)
    if match:
        found["commitment"] = urljoin(base, match.group(1))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        finder = context.new_page()
        targets = pages(finder, args.base)
        context.close()
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(
                locale="en-GB", viewport={"width": width, "height": height}
            )
            page = context.new_page()
            for name, url in targets.items():
                response = page.goto(url)
                if response is None or response.status != 200:
                    print(f"{name}: {url} answered {response and response.status}", file=sys.stderr)
                    return 1
                path = out / f"{name}-{width_name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(re.sub(r"^.*/docs/", "docs/", str(path)))
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
