"""Business-card lines in, contact fields out.

The OCR gives lines (with boxes when it can); each line is first claimed by the patterns
that are certain (email, web address, phone), then by address clues (a street word, a
postcode), and what is left is sorted into name, role and company: the name is the
largest line that reads like a person's name, the role a line with a job word (or the
line under the name), the company a line with a legal form or the email's domain, else
the largest line still free.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import phonenumbers

from mensch.engine.cards.types import CardFields, OcrLine

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
WEB = re.compile(
    r"(?:https?://|www\.)[^\s,;]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|de|fr|pt|es|ch|dk|io|"
    r"co\.uk|uk|org|net|eu|it|nl|be|at|se|no|fi|ie|us|ca|app|dev|ai)\b(?:/[^\s]*)?",
    re.IGNORECASE,
)
LABEL = re.compile(
    r"^\s*(?:tel(?:efon|ephone|efone|éfono|éphone)?|phone|fon|mob(?:ile|il)?|móvil|movil|"
    r"cell|fax|t|m|p|f|es?|w|e-?mail|mail|web|site|www)\s*[.:]?\s+",
    re.IGNORECASE,
)
PHONE_RUN = re.compile(r"\+?\(?\d[\d\s().\-/]{6,}\d")
STREET = re.compile(
    r"\b(?:street|st\.|road|rd\.|avenue|ave\.?|av\.|boulevard|blvd|lane|way|square|place|"
    r"rua|avenida|travessa|largo|praça|calle|paseo|plaza|carrer|rue|allée|quai|chemin|"
    r"via|piazza|platz|weg|gasse|allee|ring|damm|suite|floor|building|gade|vej|"
    r"straat|laan|gracht)\b|stra(?:ss|ß|B)e\b|str\.|strasse|gade\b|vej\b",
    re.IGNORECASE,
)
POSTCODE = re.compile(
    r"\b\d{4,5}\b(?:-\d{3,4})?\s+\p{L}+|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]{2}\s+\d{5}\b".replace(
        r"\p{L}", "[^\\W\\d_]"
    ),
)
COMPANY_FORMS = re.compile(
    r"\b(?:gmbh|ag|ug|kg|ltd|limited|llc|llp|inc|corp|co|sa|sas|sarl|s\.?l\.?|s\.?a\.?|"
    r"lda|bv|nv|ab|as|aps|oy|plc|pty|srl|spa|group|gruppe|holding|studio|labs?|partners|"
    r"consulting|solutions|technologies|systems|digital|analytics|ventures|agency|bank|"
    r"university|institute|foundation|atelier)\b\.?",
    re.IGNORECASE,
)
ROLE_WORDS = re.compile(
    r"\b(?:ceo|cto|cfo|coo|cmo|cio|vp|founder|co-?founder|owner|president|director|directora|"
    r"directeur|directrice|manager|managing|head|lead|chief|officer|engineer|developer|"
    r"designer|consultant|partner|analyst|architect|scientist|researcher|professor|"
    r"specialist|coordinator|advisor|adviser|associate|executive|assistant|editor|"
    r"responsable|gerente|jefe|jefa|chef|leiter|leiterin|geschäftsführer|geschäftsführerin|"
    r"inhaber|berater|beraterin|ingenieur|entwickler|gestor|gestora|diretor|diretora|"
    r"product|marketing|sales|operations|strategy|recruiter|attorney|lawyer|doctor|"
    r"accountant|principal|senior|junior|intern|secretary|treasurer)\b",
    re.IGNORECASE,
)
NAME_WORD = re.compile(
    r"^(?:[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)*\.?|(?:de|da|do|dos|das|van|von|der|den|del|la|le|di|du|y|e))$"
)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("|", " ").replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip(" ,;·•*_~")


def _unlabel(text: str) -> str:
    return LABEL.sub("", text, count=1).strip()


EMAIL_LABEL = re.compile(r"^\s*(?:e|e-?mail|mail|courriel|correo)\s*[.:]?\s+", re.IGNORECASE)
# An "@" that the OCR read as another letter, on a line labelled as an email.
MISREAD_AT = re.compile(r"^([a-z0-9._-]+?)[gG©®Q]([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})$")


def _labelled_email(text: str) -> list[str]:
    if not EMAIL_LABEL.match(text):
        return []
    match = MISREAD_AT.match(_squeeze(EMAIL_LABEL.sub("", text, count=1)))
    return [f"{match.group(1)}@{match.group(2)}".lower()] if match else []


def _squeeze(text: str) -> str:
    """OCR splits addresses at dots and odd letters ("ana. sousa@br ightwater.co.uk");
    an email or web address has no spaces, so a line holding one loses them."""
    return re.sub(r"\s+", "", text)


def _emails(text: str) -> list[str]:
    fixed = re.sub(r"\s*(?:@|\(at\)|\[at\])\s*", "@", text, flags=re.IGNORECASE)
    if "@" in fixed:
        # "ana@brightwater .co- uk", "bjorn@ fjorddesign dk": the dots the OCR lost
        fixed = re.sub(r"\.?\s*co[-\s.]+uk\b", ".co.uk", fixed, flags=re.IGNORECASE)
        fixed = re.sub(r"(@\s*[\w-]+)\s+([a-z]{2,3})\s*$", r"\1.\2", fixed)
        # "noah@papierco. fr": a space the OCR put after the last dot
        fixed = re.sub(r"(@[\w.-]+\.)\s+([a-z]{2,3})\b", r"\1\2", fixed)
        fixed = _squeeze(fixed)
    return [m.group(0).strip(".").lower() for m in EMAIL.finditer(fixed)]


def _phones(text: str, region: str | None) -> list[str]:
    found: list[str] = []
    for run in PHONE_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        if not 7 <= len(digits) <= 15:
            continue
        candidate = run.strip()
        try:
            number = phonenumbers.parse(candidate, region or None)
        except phonenumbers.NumberParseException:
            found.append(candidate)
            continue
        if phonenumbers.is_possible_number(number):
            found.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        else:
            found.append(candidate)
    return found


MISREAD_WWW = re.compile(r"[wv][wev]{1,3}[.\-,]\s*", re.IGNORECASE)


def _website(text: str) -> str:
    """The web address on a line whose email addresses were already taken out."""
    for match in WEB.finditer(text):
        value = match.group(0)
        if "@" in text[max(0, match.start() - 1) : match.start() + 1]:
            continue
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", value, flags=re.IGNORECASE).strip("/.")
        # "www." misread ("wwww-", "wew.", "vww."): dropped when a domain with a dot remains.
        misread = MISREAD_WWW.match(host)
        if misread and "." in host[misread.end() :]:
            host = host[misread.end() :]
        return host.lower()
    return ""


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or any(ch.isdigit() for ch in text):
        return False
    if COMPANY_FORMS.search(text) or ROLE_WORDS.search(text) or "@" in text:
        return False
    capitals = [w for w in words if w[:1].isupper()]
    long_words = [w for w in words if sum(ch.isalpha() for ch in w) >= 2]
    return (
        all(NAME_WORD.match(w) for w in words)
        and len(capitals) >= 2
        and len(long_words) >= 2
        and sum(ch.isalpha() for ch in text) >= 5
    )


def _is_address(text: str) -> bool:
    return bool(STREET.search(text) or POSTCODE.search(text))


# Below this the OCR is guessing (fur, wood grain, a logo's texture).
MIN_CONFIDENCE = 0.5
# A line that reads as an email address is kept down to this: texture does not make an
# address, and split print ("noah. fischer@papierco. fr") lowers the OCR's confidence.
MIN_EMAIL_CONFIDENCE = 0.3


def parse_card(lines: Sequence[OcrLine], *, region: str | None = None) -> CardFields:
    """The contact fields on a card, read from its OCR lines in reading order;
    ``region`` (e.g. "PT") resolves phone numbers printed without a country code. Lines
    the OCR was unsure of (confidence under ``MIN_CONFIDENCE``; an email address's line
    under ``MIN_EMAIL_CONFIDENCE``) are left out."""
    rows = [
        (_clean(line.text), line)
        for line in lines
        if line.confidence >= MIN_CONFIDENCE
        or (line.confidence >= MIN_EMAIL_CONFIDENCE and _emails(line.text))
    ]
    rows = [(text, line) for text, line in rows if len(text) >= 2]
    emails: list[str] = []
    phones: list[str] = []
    website = ""
    address: list[str] = []
    free: list[tuple[int, str, OcrLine]] = []
    for index, (text, line) in enumerate(rows):
        rest = _unlabel(text)
        found_emails = _emails(rest)
        if not found_emails:
            found_emails = _labelled_email(text)
            rest = "" if found_emails else rest
        if found_emails:
            emails.extend(e for e in found_emails if e not in emails)
            rest = EMAIL.sub("", _squeeze(rest)) if rest else ""
        # "https://" as the OCR reads it: "https:/", "https J/", "haps://", "hups//"
        rest = re.sub(
            r"^h?[a-z]{2,4}\s*[:;]?[/J]{1,2}\s*|^https?\s*[:;.]\s*|^https?\s+(?=\S+\.)",
            "",
            rest,
            flags=re.I,
        )
        if re.search(r"www|https?:|\.(?:com|co)\b", rest, re.IGNORECASE) and len(rest.split()) <= 3:
            rest = _squeeze(rest)
        web = _website(rest)
        if web:
            website = website or web
            continue
        if found_emails:
            continue
        digits = sum(ch.isdigit() for ch in rest)
        letters = sum(ch.isalpha() for ch in rest)
        if digits >= 7 and digits > letters and not _is_address(rest):
            new = [p for p in _phones(rest, region) if p not in phones]
            if new:
                phones.extend(new)
                continue
        if _is_address(text):
            address.append(text)
            continue
        free.append((index, text, line))
    name, role, company = _people_lines(free, emails)
    leftover = tuple(text for _, text, _ in free if text not in {name, role, company})
    return CardFields(
        name=name,
        company=company,
        role=role,
        emails=tuple(emails),
        phones=tuple(phones),
        website=website,
        address=", ".join(address),
        leftover=leftover,
    )


def _size(line: OcrLine) -> int:
    return line.height


def _domain_words(emails: Sequence[str]) -> set[str]:
    words: set[str] = set()
    for email in emails:
        host = email.split("@", 1)[1].split(".")[0]
        words.update(part for part in re.split(r"[-_]", host) if len(part) >= 3)
    return words


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def _people_lines(
    free: list[tuple[int, str, OcrLine]], emails: Sequence[str]
) -> tuple[str, str, str]:
    """(name, role, company) from the lines no pattern claimed."""
    if not free:
        return "", "", ""
    by_size = sorted(free, key=lambda row: (-_size(row[2]), row[0]))
    locals_ = {_plain(e.split("@", 1)[0]) for e in emails}
    name_rows = [row for row in by_size if _looks_like_name(row[1])]

    def email_bonus(row: tuple[int, str, OcrLine]) -> int:
        parts = [_plain(w) for w in row[1].split()]
        return -sum(1 for p in parts if p and any(p in local for local in locals_))

    name_row = (
        min(name_rows, key=lambda r: (email_bonus(r), by_size.index(r))) if name_rows else None
    )
    name = name_row[1] if name_row else ""
    rest = [row for row in free if row is not name_row]

    domain = _domain_words(emails)
    company_row = next((row for row in rest if COMPANY_FORMS.search(row[1])), None)
    if company_row is None and domain:
        company_row = next((row for row in rest if any(d in _plain(row[1]) for d in domain)), None)
    role_row = next(
        (row for row in rest if row is not company_row and ROLE_WORDS.search(row[1])), None
    )
    if role_row is None and name_row is not None:
        below = [row for row in rest if row is not company_row and row[0] == name_row[0] + 1]
        role_row = below[0] if below else None
    if company_row is None:
        left = [row for row in rest if row is not role_row]
        left.sort(key=lambda row: (-_size(row[2]), row[0]))
        company_row = left[0] if left else None
    return (
        name,
        role_row[1] if role_row else "",
        company_row[1] if company_row else "",
    )
