"""Pure functions over the validated catalog. Nothing here prints or reads files."""

from __future__ import annotations

from migcycle.models import Catalog


def counts(catalog: Catalog) -> dict[str, int]:
    """How many records of each kind the catalog holds, in the documents' order."""
    c, s, f = catalog.cycle, catalog.seminar, catalog.frameworks
    sectors = c.sectors
    return {
        "stages": len(c.stages),
        "stage_functions": len(catalog.stage_functions),
        "functions": len(c.functions),
        "actor_types": len(c.actor_types),
        "actor_types_described": sum(a.source.document != "migcycle" for a in c.actor_types),
        "private_roles": len(c.private_roles),
        "public_roles": len(c.public_roles),
        "table1_examples": sum(
            len(r.government_examples) + len(r.donor_examples) for r in c.public_roles
        ),
        "cooperation_elements": len(c.cooperation),
        "role_sections": len(c.role_sections),
        "sectors": len(sectors),
        "sector_opportunities": sum(len(x.opportunities) for x in sectors),
        "sector_dilemmas": sum(len(x.dilemmas) for x in sectors),
        "sector_entry_points": sum(len(x.entry_points) for x in sectors),
        "definitions": len(c.definitions),
        "characteristics": len(c.characteristics),
        "migrant_categories": len(c.migrant_categories),
        "passages": len(c.passages) + sum(len(r.paragraphs) for r in c.role_sections),
        "footnotes": len(c.footnotes),
        "sessions": len(s.sessions),
        "key_points": len(catalog.key_points),
        "questions": len(catalog.questions),
        "themes": len(s.themes),
        "summary_paragraphs": len(s.executive_summary),
        "gcm_objectives": len(f.gcm),
        "sdg_targets": len(f.sdg),
        "gcr_paragraphs": len(f.gcr),
        "notes": len(c.notes) + len(s.notes),
    }
