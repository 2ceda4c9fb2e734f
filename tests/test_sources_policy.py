"""The sources policy (docs/sources.md) held to every link in data/sources.yaml.

A link is on a recognised publisher (ALLOWED), on a denied host (DENIED: never acceptable), or
neither; a link that is neither must be justified, by its source id, in the coverage note's
section "Sources off the recognised publishers". At least 97% of links are on recognised
publishers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from magref import dataset
from magref.model import Source

from .conftest import Run

#: Recognised publishers, matched as the host itself or any host under it ("nih.gov" covers
#: "dailymed.nlm.nih.gov"). Grouped as docs/sources.md groups them.
ALLOWED: tuple[str, ...] = (
    # primary documents: labels, SmPCs, EPARs, papers
    "dailymed.nlm.nih.gov",
    "doi.org",
    "pubmed.ncbi.nlm.nih.gov",
    "pmc.ncbi.nlm.nih.gov",
    "ncbi.nlm.nih.gov",
    "medicines.org.uk",
    "ema.europa.eu",
    "emjreviews.com",  # a journal's own page for the paper it published
    # official publishers: regulators, governments, health services, their reference tables
    "nih.gov",
    "medlineplus.gov",
    "hiv.gov",
    "fda.gov",
    "ecfr.gov",
    "usda.gov",
    "nhs.uk",
    "alfred.org.au",  # Alfred Health, a Victorian public health service: its pathology handbook
    "gov.uk",
    "legislation.gov.uk",
    "europa.eu",
    "efsa.europa.eu",
    "eur-lex.europa.eu",
    "gov.au",
    "tga.gov.au",
    "canada.ca",
    "hpfb-dgpsa.ca",
    "mhlw.go.jp",
    "who.int",
    "fao.org",
    "nap.edu",
    "norden.org",
    "ciaaw.org",
    "usp.org",
    "bfr.bund.de",
    "ernaehrungs-umschau.de",
    "tg.org.au",
    # the maker's own prescribing or product information
    "pfizermedicalinformation.com",
    "pfizermedicalinformation.hn",  # the same maker's medical information site, for Honduras
    "biktarvyhcp.com",
    "portrazza.com",
    "amgencompass.ca",
    "aprisorx.com",
    "rocaltrol.us",
    "niche-inc.com",
    "naturalcalm.ca",
    "jungbunzlauer.com",
    "drinklmnt.com",
    # established compendia
    "drugs.com",
    "medscape.com",
    "medscape.co.uk",
    "rxlist.com",
    "pdr.net",
    "empr.com",
    "mims.com",
    "mayoclinic.org",  # Mayo Clinic's drug pages publish Micromedex monographs
    "bnf.nice.org.uk",
    "nps.org.au",
    "vidal.fr",
    "vidal.ru",
    "uofmhealth.org",  # Michigan Medicine's health library publishes the Cerner Multum drug guides
    "relis.no",  # Norway's regional medicines information centres, part of the public health service
)

#: Hosts that are never a source: AI answer sites, coupon and pharmacy-marketing sites, blogs,
#: content farms and copy sites found in the dataset's history. A link here fails the test even if
#: the coverage note tries to justify it.
DENIED: tuple[str, ...] = (
    # AI answer sites
    "droracle.ai",
    "rxreasoner.com",
    # coupon and pharmacy-marketing sites
    "buzzrx.com",
    "pillsync.com",
    "upayanaturals.com",
    "hellopharmacist.com",
    # blogs
    "blogspot.com",
    "ptmasterguide.com",
    "wordpress.com",
    # content farms, scraped copies and aggregators
    "themeditary.com",
    "wikimd.com",
    "120ty.net",
    "znjke.com",
    "veryfocus.online",
    "sharecare.com",
    "wic-net.com",
    "wikidoc.org",
    "scilit.net",
    "webmd.com",
    "clinicalpainadvisor.com",
    "drugster.info",
    "recallguide.org",
    "healthscout.com",
    "healthcentral.com",
    "druglib.com",
    "blackboxrx.com",
    "globalrph.com",
    "imedikament.de",
    "drugfuture.com",
    "chestofbooks.com",
    "eatsip365.com",
    "medx.it.com",
    "tabsul.com",
    "medpill.info",
    "thewebhealth.com",
    "edrugswiki.com",
)

#: Share of links that must be on recognised publishers.
MINIMUM_SHARE = 0.97

COVERAGE = Path(__file__).parent.parent / "data" / "INTERACTIONS-COVERAGE.md"
SECTION = "## Sources off the recognised publishers"


def host_of(url: str) -> str:
    """The link's host, lower case, without a trailing dot ("wikidoc.org." is "wikidoc.org")."""
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def on(host: str, names: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith("." + name) for name in names)


def justified_ids(note: str) -> set[str]:
    """Source ids named (in backticks, at the start of a list item) in the note's section."""
    start = note.find(SECTION)
    if start < 0:
        return set()
    body = note[start + len(SECTION) :]
    end = re.search(r"^## ", body, re.MULTILINE)
    body = body[: end.start()] if end else body
    return set(re.findall(r"^- `([a-z0-9][a-z0-9.-]*)`", body, re.MULTILINE))


@dataclass(frozen=True)
class Verdict:
    links: int
    recognised: int
    problems: list[str]

    @property
    def share(self) -> float:
        return self.recognised / self.links if self.links else 1.0


def judge(sources: list[Source], justified: set[str]) -> Verdict:
    """Every problem with the dataset's links under the policy, and the share on recognised publishers."""
    problems: list[str] = []
    links = recognised = 0
    off_list: set[str] = set()
    for source in sources:
        if not source.url:
            continue
        links += 1
        host = host_of(source.url)
        if on(host, DENIED):
            problems.append(f"{source.id}: {host} is on the deny list")
        elif on(host, ALLOWED):
            recognised += 1
        else:
            off_list.add(source.id)
            if source.id not in justified:
                problems.append(f"{source.id}: {host} is not a recognised publisher and is not justified")
    known = {s.id for s in sources}
    for stale in sorted(justified - off_list):
        if stale in known:
            problems.append(f"{stale}: justified as off the list, but its link is not off the list")
        else:
            problems.append(f"{stale}: justified as off the list, but there is no such source")
    verdict = Verdict(links, recognised, problems)
    if verdict.share < MINIMUM_SHARE:
        share = f"{verdict.share:.1%}"
        problems.append(f"only {recognised} of {links} links ({share}) are on recognised publishers")
    return verdict


def bundled_verdict() -> Verdict:
    justified = justified_ids(COVERAGE.read_text(encoding="utf-8"))
    return judge(list(dataset.load().to_dataset().sources), justified)


def test_the_lists_do_not_overlap() -> None:
    assert [name for name in DENIED if on(name, ALLOWED)] == []
    assert [name for name in ALLOWED if on(name, DENIED)] == []


def test_every_source_link_follows_the_policy() -> None:
    verdict = bundled_verdict()
    assert verdict.problems == []
    assert verdict.share >= MINIMUM_SHARE


def test_the_coverage_note_justifies_each_link_off_the_list_in_words() -> None:
    note = COVERAGE.read_text(encoding="utf-8")
    assert SECTION in note
    for source_id in justified_ids(note):
        line = next(line for line in note.splitlines() if line.startswith(f"- `{source_id}`"))
        assert len(line.split(":", 1)[-1].split()) >= 8, f"{source_id}: say why the link is acceptable"


def test_a_planted_denied_host_fails() -> None:
    planted = Source(id="planted", title="Planted", url="https://www.droracle.ai/articles/1/magnesium")
    verdict = judge([planted], {"planted"})
    assert verdict.problems[0] == "planted: www.droracle.ai is on the deny list"


@pytest.mark.parametrize(
    "url",
    [
        "https://wikidoc.org./index.php?title=Anything",
        "http://origin-www.webmd.com/drugs/2/drug-1/details",
        "https://someone.blogspot.com/2016/03/post.html",
        "HTTPS://WWW.BUZZRX.COM/veltassa/warnings",
    ],
)
def test_denied_hosts_are_matched_however_they_are_written(url: str) -> None:
    assert on(host_of(url), DENIED)
    assert not on(host_of(url), ALLOWED)


def test_an_unknown_host_needs_a_justification() -> None:
    planted = Source(id="planted", title="Planted", url="https://example.org/page")
    assert judge([planted], set()).problems[0] == (
        "planted: example.org is not a recognised publisher and is not justified"
    )
    assert judge([planted], {"planted"}).problems == [
        "only 0 of 1 links (0.0%) are on recognised publishers",
    ]


def test_the_share_below_97_percent_fails_even_when_every_link_is_justified() -> None:
    good = [Source(id=f"s{i}", title="T", url=f"https://doi.org/10.1/{i}") for i in range(96)]
    odd = [Source(id=f"o{i}", title="T", url="https://example.org/") for i in range(4)]
    verdict = judge(good + odd, {f"o{i}" for i in range(4)})
    assert verdict.share == 0.96
    assert verdict.problems == ["only 96 of 100 links (96.0%) are on recognised publishers"]
    assert judge(good + odd[:2], {"o0", "o1"}).problems == []


def test_a_stale_justification_fails() -> None:
    good = Source(id="good", title="T", url="https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=x")
    assert judge([good], {"good", "gone"}).problems == [
        "gone: justified as off the list, but there is no such source",
        "good: justified as off the list, but its link is not off the list",
    ]


def test_a_denied_link_planted_in_a_copy_of_the_dataset_fails(data_copy: Path) -> None:
    sources = data_copy / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    planted = text.replace(
        'url: "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"',
        'url: "https://www.themeditary.com/magnesium.html"',
        1,
    )
    assert planted != text
    sources.write_text(planted, encoding="utf-8")
    loaded = dataset.load(data_copy, use_cache=False).to_dataset()
    verdict = judge(list(loaded.sources), justified_ids(COVERAGE.read_text(encoding="utf-8")))
    assert "ods-hp: www.themeditary.com is on the deny list" in verdict.problems


def test_the_sources_command_lists_no_denied_host(magref: Run) -> None:
    result = magref("sources", "--json")
    assert result.code == 0
    hosts = {host_of(item["url"]) for item in result.json["items"] if item["url"]}
    assert len(hosts) > 20
    assert [host for host in hosts if on(host, DENIED)] == []
    assert "dailymed.nlm.nih.gov" in hosts
