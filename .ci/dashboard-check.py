#!/usr/bin/env python3
"""Checks what headless Chromium saw of the nvbench dashboard (used by .ci/checks/60-dashboard.sh).

usage: dashboard-check.py SITE_DIR DOM_FILE CHROMIUM_LOG SCREENSHOT_PNG
Fails (exit 1, one line per problem) when the browser logged any console message, when the DOM
lacks one rendered chart per machine and suite listed in site.json, when site.js did not run to
its end, or when the screenshot is (nearly) blank.
"""
import json
import re
import struct
import sys
import zlib


def png_pixels(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG (what Chromium writes) into rows of bytes."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG format"
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main(site, dom_path, log_path, png_path):
    problems = []
    for line in open(log_path, encoding="utf-8", errors="replace"):
        if ":CONSOLE" in line:
            problems.append("console message: " + line.strip())
    dom = open(dom_path, encoding="utf-8").read()
    manifest = json.load(open(site + "/site.json", encoding="utf-8"))
    figures = re.findall(r'<figure class="trend-chart" data-machine="([^"]*)" data-suite="([^"]*)">(.*?)</figure>', dom, re.S)
    rendered = {(m, s) for m, s, body in figures if "<svg" in body and "<polyline" in body}
    expected = {(entry["machine"], suite) for entry in manifest for suite in entry["suites"]}
    if len(figures) != len(expected) or rendered != expected:
        problems.append(f"charts: DOM has {len(figures)} figure(s), {len(rendered)} rendered; site.json lists {len(expected)} machine/suite pair(s)")
    if f'data-ready="{len(expected)}"' not in dom:
        problems.append("site.js did not run to its end (no data-ready on <html>)")
    width, height, channels, rows = png_pixels(png_path)
    # Chart ink is blue (the median line #08519c, the band #9ecae1); text and tables are grey.
    inked = sum(1 for row in rows for x in range(0, len(row), channels) if row[x + 2] - row[x] > 50)
    if inked < width * height // 500:
        problems.append(f"screenshot shows no charts: {inked} of {width * height} pixels in chart colours")
    for problem in problems:
        print("dashboard: " + problem)
    if not problems:
        print(f"dashboard: {len(expected)} chart(s) rendered, no console messages, {inked * 1000 // (width * height) / 10}% of the screenshot in chart colours")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
