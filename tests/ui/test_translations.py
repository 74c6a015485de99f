"""The English translation is complete and current: every text in `ui/` and every sentence gridapp
composes (`wording.say`, listed in ui/label_catalog.py) is in the committed `.ts` with a finished
English text keeping its placeholders, the committed `.qm` is the one built from it, and switching
the language shows English in the window — a wrong value's message beside its field too. (Run
`bash scripts/translations` after changing texts; translate the new entries in the `.ts`.)"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from gridapp.idnumber import check_char
from gridapp.minutes import TopicEntry
from gridapp.minutes_doc import hamlet_roster
from ui import i18n
from ui.app import Desktop
from ui.meeting_form import MeetingForm
from ui.person_form import PersonDialog

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
            lost = set(re.findall(r"%(?:n|\d)|\{\w+\}", source)) - set(re.findall(r"%(?:n|\d)|\{\w+\}", text))
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
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    try:
        titles = [desktop.window.nav.item(row).text() for row in range(desktop.window.nav.count())]
        assert titles[0] == households
        if language == "en":
            assert not any(re.search(r"[\u4e00-\u9fff]", title) for title in titles)
    finally:
        desktop.close()
        settings.language = "zh_CN"


def _label_catalog():
    spec = importlib.util.spec_from_file_location("label_catalog_script", ROOT / "scripts" / "label_catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_label_catalog_lists_what_gridapp_says_now():
    assert (ROOT / "ui" / "label_catalog.py").read_text(encoding="utf-8") == _label_catalog().render(), \
        "gridapp's sentences or titles changed: run bash scripts/translations and translate the new entries"


def test_every_sentence_gridapp_composes_has_english_with_its_placeholders():
    catalog = _label_catalog()
    english = {source: message for (context, source, _c), message in messages(TS).items() if context == "messages"}
    problems = []
    for template in [*catalog.message_templates(), *catalog.field_titles()]:
        message = english.get(template)
        if message is None or message.find("translation").get("type") == "unfinished":
            problems.append(f"no English for {template!r}")
            continue
        text = translations_of(message)[0]
        if not text.strip() or set(re.findall(r"\{\w+\}", template)) != set(re.findall(r"\{\w+\}", text)):
            problems.append(f"{template!r} → {text!r} does not keep its placeholders")
    assert problems == []


@pytest.fixture
def english(qapp, demo_db, settings):
    settings.language = "en"
    desktop = Desktop.start(qapp, demo_db, settings=settings, actor="韦网格员", sign_in=False, auto_sync=False, auto_backup=False)
    try:
        yield desktop
    finally:
        desktop.close()
        settings.language = "zh_CN"
        i18n.install(qapp, "zh_CN")


def test_a_wrong_id_number_is_explained_in_english_next_to_it_and_nothing_is_saved(qtbot, english):
    store = english.store
    household = store.get(next(h for h in store.list_ids("household") if store.get(h).members))
    person = store.get(household.members[0].person_id)
    before = person.model_dump()
    dialog = PersonDialog(english.runner, household, person)
    qtbot.addWidget(dialog)
    dialog.show()
    body = "45022419620607585"
    right = check_char(body)
    dialog.id_number.setText(body + ("0" if right != "0" else "1"))
    error = dialog.findChild(QLabel, "id_number_error")
    qtbot.waitUntil(error.isVisible)
    assert error.text() == ("The last character of the ID number (the check character) is wrong: from the first 17 "
                            f"digits it should be “{right}”. Please check the number")
    assert not dialog.save_button.isEnabled()
    dialog.save()
    qtbot.waitUntil(lambda: english.runner.busy == 0)
    assert store.get(person.id).model_dump() == before


def test_core_sentences_read_in_english_with_their_numbers_and_chinese_stays_chinese(qapp, english):
    from gridapp.errors import message_for
    from gridapp.minutes import vote_sentence
    from gridapp.states import check_transition

    text, ok = vote_sentence(None, TopicEntry(voted=True, present=12, yes=12, no=2))
    assert ok is False
    assert i18n.words(text) == ("12 for + 2 against + 0 abstaining = 14, more than the 12 people present; "
                                "please check the votes")
    try:
        check_transition("visit", "DRAFT", "REVIEWED")
    except Exception as exc:  # noqa: BLE001 - TransitionNotAllowed
        shown = i18n.words(message_for(exc))
    assert shown == "Visit record: cannot go straight from “Draft” to “Reviewed”"
    assert i18n.words("不是核心的句子") == "不是核心的句子"  # plain text (a name, a server's words) is left as it is
    i18n.install(qapp, "zh_CN")
    assert i18n.words(text) == text == "同意 12 + 反对 2 + 弃权 0 = 14，多于实到 12 人，请核对票数"


def test_votes_exceeding_attendance_are_explained_in_english_with_the_numbers(qtbot, english):
    store = english.store
    hamlet = max(store.hamlets(), key=lambda h: len(hamlet_roster(store, h).households))
    form = MeetingForm(english.runner, hamlet=hamlet)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: bool(form.households.lines and form.meeting_no) and english.runner.busy == 0)
    try:
        form.households.set_all(True)
        present = len(form.households.lines)
        row = form.add_topic(TopicEntry(title="屯内道路硬化", topic_type="public_works"))
        row.voted.setChecked(True)
        row.yes.setValue(present)
        row.no.setValue(2)
        error = form.findChild(QLabel, "topic_0_vote_error")
        assert not error.isHidden()
        assert error.text() == f"Vote 1: {present} for + 2 against + 0 abstaining is more than the {present} present"
        assert row.result.text() == (f"{present} for + 2 against + 0 abstaining = {present + 2}, more than the "
                                     f"{present} households present; please check the votes")
        assert form.quorum_label.text().startswith(f"{present} households expected, {present} households present")
        assert not re.search(r"[\u4e00-\u9fff]", error.text() + row.result.text() + form.quorum_label.text())
    finally:
        form.save_timer.stop()
        english.runner.wait()


def test_the_case_list_says_a_family_matter_is_hidden_in_english(qtbot, english):
    from ui.table_model import RecordListModel

    store = english.store
    family = next(s.id for s in store.summaries("case")
                  if store.get(s.id).dispute_type == "marriage_family")
    model = RecordListModel(english.runner, "case")
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() > 0 and english.runner.busy == 0)
    row = model.row_of(family)
    model.data(model.index(row, 0))  # asks for the row's page
    qtbot.waitUntil(lambda: model.cached_row(family) is not None)
    cells = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert "(family matter: not shown in the list)" in cells
    assert not any("家事纠纷" in str(c) for c in cells)
