"""Whole numbers in pictures: photos and scans of handwritten numbers, made from the dev drawn
digits written on paper and made to look like phone photos (paper tone, uneven light, noise,
blur, tilt, JPEG), read by the API, the command line and the window. Pages with no digit give
no digits; a crop of one digit reads exactly as before."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from PIL import Image, ImageDraw
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desk_app.evaluation import number_picture
from tests.conftest import ROOT


def picture_of(drawn, number: str, seed: int, **kw) -> np.ndarray:
    """``number`` written with the dev digits (a different writer's each time), as a photo."""
    rng = np.random.default_rng(seed)
    idx = [int(rng.choice(np.flatnonzero(drawn.labels == int(c)))) for c in number]
    return number_picture([drawn.strokes[i] for i in idx], rng, **kw)


NUMBERS = ["2026", "31", "7105", "468", "90", "2718", "53", "641", "1984", "870", "3659", "12"]


def test_photos_of_numbers_read_whole(recognizer, drawn):
    right = []
    for k, number in enumerate(NUMBERS):
        reading = recognizer.read_number_image(picture_of(drawn, number, k))
        right.append(reading.text == number)
        print(number, reading.text, [round(g.reading.confidence, 2) for g in reading.groups])
        boxes = [g.box for g in reading.groups]
        assert boxes == sorted(boxes)  # left to right
    print(f"{sum(right)} of {len(NUMBERS)} read exactly")
    assert sum(right) >= len(NUMBERS) - 2


def test_a_tilted_number_is_straightened_and_its_boxes_hold_its_ink(recognizer, drawn):
    img = picture_of(drawn, "4096", 3, degrade=("paper", "noise"))
    paper = tuple(int(c) for c in img[0, 0])
    tilted = np.asarray(Image.fromarray(img).rotate(8, Image.BILINEAR, fillcolor=paper))
    reading = recognizer.read_number_image(tilted)
    assert reading.text == "4096"
    gray = tilted.mean(axis=2)
    for g in reading.groups:
        x0, y0, x1, y1 = (round(v) for v in g.box)
        inside = gray[max(y0, 0) : y1, max(x0, 0) : x1]
        assert inside.size and (inside < 0.6 * np.median(gray)).mean() > 0.02  # ink in each box
        assert 0 <= x0 < x1 <= img.shape[1] and 0 <= y0 < y1 <= img.shape[0]


def test_touching_digits_are_split_by_the_network(recognizer, drawn):
    right = 0
    for k, number in enumerate(["27", "305", "64", "819", "53", "740"]):
        reading = recognizer.read_number_image(picture_of(drawn, number, 100 + k, touching=0))
        print(number, reading.text)
        right += reading.text == number
    assert right >= 4


def test_pages_with_no_digit_give_no_digits(recognizer, tmp_path):
    rng = np.random.default_rng(0)
    h, w = 900, 1200
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    paper = np.ones((h, w, 3), np.float32) * [0.93, 0.91, 0.86] * (1 - 0.4 * xx / w)[..., None]
    ruled = paper.copy()
    for y in range(80, h, 90):
        ruled[y : y + 3] = [0.5, 0.6, 0.85]
    ruled[:, 150:153] = [0.85, 0.45, 0.45]
    shadowed = paper * (1 - 0.5 * (yy > 0.8 * h + 40 * np.sin(xx / 90)))[..., None]  # a phone's shadow
    things = Image.fromarray((paper * 255).astype(np.uint8))  # a photo of things, not writing
    draw = ImageDraw.Draw(things)
    draw.ellipse([100, 100, 400, 400], fill=(40, 60, 120))
    draw.rectangle([600, 300, 1000, 500], fill=(120, 40, 30))
    draw.line([200, 700, 900, 820], fill=(30, 30, 30), width=25)
    things = np.asarray(things, np.float32) / 255
    for name, page in (("blank", paper), ("ruled", ruled), ("shadow", shadowed), ("things", things)):
        img = (np.clip(page + rng.normal(0, 0.02, page.shape), 0, 1) * 255).astype(np.uint8)
        Image.fromarray(img).save(tmp_path / f"{name}.jpg", quality=80)
        assert recognizer.read_number_image(tmp_path / f"{name}.jpg").groups == [], name


def test_a_number_written_on_ruled_paper(recognizer, drawn):
    img = picture_of(drawn, "3142", 8, degrade=("paper",)).copy()
    ys = np.flatnonzero((img.mean(axis=2) < 128).any(axis=1))
    for y in (ys.min() - 40, ys.max() + 2, ys.max() + 120):  # lines above, under (touching) and below
        img[y : y + 3] = [90, 110, 200]
    assert recognizer.read_number_image(img).text == "3142"


def test_a_crop_of_one_digit_reads_exactly_as_before(recognizer, mnist):
    for k in range(30):
        img = np.asarray(Image.fromarray(255 - mnist.x_test[k]).resize((112, 112), Image.BILINEAR))
        (one,) = recognizer.read_number_image(img).groups
        alone = recognizer.read_image(img)
        assert one.reading.verdict == alone.verdict and one.reading.digit == alone.digit
        np.testing.assert_allclose(one.probs, alone.probs, atol=1e-6)


def test_photos_of_one_digit_read_right(recognizer, drawn):
    right = 0
    for k in range(10):
        digit = str(k)
        reading = recognizer.read_number_image(picture_of(drawn, digit, 50 + k))
        right += reading.text == digit and reading.groups[0].reading.verdict == "digit"
    assert right >= 9


def test_the_command_line_prints_the_whole_number(drawn, tmp_path):
    Image.fromarray(picture_of(drawn, "2026", 0)).save(tmp_path / "photo.jpg", quality=85)
    Image.fromarray(np.full((600, 800, 3), 235, np.uint8)).save(tmp_path / "blank.png")
    out = subprocess.run([sys.executable, "-m", "desk_app", "--read", str(tmp_path / "photo.jpg"),
                          str(tmp_path / "blank.png")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    (_, number, conf), (_, nothing, zero) = (line.split("\t") for line in out.stdout.splitlines())
    assert number == "2026" and 0.5 <= float(conf) <= 1.0
    assert nothing == "no digits" and float(zero) == 0.0
    helped = subprocess.run([sys.executable, "-m", "desk_app", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60).stdout
    assert "lowest" in helped and "2?26" in helped


def test_the_window_frames_each_digit_of_a_photo_and_a_click_chooses_one(window, drawn, tmp_path):
    Image.fromarray(picture_of(drawn, "7105", 2)).save(tmp_path / "number.jpg", quality=85)
    assert window.files.open_image(tmp_path / "number.jpg")
    assert window.panel.prediction.text() == "7105"
    boxes = window.canvas.box_rects()
    assert len(boxes) == 4 and all(window.canvas.rect().contains(b.toRect()) for b in boxes)
    QTest.mouseClick(window.canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(boxes[2].center().x()), round(boxes[2].center().y())))
    assert window._selected == 2 and window.last_probs.argmax() == 0  # the 0's own bars
    assert window.canvas.picture is not None  # a click on a digit chooses it: nothing drawn
    window.resize(900, 500)  # the frames follow the picture as the canvas shrinks
    QTest.qWait(50)
    after = window.canvas.box_rects()
    assert after[0].width() < boxes[0].width()
    assert all(window.canvas.rect().contains(b.toRect()) for b in after)
