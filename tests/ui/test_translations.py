"""The English translation is complete and current: every text in `ui/` is in the committed `.ts`
with a finished English text keeping its placeholders, the committed `.qm` is the one built from
it, and switching the language shows English in the window. (Run `bash scripts/translations`
after changing texts; translate the new entries in the `.ts`.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ui.app import Desktop

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "gridapp_en.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent
KEPT_IN_CHINESE = ["网格工作台", "融安县", "融安"]  # the product's and the county's names, shown beside the English


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def translations_of(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def lupdate_into(target: Path) -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *sources, "-locations", "none", "-no-obsolete",
                    "-source-language", "zh_CN", "-target-language", "en_GB", "-ts", str(target)],
                   cwd=ROOT, check=True, capture_output=True)


def test_every_text_of_the_window_is_in_the_committed_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    lupdate_into(fresh)
    committed, current = set(messages(TS)), set(messages(fresh))
    assert sorted(current - committed) == [], "new texts: run bash scripts/translations and translate them"
    assert sorted(committed - current) == [], "texts no longer in the code: run bash scripts/translations"


def test_every_text_has_an_english_translation_with_its_placeholders():
    problems = []
    for (context, source, _comment), message in messages(TS).items():
        translation = message.find("translation")
        texts = translations_of(message)
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(t.strip() for t in texts):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for text in texts:
            if re.search(r"[\u4e00-\u9fff]", re.sub("|".join(KEPT_IN_CHINESE), "", text)):
                problems.append(f"{context}: {source!r} → {text!r} still has Chinese")
            lost = set(re.findall(r"%(?:n|\d)", source)) - set(re.findall(r"%(?:n|\d)", text))
            if lost:
                problems.append(f"{context}: {source!r} → {text!r} lost {', '.join(sorted(lost))}")
    assert problems == []


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path):
    built = tmp_path / "gridapp_en.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-removeidentical", str(TS), "-qm", str(built)],
                   check=True, capture_output=True)
    assert built.read_bytes() == QM.read_bytes(), "run bash scripts/translations"


@pytest.mark.parametrize("language, households", [("zh_CN", "住户"), ("en", "Households")])
def test_the_window_speaks_the_chosen_language(qtbot, qapp, demo_db, settings, language, households):
    settings.language = language
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False)
    try:
        titles = [desktop.window.nav.item(row).text() for row in range(desktop.window.nav.count())]
        assert titles[0] == households
        if language == "en":
            assert not any(re.search(r"[\u4e00-\u9fff]", title) for title in titles)
    finally:
        desktop.close()
        settings.language = "zh_CN"
