"""The curated content database: loading, validation, coverage and retrieval."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from contentdb.engine import make_engine
from contentdb.loader import ContentError, load_content
from contentdb.queries import count_by, count_content, get_content, pick_content
from kernel.vocabulary import Kind, Relationship, ResistanceForm, Topic
from tests.conftest import CONTENT_DIR, dump, migrate, throwaway_postgres_database


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_the_database_holds_at_least_200_curated_items(content_db: Engine) -> None:
    with Session(content_db) as session:
        assert count_content(session=session) >= 200


@pytest.mark.parametrize("topic", [Topic.REFUSAL, Topic.RESENTMENT, Topic.BRING_UP])
@pytest.mark.parametrize("relationship", list(Relationship))
def test_every_core_topic_has_three_phrasings_and_reframes_for_each_relationship(
    content_db: Engine, topic: Topic, relationship: Relationship
) -> None:
    with Session(content_db) as session:
        assert count_by(session=session, topic=topic, kind=Kind.PHRASING, relationship=relationship.value) >= 3
        assert count_by(session=session, topic=topic, kind=Kind.REFRAME, relationship=relationship.value) >= 3


def test_loading_twice_changes_nothing(content_db: Engine) -> None:
    before = dump(content_db)
    report = load_content(content_db, CONTENT_DIR)
    assert report.changed == 0
    assert report.unchanged == len(before)
    assert dump(content_db) == before


def test_a_bad_value_is_refused_with_its_file_and_line_and_nothing_changes(content_db: Engine, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    before = dump(content_db)
    path = content / "boundaries.yml"
    lines = path.read_text().splitlines()
    kind_line = next(i for i, line in enumerate(lines) if line.strip().startswith("kind:"))
    lines[kind_line] = lines[kind_line].replace(lines[kind_line].split(":", 1)[1], " pep_talk")
    path.write_text("\n".join(lines) + "\n")
    # A valid change in another file must not land either: one transaction or nothing.
    other = content / "support.yml"
    other.write_text(other.read_text().replace("topic: support", "topic: support\n# edited", 1))

    with pytest.raises(ContentError) as error:
        load_content(content_db, content)

    assert f"{path}:{kind_line + 1}:" in str(error.value)
    assert "pep_talk" in str(error.value)
    assert dump(content_db) == before


def test_who_an_item_is_for_comes_from_the_registry_and_a_wrong_one_is_refused_with_its_line(
    content_db: Engine, tmp_path: Path
) -> None:
    with Session(content_db) as session:
        assert get_content(session=session, item_id="support.any.resource.07").audience == "user"  # type: ignore[union-attr]
        assert get_content(session=session, item_id="support.any.resource.01").audience == "loved_one"  # type: ignore[union-attr]
        assert get_content(session=session, item_id="refusal.any.reframe.direct.01").audience == "any"  # type: ignore[union-attr]
    content = copy_content(tmp_path)
    path = content / "support.yml"
    lines = path.read_text().splitlines()
    for_line = next(i for i, line in enumerate(lines) if line.strip().startswith("for:"))
    lines[for_line] = lines[for_line].split(":")[0] + ": the_neighbours"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as error:
        load_content(content_db, content)
    assert f"{path}:{for_line + 1}:" in str(error.value) and "the_neighbours" in str(error.value)


def test_broken_yaml_is_refused_with_its_line(empty_db: Engine, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "progress.yml").write_text("topic: progress\nitems:\n  - id: a\n    kind: [tip\n")
    with pytest.raises(ContentError, match=r"progress\.yml:\d+: not valid YAML"):
        load_content(empty_db, content)
    assert dump(empty_db) == []


def test_a_duplicate_id_names_both_places(empty_db: Engine, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    first = (content / "progress.yml").read_text()
    item_id = next(line.split(":", 1)[1].strip() for line in first.splitlines() if line.strip().startswith("- id:"))
    extra = (
        f"  - id: {item_id}\n    kind: tip\n    relationship: any\n    resistance_form: any\n    concern: any\n"
        "    text: Something.\n    reason: Because.\n    grounding: test\n"
    )
    (content / "why_resist.yml").write_text((content / "why_resist.yml").read_text().rstrip("\n") + "\n" + extra)
    with pytest.raises(ContentError, match=r"already used at progress\.yml:\d+"):
        load_content(empty_db, content)
    assert dump(empty_db) == []


def test_an_avoid_item_needs_a_better_alternative(empty_db: Engine, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "enabling.yml").write_text(
        "topic: enabling\nitems:\n  - id: enabling.any.avoid.99\n    kind: avoid\n    relationship: any\n"
        "    resistance_form: any\n    concern: any\n    text: Paying their debts.\n    reason: It removes consequences.\n"
        "    grounding: CRAFT\n"
    )
    with pytest.raises(ContentError, match=r"enabling\.yml:3: .*alternative"):
        load_content(empty_db, content)


def test_an_item_removed_from_the_files_is_removed_from_the_database(content_db: Engine, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "progress.yml"
    text_before = path.read_text()
    cut = text_before.index("\n  - id:", text_before.index("- id:") + 1)
    end = text_before.index("\n  - id:", cut + 1)
    removed_id = text_before[cut:end].split("id:", 1)[1].splitlines()[0].strip()
    path.write_text(text_before[:cut] + text_before[end:])

    report = load_content(content_db, content)

    assert report.deleted == 1 and report.inserted == 0
    with Session(content_db) as session:
        assert get_content(session=session, item_id=removed_id) is None


def test_retrieval_puts_items_for_that_relationship_before_generic_ones(content_db: Engine) -> None:
    with Session(content_db) as session:
        items = pick_content(
            session=session, topic=Topic.REFUSAL, kind=Kind.REFRAME, relationship="partner",
            resistance_form=ResistanceForm.EMOTIONAL.value, limit=20,
        )
    assert items[0].relationship == "partner" and items[0].resistance_form == "emotional"
    assert all(item.relationship in ("partner", "any") for item in items)
    assert all(item.resistance_form in ("emotional", "any") for item in items)
    first_generic = next(i for i, item in enumerate(items) if item.relationship == "any")
    assert all(item.relationship == "partner" for item in items[:first_generic])


def test_retrieval_never_returns_an_excluded_item(content_db: Engine) -> None:
    with Session(content_db) as session:
        first = pick_content(session=session, topic=Topic.BRING_UP, kind=Kind.PHRASING, relationship="parent", limit=3)
        second = pick_content(
            session=session, topic=Topic.BRING_UP, kind=Kind.PHRASING, relationship="parent",
            exclude=[item.id for item in first], limit=3,
        )
    assert first and second
    assert not {item.id for item in first} & {item.id for item in second}


def test_a_topic_unknown_to_the_registry_in_a_concern_file_is_refused_with_its_line(empty_db: Engine, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    path = content / "concerns" / "anxiety.yml"
    lines = path.read_text().splitlines()
    topic_line = next(i for i, line in enumerate(lines) if line.strip().startswith("topic:") and line.startswith("    "))
    lines[topic_line] = "    topic: pep_talks"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as error:
        load_content(empty_db, content)
    assert f"{path}:{topic_line + 1}:" in str(error.value) and "pep_talks" in str(error.value)
    assert dump(empty_db) == []


def test_someone_worried_about_an_eating_problem_sees_that_advice_first(content_db: Engine) -> None:
    with Session(content_db) as session:
        items = pick_content(session=session, topic=Topic.BRING_UP, kind=Kind.AVOID, concern="eating", limit=5)
    assert items[0].concern == "eating"
    assert "weight" in items[0].text


def test_advice_for_one_struggle_never_shows_for_another(content_db: Engine) -> None:
    with Session(content_db) as session:
        items = pick_content(session=session, topic=Topic.SUPPORT, kind=Kind.RESOURCE, concern="grief", limit=100)
        unknown = pick_content(session=session, topic=Topic.SUPPORT, kind=Kind.RESOURCE, limit=100)
    assert {item.concern for item in items} == {"grief", "any"}
    assert items[0].concern == "grief"
    assert {item.concern for item in unknown} == {"any"}


def test_an_unknown_relationship_only_gets_generic_items(content_db: Engine) -> None:
    with Session(content_db) as session:
        items = pick_content(session=session, topic=Topic.BRING_UP, kind=Kind.PHRASING, limit=50)
    assert items and all(item.relationship == "any" for item in items)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with throwaway_postgres_database("content_test") as url:
        yield url.render_as_string(hide_password=False)


@pytest.mark.postgres
def test_content_loads_and_is_found_the_same_way_on_postgresql(postgres_url: str) -> None:
    migrate(postgres_url)
    engine = make_engine(postgres_url)
    try:
        first = load_content(engine, CONTENT_DIR)
        second = load_content(engine, CONTENT_DIR)
        with Session(engine) as session:
            items = pick_content(session=session, topic=Topic.REFUSAL, kind=Kind.REFRAME, relationship="partner", limit=3)
            total = count_content(session=session)
    finally:
        engine.dispose()
    assert total >= 200
    assert first.inserted == sum(first.per_file.values())
    assert second.changed == 0
    assert items and items[0].relationship == "partner"


def test_a_sqlite_file_keeps_its_connections_open_between_sessions(tmp_path: Path) -> None:
    """Each lookup reuses a pooled connection instead of opening the file again (a fifth of a turn, once)."""
    from sqlalchemy import text

    engine = make_engine(f"sqlite:///{tmp_path / 'pool.db'}")
    opened: list[object] = []
    from sqlalchemy import event

    event.listen(engine, "connect", lambda connection, _record: opened.append(connection))
    for _ in range(5):
        with Session(engine) as session:
            assert session.execute(text("select 1")).scalar() == 1
    engine.dispose()
    assert len(opened) == 1


def test_the_catalogue_in_memory_chooses_what_the_sql_chooses(content_db: Engine) -> None:
    """contentdb/catalogue.py against contentdb/queries.py, over topics, kinds, facets, seen items and audiences."""
    import random

    from contentdb.catalogue import Catalogue
    from contentdb.queries import any_unseen, pick_in_order
    from kernel.vocabulary import ANY, Kind, concerns, topics

    held = Catalogue.read(content_db)
    rng = random.Random(11)
    kinds = [kind.value for kind in Kind]
    relationships = [None, *(r.value for r in Relationship)]
    forms = [None, *(f.value for f in ResistanceForm)]
    ids = sorted(held.items)
    compared = chosen = 0
    with Session(content_db) as session:
        for _ in range(1500):
            ask = {
                "topic": rng.choice(topics()), "kinds": rng.sample(kinds, rng.randint(1, 3)),
                "relationship": rng.choice(relationships), "resistance_form": rng.choice(forms),
                "concern": rng.choice([None, *concerns()]), "exclude": rng.sample(ids, rng.randint(0, 40)),
                "audience": rng.choice([None, "user", "loved_one"]),
            }
            count, seed = rng.randint(1, 3), str(rng.random())
            sql = pick_in_order(session=session, count=count, seed=seed, **ask)
            assert held.pick_in_order(count=count, seed=seed, **ask) == sql, ask
            assert held.any_unseen(**ask) == any_unseen(session=session, **ask), ask
            compared += 1
            chosen += len(sql)
    assert compared == 1500 and chosen > 1000  # most questions do find items
    assert ANY not in held.by_topic


def test_substance_use_items_for_one_kind_wait_for_that_kind_to_be_named(content_db: Engine) -> None:
    """Al-Anon and naloxone are not for a gambler's family, Gam-Anon is not for a drinker's; general items stay."""
    from contentdb.catalogue import Catalogue

    held = Catalogue.read(content_db)
    gamblers, drinkers, unnamed = (held.about_other_struggles(named) for named in (["gambling"], ["drinking"], []))
    both = held.about_other_struggles(["drinking", "gambling"])
    assert {"support.any.resource.substance_use.01", "substance_use.support.resource.01",
            "substance_use.worried_about_safety.resource.01"} <= gamblers
    assert {"substance_use.support.resource.02", "substance_use.boundaries.tip.03"} <= drinkers == unnamed
    assert both == set() and not gamblers & drinkers
    # What it hides is all substance use; an overdose resource for everyone and CRAFT books stay for everyone.
    assert {held.items[item_id].concern for item_id in gamblers | drinkers} == {"substance_use"}
    assert "worried_about_safety.any.resource.03" not in gamblers and "support.any.resource.03" not in gamblers
    assert held.about_other_struggles(["gambling"], ["seen.1"]) == gamblers | {"seen.1"}
