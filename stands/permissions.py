"""Who may change what in the fair (pure): organisers run events, stand staff edit their own stand's content."""

from __future__ import annotations

from server.auth import Principal
from server.errors import DomainError

# What stand staff may change on their own stand; name, kind and sector stay with the organisers.
STAFF_EDITABLE_STAND_FIELDS = frozenset({"description", "website", "department", "city"})
ORGANISER_ONLY_STAND_FIELDS = frozenset({"name", "kind", "sector"})


def can_manage_events(principal: Principal | None) -> bool:
    return principal is not None and principal.is_organiser


def can_edit_stand(principal: Principal | None, stand_id: int) -> bool:
    """Organisers edit every stand; professionals and CFA staff only the stands they staff."""
    if principal is None:
        return False
    return principal.is_organiser or stand_id in principal.staff_stands


def require_organiser(principal: Principal | None) -> Principal:
    if principal is None:
        raise DomainError("unauthorized", "Connectez-vous d'abord.")
    if not principal.is_organiser:
        raise DomainError("forbidden", "Seuls les organisateurs peuvent faire cela.")
    return principal


def require_stand_editor(principal: Principal | None, stand_id: int) -> Principal:
    if principal is None:
        raise DomainError("unauthorized", "Connectez-vous d'abord.")
    if not can_edit_stand(principal, stand_id):
        raise DomainError("forbidden", "Vous ne pouvez modifier que les stands dont vous faites partie.")
    return principal


def editable_stand_fields(principal: Principal, stand_id: int) -> frozenset[str]:
    """The stand fields this person may change (empty when none)."""
    if principal.is_organiser:
        return STAFF_EDITABLE_STAND_FIELDS | ORGANISER_ONLY_STAND_FIELDS
    if stand_id in principal.staff_stands:
        return STAFF_EDITABLE_STAND_FIELDS
    return frozenset()
