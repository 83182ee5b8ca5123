"""Profile, asks and offers endpoints. Thin: check who asks, call a selector or a service."""

from __future__ import annotations

from ninja import Field, Router, Schema, Status

from mensch.accounts.http import AuthenticatedHttpRequest
from mensch.profiles import selectors, services
from mensch.profiles.models import Ask, Offer, Profile
from mensch.profiles.services import Side

router = Router(tags=["profiles"])


class ItemOut(Schema):
    id: int
    kind: str
    text: str


class ItemIn(Schema):
    kind: str = Field(
        description="client, talent, partner, investor, mentor, advice, "
        "introduction, supplier, resource, opportunity or other"
    )
    text: str


class ItemPatch(Schema):
    kind: str | None = None
    text: str | None = None


class ProfileContactOut(Schema):
    email: str
    phone: str
    website: str


class ProfileOut(Schema):
    id: int
    name: str
    headline: str
    what_i_do: str
    industry: str
    location: str
    languages: list[str]
    goals: str
    asks: list[ItemOut]
    offers: list[ItemOut]
    contact: ProfileContactOut | None = Field(
        None, description="Only for yourself (and, later, your accepted connections)."
    )


class OwnProfileOut(ProfileOut):
    is_hidden: bool


class ProfilePatch(Schema):
    first_name: str | None = None
    last_name: str | None = None
    headline: str | None = None
    what_i_do: str | None = None
    industry: str | None = None
    location: str | None = None
    languages: str | None = Field(None, description="Comma-separated.")
    goals: str | None = None
    contact_email: str | None = None
    phone: str | None = None
    website: str | None = None
    is_hidden: bool | None = None


class MemberList(Schema):
    count: int = Field(
        description="How many members match, counted up to 1,001: 1,001 means more than 1,000."
    )
    results: list[ProfileOut]


def profile_out(profile: Profile, *, show_contact: bool) -> dict[str, object]:
    return {
        "id": profile.pk,
        "name": profile.name,
        "headline": profile.headline,
        "what_i_do": profile.what_i_do,
        "industry": profile.industry,
        "location": profile.location,
        "languages": profile.language_list,
        "goals": profile.goals,
        "asks": [{"id": a.pk, "kind": a.kind, "text": a.text} for a in profile.asks.all()],
        "offers": [{"id": o.pk, "kind": o.kind, "text": o.text} for o in profile.offers.all()],
        "contact": (
            {"email": profile.contact_email, "phone": profile.phone, "website": profile.website}
            if show_contact
            else None
        ),
        "is_hidden": profile.is_hidden,
    }


@router.get("/me", response=OwnProfileOut, summary="Your own profile, contact details included")
def me(request: AuthenticatedHttpRequest) -> dict[str, object]:
    return profile_out(selectors.own_profile(request.user), show_contact=True)


@router.patch("/me", response=OwnProfileOut, summary="Update your profile (only the fields sent)")
def me_update(request: AuthenticatedHttpRequest, payload: ProfilePatch) -> dict[str, object]:
    # Every field is optional and null means "leave it as it is", as the schema says.
    changes = {
        name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None
    }
    services.member_profile_update(user=request.user, **changes)
    return profile_out(selectors.own_profile(request.user), show_contact=True)


def _item_routes(side: Side) -> None:
    plural = f"{side}s"

    @router.post(
        f"/me/{plural}",
        response={201: ItemOut},
        summary=f"Add an {side}",
        operation_id=f"{side}_create",
    )
    def create(request: AuthenticatedHttpRequest, payload: ItemIn) -> Status:
        profile = selectors.own_profile(request.user)
        item = services.profile_item_create(
            profile=profile, side=side, kind=payload.kind, text=payload.text
        )
        return Status(201, item)

    @router.patch(
        f"/me/{plural}/{{item_id}}",
        response=ItemOut,
        summary=f"Change an {side}",
        operation_id=f"{side}_update",
    )
    def update(request: AuthenticatedHttpRequest, item_id: int, payload: ItemPatch) -> Ask | Offer:
        item = selectors.own_item(user=request.user, side=side, item_id=item_id)
        return services.profile_item_update(item=item, **payload.dict(exclude_unset=True))

    @router.delete(
        f"/me/{plural}/{{item_id}}",
        response={204: None},
        summary=f"Remove an {side}",
        operation_id=f"{side}_delete",
    )
    def delete(request: AuthenticatedHttpRequest, item_id: int) -> Status:
        item = selectors.own_item(user=request.user, side=side, item_id=item_id)
        services.profile_item_delete(item=item)
        return Status(204, None)


_item_routes("ask")
_item_routes("offer")
