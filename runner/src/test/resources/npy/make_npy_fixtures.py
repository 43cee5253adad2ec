#!/usr/bin/python3
"""Writes the tiny .npy/.npz fixtures of org.coact.runner.data's tests into this directory.

Run with Debian's numpy (tested with numpy 1.24.2):

    /usr/bin/python3 runner/src/test/resources/npy/make_npy_fixtures.py

Every value is chosen by hand so the Java tests can assert it. The .npy files are
byte-for-byte reproducible, the .npz files too (numpy dates zip entries 1980-01-01 and
writes them with ZIP64 extra fields, so the tests exercise those as well).
"""
import io
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def save(name, array, version=None, allow_pickle=False):
    """Writes one .npy; version=None lets numpy pick (1.0 for these small headers)."""
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=allow_pickle)


def main():
    # --- one file per supported dtype, little-endian (or byte-order-free for 1-byte types)
    f4 = np.array([[0.0, 0.5, -1.5], [1e-3, 3.4e38, -0.0]], dtype="<f4")
    save("f4.npy", f4)
    save("f8.npy", np.array([0.1, -2.5, 1.0 / 3.0], dtype="<f8"))
    save("u1.npy", np.array([0, 1, 128, 255], dtype="|u1"))
    save("i1.npy", np.array([-128, -1, 0, 127], dtype="|i1"))
    save("i2.npy", np.array([-32768, -1, 0, 32767], dtype="<i2"))
    save("u2.npy", np.array([0, 1, 65535], dtype="<u2"))
    save("i4.npy", np.array([-2147483648, -1, 0, 2147483647], dtype="<i4"))
    save("u4.npy", np.array([0, 1, 4294967295], dtype="<u4"))
    save("i8.npy", np.array([-9223372036854775808, -1, 0, 9223372036854775807], dtype="<i8"))
    save("b1.npy", np.array([True, False, True], dtype="|b1"))

    # --- big-endian variants, same values
    save("be_f4.npy", f4.astype(">f4"))
    save("be_f8.npy", np.array([0.1, -2.5, 1.0 / 3.0], dtype=">f8"))
    save("be_i2.npy", np.array([-32768, -1, 0, 32767], dtype=">i2"))
    save("be_u2.npy", np.array([0, 1, 65535], dtype=">u2"))
    save("be_i4.npy", np.array([-2147483648, -1, 0, 2147483647], dtype=">i4"))
    save("be_u4.npy", np.array([0, 1, 4294967295], dtype=">u4"))
    save("be_i8.npy", np.array([-9223372036854775808, -1, 0, 9223372036854775807], dtype=">i8"))

    # --- format versions 2.0 and 3.0 (4-byte header length; 3.0 is UTF-8)
    small = np.array([[1, 2], [3, 4]], dtype="<f4")
    save("v2.npy", small, version=(2, 0))
    save("v3.npy", small, version=(3, 0))

    # --- files Coact must refuse
    save("fortran.npy", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    save("unicode.npy", np.array(["a", "bc"], dtype="<U10"))
    save("object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
    save("complex.npy", np.array([1 + 2j], dtype="<c8"))
    save("f2.npy", np.array([1.0], dtype="<f2"))
    save("scalar.npy", np.array(3.0, dtype="<f4"))
    buf = io.BytesIO()
    np.lib.format.write_array(buf, np.arange(40, dtype="<f4").reshape(10, 4))
    with open(path("truncated.npy"), "wb") as f:  # 128-byte header + 160 data bytes, 7 cut
        f.write(buf.getvalue()[:-7])
    with open(path("notnpy.npy"), "wb") as f:
        f.write(b"hello, I am not numpy\n")

    # --- labels
    save("labels_float.npy", np.array([0.0, 1.0, 2.0, 1.0, 0.0], dtype="<f8"))
    save("labels_float_bad.npy", np.array([0.0, 1.5, 2.0, 1.0, 0.0], dtype="<f4"))
    save("labels5.npy", np.array([3, 1, 4, 1, 5], dtype="<i8"))
    save("labels4.npy", np.array([3, 1, 4, 1], dtype="<i8"))
    save("labels_onehot.npy", np.eye(3, dtype="<f4")[[0, 1, 2, 1, 0]])

    # --- datasets: features.npy goes with labels5.npy; digits.npz = x uint8 [5,2,2] + y
    save("features.npy", np.arange(20, dtype="<f4").reshape(5, 4) / 4)
    x = (np.arange(20).reshape(5, 2, 2) * 13 + 8).clip(0, 255).astype("|u1")  # last = 255
    y = np.array([3, 1, 4, 1, 5], dtype="<i8")
    np.savez(path("digits.npz"), x=x, y=y)
    np.savez_compressed(path("digits_compressed.npz"), x=x, y=y)
    np.savez(path("multi.npz"),
             a=np.arange(12, dtype="<f4").reshape(4, 3),
             b=np.array([[-1, 1], [-2, 2], [-3, 3], [-4, 4]], dtype="<i2"),
             y=np.array([0, 1, 0, 1], dtype="|u1"))
    np.savez(path("mismatch.npz"), x=np.zeros((5, 2), "<f4"), y=np.zeros(4, "<i8"))
    np.savez(path("empty.npz"), x=np.zeros((0, 4), "<f4"), y=np.zeros(0, "<i8"))
    np.savez(path("pixels.npz"), pixels=x, y=y)  # features not called x: bound as the only non-label array
    np.savez(path("badtype.npz"), x=x, names=np.array(["a", "b", "c", "d", "e"]))


if __name__ == "__main__":
    main()
