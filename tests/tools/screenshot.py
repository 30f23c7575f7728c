"""Screenshot an HTML file in headless Chromium: ``screenshot.py page.html out.png [WIDTHxHEIGHT]``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]  # fmt: skip


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    page, out = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    size = argv[2] if len(argv) > 2 else "1280,2200"
    exe = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    if exe is None:
        print("screenshot: Chromium is not installed (Debian: apt-get install chromium); no screenshot taken.")
        return 0
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size.replace('x', ',')}",
             f"--screenshot={out}", page.as_uri()],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    print(f"screenshot: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
