"""The crisis response comes from the locale file, US by default, UK as a second locale."""
from __future__ import annotations

import pytest

from scripts.crisis_locale import domain_texts, render


def test_the_domain_holds_the_default_us_crisis_resources() -> None:
    texts = domain_texts()
    assert texts == render("us")
    crisis = texts["utter_crisis"]
    for resource in ("911", "988", "741741", "1-800-799-7233"):
        assert resource in crisis
    assert "stay with them" in crisis and "slow breath" in crisis


def test_the_uk_locale_names_uk_services_and_no_us_numbers() -> None:
    crisis = render("uk")["utter_crisis"]
    for resource in ("999", "116 123", "85258", "0808 2000 247"):
        assert resource in crisis
    assert "988" not in crisis and "911" not in crisis


def test_an_unknown_locale_is_refused_by_name() -> None:
    with pytest.raises(SystemExit, match="no locale 'fr'"):
        render("fr")
