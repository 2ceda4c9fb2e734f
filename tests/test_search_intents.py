"""Search reads a question for what it asks and what it names, and says so when it holds nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magref import dataset, question, search
from magref.errors import NotFound
from magref.model import FaqItem
from tests.conftest import Run

DATA = dataset.load()


def top(text: str, count: int = 3) -> list[str]:
    return [f"{hit.kind}:{hit.id}" for hit in search.search(DATA, text).hits[:count]]


# -- reading the question ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("is 500 mg of magnesium too much", "too-much"),
        ("How much does a 70 year old need?", "how-much"),
        ("should i take it with food or on an empty stomach", "when"),
        ("which magnesium is best absorbed", "which-form"),
        ("does magnesium give you diarrhea", "side-effects"),
        ("my magnesium level came back at 1.6", "result"),
        ("how long does it take to work", "how-long"),
        ("what meds interact with magnesium", "interactions"),
        ("I am pregnant, is 350mg safe", "too-much"),
    ],
)
def test_the_first_intent_is_what_the_question_asks(text: str, intent: str) -> None:
    assert question.read(text).intents[0] == intent


def test_with_food_is_a_question_of_when_not_of_food() -> None:
    asked = question.read("should I take magnesium with food")
    assert asked.intents == ["when"]
    assert "food" not in asked.words


def test_figures_are_read_with_their_units() -> None:
    asked = question.read("Mg 1.4 mg/dL (1.6-2.6) L and I take 1,000 mg a day")
    assert [(r.value, r.unit, r.low, r.high) for r in asked.results] == [(1.4, "mg/dL", 1.6, 2.6)]
    assert [a.mg for a in asked.amounts] == [1000.0]


def test_a_bare_level_keeps_no_unit() -> None:
    (result,) = question.read("a level of 2.6").results
    assert (result.value, result.unit) == (2.6, None)


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("How much does a 70 year old need?", 70.0, None),
        ("dose for a 35-year-old woman", 35.0, "female"),
        ("my 8 months old baby", 8 / 12, None),
        ("aged 12 boy", 12.0, "male"),
    ],
)
def test_a_person_is_read_from_the_question(text: str, age: float, sex: str | None) -> None:
    person = question.read(text).person
    assert person is not None
    assert person.age == pytest.approx(age)
    assert person.sex == sex


WORDS = st.sampled_from(
    ["too", "much", "with", "food", "500", "mg", "1.4", "mg/dL", "70", "year", "old", "woman",
     "pregnant", "uk", "sleep", "hair", "how", "long", "level", "(", ")", "-", "zzz", "best"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30))
def test_every_word_is_read_as_something(parts: list[str]) -> None:
    """Each word typed is a cue, a figure, part of the person, or left as a word: none dropped."""
    text = " ".join(parts)
    asked = question.read(text)
    kept = " ".join(
        [*asked.cues, *asked.words, asked.person.text if asked.person else ""]
        + [a.text for a in asked.amounts]
        + [r.text for r in asked.results]
    ).casefold()
    for word in parts:
        if word.isalpha() and word not in question.FLAG_WORDS:
            assert word in kept, (text, asked)


# -- answering it --------------------------------------------------------------------------------


def test_too_much_answers_with_the_upper_limit_first() -> None:
    assert top("Is 500 mg of magnesium too much?", 1) == ["faq:upper-limit"]


def test_a_person_gets_their_own_figures_first() -> None:
    results = search.search(DATA, "How much magnesium does a 70 year old need?")
    assert results.hits[0].kind == "dose"
    assert {t.rda_mg for t in results.targets} == {320, 420}
    assert {t.upper.mg for t in results.targets} == {350}


def test_a_child_meets_the_childrens_entries_too() -> None:
    found = top("how much magnesium should a 10 year old take", 4)
    assert found[0] == "dose:10"
    assert {"caution:children", "faq:children"} & set(found)


def test_a_result_without_a_unit_is_read_every_way() -> None:
    results = search.search(DATA, "is a magnesium level of 2.6 bad")
    assert results.hits[0].kind == "lab"
    (lab,) = results.labs
    assert lab.unit is None
    assert [r.unit for r in lab.readings] == ["mg/dL", "mmol/L", "mEq/L"]
    assert all(r.status == "high" for r in lab.readings)


def test_a_printed_range_is_used_for_the_result() -> None:
    (lab,) = search.search(DATA, "Mg 1.4 mg/dL (1.6-2.6) L").labs
    assert (lab.readings[0].status, lab.readings[0].range.low) == ("low", 1.6)


def test_with_a_medicine_the_medicine_leads() -> None:
    (first,) = top("when should I take magnesium with levothyroxine", 1)
    assert first.startswith(("interaction:", "medicine:"))


@pytest.mark.parametrize("text", ["asdf qwer", "no-such-command", "does magnesium help hair growth"])
def test_nothing_on_it_is_a_miss(text: str) -> None:
    with pytest.raises(NotFound) as caught:
        search.search(DATA, text)
    assert caught.value.reason == "nothing-on"


def test_an_unlisted_medicine_is_never_answered_by_general_entries() -> None:
    with pytest.raises(NotFound) as caught:
        search.search(DATA, "is magnesium safe with humira")
    assert caught.value.names == ["humira"]


def test_a_brand_the_dataset_holds_is_answered_by_its_medicine_first() -> None:
    assert top("is magnesium safe with ozempic", 1) == ["medicine:semaglutide"]


def test_words_no_entry_holds_are_reported_when_the_rest_answers() -> None:
    results = search.search(DATA, "how much magnesium for my grandma")
    assert "grandma" in results.not_found
    assert results.hits


@pytest.mark.parametrize("text", ["sleep", "magnesium for sleep", "migraine", "leg cramps at night"])
def test_sources_stay_out_of_the_top_three_unless_asked_for(text: str) -> None:
    assert not [hit for hit in top(text) if hit.startswith("source:")]


def test_sources_come_when_asked_for() -> None:
    assert any(hit.startswith("source:") for hit in top("which studies and sources are cited", 5))


# -- on the command line -------------------------------------------------------------------------


def test_a_miss_after_magref_is_one_line_and_exit_1(magref: Run) -> None:
    result = magref("no-such-command")
    assert result.code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "is not a command" in result.stderr and "no entry is about" in result.stderr


def test_a_word_close_to_a_command_is_a_usage_error(magref: Run) -> None:
    result = magref("serch", "sleep")
    assert result.code != 0
    assert "search" in result.stderr


def test_words_after_magref_are_searched_with_a_notice(magref: Run) -> None:
    result = magref("glycinate", "for", "sleep")
    assert result.code == 0
    assert "not a command" in result.stderr
    assert "glycinate" in result.stdout.casefold()


def test_search_json_carries_the_reading(magref: Run) -> None:
    document = magref("search", "how much for a 70 year old woman", "--json").json
    assert document["intents"][0] == "how-much"
    assert document["hits"][0]["command"] == "magref dose 70 female"
    assert [t["rda_mg"] for t in document["targets"]] == [320]


def test_the_medicine_leads_over_the_magnesium_product_named_with_it() -> None:
    assert top("Can You Take Magnesium Citrate with Eliquis?", 1) == ["medicine:apixaban"]


def test_how_long_one_can_take_it_asks_whether_it_is_safe() -> None:
    assert question.read("How long can you take magnesium citrate?").intents[0] == "safe"


def test_a_strength_after_magnesium_is_not_a_blood_result() -> None:
    assert question.read("magnesium glycinate 400").results == []
    assert [r.value for r in question.read("my magnesium is 1.6").results] == [1.6]


def test_od_is_once_daily_not_an_overdose() -> None:
    assert "too-much" not in question.read("magnesium od").intents


# -- rules learnt from questions people asked ------------------------------------------------------


def test_a_bare_level_before_magnesium_in_a_question_of_low_is_a_result() -> None:
    assert top("is 1.5 magnesium low", 1) == ["lab:1.5"]
    assert not question.read("take 2 magnesium tablets").results


def test_a_word_read_as_a_close_name_names_it() -> None:
    assert top("does a magnesium tablet make you sleepy", 1)[0] in {"use:sleep", "faq:sleep"}


@pytest.mark.parametrize(
    ("text", "unheld"),
    [
        ("do magnesium pills cause kidney stones", "stones"),
        ("how much magnesium should I take for eyelash growth", "eyelash"),
        ("can magnesium interact with tattoo ink", "tattoo"),
    ],
)
def test_a_subject_magref_does_not_hold_is_a_miss_even_when_its_words_are_elsewhere(
    text: str, unheld: str
) -> None:
    with pytest.raises(NotFound) as caught:
        search.search(DATA, text)
    assert caught.value.reason == "nothing-on"
    assert unheld in caught.value.names


def test_a_family_of_medicines_leads_over_what_it_is_taken_for() -> None:
    assert top("magnesium with my SSRIs for depression", 1) == ["family:antidepressants"]


def test_a_food_answers_how_much_magnesium_it_holds() -> None:
    assert top("how much magnesium is in a banana", 1) == ["food:banana"]


def test_the_faq_that_lists_a_rare_word_leads_the_general_answer() -> None:
    assert top("does magnesium lotion get absorbed through the skin", 1) == ["faq:epsom-salt-baths"]


def test_a_group_faq_leads_its_caution() -> None:
    assert top("how much magnesium does a senior need", 2) == ["faq:older-adults", "caution:older-adults"]


def test_the_level_of_something_else_is_not_a_magnesium_result() -> None:
    assert question.read("can magnesium help blood sugar levels in diabetes").intents == ["helps"]


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("when is magnesium deficiency serious", ["deficiency", "when"]),
        ("what can happen if i don't get enough magnesium", ["deficiency", "side-effects"]),
        ("which magnesium should I be taking", ["which-form", "deficiency"]),
    ],
)
def test_a_cue_that_only_hints_yields_to_what_else_is_asked(text: str, intents: list[str]) -> None:
    assert question.read(text).intents == intents


def test_a_question_of_a_normal_level_without_a_figure_meets_the_ranges() -> None:
    assert top("what is a normal magnesium level", 1) == ["faq:low-magnesium"]
    item = DATA.by_id("faq", "low-magnesium", FaqItem)
    assert item is not None and "0.70 to 1.00 mmol/L" in item.answer


def test_a_subject_magref_does_not_hold_is_one_line_and_exit_1_on_the_command_line(magref: Run) -> None:
    result = magref("search", "do magnesium pills cause kidney stones")
    assert result.code == 1
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "text",
    [
        "does magnesium help with weight loss",
        "can magnesium help you lose belly fat",
        "will magnesium help me lose weight",
    ],
)
def test_a_does_it_help_question_needs_an_entry_about_its_words_together(text: str) -> None:
    """Each word is in some title ("compound weight", "hearing loss"), none about both."""
    with pytest.raises(NotFound) as missing:
        search.search(DATA, text)
    assert missing.value.reason == "nothing-on"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("does magnesium help heart palpitations", "use:heart-rhythm"),
        ("does magnesium help muscle cramps at night", "use:muscle-cramps"),
        ("does magnesium help me feel calm", "faq:anxiety"),
    ],
)
def test_a_does_it_help_question_about_a_held_subject_still_answers(text: str, entry: str) -> None:
    assert entry in top(text, 2)


@pytest.mark.parametrize("text", ["kidney stones and magnesium", "magnesium kidney stones"])
def test_a_topic_magref_does_not_hold_finds_nothing_even_without_a_question(text: str) -> None:
    """'kidney' is part of 'kidney stones', which no entry is about: no kidney beans, no list."""
    with pytest.raises(NotFound) as missing:
        search.search(DATA, text)
    assert missing.value.reason == "nothing-on"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("what does a high magnesium level in the blood mean", "faq:signs-of-too-much"),
        ("what does a low magnesium level mean", "faq:low-magnesium"),
    ],
)
def test_a_level_question_with_no_figure_answers_what_high_or_low_means(text: str, first: str) -> None:
    assert top(text, 1) == [first]
    assert question.read(text).intents[-1] == "result"


def test_with_no_figure_too_high_is_asked_before_the_level() -> None:
    assert question.read("elevated magnesium in blood test").intents == ["too-much", "result"]


def test_a_level_with_a_figure_is_still_read_first() -> None:
    assert top("my magnesium level is 2.8 mg/dL is that high", 1)[0].startswith("lab:")


@pytest.mark.parametrize("text", ["is magnesium safe for everyone", "who should avoid magnesium"])
def test_who_may_take_it_is_a_safety_question_not_a_missing_subject(text: str) -> None:
    """'everyone' names nothing magref should hold; 'should avoid' asks whether it is safe. Whether
    it is safe for everyone is the limit's question; who should avoid it asks for the people it is
    not safe for, which the cautions name, those who must not take it first."""
    assert question.read(text).intents == ["safe"]
    first = "caution:kidney-severe" if text.startswith("who") else "faq:upper-limit"
    assert top(text, 1) == [first]


@pytest.mark.parametrize(
    "text",
    [
        "Who should not take magnesium?",
        "Is there anyone who can't take Magnesium?",
        "Who is magnesium not good for?",
        "who is not supposed to take magnesium",
    ],
)
def test_who_may_not_take_it_is_answered_by_the_cautions_most_serious_first(text: str) -> None:
    assert question.read(text).intents[0] == "safe"
    found = top(text, 5)
    assert found[0] == "caution:kidney-severe"
    assert {"caution:kidney", "caution:heart-block", "caution:myasthenia-gravis"} <= set(found)


def test_not_good_for_is_not_read_as_good_for() -> None:
    assert question.read("is magnesium not good for me").intents == ["safe"]
    assert question.read("is magnesium good for me").intents == ["helps"]


@pytest.mark.parametrize(
    "text",
    ["What might a high result mean?", "What if my magnesium level is high?", "high readings of magnesium"],
)
def test_a_high_result_with_no_figure_asks_what_high_blood_magnesium_means(text: str) -> None:
    """'high' beside (or after) a result asks about the level as well as about too much."""
    asked = question.read(text)
    assert set(asked.intents) >= {"too-much", "result"}
    assert "high" not in asked.words  # read as what is asked, not dropped
    assert top(text, 1) == ["faq:signs-of-too-much"]


def test_low_after_a_level_asks_about_too_little() -> None:
    asked = question.read("is my magnesium level low")
    assert asked.intents[0] == "deficiency" and "low" in asked.cues
    assert top("is my magnesium level low", 1) == ["faq:low-magnesium"]


@pytest.mark.parametrize("text", ["Are there any safety issues?", "any safety concerns with magnesium"])
def test_safety_issues_ask_about_side_effects(text: str) -> None:
    assert question.read(text).intents == ["side-effects"]
    assert top(text, 1) == ["faq:side-effects"]


def test_the_cli_reads_a_high_result_as_the_core_does(magref: Run) -> None:
    result = magref("search", "What might a high result mean?", "--json")
    assert result.code == 0, result
    assert result.json["hits"][0]["id"] == "signs-of-too-much"
    assert "too-much" in result.json["intents"]


@pytest.mark.parametrize(
    "text",
    [
        "should I try magnesium for sleep",
        "have you considered trying magnesium for migraine",
        "can magnesium reduce cramps",
    ],
)
def test_trying_it_for_something_or_reducing_something_asks_whether_it_helps(text: str) -> None:
    assert question.read(text).intents[0] == "helps"
    assert top(text, 3)[0].startswith("use:")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Can You Take Magnesium with Acid Reflux Meds?", "interaction:proton-pump-inhibitors"),
        ("magnesium with acid reflux medications", "interaction:proton-pump-inhibitors"),
        ("can I take magnesium with my blood pressure drugs", "family:blood-pressure-medicines"),
    ],
)
def test_any_word_for_a_medicine_ends_a_name_held_with_another(text: str, first: str) -> None:
    """'meds', 'drugs', 'medications' after a condition name the medicines for it, as 'medicine' does."""
    assert top(text, 1) == [first]


def test_a_name_ending_in_a_word_for_a_medicine_is_also_read_with_the_others() -> None:
    from magref import names

    assert "acidrefluxmedicine" in names.variants("acidrefluxmeds")
    assert "heartburnpill" in names.variants("heartburntablets")
    assert names.variants("meds") == ["meds", "med"]  # the word alone is not a name's ending


@pytest.mark.parametrize("text", ["Can Magnesium Help Panic Attacks?", "magnesium for a panic attack"])
def test_panic_attacks_are_read_as_anxiety(text: str) -> None:
    assert top(text, 2) == ["use:anxiety", "faq:anxiety"]


@pytest.mark.parametrize(
    "text", ["Can I Drink Coffee With Magnesium Citrate?", "can I take magnesium glycinate with my kombucha"]
)
def test_something_not_held_taken_with_magnesium_finds_nothing_rather_than_the_form(text: str) -> None:
    """What 'with' joins to magnesium is what is asked about; the form alone does not answer it."""
    with pytest.raises(NotFound) as missing:
        search.search(DATA, text)
    assert missing.value.reason == "nothing-on"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Why not use magnesium with doxycycline treatment for bacterial infections?",
            "interaction:tetracyclines",
        ),
        ("Can I take magnesium glycinate with xanax?", "medicine:alprazolam"),
    ],
)
def test_a_word_not_held_elsewhere_does_not_hide_what_with_joins(text: str, first: str) -> None:
    assert top(text, 1) == [first]


def test_the_cli_says_what_it_holds_nothing_on_for_something_taken_with_magnesium(magref: Run) -> None:
    result = magref("search", "Can I Drink Coffee With Magnesium Citrate?")
    assert result.code == 1, result
    assert "coffee" in result.stderr.casefold()


@pytest.mark.parametrize("text", ["can magnesium cause heart palpitations?", "Can magnesium cause insomnia?"])
def test_what_magnesium_causes_is_answered_by_its_side_effects_before_the_use_of_that_name(text: str) -> None:
    hits = top(text, 3)
    assert hits[0] == "faq:side-effects"
    assert any(hit.startswith("use:") for hit in hits)  # the use is still among the first


@pytest.mark.parametrize(
    "text",
    ["How Long Does It Take Magnesium Citrate to Work?", "how long does milk of magnesia take to work"],
)
def test_how_long_a_named_product_takes_is_led_by_that_product_not_the_back_pain_answer(text: str) -> None:
    hits = top(text, 3)
    assert hits[0].startswith(("form:", "product:"))
    assert "faq:how-long-until-it-works" in hits


@pytest.mark.parametrize(
    "text",
    [
        "Can You Really Absorb Magnesium Through Your Skin with Epsom Salts?",
        "Any scientific proof that Epsom salt absorbs Magnesium transdermally?",
    ],
)
def test_a_named_form_asked_about_through_the_skin_is_led_by_the_faq_on_that(text: str) -> None:
    assert top(text, 2) == ["faq:epsom-salt-baths", "form:sulfate"]


def test_a_named_form_asked_about_on_its_own_still_leads() -> None:
    assert top("what is epsom salt", 1) == ["form:sulfate"]


@pytest.mark.parametrize(
    "text", ["Can i take magnesium with high blood pressure pills?", "high blood pressure meds and magnesium"]
)
def test_high_blood_pressure_pills_are_the_medicines_not_the_condition(text: str) -> None:
    assert top(text, 1) == ["family:blood-pressure-medicines"]
    assert "use:blood-pressure" in top(text, 5)


def test_magnesium_for_high_blood_pressure_is_still_the_condition() -> None:
    assert top("magnesium for high blood pressure", 1) == ["use:blood-pressure"]


@pytest.mark.parametrize(
    "text", ["take magnesium with dinner", "can I take magnesium with breakfast", "magnesium after dinner"]
)
def test_a_meal_it_is_taken_with_asks_when_to_take_it(text: str) -> None:
    """A meal is a time, not a food magref is asked about ('breakfast' once found a cereal)."""
    assert question.read(text).intents == ["when"]
    assert top(text, 1) == ["faq:best-time-of-day"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Have you ever wondered if magnesium supplements are safe for your baby?", "faq:children"),
        (
            "Who Shouldn't Take Magnesium? Understanding Key Risks and Contraindications",
            "caution:kidney-severe",
        ),
        ("Is magnesium safe for a 5-year-old with sleep issues?", "dose:5"),
    ],
)
def test_a_lead_in_or_a_headline_s_subtitle_does_not_make_a_question_about_nothing(
    text: str, first: str
) -> None:
    """'have you ever wondered if', 'understanding key risks', 'sleep issues': framing, not a subject
    magref lacks (which would have made the question one about something not held)."""
    assert top(text, 1) == [first]
    assert not {"ever", "wondered", "understanding", "key", "issues"} & set(
        search.search(DATA, text).not_found
    )


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("How do you get enough magnesium?", "food"),
        ("what is the best source of magnesium", "food"),
        ("what is the optimum source of intake", "food"),
        ("Who May Benefit From Taking Magnesium Supplements?", "deficiency"),
        ("who should take magnesium", "deficiency"),
    ],
)
def test_how_to_get_enough_asks_for_food_and_who_may_benefit_asks_who_runs_low(
    text: str, intent: str
) -> None:
    assert question.read(text).intents[0] == intent
    assert search.search(DATA, text).hits[0].kind == "faq"


def test_who_should_take_it_for_something_leads_with_that_something() -> None:
    """A weak 'who should take' gives way to what the question names ("for sleep")."""
    assert top("who should take magnesium for sleep", 1) == ["use:sleep"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Is it safe for a toddler to take a magnesium gummy daily?", "faq:children"),
        ("are magnesium gummies good for sleep", "use:sleep"),
    ],
)
def test_what_a_supplement_comes_as_is_not_a_subject_magref_lacks(text: str, first: str) -> None:
    assert top(text, 1) == [first]
    assert search.search(DATA, text).not_found == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Is magnesium present in breastmilk?", "caution:breastfeeding"),
        ("is magnesium in breast milk", "caution:breastfeeding"),
        ("recommended dosage of milk of magnesia for pediatric patients", "faq:children"),
    ],
)
def test_breast_milk_and_pediatric_name_who_is_asking(magref: Run, text: str, first: str) -> None:
    hits = magref("search", text, "--json").json["hits"]
    assert f"{hits[0]['kind']}:{hits[0]['id']}" == first


@pytest.mark.parametrize(
    "text",
    ["Can You Buy Magnesium Oxide 400 Mg Over The Counter?", "buy magnesium oxide 400 mg over the counter"],
)
def test_a_strength_in_a_question_of_buying_names_what_is_bought_not_a_dose(text: str) -> None:
    """The amount is the strength of what is bought: the oxide answers, not the upper limit."""
    asked = question.read(text)
    assert "too-much" not in asked.intents
    assert {"buy", "over the counter"} <= set(asked.cues)
    assert top(text, 1)[0] in {"form:oxide", "product:mag-ox-400", "product:magnesium-oxide-400-tablets"}
    assert search.search(DATA, text).not_found == []


def test_a_dose_with_no_word_of_buying_still_asks_about_the_limit() -> None:
    assert question.read("can I take 400 mg magnesium oxide").intents == ["too-much"]


def test_tests_in_the_plural_ask_about_a_blood_result() -> None:
    assert question.read("should we take magnesium without any tests").intents == ["result"]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("How to Use Epsom Salt as a Laxative", "product:epsom-salt-oral"),
        ("How to take epsom salts for constipation", "product:epsom-salt-oral"),
        ("magnesium hydroxide for constipation", "product:milk-of-magnesia"),
    ],
)
def test_a_form_taken_as_a_laxative_is_led_by_the_laxative_made_of_it(text: str, first: str) -> None:
    found = top(text, 5)
    assert found[0] == first
    assert any(entry.startswith("form:") for entry in found)  # the form still follows


def test_no_bowel_preparation_leads_for_a_form_taken_for_constipation() -> None:
    """Oxide is sold as a laxative only in bowel preparations, taken as a course before a procedure."""
    assert not any(entry.startswith("product:") for entry in top("magnesium oxide for constipation", 2))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("What type of magnesium is used in Natural Calm?", "product:natural-calm"),
        ("which is better natural calm or slow mag", "product:natural-calm"),
    ],
)
def test_a_question_of_form_about_a_product_and_no_form_is_answered_by_the_product(
    text: str, first: str
) -> None:
    assert top(text, 1) == [first]


def test_a_question_of_form_naming_a_form_still_leads_with_the_form() -> None:
    assert top("which form is better, glycinate or natural calm", 1)[0].startswith(("form:", "compare:"))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("What is the minimum age for magnesium citrate?", "faq:children"),
        ("at what age can you take magnesium", "faq:children"),
        ("how old do you have to be to take magnesium glycinate", "faq:children"),
        ("how old is too old for magnesium", "faq:older-adults"),
    ],
)
def test_a_question_of_from_what_age_is_answered_for_children(text: str, first: str) -> None:
    assert top(text, 1) == [first]
    assert search.search(DATA, text).not_found == []


def test_an_age_given_is_still_the_person_s_own() -> None:
    assert top("my son is 5 years old, how old does he need to be", 1) == ["dose:5"]
