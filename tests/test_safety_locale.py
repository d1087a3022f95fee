"""Every user-facing safety string comes from the locale file: US by default, UK complete, neither with the
other's numbers."""
from __future__ import annotations

import re

import pytest
import yaml

from kernel import resources
from scripts.crisis_locale import GENERATED, render, shared_texts

# Numbers (and words) that only belong to one locale.
US_ONLY = ["911", "988", "741741", "1-800-222-1222", "1-800-799-7233", "88788", "emergency room"]
UK_ONLY = ["999", "116 123", "85258", "0808 2000 247", "0808 8010 327", "NHS 111", "A&E"]
OTHER = {"us": UK_ONLY, "uk": US_ONLY}


def _all_texts(locale: str) -> list[str]:
    rendered = yaml.safe_load(render(locale))["responses"]
    texts = [variation["text"] for variations in rendered.values() for variation in variations]
    return texts + list(shared_texts(locale).values()) + [resources.text(name, locale) for name in resources.template_names()]


def test_the_domain_holds_the_default_us_rendering() -> None:
    assert GENERATED.read_text() == render("us")


@pytest.mark.parametrize("locale", ["us", "uk"])
def test_every_safety_response_under_a_locale_holds_no_number_from_the_other(locale: str) -> None:
    texts = _all_texts(locale)
    assert len(texts) >= 25
    leaks = [(text[:60], number) for text in texts for number in OTHER[locale] if number in text]
    assert leaks == []


@pytest.mark.parametrize("locale", ["us", "uk"])
def test_no_placeholder_is_left_unfilled(locale: str) -> None:
    assert [t for t in _all_texts(locale) if re.search(r"\{[a-z_]+\}", t)] == []


def test_templates_carry_no_phone_number_of_their_own() -> None:
    import yaml as _yaml

    templates = _yaml.safe_load(resources.RESOURCES_FILE.read_text())["templates"]
    assert [name for name, text in templates.items() if re.search(r"\d{3}", text)] == []


def test_the_uk_locale_names_uk_services() -> None:
    crisis = " ".join(_all_texts("uk"))
    for resource in ("999", "116 123", "85258", "0808 2000 247", "Men's Advice Line", "NHS 111"):
        assert resource in crisis


@pytest.mark.parametrize(
    ("category", "must_say"),
    [
        ("loved_one_at_risk", ["911", "988", "stay with them", "Asking doesn't put the idea"]),
        ("overdose", ["911", "1-800-222-1222", "naloxone", "recovery position", "Don't leave them alone"]),
        ("user_harmed", ["911", "1-800-799-7233", "browsing history", "Don't confront"]),
        ("user_at_risk", ["988", "you matter", "keep talking"]),
        ("general", ["911", "988"]),
    ],
)
def test_each_crisis_category_has_its_own_reply_and_payload(category: str, must_say: list[str]) -> None:
    variations = yaml.safe_load(render("us"))["responses"]["utter_crisis"]
    chosen = [v for v in variations if v["custom"]["category"] == category]
    assert len(chosen) == 1 and chosen[0]["custom"]["type"] == "crisis"
    assert all(phrase in chosen[0]["text"] for phrase in must_say), chosen[0]["text"]


def test_each_locale_spells_in_its_own_way() -> None:
    assert "practicing" in shared_texts("us")["utter_greet"] and "practising" in shared_texts("uk")["utter_greet"]
    assert "neighbor" in render("us") and "neighbour" in render("uk")


def test_an_unknown_locale_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="no locale 'fr'"):
        render("fr")
