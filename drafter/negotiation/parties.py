"""Parties and negotiating groups, with the spellings negotiators actually use.

`PartyRegistry.normalise("G77/China")` gives "G-77 and China"; "US", "USA" and
"U.S." give "United States". Names are compared by a key that ignores case,
punctuation, spacing and a joining "and", so "G-77 & China" matches too. Users
add their own Parties or aliases; a session keeps those in its journal.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Negotiating groups and blocs, with their usual variants.
GROUPS: Mapping[str, tuple[str, ...]] = {
    "G-77 and China": ("G77/China", "G-77/China", "G77 and China", "G77", "G-77", "Group of 77 and China"),
    "European Union": ("EU", "E.U.", "EU and its member States", "European Union and its member States"),
    "Umbrella Group": ("UG", "Umbrella"),
    "AOSIS": ("Alliance of Small Island States", "SIDS"),
    "LDCs": ("LDC", "LDC Group", "Least Developed Countries"),
    "African Group": ("AGN", "Africa Group", "African Group of Negotiators", "Group of African States"),
    "LMDC": ("LMDCs", "Like-Minded Developing Countries", "LMDC Group"),
    "EIG": ("Environmental Integrity Group",),
    "AILAC": ("Independent Alliance of Latin America and the Caribbean",),
    "Arab Group": ("Arab States", "League of Arab States"),
    "ALBA": ("Bolivarian Alliance for the Peoples of Our America",),
    "BASIC": ("Brazil, South Africa, India and China",),
    "CfRN": ("CFRN", "Coalition for Rainforest Nations"),
    "SICA": ("Central American Integration System",),
    "CARICOM": ("Caribbean Community",),
    "ABU": ("Argentina, Brazil and Uruguay",),
}

# Variants of single Parties' names (the canonical name is the key).
PARTY_ALIASES: Mapping[str, tuple[str, ...]] = {
    "United States": ("US", "USA", "U.S.", "U.S.A.", "United States of America"),
    "United Kingdom": ("UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland", "Great Britain"),
    "Russian Federation": ("Russia",),
    "China": ("PRC", "People's Republic of China"),
    "Republic of Korea": ("South Korea", "Korea", "ROK"),
    "Democratic People's Republic of Korea": ("North Korea", "DPRK"),
    "Iran": ("Iran (Islamic Republic of)", "Islamic Republic of Iran"),
    "Bolivia": ("Bolivia (Plurinational State of)", "Plurinational State of Bolivia"),
    "Venezuela": ("Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"),
    "Tanzania": ("United Republic of Tanzania",),
    "Syria": ("Syrian Arab Republic",),
    "Laos": ("Lao People's Democratic Republic", "Lao PDR"),
    "Viet Nam": ("Vietnam",),
    "Türkiye": ("Turkey", "Turkiye"),
    "Côte d'Ivoire": ("Cote d'Ivoire", "Ivory Coast"),
    "Micronesia": ("Micronesia (Federated States of)", "Federated States of Micronesia"),
    "Moldova": ("Republic of Moldova",),
    "North Macedonia": ("Macedonia",),
    "Czechia": ("Czech Republic",),
    "Eswatini": ("Swaziland",),
    "Cabo Verde": ("Cape Verde",),
    "Timor-Leste": ("East Timor",),
    "Democratic Republic of the Congo": ("DRC", "DR Congo"),
    "Congo": ("Republic of the Congo",),
    "Saudi Arabia": ("KSA",),
    "United Arab Emirates": ("UAE",),
    "New Zealand": ("NZ",),
    "State of Palestine": ("Palestine",),
}

# The other Parties to the UNFCCC, by their common names.
OTHER_PARTIES = (
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda", "Argentina", "Armenia",
    "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain", "Bangladesh", "Barbados", "Belarus", "Belgium",
    "Belize", "Benin", "Bhutan", "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei Darussalam",
    "Bulgaria", "Burkina Faso", "Burundi", "Cambodia", "Cameroon", "Canada", "Central African Republic", "Chad",
    "Chile", "Colombia", "Comoros", "Cook Islands", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Denmark",
    "Djibouti", "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
    "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia", "Georgia", "Germany",
    "Ghana", "Greece", "Grenada", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras",
    "Hungary", "Iceland", "India", "Indonesia", "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan",
    "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait", "Kyrgyzstan", "Latvia", "Lebanon", "Lesotho",
    "Liberia", "Libya", "Liechtenstein", "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia",
    "Maldives", "Mali", "Malta", "Marshall Islands", "Mauritania", "Mauritius", "Mexico", "Monaco", "Mongolia",
    "Montenegro", "Morocco", "Mozambique", "Myanmar", "Namibia", "Nauru", "Nepal", "Netherlands", "Nicaragua",
    "Niger", "Nigeria", "Niue", "Norway", "Oman", "Pakistan", "Palau", "Panama", "Papua New Guinea", "Paraguay",
    "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Rwanda", "Saint Kitts and Nevis",
    "Saint Lucia", "Saint Vincent and the Grenadines", "Samoa", "San Marino", "Sao Tome and Principe",
    "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Solomon Islands",
    "Somalia", "South Africa", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden",
    "Switzerland", "Tajikistan", "Thailand", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia", "Turkmenistan",
    "Tuvalu", "Uganda", "Ukraine", "Uruguay", "Uzbekistan", "Vanuatu", "Yemen", "Zambia", "Zimbabwe",
)  # fmt: skip

IGNORED = re.compile(r"[\s.\-_/&,'’()]+|\band\b")


def name_key(name: str) -> str:
    """The comparison key of a name: case, punctuation, spacing and "and" do not count."""
    return IGNORED.sub("", name.casefold())


@dataclass(frozen=True, slots=True)
class PartyEntry:
    name: str
    detail: str  # "negotiating group", "Party", "added", with other spellings


class UnknownPartyError(ValueError):
    """A name that is no known Party or group; the message suggests close ones."""


class PartyRegistry:
    """Known Parties and groups; `normalise` maps any known spelling to the canonical name."""

    def __init__(self) -> None:
        self._canonical: dict[str, str] = {}  # name key -> canonical name
        self._spellings: dict[str, str] = {}  # spelling as written -> canonical name
        self._names: list[str] = []
        for name, aliases in (*GROUPS.items(), *PARTY_ALIASES.items(), *((n, ()) for n in OTHER_PARTIES)):
            self.add(name, aliases)

    @property
    def names(self) -> tuple[str, ...]:
        """Every canonical name, in the order added (groups first)."""
        return tuple(self._names)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(GROUPS)

    def entries(self) -> tuple[PartyEntry, ...]:
        """Every canonical name with what it is and its other spellings, groups first."""
        spellings: dict[str, list[str]] = {name: [] for name in self._names}
        for spelling, canonical in self._spellings.items():
            if spelling != canonical:
                spellings[canonical].append(spelling)
        known = set(OTHER_PARTIES) | set(PARTY_ALIASES)
        entries = []
        for name in self._names:
            kind = "negotiating group" if name in GROUPS else "Party" if name in known else "added"
            others = f": {', '.join(spellings[name])}" if spellings[name] else ""
            entries.append(PartyEntry(name, kind + others))
        return tuple(entries)

    def add(self, name: str, aliases: Iterable[str] = ()) -> str:
        """Adds a Party or group (or aliases of a known one); returns its canonical name."""
        name = " ".join(name.split())
        if not name_key(name):
            raise UnknownPartyError(f"{name!r} is not a usable Party name")
        canonical = self._canonical.get(name_key(name), name)
        if canonical == name and name not in self._names:
            self._names.append(name)
        for spelling in (name, *aliases):
            self._canonical.setdefault(name_key(spelling), canonical)
            self._spellings.setdefault(spelling, canonical)
        return canonical

    def lookup(self, name: str) -> str | None:
        return self._canonical.get(name_key(name))

    def nearest(self, name: str, n: int = 3) -> list[str]:
        """Known names closest to `name` (a typo: "Saudia Arabia" -> "Saudi Arabia"), closest first."""
        by_key = {name_key(known): known for known in self._names}
        close = difflib.get_close_matches(name_key(name), list(by_key), n=n, cutoff=0.6)
        found = [by_key[key] for key in close]
        return found or difflib.get_close_matches(name, self._names, n=n, cutoff=0.6)

    def normalise(self, name: str) -> str:
        """The canonical name for `name`, or `UnknownPartyError` with suggestions."""
        found = self.lookup(name)
        if found is not None:
            return found
        close = self.nearest(name)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownPartyError(
            f"unknown Party or group {name!r}{hint} (add it with `drafter party FILE --add NAME`)"
        )
