"""Copy the guide's screenshots from the browser suite's artifacts into the platform's static files.

    make guide-screenshots            # after `make e2e`
    python -m tools.guide_screenshots --artifacts artifacts/e2e --output kim_sites/static/kim_sites/guide

The browser suite (`make e2e`) saves full-page screenshots as artifacts/e2e/<test>/<NN>-<name>.png
(`shots(page, name)` in tests/e2e/). The guide (Bantuan, kim_sites/admin_ui/) shows some of them: the
names in `kim_sites.admin_ui.topics.SCREENSHOTS`. Each is scaled down to at most MAX_WIDTH pixels wide,
cut to MAX_HEIGHT (the top of a long page is what the guide talks about), reduced to a palette and
written as <name>.png, at most MAX_BYTES. A name the suite has not shot yet is skipped with a warning;
the guide shows only the screenshots that exist. Runs outside the platform (Pillow only), like
tools/bench/.
"""

import argparse
import io
import sys
from pathlib import Path

from PIL import Image

from kim_sites.admin_ui.topics import SCREENSHOTS

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "e2e"
OUTPUT = ROOT / "kim_sites" / "static" / "kim_sites" / "guide"
MAX_WIDTH = 720
MAX_HEIGHT = 1400
MAX_BYTES = 120 * 1024
COLOURS = (128, 64, 32)


def find_shot(artifacts, name):
    """The newest artifacts/e2e/<test>/<NN>-<name>.png, or None."""
    matches = [path for path in artifacts.glob(f"*/[0-9]*-{name}.png") if path.stem.split("-", 1)[1] == name]
    return max(matches, key=lambda path: path.stat().st_mtime, default=None)


def encode(image, colours):
    buffer = io.BytesIO()
    image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


def shrink(source):
    """The screenshot as a small palette PNG: scaled, cut, and with fewer colours (then smaller) until it fits."""
    image = Image.open(source).convert("RGB")
    width = min(MAX_WIDTH, image.width)
    while True:
        scaled = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
        scaled = scaled.crop((0, 0, scaled.width, min(scaled.height, MAX_HEIGHT)))
        for colours in COLOURS:
            data = encode(scaled, colours)
            if len(data) <= MAX_BYTES:
                return data
        width = int(width * 0.85)


def copy_screenshots(artifacts=ARTIFACTS, output=OUTPUT, names=SCREENSHOTS, warn=print):
    """Write each named screenshot that the suite made; returns the names written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        source = find_shot(artifacts, name)
        if source is None:
            warn(f"warning: no screenshot '{name}' under {artifacts} (run `make e2e`); skipped")
            continue
        (output / f"{name}.png").write_bytes(shrink(source))
        written.append(name)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts", type=Path, default=ARTIFACTS)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    options = parser.parse_args(argv)
    written = copy_screenshots(options.artifacts, options.output, warn=lambda text: print(text, file=sys.stderr))
    print(f"{len(written)} of {len(SCREENSHOTS)} guide screenshots written to {options.output}")


if __name__ == "__main__":
    main()
