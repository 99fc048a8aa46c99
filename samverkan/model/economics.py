"""What an alternative way of working assumes about money over the years: the inputs of the
investment case (issue 16, part 2), as plain immutable values.

An alternative states, beside its mapped tasks:

- the **outcome condition**: what is assumed about the outcome for the child, and its source.
  A gain only counts if the child is at least as well off (seed 000, 5.2), so every output of
  the investment case shows this text beside the gain;
- **investments**: what each organisation pays to work this way, year by year — kronor, a share
  of full time of a role (a 1.0 FTE social worker at the school: the role's monthly cost × 12 ×
  the share), or training days of some people of a role (days × the hours of a working day ×
  the role's hourly cost);
- **later interventions avoided**: for the cases handled this way, the share that no longer needs
  an intervention of a price list (SKR's *Insatskostnader*: an activity, its unit and its price),
  how many units each, how many years after the case and for how many years. A negative share
  means that more cases need it.

Who invests and who benefits is said per organisation, as in the New Economy (GMCA) cost-benefit
model, so that the flows between organisations can be shown year by year.

A price list is read by `samverkan.formats.price_list`; the arithmetic is in
`samverkan.model.investment`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AvoidedIntervention",
    "Economics",
    "Investment",
    "Outcome",
    "Price",
    "PriceList",
    "ThreePoint",
]


@dataclass(frozen=True)
class Outcome:
    """What is assumed about the outcome for the child, and where that assumption comes from."""

    assumption: str
    source: str = ""


@dataclass(frozen=True)
class ThreePoint:
    """A low, most likely and high value (an expert's three-point estimate)."""

    low: float
    likely: float
    high: float

    @property
    def is_exact(self) -> bool:
        return self.low == self.likely == self.high

    @staticmethod
    def exact(value: float) -> ThreePoint:
        return ThreePoint(value, value, value)


@dataclass(frozen=True)
class Investment:
    """One cost an organisation takes on to work this way, in each year `from_year`–`to_year`.

    Exactly one of three amounts a year: `kronor`; a share of full time `fte` of `role`
    (× `people`); or `days` of training or work of `people` of `role`. Years count from 1, the
    first year of the new way of working; a one-off cost has `from_year == to_year`.
    `covers_case_time` says that the post does the role's tasks in the cases.
    """

    name: str
    org: str
    from_year: int = 1
    to_year: int = 1
    kronor: float | None = None
    role: str | None = None
    fte: float | None = None
    days: float | None = None
    people: float = 1.0
    source: str = ""
    # A post whose holder does the role's tasks in the cases (a social worker placed at the
    # school): its case time is paid by this investment, so it is taken out of the changed
    # cost of each case rather than counted twice.
    covers_case_time: bool = False

    @property
    def years(self) -> range:
        return range(self.from_year, self.to_year + 1)


@dataclass(frozen=True)
class AvoidedIntervention:
    """A later intervention needed less often when cases are handled this way.

    Of each year's cases, `cases_share` (low/likely/high; negative when more cases need it) no
    longer need `units` units of `intervention` (an id of the price list) a year, starting
    `years_after` years after the year of the case (0: the same year) and lasting `for_years`
    years. The saving is `org`'s, which would have paid for the intervention.
    """

    intervention: str
    org: str
    cases_share: ThreePoint
    units: float
    years_after: int = 0
    for_years: int = 1
    source: str = ""


@dataclass(frozen=True)
class Economics:
    """An alternative's investment-case inputs: its outcome condition, investments and the
    later interventions it is assumed to avoid."""

    outcome: Outcome
    investments: tuple[Investment, ...] = ()
    avoided: tuple[AvoidedIntervention, ...] = ()


@dataclass(frozen=True)
class Price:
    """One line of a price list: what one unit of an intervention costs, in its price year."""

    id: str
    name: str
    unit: str
    kronor: float
    price_year: int
    source: str = ""


@dataclass(frozen=True)
class PriceList:
    """Standard prices of interventions and the index that moves them to one price year.

    `index` maps a year to a price index (any base); a price of year y in the price year p is
    `kronor × index[p] / index[y]`. `illustrative` marks a list that is an example, not a
    source: every output that uses it says so.
    """

    prices: tuple[Price, ...]
    index: dict[int, float] = field(default_factory=dict)
    name: str = ""
    illustrative: bool = False
    # Where the index comes from; an index that is an example is said to be one.
    index_name: str = ""
    index_illustrative: bool = False

    def price(self, price_id: str) -> Price | None:
        return next((p for p in self.prices if p.id == price_id), None)

    @property
    def latest_year(self) -> int | None:
        """The latest price year of the prices: the default year all are moved to."""
        years = [p.price_year for p in self.prices]
        return max(years) if years else None

    def index_factor(self, from_year: int, to_year: int) -> float:
        """What a krona of `from_year` is worth in `to_year`: 1 for the same year."""
        if from_year == to_year:
            return 1.0
        return self.index[to_year] / self.index[from_year]

    def kronor_in(self, price: Price, price_year: int) -> float:
        """The price of one unit moved to `price_year` by the index."""
        return price.kronor * self.index_factor(price.price_year, price_year)
