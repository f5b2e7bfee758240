"""The Open XML SDK's schema validation of a .docx, through openxml-audit (a Python port of it).

Word checks a file against these rules and offers to "repair" one that breaks them (element order in a
w:pPr, a revision without its w:id, ...); LibreOffice opens such files without a word, so rendering there
proves nothing about Word. The port's extra "semantic" checks are left off: they fail python-docx's own
blank template (its stylesWithEffects.xml differs from styles.xml), which Word opens.
"""

from __future__ import annotations

from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator

VALIDATOR = OpenXmlValidator(
    file_format=FileFormat.OFFICE_2019, max_errors=20, schema_validation=True, semantic_validation=False
)


def schema_errors(path: Path) -> list[str]:
    return [error.description for error in VALIDATOR.validate(str(path)).errors]
