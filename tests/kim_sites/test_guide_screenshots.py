"""`make guide-screenshots`: the guide's screens, copied from the browser suite's artifacts, small."""

import os
import random

from PIL import Image

from tools import guide_screenshots


def shot(folder, name, size=(1366, 3000)):
    """A screenshot as the suite saves it: noisy enough that a naive PNG would be far too big."""
    folder.mkdir(parents=True, exist_ok=True)
    noise = random.Random(name)  # test pixels, not secrets
    image = Image.new("RGB", size, (245, 245, 250))
    pixels = image.load()
    for _ in range(60_000):
        x, y = noise.randrange(size[0]), noise.randrange(size[1])
        pixels[x, y] = (noise.randrange(256), noise.randrange(256), noise.randrange(256))
    path = folder / f"07-{name}.png"
    image.save(path)
    return path


def test_named_shots_are_copied_small_and_missing_ones_are_skipped(tmp_path):
    artifacts, output = tmp_path / "artifacts", tmp_path / "guide"
    shot(artifacts / "test_2_editor_writes", "post-form")
    shot(artifacts / "test_other", "post-form-extra")  # another name that starts alike
    warnings = []
    written = guide_screenshots.copy_screenshots(
        artifacts, output, names=("post-form", "phone-compose"), warn=warnings.append
    )
    assert written == ["post-form"]
    assert sorted(path.name for path in output.iterdir()) == ["post-form.png"]
    copied = Image.open(output / "post-form.png")
    assert copied.width <= guide_screenshots.MAX_WIDTH and copied.height <= guide_screenshots.MAX_HEIGHT
    assert (output / "post-form.png").stat().st_size <= guide_screenshots.MAX_BYTES
    assert len(warnings) == 1 and "phone-compose" in warnings[0]


def test_the_newest_shot_of_a_name_wins(tmp_path):
    old = shot(tmp_path / "test_a", "dashboard", size=(400, 300))
    new = shot(tmp_path / "test_b", "dashboard", size=(400, 300))
    os.utime(old, (1_000_000, 1_000_000))
    os.utime(new, (2_000_000, 2_000_000))
    assert guide_screenshots.find_shot(tmp_path, "dashboard") == new


def test_every_guide_screenshot_name_is_a_plain_file_name():
    assert all(name and "/" not in name and not name.endswith(".png") for name in guide_screenshots.SCREENSHOTS)
