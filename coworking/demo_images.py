"""Pictures of the demo spaces, drawn with Pillow in the design system's colours (the same
technique as portal.demo.images): no download, no stock photo, the same pixels on every machine.

Each drawing takes a seed, so two spaces of the same kind do not get the same picture.
"""

import functools
import io
import random

from django.core.files.images import ImageFile

from portal.demo.images import PALETTE, TINT

WIDTH, HEIGHT = 1200, 750
INK = "#1f2933"
STEEL = "#52606d"
PAPER = "#ffffff"
WOOD = "#c08a52"


def _canvas(background=TINT):
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (WIDTH, HEIGHT), background)
    return picture, ImageDraw.Draw(picture)


def _floor(draw, colour="#d3dce0", at=0.72):
    draw.rectangle((0, HEIGHT * at, WIDTH, HEIGHT), fill=colour)


def _plant(draw, x, y, rng):
    draw.rectangle((x - 18, y - 40, x + 18, y), fill=rng.choice(["#8a4b08", STEEL]))
    for dx, dy in ((-30, -90), (0, -120), (28, -95), (-12, -70), (16, -65)):
        draw.ellipse((x + dx - 22, y + dy - 22, x + dx + 22, y + dy + 22), fill="#166534")


def open_space(seed=1):
    """A shared office: a wide window on the town, rows of desks with laptops, plants."""
    rng = random.Random(seed)
    picture, draw = _canvas()
    # The window and the roofs behind it.
    draw.rectangle((80, 60, WIDTH - 80, 360), fill="#cfe3ea")
    x = 80
    while x < WIDTH - 80:
        w = rng.randint(60, 140)
        h = rng.randint(60, 200)
        w = min(w, WIDTH - 80 - x)
        draw.rectangle((x, 360 - h, x + w, 360), fill=rng.choice(["#9fb3bd", "#b7c6cd", "#8aa0ab"]))
        draw.polygon([(x, 360 - h), (x + w / 2, 360 - h - 40), (x + w, 360 - h)], fill="#7d8f99")
        x += w
    for k in range(1, 4):
        draw.line((80 + k * (WIDTH - 160) / 4, 60, 80 + k * (WIDTH - 160) / 4, 360), fill=PAPER, width=10)
    draw.rectangle((80, 60, WIDTH - 80, 360), outline=PAPER, width=14)
    _floor(draw)
    # Two rows of desks, each with a laptop and a chair.
    for row, (y, scale) in enumerate(((470, 0.8), (600, 1.0))):
        for k in range(4 if row == 0 else 3):
            x = 150 + k * (260 if row == 0 else 340) + (0 if row == 0 else 40)
            w, d = 200 * scale, 24 * scale
            draw.rectangle((x, y, x + w, y + d), fill=WOOD)
            draw.rectangle((x + 10, y + d, x + 18, y + d + 90 * scale), fill=INK)
            draw.rectangle((x + w - 18, y + d, x + w - 10, y + d + 90 * scale), fill=INK)
            draw.polygon(
                [
                    (x + 60 * scale, y),
                    (x + 120 * scale, y),
                    (x + 128 * scale, y - 50 * scale),
                    (x + 68 * scale, y - 50 * scale),
                ],
                fill=rng.choice(PALETTE),
            )
            draw.ellipse((x + 130 * scale, y - 24 * scale, x + 150 * scale, y), fill=PAPER)
    _plant(draw, 60, 700, rng)
    _plant(draw, WIDTH - 60, 700, rng)
    return picture


def meeting_room(seed=2):
    """A meeting room seen from above: a long table, chairs as rings, a screen at the end."""
    rng = random.Random(seed)
    picture, draw = _canvas()
    draw.rectangle((60, 60, WIDTH - 60, HEIGHT - 60), fill="#e4eaed")
    draw.rounded_rectangle((260, 270, 940, 480), radius=90, fill=WOOD)
    seats = [(330 + 110 * k, 220) for k in range(6)] + [(330 + 110 * k, 530) for k in range(6)]
    for x, y in seats:
        colour = rng.choice(PALETTE)
        draw.ellipse((x - 36, y - 36, x + 36, y + 36), outline=colour, width=14)
        dy = 48 if y < 375 else -48
        draw.rectangle((x - 22, y + dy - 12, x + 22, y + dy + 12), fill=PAPER)
    # The screen on the short wall, with a chart on it.
    draw.rectangle((1080, 230, 1110, 520), fill=INK)
    for k, h in enumerate((60, 110, 80, 150)):
        draw.rectangle((1060, 480 - h, 1075, 480 - h + 10 + k), fill=PALETTE[k])
    return picture


def rehearsal_room(seed=3):
    """A rehearsal room: acoustic panels, a drum kit, two amplifiers and a microphone."""
    rng = random.Random(seed)
    picture, draw = _canvas("#2b3440")
    for row in range(3):
        for col in range(8):
            x, y = 40 + col * 142, 40 + row * 130
            draw.rectangle(
                (x, y, x + 122, y + 110), fill=rng.choice(["#3f4f9e", "#7b2e6d", "#0b5563", "#36404c"])
            )
    _floor(draw, "#5a4634", 0.68)
    # Drum kit.
    cx, cy = 600, 520
    draw.ellipse((cx - 110, cy - 20, cx + 110, cy + 190), fill="#9a3412", outline=PAPER, width=8)
    draw.ellipse((cx - 60, cy + 40, cx + 60, cy + 130), fill="#fde8c8")
    for dx, dy, r in ((-170, -10, 55), (170, -10, 55), (-80, -70, 45), (80, -70, 45)):
        draw.ellipse(
            (cx + dx - r, cy + dy - r * 0.5, cx + dx + r, cy + dy + r * 0.5),
            fill="#fde8c8",
            outline=INK,
            width=4,
        )
    for dx in (-250, 250):
        draw.line((cx + dx, cy - 150, cx + dx, cy + 160), fill="#cbd2d9", width=6)
        draw.ellipse((cx + dx - 80, cy - 165, cx + dx + 80, cy - 135), fill="#e0b84a")
    # Amplifiers with grilles.
    for x in (120, 930):
        draw.rectangle((x, 420, x + 170, 680), fill=INK)
        draw.rectangle((x + 14, 470, x + 156, 665), fill="#3e4751")
        for gy in range(480, 660, 14):
            draw.line((x + 18, gy, x + 152, gy), fill="#2b3440", width=4)
        draw.rectangle((x + 14, 432, x + 156, 456), fill="#cbd2d9")
    # Microphone stand.
    draw.line((840, 400, 840, 700), fill="#cbd2d9", width=6)
    draw.line((840, 400, 800, 360), fill="#cbd2d9", width=6)
    draw.ellipse((786, 344, 806, 364), fill=INK)
    return picture


def photo_studio(seed=4):
    """A photo studio: a paper backdrop sweep, two softboxes on stands, a camera on a tripod."""
    rng = random.Random(seed)
    backdrop = rng.choice(["#e7ecef", "#f3e3d3", "#d8e6e0"])
    picture, draw = _canvas("#3e4751")
    draw.rectangle((260, 40, 940, 560), fill=backdrop)
    draw.pieslice((260, 380, 940, 740), 0, 180, fill=backdrop)
    draw.rectangle((240, 30, 960, 46), fill=INK)
    # A stool for the sitter.
    draw.rectangle((560, 470, 640, 490), fill=rng.choice(PALETTE))
    draw.line((575, 490, 565, 600), fill=INK, width=6)
    draw.line((625, 490, 635, 600), fill=INK, width=6)
    # Softboxes.
    for x, flip in ((140, 1), (1060, -1)):
        draw.line((x, 300, x, 700), fill="#cbd2d9", width=6)
        draw.line((x, 700, x - 50, 730), fill="#cbd2d9", width=6)
        draw.line((x, 700, x + 50, 730), fill="#cbd2d9", width=6)
        draw.polygon(
            [(x, 250), (x + 110 * flip, 170), (x + 110 * flip, 410), (x, 330)], fill="#f8fafb", outline=INK
        )
    # Tripod and camera in the foreground.
    draw.line((600, 620, 540, 745), fill=INK, width=8)
    draw.line((600, 620, 660, 745), fill=INK, width=8)
    draw.line((600, 620, 600, 745), fill=INK, width=8)
    draw.rounded_rectangle((550, 570, 650, 630), radius=10, fill=INK)
    draw.ellipse((580, 580, 620, 620), fill="#52606d", outline=PAPER, width=3)
    return picture


def darkroom(seed=5):
    """A darkroom under its red safelight: trays on a bench, prints drying on a line."""
    rng = random.Random(seed)
    picture, draw = _canvas("#2a0f0f")
    draw.ellipse((540, 20, 660, 90), fill="#e11d1d")
    draw.pieslice((420, 40, 780, 500), 60, 120, fill="#4a1616")
    # The line of prints.
    draw.line((60, 170, WIDTH - 60, 190), fill="#c9a3a3", width=3)
    x = 110
    while x < 760:
        w = rng.randint(90, 140)
        draw.rectangle((x, 180, x + w, 180 + w * 1.25), fill="#e8c4c4")
        draw.rectangle(
            (x + 10, 190, x + w - 10, 170 + w * 1.25), fill=rng.choice(["#6b2a2a", "#833a3a", "#5a1f1f"])
        )
        x += w + 40
    # The bench with three trays and an enlarger.
    draw.rectangle((40, 520, WIDTH - 40, 560), fill="#5a2a1c")
    for k in range(3):
        x = 120 + k * 260
        draw.rectangle((x, 480, x + 220, 525), fill="#b91c1c", outline="#f5c2c2", width=4)
    draw.rectangle((960, 260, 980, 520), fill="#3b1010")
    draw.rectangle((900, 240, 1060, 330), fill="#3b1010")
    draw.polygon([(930, 330), (1030, 330), (1000, 380), (960, 380)], fill="#5a1f1f")
    return picture


def recording_studio(seed=6):
    """A control room: a mixing desk with faders, two monitors, the window onto the live room."""
    rng = random.Random(seed)
    picture, draw = _canvas("#1f2933")
    draw.rectangle((220, 60, 980, 330), fill="#3e5560", outline="#9fb3bd", width=10)
    # Through the window: a microphone and a double bass.
    draw.line((420, 320, 420, 180), fill="#cbd2d9", width=5)
    draw.ellipse((405, 150, 435, 190), fill="#cbd2d9")
    draw.ellipse((700, 170, 800, 300), fill="#8a4b08")
    draw.ellipse((715, 110, 785, 200), fill="#8a4b08")
    draw.line((750, 40, 750, 300), fill=INK, width=6)
    # Monitors.
    for x in (90, 1010):
        draw.rectangle((x, 180, x + 100, 360), fill=INK, outline="#52606d", width=4)
        draw.ellipse((x + 20, 270, x + 80, 330), fill="#52606d")
        draw.ellipse((x + 35, 205, x + 65, 235), fill="#52606d")
    # The desk.
    draw.polygon([(60, 450), (WIDTH - 60, 450), (WIDTH, 740), (0, 740)], fill="#323f4b")
    for k in range(24):
        x = 120 + k * 40
        draw.line((x, 480, x, 700), fill="#111820", width=6)
        y = rng.randint(500, 680)
        draw.rectangle((x - 12, y - 8, x + 12, y + 8), fill=rng.choice(PALETTE + ["#e0b84a"]))
        draw.ellipse((x - 8, 460, x + 8, 476), fill="#e0b84a" if k % 3 else "#166534")
    return picture


def workshop(seed=7, dock=False):
    """A workshop: shelves of materials, a workbench and tools, and either a tall window or
    (`dock`) the roll-up door of its loading dock."""
    rng = random.Random(seed)
    picture, draw = _canvas()
    if dock:
        draw.rectangle((720, 80, 1120, 560), fill="#9fb3bd")
        for y in range(100, 560, 26):
            draw.line((720, y, 1120, y), fill="#7d8f99", width=4)
        draw.rectangle((700, 60, 1140, 80), fill=INK)
        draw.rectangle((700, 560, 1140, 600), fill="#e0b84a")
        for x in range(700, 1140, 40):
            draw.polygon([(x, 560), (x + 20, 560), (x + 40, 600), (x + 20, 600)], fill=INK)
    else:
        draw.rectangle((740, 80, 1100, 520), fill="#cfe3ea", outline=PAPER, width=14)
        for k in (1, 2):
            draw.line((740 + k * 120, 80, 740 + k * 120, 520), fill=PAPER, width=8)
        draw.line((740, 300, 1100, 300), fill=PAPER, width=8)
        # A kiln and pots drying on a board.
        draw.rectangle((780, 560, 900, 700), fill=STEEL)
        draw.rectangle((795, 575, 885, 615), fill=INK)
        for k in range(4):
            x = 940 + k * 50
            draw.ellipse((x, 585, x + 40, 640), fill=rng.choice(["#c08a52", "#9a3412", "#d8c3a5"]))
        draw.rectangle((930, 640, 1150, 652), fill=WOOD)
    # Shelves of materials.
    for shelf in range(3):
        y = 150 + shelf * 140
        draw.rectangle((60, y, 620, y + 14), fill=STEEL)
        x = 80
        while x < 590:
            w = rng.randint(30, 70)
            h = rng.randint(40, 100)
            draw.rectangle((x, y - h, x + w, y), fill=rng.choice(PALETTE))
            x += w + 10
    _floor(draw, "#b7c6cd", 0.8)
    # Workbench with a vice and a saw.
    draw.rectangle((60, 560, 660, 600), fill=WOOD)
    for leg in (80, 620):
        draw.rectangle((leg, 600, leg + 22, 740), fill=INK)
    draw.rectangle((120, 530, 190, 560), fill=STEEL)
    draw.polygon([(300, 550), (480, 550), (480, 520), (330, 530)], fill="#cbd2d9")
    draw.rectangle((480, 515, 530, 555), fill="#9a3412")
    return picture


PICTURES = {
    "open-space": open_space,
    "meeting-room": meeting_room,
    "rehearsal-room": rehearsal_room,
    "photo-studio": photo_studio,
    "darkroom": darkroom,
    "recording-studio": recording_studio,
    "workshop": workshop,
    "loading-dock": functools.partial(workshop, dock=True),
}


def as_file(picture, name):
    """A JPEG (photographs are JPEGs; quicker to write than an optimised PNG)."""
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return ImageFile(out, name=name)
