"""Files other software wrote: their text encoding and their CSV dialect.

One decoder for every upload a member or an organizer brings (contacts, event
attendees): UTF-8 with or without a byte-order mark, UTF-16 with one, what Excel and
Outlook write on Western-European Windows (Windows-1252), and anything else
charset-normalizer recognises. Pure functions, no database.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from charset_normalizer import from_bytes

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DELIMITERS = ",;\t"


class TextEncodingError(ValueError):
    """The bytes are not text in any encoding we recognise; the message says what to do."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252" or what charset-normalizer found


def decode(data: bytes) -> DecodedText:
    """The text (without a byte-order mark) and the encoding it was in.

    Raises TextEncodingError with a message fit to show the person who uploaded the file.
    """
    if data.startswith(UTF8_BOM):
        try:
            return DecodedText(data[len(UTF8_BOM) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TextEncodingError("The file says it is UTF-8 but is not valid UTF-8.") from exc
    if data.startswith(UTF16_BOMS):
        try:
            return DecodedText(data.decode("utf-16").lstrip("\ufeff"), "utf-16")
        except UnicodeDecodeError as exc:
            raise TextEncodingError("The file says it is UTF-16 but is not valid UTF-16.") from exc
    try:
        return DecodedText(data.decode("utf-8").lstrip("\ufeff"), "utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" not in data:
        try:
            # What Excel and Outlook write on Western-European Windows.
            return DecodedText(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise TextEncodingError(
            "The text encoding could not be recognised; save the file as UTF-8 and try again."
        )
    return DecodedText(str(best).lstrip("\ufeff"), best.encoding)


def decode_text(data: bytes) -> str:
    """The text of ``data`` whatever its encoding (see :func:`decode`)."""
    return decode(data).text


def sniff_dialect(sample: str, delimiters: str = DELIMITERS) -> type[csv.Dialect]:
    """The CSV dialect of ``sample`` (comma, semicolon or tab separated); Excel's when
    the sample does not tell."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=delimiters)
    except csv.Error:
        return csv.excel
