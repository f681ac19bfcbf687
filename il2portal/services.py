"""Services of the core: labs, membership and API tokens (keyword-only, atomic)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify

from il2portal.models import ApiToken, Lab, Membership

User = get_user_model()


@transaction.atomic
def lab_create(*, name: str, admin: AbstractBaseUser, time_zone: str = "UTC") -> Lab:
    lab = Lab.objects.create(name=name, time_zone=time_zone)
    Membership.objects.create(lab=lab, user=admin, role=Membership.Role.ADMIN)
    return lab


@transaction.atomic
def lab_member_add(*, lab: Lab, user: AbstractBaseUser, role: str = Membership.Role.MEMBER) -> Membership:
    membership, created = Membership.objects.get_or_create(lab=lab, user=user, defaults={"role": role})
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def api_token_create_personal(*, user: AbstractBaseUser, name: str = "API token") -> tuple[ApiToken, str]:
    """A token acting as ``user`` in all of the user's labs. Returns the token and its key (shown once)."""
    key = ApiToken.generate_key()
    token = ApiToken(name=name, kind=ApiToken.Kind.PERSONAL, user=user, created_by=user)
    token.set_key(key)
    token.save()
    return token, key


@transaction.atomic
def api_token_create_instrument(*, lab: Lab, name: str, created_by: AbstractBaseUser) -> tuple[ApiToken, str]:
    """A token bound to one lab: it acts as a dedicated instrument user that belongs to that lab only."""
    base = f"instrument-{lab.pk}-{slugify(name)[:80] or 'token'}"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    robot = User.objects.create_user(username=username, first_name=name[:150])
    robot.set_unusable_password()
    robot.save()
    Membership.objects.create(lab=lab, user=robot, role=Membership.Role.INSTRUMENT)
    key = ApiToken.generate_key()
    token = ApiToken(name=name, kind=ApiToken.Kind.INSTRUMENT, user=robot, lab=lab, created_by=created_by)
    token.set_key(key)
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    token.revoke()
    token.save(update_fields=["revoked_at"])
    if token.kind == ApiToken.Kind.INSTRUMENT:
        User.objects.filter(pk=token.user_id).update(is_active=False)
    return token
