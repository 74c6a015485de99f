"""The printed 微议事会议记录: `write_minutes_pdf(doc, path)` draws `gridapp.minutes_doc.MinutesDoc`
on A4 with Qt's own PDF writer, in Noto CJK, in the county's order (title, meeting facts,
attendance, topics with votes and resolutions, household consents, publicity, signature lines)."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QRawFont, QTextDocument

from gridapp.minutes_doc import MinutesDoc

SERIF = "Noto Serif CJK SC"
BODY_PT = 11  # the paper's size, not the screen's: the county's forms use 五号/小四


def _cell(text: str, *, head: bool = False, width: str = "") -> str:
    tag = "th" if head else "td"
    size = f' width="{width}"' if width else ""
    wrap = " nowrap" if head else ""  # a label never breaks inside a word ("会议类/型")
    return f"<{tag}{size}{wrap}>{escape(text) or '&nbsp;'}</{tag}>"


def _table(rows: list[str], *, border: int = 1) -> str:
    return (f'<table width="100%" border="{border}" cellspacing="0" cellpadding="5" '
            f'style="border-collapse: collapse; border-color: #000;">{"".join(rows)}</table>')


def _headings() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "no": translate("MinutesPdf", "编号"), "attendance": translate("MinutesPdf", "一、参会情况"),
        "attendees": translate("MinutesPdf", "到会人员"), "topics": translate("MinutesPdf", "二、议题、表决与决议"),
        "result": translate("MinutesPdf", "表决结果"), "resolution": translate("MinutesPdf", "决议"),
        "none": translate("MinutesPdf", "（无议题）"), "discussion": translate("MinutesPdf", "三、讨论情况"),
        "consents": translate("MinutesPdf", "户同意书（逐户签字，多数表决不能代替本户同意）"),
        "land": translate("MinutesPdf", "土地经营权流转明细"), "publicity": translate("MinutesPdf", "公示"),
        "date": translate("MinutesPdf", "　　年　　月　　日"),
    }


def minutes_html(doc: MinutesDoc) -> str:
    """The minutes as Qt rich text (kept separate so it can be looked at in a QTextBrowser too)."""
    h = _headings()
    out = [f'<h1 align="center" style="font-size: 18pt;">{escape(doc.title)}</h1>',
           f'<p align="center">{escape(doc.place_line)}　　{h["no"]}：{escape(doc.meeting_no)}</p>']
    facts = list(doc.facts)
    rows = []
    for i in range(0, len(facts) - 1, 2):
        (a, av), (b, bv) = facts[i], facts[i + 1]
        rows.append("<tr>" + _cell(a, head=True, width="15%") + _cell(av, width="35%")
                    + _cell(b, head=True, width="15%") + _cell(bv, width="35%") + "</tr>")
    if len(facts) % 2:  # the last fact (the notice) takes the whole row
        label, value = facts[-1]
        rows.append("<tr>" + _cell(label, head=True) + f'<td colspan="3">{escape(value) or "&nbsp;"}</td></tr>')
    out.append(_table(rows))

    out.append(f"<h3>{h['attendance']}</h3><p>{escape(doc.attendance)}</p>")
    if doc.attendees:
        out.append(f"<p>{h['attendees']}：{escape(doc.attendees)}</p>")

    out.append(f"<h3>{h['topics']}</h3>")
    for t in doc.topics:
        kind = f"（{escape(t.kind)}）" if t.kind else ""
        out.append(f"<p><b>{escape(t.number)}：{escape(t.title)}</b>{kind}</p>")
        result = f"　{h['result']}：<b>{escape(t.result)}</b>" if t.result else ""
        out.append(f'<p style="margin-left: 2em;">{escape(t.vote)}{result}</p>')
        if t.resolution:
            out.append(f'<p style="margin-left: 2em;">{h["resolution"]}：{escape(t.resolution)}</p>')
    if not doc.topics:
        out.append(f"<p>{h['none']}</p>")

    out.append(f"<h3>{h['discussion']}</h3><p>{escape(doc.discussion) or '&nbsp;'}</p>")
    numerals = iter("四五六七八九")
    if doc.consents:
        out.append(f"<h3>{next(numerals)}、{h['consents']}</h3>")
        head = "<thead><tr>" + "".join(_cell(c, head=True) for c in doc.consent_header) + "</tr></thead>"
        out.append(_table([head] + ["<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in doc.consents]))
    if doc.land:
        out.append(f"<h3>{next(numerals)}、{h['land']}</h3>")
        out.append(_table(["<tr>" + _cell(k, head=True, width="20%") + _cell(v) + "</tr>" for k, v in doc.land]))
    if doc.publicity:
        out.append(f"<h3>{next(numerals)}、{h['publicity']}</h3>")
        out.extend(f"<p>{escape(p)}</p>" for p in doc.publicity)

    line = "＿" * 9
    out.append("<br>")
    for sign in doc.signatures:
        out.append(f'<p style="margin-top: 14px;">{escape(sign)}：{line}　　{h["date"]}</p>')
    return "".join(out)


def write_minutes_pdf(doc: MinutesDoc, path: Path | str) -> Path:
    """Write the minutes to `path` as an A4 PDF (page numbers at the foot); returns the path.
    Raises OSError when the file cannot be written."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setTitle(doc.title)
    writer.setCreator("GridApp")
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 18, 20, 18), QPageLayout.Unit.Millimeter))
    text = QTextDocument()
    font = QFont(SERIF)
    font.setPointSizeF(BODY_PT)
    text.setDefaultFont(font)
    text.setDefaultStyleSheet("h1 { font-weight: bold; } h3 { font-size: 12pt; font-weight: bold; }"
                              " th { font-weight: bold; background-color: #f2f2f2; }")
    html = minutes_html(doc)
    text.setHtml(html)
    text.print_(writer)
    del writer  # the file is finished when the writer goes
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"没能写出会议记录：{path}")
    _fix_text_layer(path, font, html)
    return path


_RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals


def radical_fixes(font: QFont, text: str) -> dict[int, int]:
    """Radical code point → the ideograph of `text` drawn with the same glyph (⼾ → 户, ⻙ → 韦).

    Noto CJK draws a radical and its ideograph with one glyph, and Qt's PDF text layer names the
    lowest code point of a glyph, the radical: copying or searching the PDF would find "⻙" for "韦"."""
    fixes: dict[int, int] = {}
    for bold in (False, True):
        face = QFont(font)
        face.setBold(bold)
        raw = QRawFont.fromFont(face)
        drawn: dict[int, int] = {}
        for ch in {c for c in text if ord(c) >= 0x3400}:
            glyphs = raw.glyphIndexesForString(ch)
            if glyphs and glyphs[0]:
                drawn.setdefault(glyphs[0], ord(ch))
        for cp in _RADICALS:
            glyphs = raw.glyphIndexesForString(chr(cp))
            if glyphs and glyphs[0] in drawn:
                fixes.setdefault(cp, drawn[glyphs[0]])
    return fixes


def _fix_text_layer(path: Path, font: QFont, text: str) -> None:
    """Name the ideographs in the PDF's ToUnicode maps (uncompressed in Qt's output); each code is
    four hex digits either way, so no byte offset moves."""
    fixes = {f"<{r:04X}>".encode(): f"<{c:04X}>".encode() for r, c in radical_fixes(font, text).items()}
    if not fixes:
        return
    code = re.compile(rb"<([0-9A-F]{4})>")

    def targets(line: bytes) -> bytes:
        # "<src> <src> [<dst> …]" or "<src> <src> <dst>" / "<src> <dst>": only destinations change.
        if b"[" in line:
            head, _, tail = line.partition(b"[")
            return head + b"[" + code.sub(lambda m: fixes.get(m.group(0), m.group(0)), tail)
        parts = line.split(b" ")
        if len(parts) in (2, 3):
            parts[-1] = fixes.get(parts[-1], parts[-1])
        return b" ".join(parts)

    def cmap(match: re.Match[bytes]) -> bytes:
        body = match.group(0)
        return re.sub(rb"(?m)^<[0-9A-F]{4}>.*$", lambda m: targets(m.group(0)), body)

    data = path.read_bytes()
    fixed = re.sub(rb"begincmap.*?endcmap", cmap, data, flags=re.S)
    if fixed != data and len(fixed) == len(data):
        path.write_bytes(fixed)
