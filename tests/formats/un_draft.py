"""A .docx built like a UN draft, and the text a reader of it sees.

Numbered paragraphs and sub-paragraphs are Word lists (1. / (a) / (i)); the sub-levels restart after
each higher level; a second list shares the first one's abstract definition (so it continues the
count); a third restarts at 10 with a start override; a heading style numbers the sections (I., II.)
through a numbering style link; brackets are in the text; there are tracked changes; eight comments
record Party positions in the spellings secretariats use, and two more are not positions.
"""

from __future__ import annotations

from pathlib import Path

from tests.formats.docx_fixtures import UN_LEVELS, Commented, Del, DraftDocument, Footnote, Ins, level

COMMENTS = {
    "LMDC": "LMDC: Delete whole section in its entirety – will not accept",
    "US-decides": "US: Clarifies not decides",
    "USA-concluded": "USA The section can be concluded here.",
    "CFRN-concluded": "CFRNSentence can be concluded here",
    "shall-should": "UK, CFRN – “shall” | US – “should”",
    "meeting": "16 November – IC | US: Delete “authorized”",
    "Pakistan": "Pakistan: A unilateral approach is not supported",
    "EU-G77": "EU and G77/China: support “2030”",
    "not-a-party": "Secretariat: check the reference to decision 2/CMA.3",
    "no-bracket": "Norway: Whole section lacks clarity",
}

TEXT = (
    """\
Draft decision -/CMA.7

Matters relating to cooperative approaches

The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,

Recalling decision 2/CMA.3 and its annex,

I.\tScope and definition

1.\t[Decides][Clarifies] that a cooperative approach [shall][should] involve at least two Parties;

(a)\tMitigation outcomes [authorized by a participating Party];

(i)\tFor use towards nationally determined contributions;

(ii)\tFor other international mitigation purposes1;

(b)\tNew text on [corresponding adjustments];

2.\t[The participating Party shall report annually][,]

(a)\tThe report shall be public;

II.\tFurther guidance

3.\t[Requests the secretariat to prepare a report];

4.\tReports are due by [2028][2030];

10.\tThe [technical expert review] shall be completed within [X] weeks;

11.\tFinal provisions apply.

(a)\tEntry into force.

Table: [entity]

Party A

Row two

[2035]

"""
    + " " * 20
    + "\n1 Without prejudice to [any] future decision."
)


def build(path: Path) -> Path:
    doc = DraftDocument()
    doc.abstract(10, UN_LEVELS)
    doc.num(1, 10)
    doc.num(2, 10)  # shares abstract 10: continues the count
    doc.num(3, 10, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride>')
    # Section headings: a list style ("UNSections") whose definition the heading list links to.
    doc.abstract(30, level(0, "upperRoman", "%1.", style="UNSection"), '<w:styleLink w:val="UNSections"/>')
    doc.abstract(31, "", '<w:numStyleLink w:val="UNSections"/>')
    doc.num(30, 30)
    doc.num(31, 31)
    doc.style(
        '<w:style w:type="numbering" w:styleId="UNSections"><w:name w:val="UN Sections"/>'
        '<w:pPr><w:numPr><w:numId w:val="30"/></w:numPr></w:pPr></w:style>'
    )
    doc.style(
        '<w:style w:type="paragraph" w:styleId="UNSection"><w:name w:val="UN Section"/>'
        '<w:basedOn w:val="Heading2"/><w:pPr><w:numPr><w:numId w:val="31"/></w:numPr></w:pPr></w:style>'
    )
    doc.paragraph("Draft decision -/CMA.7", style="Heading1")
    doc.paragraph("Matters relating to cooperative approaches", style="Title")
    doc.paragraph(
        "The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,"
    )
    doc.paragraph("Recalling decision 2/CMA.3 ", Commented("and its annex", COMMENTS["not-a-party"]), ",")
    doc.paragraph("Scope and ", Commented("definition", COMMENTS["no-bracket"]), style="UNSection")
    doc.paragraph(
        Commented("[Decides][Clarifies]", COMMENTS["US-decides"]),
        " that a cooperative approach ",
        Commented("[shall][should]", COMMENTS["shall-should"]),
        " involve at least two Parties;",
        num=(1, 0),
    )
    doc.paragraph(
        "Mitigation outcomes [",
        Commented("authorized", COMMENTS["meeting"]),
        " by a participating Party];",
        num=(1, 1),
    )
    doc.paragraph("For use towards nationally determined contributions;", num=(1, 2))
    doc.paragraph(
        "For other international mitigation purposes",
        Footnote("Without prejudice to [any] future decision."),
        ";",
        num=(1, 2),
    )
    doc.paragraph(Del("Old"), Ins("New"), " text on [corresponding adjustments];", num=(1, 1))
    doc.paragraph(
        Commented("[The participating Party shall report annually]", COMMENTS["LMDC"]),
        Commented("[,]", COMMENTS["USA-concluded"]),
        num=(1, 0),
    )
    doc.paragraph("The report shall be public;", num=(1, 1))  # (a) again: restarted by 2.
    doc.paragraph(Del("A paragraph deleted with track changes"), mark=Del("x"))
    doc.paragraph("Further guidance", style="UNSection")
    doc.paragraph(
        Commented("[Requests the secretariat to prepare a report]", COMMENTS["CFRN-concluded"]),
        ";",
        num=(2, 0),
    )
    doc.paragraph("Reports are due by ", Commented("[2028][2030]", COMMENTS["EU-G77"]), ";", num=(2, 0))
    doc.paragraph(
        "The ",
        Commented("[technical expert review]", COMMENTS["Pakistan"]),
        " shall be completed within [X] weeks;",
        num=(3, 0),
    )
    doc.paragraph("Final provisions apply.", num=(3, 0))
    doc.paragraph("Entry into force.", num=(3, 1))
    doc.table([["Table: [entity]", "Party A"], ["Row two", "[2035]"]])
    return doc.save(path)
