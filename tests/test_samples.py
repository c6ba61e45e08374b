"""The user's sample store: append-only, crash-safe, exportable."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from desk_app.samples import LOG_NAME, SampleStore
from tests.conftest import ROOT

ONE = [np.array([[100.0, 40.0], [100.0, 240.0]])]


def test_add_reload_delete(tmp_path):
    store = SampleStore(tmp_path)
    a = store.add(ONE, 1)
    b = store.add([np.array([[50.0, 50.0], [200.0, 50.0], [90.0, 250.0]])], 7)
    assert a.image.shape == (28, 28) and a.image.dtype == np.uint8 and a.image.max() > 200
    again = SampleStore(tmp_path)
    assert [s.label for s in again.samples()] == [1, 7] and not again.warnings
    assert np.array_equal(again.samples()[0].image, a.image) and len(again.samples()[1].strokes) == 1
    again.delete(a.id)
    third = SampleStore(tmp_path)
    assert [s.id for s in third.samples()] == [b.id]
    x, y = third.arrays()
    assert x.shape == (1, 28, 28) and y.tolist() == [7]
    with pytest.raises(ValueError):
        third.add(ONE, 12)
    with pytest.raises(ValueError, match="no ink"):
        third.add([], 3)


def test_damaged_tail_is_set_aside_and_earlier_samples_survive(tmp_path):
    store = SampleStore(tmp_path)
    for label in range(5):
        store.add(ONE, label)
    log = tmp_path / LOG_NAME
    whole = log.read_bytes()
    log.write_bytes(whole[:-37])  # the last record cut mid-write
    reopened = SampleStore(tmp_path)
    assert [s.label for s in reopened.samples()] == [0, 1, 2, 3]
    assert reopened.warnings and "damaged" in reopened.warnings[0]
    assert (tmp_path / (LOG_NAME + ".damaged")).stat().st_size > 0
    reopened.add(ONE, 9)  # new samples follow the good ones
    assert [s.label for s in SampleStore(tmp_path).samples()] == [0, 1, 2, 3, 9]
    assert not SampleStore(tmp_path).warnings


def test_a_writer_killed_mid_write_damages_nothing_before(tmp_path):
    writer = textwrap.dedent(f"""
        import numpy as np, sys
        sys.path.insert(0, {str(ROOT)!r})
        from desk_app.samples import SampleStore
        store = SampleStore({str(tmp_path)!r})
        big = [np.random.default_rng(0).uniform(0, 280, (20000, 2))]  # long records: slow writes
        i = 0
        while True:
            store.add(big, i % 10); i += 1
            print(i, flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    written = 0
    while written < 5:
        written = int(proc.stdout.readline())
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = SampleStore(tmp_path)
    labels = [s.label for s in store.samples()]
    assert len(labels) >= written and labels == [i % 10 for i in range(len(labels))]
    store.add(ONE, 3)
    assert SampleStore(tmp_path).samples()[-1].label == 3


def test_export_and_import(tmp_path, recognizer):
    store = SampleStore(tmp_path / "a")
    store.add(ONE, 1)
    store.add([np.array([[60.0, 60.0], [200.0, 60.0], [100.0, 250.0]])], 7)
    assert store.export(tmp_path / "export") == 2
    assert (tmp_path / "export" / "labels.csv").read_text().splitlines()[0] == "file,label"
    other = SampleStore(tmp_path / "b")
    assert other.import_folder(tmp_path / "export") == 2
    assert [s.label for s in other.samples()] == [1, 7]
    assert recognizer.predict_mnist(other.arrays()[0]).argmax(1).tolist() == [1, 7]
    (tmp_path / "export" / "00000_1.png").write_bytes(b"broken")
    with pytest.raises(ValueError, match="bad row"):
        SampleStore(tmp_path / "c").import_folder(tmp_path / "export")
    assert len(SampleStore(tmp_path / "c")) == 0  # all or nothing
