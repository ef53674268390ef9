"""The report on the whole system: what many reviews say together that no single one can.

Which contributing factors keep coming back (and in which quarters, and which
travel together), what was learned where they were ticked, whether actions get
done, and how the meetings went. Pure: the store hands over narrow rows (one
per review, per ticked factor, per insight, per action) and `build_report`
counts. Custom factors are matched by name across reviews, since each review
gives its own an id of its own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from statistics import median

from facilitator_tui.library.rows import ReportReview
from facilitator_tui.models import Factor

NO_FACTOR = "No factor ticked"
TOP_PAIRS = 10


@dataclass(frozen=True)
class FactorCount:
    key: str
    name: str
    group: str
    reviews: int
    share: float
    by_quarter: dict[str, int]
    review_ids: list[int]


@dataclass(frozen=True)
class FactorPair:
    first: str
    second: str
    reviews: int
    share: float


@dataclass(frozen=True)
class Learning:
    review_id: int
    review_title: str
    text: str


@dataclass(frozen=True)
class LearningGroup:
    factor: str
    learnings: list[Learning]


@dataclass(frozen=True)
class ActionFigures:
    total: int = 0
    done: int = 0
    open: int = 0
    dropped: int = 0
    overdue: int = 0
    median_days_to_done: float | None = None

    @property
    def share_done(self) -> float | None:
        return self.done / self.total if self.total else None


@dataclass(frozen=True)
class MeetingTotals:
    held: int = 0
    minutes_used: float = 0.0
    minutes_planned: int = 0
    over_timebox: int = 0
    median_minutes: float | None = None
    learned_yes: int = 0
    learned_no: int = 0
    again_yes: int = 0
    again_no: int = 0

    @property
    def learned_share(self) -> float | None:
        answers = self.learned_yes + self.learned_no
        return self.learned_yes / answers if answers else None

    @property
    def again_share(self) -> float | None:
        answers = self.again_yes + self.again_no
        return self.again_yes / answers if answers else None


@dataclass(frozen=True)
class Report:
    since: date | None
    until: date | None
    today: date
    reviews: list[ReportReview]
    quarters: list[str]
    factors: list[FactorCount]
    pairs: list[FactorPair]
    learnings: list[LearningGroup]
    actions: ActionFigures
    meetings: MeetingTotals
    titles: dict[int, str] = field(default_factory=dict)

    @property
    def review_count(self) -> int:
        return len(self.reviews)

    def factor(self, key: str) -> FactorCount | None:
        return next((f for f in self.factors if f.key == key), None)


def quarter(day: datetime) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _factor_key(review_id: int, factor_id: str, catalog: dict[str, Factor],
                by_name: dict[str, Factor], custom: dict[tuple[int, str], str]
                ) -> tuple[str, str, str]:
    """(key, name, group) of a ticked factor; custom ones key on their name, and one named
    like a factor of the catalog counts as that factor."""
    known = catalog.get(factor_id)
    if known is not None:
        return factor_id, known.name, known.group
    name = custom.get((review_id, factor_id))
    if name is not None:
        name = " ".join(name.split())
        same = by_name.get(name.casefold())
        if same is not None:
            return same.id, same.name, same.group
        return "custom:" + name.casefold(), name, "custom"
    return factor_id, factor_id, "other"


def build_report(
    reviews: Sequence[ReportReview],
    ticks: Iterable[tuple[int, str]],
    custom_names: dict[tuple[int, str], str],
    insights: Iterable[tuple[int, int, str]],
    actions: Iterable[tuple[int, str, date | None, datetime, datetime | None]],
    catalog: Iterable[Factor],
    *,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> Report:
    in_window = {r.id: r for r in reviews}
    titles = {r.id: r.title for r in reviews}
    count = len(reviews)
    known = {f.id: f for f in catalog}
    by_name = {f.name.casefold(): f for f in known.values()}

    # -- factors ------------------------------------------------------------------
    names: dict[str, tuple[str, str]] = {}
    per_review: dict[int, set[str]] = defaultdict(set)
    for review_id, factor_id in ticks:
        if review_id not in in_window:
            continue
        key, name, group = _factor_key(review_id, factor_id, known, by_name, custom_names)
        names.setdefault(key, (name, group))
        per_review[review_id].add(key)
    holders: dict[str, list[int]] = defaultdict(list)
    for review in reviews:  # in time order, so each factor's reviews are too
        for key in per_review.get(review.id, ()):
            holders[key].append(review.id)
    quarters = sorted({quarter(r.day) for r in reviews})
    factors = []
    for key, ids in holders.items():
        by_quarter = Counter(quarter(in_window[i].day) for i in ids)
        name, group = names[key]
        factors.append(FactorCount(key, name, group, len(ids), len(ids) / count,
                                   {q: by_quarter.get(q, 0) for q in quarters}, ids))
    factors.sort(key=lambda f: (-f.reviews, f.name.casefold(), f.key))

    pair_counts: Counter[tuple[str, str]] = Counter()
    for keys in per_review.values():
        for a, b in combinations(sorted(keys, key=lambda k: names[k][0].casefold()), 2):
            pair_counts[(a, b)] += 1
    top = sorted(pair_counts.items(), key=lambda kv: (-kv[1], names[kv[0][0]][0].casefold(),
                                                       names[kv[0][1]][0].casefold()))
    pairs = [FactorPair(names[a][0], names[b][0], n, n / count) for (a, b), n in top[:TOP_PAIRS]]

    # -- learnings, grouped by the factors ticked in their review ----------------------
    by_review: dict[int, list[Learning]] = defaultdict(list)
    for review_id, _note_id, text in insights:
        if review_id in in_window:
            by_review[review_id].append(Learning(review_id, titles[review_id], text))
    learnings = []
    for factor in factors:
        found = [item for rid in factor.review_ids for item in by_review.get(rid, ())]
        if found:
            learnings.append(LearningGroup(factor.name, found))
    loose = [item for r in reviews if not per_review.get(r.id) for item in by_review.get(r.id, ())]
    if loose:
        learnings.append(LearningGroup(NO_FACTOR, loose))

    return Report(
        since=since, until=until, today=today, reviews=list(reviews), quarters=quarters,
        factors=factors, pairs=pairs, learnings=learnings,
        actions=_action_figures(actions, in_window, today), meetings=_meeting_totals(reviews),
        titles=titles,
    )


def _action_figures(rows: Iterable[tuple[int, str, date | None, datetime, datetime | None]],
                    in_window: dict, today: date) -> ActionFigures:
    states: Counter[str] = Counter()
    overdue = 0
    days_to_done = []
    for review_id, state, due, created, changed in rows:
        if review_id not in in_window:
            continue
        states[state] += 1
        if state == "open" and due is not None and due < today:
            overdue += 1
        if state == "done" and changed is not None:
            days_to_done.append(max(0, (changed.date() - created.date()).days))
    return ActionFigures(
        total=sum(states.values()), done=states["done"], open=states["open"],
        dropped=states["dropped"], overdue=overdue,
        median_days_to_done=float(median(days_to_done)) if days_to_done else None,
    )


def _meeting_totals(reviews: Sequence[ReportReview]) -> MeetingTotals:
    minutes = []
    planned = over = 0
    learned = [0, 0]
    again = [0, 0]
    for review in reviews:
        start, end = review.meeting_started_at, review.meeting_ended_at
        if start is None or end is None:
            continue
        used = max(0.0, (end - start).total_seconds() / 60)
        minutes.append(used)
        planned += review.timebox_minutes
        over += used > review.timebox_minutes
        learned[0] += review.learned_yes
        learned[1] += review.learned_no
        again[0] += review.again_yes
        again[1] += review.again_no
    return MeetingTotals(
        held=len(minutes), minutes_used=sum(minutes), minutes_planned=planned, over_timebox=over,
        median_minutes=float(median(minutes)) if minutes else None,
        learned_yes=learned[0], learned_no=learned[1], again_yes=again[0], again_no=again[1],
    )
