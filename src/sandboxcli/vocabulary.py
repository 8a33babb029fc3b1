"""The fixed vocabularies of the data, defined once: the build validates against them, the queries and the
renderers list them. Standard library only (imported by every command)."""

from __future__ import annotations

SCHEMA_VERSION = "3"
"""Written into the database's metadata by the build; the query path refuses any other version."""

PROGRAMMES = ("pboc-regulatory-pilot", "csrc-capital-market-pilot", "pboc-application-pilot")
"""The three programme ids, in the order results list them: the PBOC sandbox first. Also the source folders."""

CATEGORIES = ("financial-service", "technology-product")
"""金融服务 and 科技产品: the two kinds of innovation application a notice lists."""

STATUSES = ("in-testing", "in-service", "completed-testing", "exited")
"""Where an application is in its lifecycle, as the latest source says."""

EVENT_KINDS = ("call-for-applications", "service-launched", "completed-testing", "exited", "planned-start",
               "milestone")
"""Dated milestones of a batch or a project."""

ENTITY_KINDS = ("bank", "technology-company", "payment-institution", "insurer", "public-body", "other")
"""An editorial classification of applicant institutions."""


def programme_rank(programme: str) -> int:
    """Sort key putting programmes in PROGRAMMES order (unknown ones last)."""
    return PROGRAMMES.index(programme) if programme in PROGRAMMES else len(PROGRAMMES)
