#!/usr/bin/env python3
"""Says whether a PNG screenshot shows a page or is blank: prints the share of sampled pixels that
differ from the background colour, and exits 1 when it is below the threshold. Standard library
only, so the browser test needs nothing from PyPI."""
import struct
import sys
import zlib


def rows_of(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width, height, kind = 8, b"", 0, 0, 0
    while pos < len(data):
        length, tag = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if tag == b"IHDR":
            width, height, depth, kind = struct.unpack(">IIBB", body[:10])
            if depth != 8 or kind not in (2, 6):
                raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {kind})")
        elif tag == b"IDAT":
            idat += body
        pos += 12 + length
    step = 3 if kind == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        method, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - step] if x >= step else 0
            b = previous[x]
            c = previous[x - step] if x >= step else 0
            if method == 1:
                line[x] = (line[x] + a) & 255
            elif method == 2:
                line[x] = (line[x] + b) & 255
            elif method == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif method == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + predictor) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, step, rows


def main():
    path = sys.argv[1]
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
    width, height, step, rows = rows_of(path)
    background = rows[0][:3]
    sampled = rows[::4]
    painted = sum(
        1 for row in sampled for x in range(0, width * step, step * 4) if row[x:x + 3] != background
    )
    total = len(sampled) * len(range(0, width * step, step * 4))
    share = painted / max(total, 1)
    print(f"{path}: {share:.1%} of pixels painted")
    sys.exit(0 if share >= threshold else 1)


if __name__ == "__main__":
    main()
