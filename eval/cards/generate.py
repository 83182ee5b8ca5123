"""Generate the business-card evaluation set: ``python eval/cards/generate.py``.

Writes ``images/card-NN.jpg`` and ``truth.json`` (the true fields of every card, and the
region the reading member lives in). Deterministic: the same seed gives the same cards.
Fonts come from Debian's fonts-dejavu and fonts-liberation.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype")
REGULAR = [
    "dejavu/DejaVuSans.ttf",
    "dejavu/DejaVuSerif.ttf",
    "dejavu/DejaVuSansCondensed.ttf",
    "liberation/LiberationSans-Regular.ttf",
    "liberation/LiberationSerif-Regular.ttf",
    "liberation/LiberationSansNarrow-Regular.ttf",
    "liberation/LiberationMono-Regular.ttf",
]
BOLD = [
    "dejavu/DejaVuSans-Bold.ttf",
    "dejavu/DejaVuSerif-Bold.ttf",
    "liberation/LiberationSans-Bold.ttf",
    "liberation/LiberationSerif-Bold.ttf",
    "liberation/LiberationSansNarrow-Bold.ttf",
]

PEOPLE = [
    ("José", "Müller"),
    ("François", "Dubois"),
    ("Iñigo", "Núñez"),
    ("Ana", "Sousa"),
    ("Zoë", "Brandt"),
    ("Søren", "Larsen"),
    ("Léa", "Moreau"),
    ("Jürgen", "Weiß"),
    ("María", "Peña"),
    ("João", "Gonçalves"),
    ("Chloé", "Lefèvre"),
    ("Björn", "Åberg"),
    ("Emma", "Clarke"),
    ("Oliver", "Hughes"),
    ("Amélie", "Rousseau"),
    ("Mateo", "Ibáñez"),
    ("Hannah", "Schäfer"),
    ("Lucas", "Ferreira"),
    ("Inês", "Carvalho"),
    ("Noah", "Fischer"),
    ("Sofía", "Castaño"),
    ("Grace", "O'Neill"),
    ("Renée", "Fontaine"),
    ("Tomás", "Ortega"),
]
COMPANIES = [
    ("Lumen Analytics GmbH", "lumen-analytics.de"),
    ("Atelier Verde SARL", "atelierverde.fr"),
    ("Oceano Digital Lda", "oceanodigital.pt"),
    ("Brightwater Ltd", "brightwater.co.uk"),
    ("Nordlicht AG", "nordlicht.ch"),
    ("Sierra Robotics S.L.", "sierrarobotics.es"),
    ("Cobalt Health Inc.", "cobalthealth.com"),
    ("Fjord Design ApS", "fjorddesign.dk"),
    ("Kestrel Partners LLP", "kestrelpartners.com"),
    ("Marea Studio", "mareastudio.es"),
    ("Helix Biotech", "helixbio.com"),
    ("Papier & Co", "papierco.fr"),
]
ROLES = [
    "Head of Product",
    "Software Engineer",
    "Chief Executive Officer",
    "Marketing Director",
    "Founder & CEO",
    "UX Designer",
    "Sales Manager",
    "Data Scientist",
    "Partner",
    "Operations Lead",
    "Senior Consultant",
    "Directora Comercial",
    "Responsable Marketing",
    "Geschäftsführer",
    "CTO",
]
# (region, address lines, phone formatter: digits -> national and international strings)
PLACES = [
    ("DE", ["Torstraße 115", "10119 Berlin"], "+49 30 {a} {b}", "030 {a} {b}"),
    ("FR", ["12 rue de la Paix", "75002 Paris"], "+33 1 {c}", "01 {c}"),
    ("PT", ["Rua Augusta 27", "1100-048 Lisboa"], "+351 21 {a} {b4}", "21 {a} {b4}"),
    ("GB", ["221 Baker Street", "London NW1 6XE"], "+44 20 {a4} {b4}", "020 {a4} {b4}"),
    ("ES", ["Calle de Alcalá 48", "28014 Madrid"], "+34 91 {a} {b2}", "91 {a} {b2}"),
    ("CH", ["Bahnhofstrasse 10", "8001 Zürich"], "+41 44 {a} {b2}", "044 {a} {b2}"),
    ("US", ["500 Market Street", "San Francisco, CA 94105"], "+1 415 {a} {b4}", "(415) {a}-{b4}"),
    ("DK", ["Nørregade 7", "1165 København"], "+45 {a4} {b4}", "{a4} {b4}"),
]
PHONE_LABELS = ["", "Tel ", "T: ", "Phone: ", "Tel. ", "Mob. ", "M ", "Mobile: "]
EMAIL_LABELS = ["", "", "E: ", "Email: ", "mail: "]
WEB_LABELS = ["", "", "W: ", "web: "]


@dataclass
class Truth:
    image: str
    region: str
    name: str
    company: str
    role: str
    emails: list[str]
    phones: list[str]
    website: str
    address: str
    variant: list[str] = field(default_factory=list)


def _phone(rng: random.Random, place: tuple[str, list[str], str, str]) -> tuple[str, str]:
    """(printed, E.164) for a random number in the place's country."""
    import phonenumbers

    region, _, intl, national = place
    for _ in range(500):
        parts = {
            "a": f"{rng.randint(200, 899)}",
            "b": f"{rng.randint(1000, 9999)}",
            "b4": f"{rng.randint(1000, 9999)}",
            "a4": f"{rng.randint(2000, 8999)}",
            "b3": f"{rng.randint(100, 999)}",
            "b2": f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
            "c": " ".join(f"{rng.randint(10, 99)}" for _ in range(4)),
        }
        printed = (intl if rng.random() < 0.5 else national).format(**parts)
        number = phonenumbers.parse(printed, region)
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            return printed, e164
    raise ValueError(f"no valid phone number for {region}")


def _font(rng: random.Random, names: list[str], size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / rng.choice(names)), size)


def make_card(index: int, rng: random.Random) -> tuple[Image.Image, Truth]:
    first, last = PEOPLE[index % len(PEOPLE)]
    company, domain = COMPANIES[(index * 5) % len(COMPANIES)]
    role = ROLES[(index * 7) % len(ROLES)]
    place = PLACES[(index * 3) % len(PLACES)]
    region = place[0]
    name = f"{first} {last}"
    local = rng.choice(
        [first.lower(), f"{first.lower()}.{last.lower()}", f"{first[0].lower()}{last.lower()}"]
    )
    local = local.translate(str.maketrans("éèëüöäßçñíóáúåøêîôâ'", "eeeuoascniouaaoeioa_"))
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in "._"))
    email = f"{local}@{domain}"
    phones = [_phone(rng, place)]
    if rng.random() < 0.35:
        phones.append(_phone(rng, place))
    website = f"www.{domain}" if rng.random() < 0.7 else f"https://{domain}"
    has_address = rng.random() < 0.7

    width, height = rng.choice([(1050, 600), (900, 540), (1000, 580), (840, 480)])
    palette = rng.choice(
        [
            ((255, 255, 255), (20, 20, 20)),
            ((250, 246, 235), (40, 40, 60)),
            ((235, 242, 250), (10, 30, 70)),
            ((245, 245, 245), (60, 20, 20)),
        ]
    )
    card = Image.new("RGB", (width, height), palette[0])
    draw = ImageDraw.Draw(card)
    ink = palette[1]
    scale = width / 1050
    name_font = _font(rng, BOLD, int(rng.randint(46, 60) * scale))
    company_font = _font(rng, BOLD + REGULAR, int(rng.randint(32, 40) * scale))
    body = _font(rng, REGULAR, int(rng.randint(26, 31) * scale))
    role_font = _font(rng, REGULAR, int(rng.randint(28, 34) * scale))

    contact_lines = []
    for printed, _ in phones:
        contact_lines.append(rng.choice(PHONE_LABELS) + printed)
    contact_lines.append(rng.choice(EMAIL_LABELS) + email)
    contact_lines.append(rng.choice(WEB_LABELS) + website)
    if has_address:
        contact_lines.extend(place[1])

    layout = index % 4
    margin = int(60 * scale)
    gap = int(10 * scale)

    def block(x: int, y: int, rows: list[tuple[str, ImageFont.FreeTypeFont]], anchor: str) -> int:
        for text, font in rows:
            draw.text((x, y), text, font=font, fill=ink, anchor=anchor)
            box = draw.textbbox((x, y), text, font=font, anchor=anchor)
            y = int(box[3]) + gap
        return y

    top = [(name, name_font), (role, role_font)]
    if layout == 0:  # left, company on top
        y = block(margin, margin, [(company, company_font)], "la") + int(30 * scale)
        y = block(margin, y, top, "la") + int(20 * scale)
        block(margin, y, [(line, body) for line in contact_lines], "la")
    elif layout == 1:  # centred
        y = block(width // 2, margin, top, "ma") + int(10 * scale)
        y = block(width // 2, y, [(company, company_font)], "ma") + int(20 * scale)
        block(width // 2, y, [(line, body) for line in contact_lines], "ma")
    elif layout == 2:  # two columns: person left, details right
        block(margin, margin, [*top, (company, company_font)], "la")
        block(width - margin, int(height * 0.35), [(line, body) for line in contact_lines], "ra")
    else:  # details on top, name at the bottom
        y = block(margin, margin, [(company, company_font)], "la") + int(16 * scale)
        block(margin, y, [(line, body) for line in contact_lines], "la")
        block(width - margin, height - int(150 * scale), top, "ra")

    variant = [f"layout{layout}"]
    image = _photograph(card, rng, variant)
    truth = Truth(
        image=f"images/card-{index:02d}.jpg",
        region=region,
        name=name,
        company=company,
        role=role,
        emails=[email],
        phones=[e164 for _, e164 in phones],
        website=domain,
        address=", ".join(place[1]) if has_address else "",
        variant=variant,
    )
    return image, truth


def _photograph(card: Image.Image, rng: random.Random, variant: list[str]) -> Image.Image:
    """Make the clean card look photographed: a table behind it, a tilt, perspective, blur
    and sensor noise, then a phone-sized JPEG."""
    width, height = card.size
    pad = int(width * 0.08)
    table = rng.choice([(120, 100, 80), (70, 70, 75), (180, 170, 150), (40, 60, 50)])
    canvas = Image.new("RGB", (width + 2 * pad, height + 2 * pad), table)
    canvas.paste(card, (pad, pad))
    angle = rng.uniform(-4, 4)
    variant.append(f"rot{angle:+.1f}")
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=table)
    if rng.random() < 0.6:
        w, h = canvas.size
        d = int(w * rng.uniform(0.01, 0.04))
        quad = (d, 0, 0, h, w, h - d, w - d, d)  # top-left, bottom-left, bottom-right, top-right
        canvas = canvas.transform(canvas.size, Image.Transform.QUAD, quad, Image.Resampling.BICUBIC)
        variant.append("perspective")
    blur = rng.choice([0, 0.6, 1.0, 1.4])
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
        variant.append(f"blur{blur}")
    noise = Image.effect_noise(canvas.size, rng.choice([8, 14, 20])).convert("RGB")
    canvas = Image.blend(canvas, noise, 0.08)
    shrink = rng.choice([0.8, 0.9, 1.0])
    if shrink != 1.0:
        canvas = canvas.resize((int(canvas.width * shrink), int(canvas.height * shrink)))
    return canvas


def main() -> None:
    rng = random.Random(17)
    (HERE / "images").mkdir(exist_ok=True)
    truths = []
    for index in range(44):
        image, truth = make_card(index, rng)
        path = HERE / truth.image
        quality = 80
        image.save(path, "JPEG", quality=quality)
        while path.stat().st_size > 100_000 and quality > 40:
            quality -= 10
            image.save(path, "JPEG", quality=quality)
        truths.append(asdict(truth))
    (HERE / "truth.json").write_text(
        json.dumps(truths, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(truths)} cards in {HERE / 'images'}")


if __name__ == "__main__":
    main()
