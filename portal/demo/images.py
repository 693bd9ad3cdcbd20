"""Pictures for the demo content, drawn here with Pillow in the design system's colours: no
download, no stock photo, the same pixels on every machine."""

import io
import random

from django.core.files.images import ImageFile

PALETTE = ["#0b5563", "#9a3412", "#3f4f9e", "#166534", "#7b2e6d", "#8a4b08", "#1f5f8b"]
TINT = "#f1f5f6"


def _rgb(colour, alpha=255):
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16), alpha)


def gathering(width=1600, height=900, seed=7):
    """People around a table, seen from above: rings (the logo's motif) around a long shape."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    picture = Image.new("RGBA", (width, height), _rgb(TINT))
    layer = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    table = (width * 0.22, height * 0.38, width * 0.78, height * 0.62)
    draw.rounded_rectangle(table, radius=int(height * 0.12), fill=_rgb("#d3dce0"))
    seats = []
    for row, y in ((0, height * 0.24), (1, height * 0.76)):
        for k in range(5):
            seats.append((width * (0.28 + 0.11 * k + (0.05 if row else 0)), y))
    seats += [(width * 0.14, height * 0.5), (width * 0.86, height * 0.5)]
    for x, y in seats:
        colour = rng.choice(PALETTE)
        r = height * rng.uniform(0.075, 0.095)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=_rgb(colour), width=int(r * 0.38))
        # A sheet of paper or a laptop in front of each person.
        dy = height * 0.09 if y < height / 2 else -height * 0.09
        draw.rectangle(
            (x - r * 0.5, y + dy - r * 0.3, x + r * 0.5, y + dy + r * 0.3), fill=_rgb("#ffffff", 230)
        )
    return Image.alpha_composite(picture, layer).convert("RGB")


def workshop(width=1200, height=800, seed=11):
    """A shared workshop: shelves of coloured blocks, a workbench and a lamp."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    picture = Image.new("RGB", (width, height), TINT)
    draw = ImageDraw.Draw(picture)
    for shelf in range(3):
        y = height * (0.18 + shelf * 0.18)
        draw.rectangle((width * 0.08, y, width * 0.58, y + height * 0.02), fill="#52606d")
        x = width * 0.1
        while x < width * 0.55:
            w = width * rng.uniform(0.025, 0.06)
            h = height * rng.uniform(0.06, 0.13)
            draw.rectangle((x, y - h, x + w, y), fill=rng.choice(PALETTE))
            x += w + width * 0.01
    draw.rectangle((width * 0.05, height * 0.78, width * 0.95, height * 0.82), fill="#1f2933")
    for leg in (0.1, 0.88):
        draw.rectangle((width * leg, height * 0.82, width * (leg + 0.02), height * 0.97), fill="#1f2933")
    draw.line((width * 0.78, height * 0.05, width * 0.78, height * 0.35), fill="#1f2933", width=6)
    draw.pieslice((width * 0.7, height * 0.3, width * 0.86, height * 0.46), 180, 360, fill="#9a3412")
    draw.polygon(
        [
            (width * 0.71, height * 0.38),
            (width * 0.85, height * 0.38),
            (width * 0.95, height * 0.78),
            (width * 0.61, height * 0.78),
        ],
        fill="#fde8c8",
    )
    for k in range(4):
        x = width * (0.66 + k * 0.07)
        draw.ellipse((x, height * 0.66, x + width * 0.05, height * 0.78), fill=rng.choice(PALETTE))
    return picture


def as_file(picture, name):
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return ImageFile(out, name=name)
