"""The registries (kernel/registry.yml) and the content written for them are complete and safe to show.

Every topic and every struggle the assistant knows has content of its own; no item carries a phone number
(locale placeholders instead, so the UK never sees US numbers); texts fit on a phone; and items that promise
privacy or stepping back say that safety comes first.
"""
from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import Engine

from contentdb.loader import ContentError, load_content, parse_directory
from kernel.lexicon import find_concern, normalise_concern
from kernel.registry import REGISTRY_FILE, RegistryError, parse, registry
from kernel.resources import fill, locale_name, placeholders
from tests.conftest import CONTENT_DIR, dump

# The struggles issue 11 asks for; "other" is chosen by the user, never matched and has no items of its own.
EXPECTED_CONCERNS = {
    "depression", "anxiety", "substance_use", "grief", "trauma", "stress", "anger", "psychosis", "eating", "other",
}
WITHOUT_CONTENT = {"other"}
# Three or more digits in a row, or digit groups joined by spaces, dashes, dots or brackets: a phone number.
PHONE_LIKE = re.compile(r"\d{3,}|\d[\s().-]+\d{2,}")
NEW_TEXT_LIMIT = 220
FILLED_LIMIT = 300
LOCALES = ("us", "uk")


def content_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.yml")) + sorted((CONTENT_DIR / "concerns").glob("*.yml"))


def raw_items() -> list[tuple[Path, str, dict[str, str]]]:
    """Every item as written (file, effective topic, fields), read without the loader's help."""
    found = []
    for path in content_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in data["items"]:
            found.append((path, str(item.get("topic", data["topic"])), item))
    return found


@pytest.fixture(scope="module")
def items() -> list[dict[str, str]]:
    return parse_directory(CONTENT_DIR)[0]


def test_the_registry_knows_every_struggle_from_the_issue_including_psychosis_eating_and_other() -> None:
    assert set(registry().concerns) == EXPECTED_CONCERNS
    assert registry().concerns["other"].label == "something else"


def test_worried_about_safety_is_a_topic_answered_by_its_own_intent() -> None:
    assert registry().topic_for_intent()["worried_about_safety"] == "worried_about_safety"


@pytest.mark.parametrize(
    ("message", "concern"),
    [
        ("my brother has started hearing voices", "psychosis"),
        ("she's bipolar and manic again", "psychosis"),
        ("he is so paranoid lately", "psychosis"),
        ("my daughter barely eats since the breakup", "eating"),
        ("I think she has anorexia", "eating"),
        ("he's been purging after meals", "eating"),
    ],
)
def test_the_new_struggles_are_recognised_in_everyday_words(message: str, concern: str) -> None:
    found = find_concern(message)
    assert found is not None and found[0] == concern


@pytest.mark.parametrize("message", ["hi .", "ok", "- well", "my son, he won't go", "..."])
def test_something_else_is_never_guessed_from_a_message(message: str) -> None:
    found = find_concern(message)
    assert found is None or found[0] != "other"
    assert normalise_concern("other") == "other"


def test_every_topic_has_items_of_at_least_two_kinds(items: list[dict[str, str]]) -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    for item in items:
        kinds[item["topic"]].add(item["kind"])
    thin = {topic: sorted(kinds[topic]) for topic in registry().topics if len(kinds[topic]) < 2}
    assert not thin, f"topics with fewer than two kinds of item: {thin}"


@pytest.mark.parametrize("concern", sorted(EXPECTED_CONCERNS - WITHOUT_CONTENT))
def test_every_struggle_has_its_own_reframes_phrasings_and_support(items: list[dict[str, str]], concern: str) -> None:
    own = [item for item in items if item["concern"] == concern]
    kinds = Counter(item["kind"] for item in own)
    assert len(own) >= 8
    assert kinds["reframe"] >= 1 and kinds["phrasing"] >= 1
    assert any(item["topic"] == "support" or item["kind"] == "resource" for item in own)
    # Spread over the journeys, so the struggle changes more than one kind of reply.
    assert len({item["topic"] for item in own}) >= 4


def test_substance_use_follows_craft_and_psychosis_follows_leap(items: list[dict[str, str]]) -> None:
    def grounded(concern: str, source: str) -> int:
        return sum(1 for item in items if item["concern"] == concern and source in item["grounding"])

    assert grounded("substance_use", "CRAFT") >= 8
    assert grounded("psychosis", "LEAP") >= 6
    assert any("{family_groups}" in item["text"] for item in items if item["concern"] == "substance_use")
    assert any("naloxone" in item["text"].lower() for item in items if item["concern"] == "substance_use")


def test_every_item_names_a_topic_and_concern_from_the_registry() -> None:
    allowed_concerns = {*registry().concerns, "any"}
    for path, topic, item in raw_items():
        assert topic in registry().topics, f"{path.name}: {item['id']} has topic {topic!r}"
        assert item["concern"] in allowed_concerns, f"{path.name}: {item['id']} has concern {item['concern']!r}"


def test_every_concern_file_item_names_its_own_concern() -> None:
    for path in sorted((CONTENT_DIR / "concerns").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {item["concern"] for item in data["items"]} == {path.stem}


def test_no_item_text_carries_a_phone_number(items: list[dict[str, str]]) -> None:
    offenders = [
        (item["source"], match.group(0))
        for item in items
        for field in ("text", "alternative")
        for match in PHONE_LIKE.finditer(item.get(field) or "")
    ]
    assert not offenders, f"use a placeholder such as {{crisis_line}} instead: {offenders}"


@pytest.mark.parametrize("locale", LOCALES)
def test_items_shown_in_a_locale_hold_its_numbers_and_no_other_locales(items: list[dict[str, str]], locale: str) -> None:
    others = {
        number
        for other in LOCALES if other != locale
        for value in placeholders(other).values()
        for number in re.findall(r"\d[\d -]*\d", value)
        if number not in "".join(placeholders(locale).values())
    }
    assert others
    for item in items:
        shown = fill(item["text"], locale_name(locale))
        assert "{" not in shown, item["source"]
        assert not [number for number in others if number in shown], item["source"]


def test_worried_about_safety_covers_asking_directly_safer_homes_and_who_to_call(items: list[dict[str, str]]) -> None:
    topic = [item for item in items if item["topic"] == "worried_about_safety" and item["concern"] == "any"]
    text = " ".join(item["text"] for item in topic).lower()
    assert len(topic) >= 14
    for needed in ("warning signs", "are you thinking about killing yourself", "gun", "medicines",
                   "{crisis_line}", "{mobile_crisis}", "{emergency}", "mental-health crisis", "weapons"):
        assert needed in text, needed
    assert any("Dazzi" in item["grounding"] for item in topic)


def test_new_items_fit_on_a_phone(items: list[dict[str, str]]) -> None:
    new = [item for item in items if item["source"].startswith(("concerns/", "worried_about_safety.yml"))]
    assert new
    for item in new:
        assert len(item["text"]) <= NEW_TEXT_LIMIT, item["source"]
        for locale in LOCALES:
            assert len(fill(item["text"], locale)) <= FILLED_LIMIT, (item["source"], locale)


def test_why_answers_are_plain_words_naming_sources_people_can_look_up(items: list[dict[str, str]]) -> None:
    assert not [item["source"] for item in items if re.search(r"\b(seed|MI|CRAFT|LEAP):", item["reason"])]
    tagged = [item["source"] for item in items if re.search(r"(^|; )(seed|MI|CRAFT|LEAP):", item["grounding"])]
    assert not tagged, f"say which book, article or organisation instead of a tag: {tagged[:5]}"


# Promises of privacy or of stepping back must name the one exception (the issue: "safety comes first").
PROMISES = re.compile(
    r"between us|report back|day off from checking|natural consequences happen|let go of|won.t bring it up again", re.I
)
SAFETY_EXCEPTION = re.compile(r"safety|safe\b|danger|at risk", re.I)


def test_items_that_promise_privacy_or_stepping_back_put_safety_first(items: list[dict[str, str]]) -> None:
    promising = [item for item in items if PROMISES.search(item["text"])]
    assert len(promising) >= 4
    assert not [item["source"] for item in promising if not SAFETY_EXCEPTION.search(item["text"])]


def test_an_unknown_placeholder_is_refused_with_its_file_and_line(content_db: Engine, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    path = content / "concerns" / "grief.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    text_line = next(i for i, line in enumerate(lines) if line.strip() == "text: >-")
    lines[text_line + 1] = lines[text_line + 1] + " Call {helpline_number}."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = dump(content_db)

    with pytest.raises(ContentError) as error:
        load_content(content_db, content)

    assert f"{path}:{text_line + 1}:" in str(error.value)
    assert "{helpline_number}" in str(error.value)
    assert dump(content_db) == before


def test_concern_files_are_loaded_and_cited_with_their_folder(content_db: Engine) -> None:
    report = load_content(content_db, CONTENT_DIR)
    assert report.per_file["concerns/grief.yml"] >= 10
    items, _, _ = parse_directory(CONTENT_DIR)
    grief = next(item for item in items if item["id"].startswith("grief."))
    assert re.fullmatch(r"concerns/grief\.yml:\d+", grief["source"])


def test_a_concern_sign_that_is_no_regular_expression_names_its_entry(tmp_path: Path) -> None:
    text = REGISTRY_FILE.read_text(encoding="utf-8").replace("    signs:\n", "    signs:\n      - '(?:unclosed'\n", 1)
    broken = tmp_path / "registry.yml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError, match=r"concerns\.depression\.signs\[1\] is not a regular expression"):
        parse(broken)
