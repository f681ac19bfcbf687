"""Services of the core: labs, membership, invitations, the current lab and API tokens
(keyword-only, atomic)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from il2portal.models import ApiToken, Lab, LabInvitation, Membership, UserProfile

User = get_user_model()


class LabNameTaken(ValueError):
    """The creator already has a lab of that name."""


class InvitationClosed(ValueError):
    """The invitation was answered, withdrawn or has expired."""


@transaction.atomic
def lab_create(*, name: str, admin: AbstractBaseUser, time_zone: str = "UTC") -> Lab:
    """A new lab with ``admin`` as its admin. Names are unique per creator only (a site-wide
    uniqueness check would tell anyone the names of other labs)."""
    name = name.strip()
    if Lab.objects.filter(created_by=admin, name=name).exists():
        raise LabNameTaken(f"You already have a lab named {name!r}.")
    try:
        with transaction.atomic():
            lab = Lab.objects.create(name=name, time_zone=time_zone, created_by=admin)
    except IntegrityError:  # the same creator, concurrently
        raise LabNameTaken(f"You already have a lab named {name!r}.") from None
    Membership.objects.create(lab=lab, user=admin, role=Membership.Role.ADMIN)
    return lab


@transaction.atomic
def lab_member_add(*, lab: Lab, user: AbstractBaseUser, role: str = Membership.Role.MEMBER) -> Membership:
    """Make ``user`` a member directly. Only for trusted code paths (an accepted invitation, the
    admin site, fixtures): people are added to a lab through :func:`lab_invitation_create`."""
    membership, created = Membership.objects.get_or_create(lab=lab, user=user, defaults={"role": role})
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def lab_member_set_role(*, membership: Membership, role: str) -> Membership:
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def lab_invitation_create(
    *, lab: Lab, invitee: AbstractBaseUser, role: str, invited_by: AbstractBaseUser
) -> LabInvitation:
    """Invite ``invitee`` into ``lab``. Nothing changes for the invitee until they accept.

    Inviting again someone with a pending invitation renews it (new role, new expiry) instead of
    making a second one."""
    expires_at = timezone.now() + timedelta(days=settings.LAB_INVITATION_DAYS)
    existing = (
        LabInvitation.objects.select_for_update()
        .filter(lab=lab, invitee=invitee, status=LabInvitation.Status.PENDING)
        .first()
    )
    if existing is not None:
        existing.role, existing.invited_by, existing.expires_at = role, invited_by, expires_at
        existing.save(update_fields=["role", "invited_by", "expires_at"])
        return existing
    try:
        with transaction.atomic():
            return LabInvitation.objects.create(
                lab=lab, invitee=invitee, role=role, invited_by=invited_by, expires_at=expires_at
            )
    except IntegrityError:  # a concurrent invitation of the same person: renew that one
        existing = LabInvitation.objects.get(lab=lab, invitee=invitee, status=LabInvitation.Status.PENDING)
        existing.role, existing.invited_by, existing.expires_at = role, invited_by, expires_at
        existing.save(update_fields=["role", "invited_by", "expires_at"])
        return existing


def _close(invitation: LabInvitation, status: str) -> None:
    invitation.status = status
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])


def _lock_open(invitation: LabInvitation) -> LabInvitation:
    locked = LabInvitation.objects.select_for_update().select_related("lab").get(pk=invitation.pk)
    if locked.status != LabInvitation.Status.PENDING:
        raise InvitationClosed(f"This invitation was already {locked.status}.")
    if locked.is_expired:
        raise InvitationClosed(
            f"This invitation expired on {locked.expires_at:%Y-%m-%d}; ask the lab's admin for a new one."
        )
    return locked


@transaction.atomic
def lab_invitation_accept(*, invitation: LabInvitation, user: AbstractBaseUser) -> Membership:
    """The invitee joins the lab with the invited role.

    A user who had exactly one lab keeps working in it: that lab becomes their explicit current lab,
    so pages and scripts that omit ``lab`` go on writing where they did."""
    invitation = _lock_open(invitation)
    if invitation.invitee_id != user.pk:
        raise InvitationClosed("This invitation is for someone else.")
    before = list(Membership.objects.filter(user=user).values_list("lab_id", flat=True))
    membership, _created = Membership.objects.get_or_create(
        lab=invitation.lab, user=user, defaults={"role": invitation.role}
    )
    _close(invitation, LabInvitation.Status.ACCEPTED)
    profile = UserProfile.objects.filter(user=user).first()
    if len(before) == 1 and (profile is None or profile.current_lab_id not in before):
        profile_set_current_lab(user=user, lab=Lab.objects.get(pk=before[0]))
    return membership


@transaction.atomic
def lab_invitation_decline(*, invitation: LabInvitation, user: AbstractBaseUser) -> LabInvitation:
    invitation = _lock_open(invitation)
    if invitation.invitee_id != user.pk:
        raise InvitationClosed("This invitation is for someone else.")
    _close(invitation, LabInvitation.Status.DECLINED)
    return invitation


@transaction.atomic
def lab_invitation_withdraw(*, invitation: LabInvitation) -> LabInvitation:
    invitation = LabInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status == LabInvitation.Status.PENDING:
        _close(invitation, LabInvitation.Status.WITHDRAWN)
    return invitation


@transaction.atomic
def profile_set_current_lab(*, user: AbstractBaseUser, lab: Lab | None) -> UserProfile:
    """Remember ``lab`` as the user's current lab (pages show it; API writes without ``lab`` go to it)."""
    profile, _created = UserProfile.objects.select_for_update().get_or_create(user=user)
    if profile.current_lab_id != (lab.pk if lab else None):
        profile.current_lab = lab
        profile.save(update_fields=["current_lab", "updated_at"])
    return profile


def _new_token(**fields) -> tuple[ApiToken, str]:
    key = ApiToken.generate_key()
    token = ApiToken(**fields)
    token.set_key(key)
    token.save()
    return token, key


@transaction.atomic
def api_token_create_personal(*, user: AbstractBaseUser, name: str = "API token") -> tuple[ApiToken, str]:
    """A token acting as ``user`` in all of the user's labs, valid ``PERSONAL_TOKEN_DAYS``.

    A user's personal token names are their handles: asking again for a name replaces (revokes)
    the previous token of that name, so repeated logins rotate one token instead of piling up;
    past ``PERSONAL_TOKEN_MAX`` active tokens the least recently used go. Returns the token and
    its key (shown once)."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one issuer at a time per user
    active = ApiToken.objects.filter(user=user, kind=ApiToken.Kind.PERSONAL, revoked_at__isnull=True)
    webhook = ("", "")
    for old in active.filter(name=name):
        api_token_revoke(token=old, reason="replaced by a new token of the same name")
        if old.webhook_url:  # a script that logs in on every run keeps its webhook
            webhook = (old.webhook_url, old.webhook_secret)
    surplus = active.exclude(name=name).count() + 1 - settings.PERSONAL_TOKEN_MAX
    if surplus > 0:
        oldest = active.exclude(name=name).order_by("last_used_at", "created_at")
        for old in oldest[:surplus]:
            api_token_revoke(token=old, reason="too many tokens: least recently used")
    expires_at = timezone.now() + timedelta(days=settings.PERSONAL_TOKEN_DAYS)
    token, key = _new_token(
        name=name, kind=ApiToken.Kind.PERSONAL, user=user, created_by=user, expires_at=expires_at
    )
    if webhook[0]:
        ApiToken.objects.filter(pk=token.pk).update(webhook_url=webhook[0], webhook_secret=webhook[1])
        token.webhook_url, token.webhook_secret = webhook
    return token, key


@transaction.atomic
def api_token_set_webhook(*, token: ApiToken, url: str) -> str:
    """Register (or change) the token's webhook URL with a new signing secret, returned once.
    Raises :class:`il2portal.webhooks.WebhookRefused` for a URL that may not be called."""
    from il2portal import webhooks

    webhooks.check_url(url)
    token.webhook_url = url.strip()
    token.webhook_secret = webhooks.new_secret()
    token.save(update_fields=["webhook_url", "webhook_secret"])
    return token.webhook_secret


@transaction.atomic
def api_token_remove_webhook(*, token: ApiToken) -> None:
    token.webhook_url = ""
    token.webhook_secret = ""
    token.save(update_fields=["webhook_url", "webhook_secret"])


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
    return _new_token(name=name, kind=ApiToken.Kind.INSTRUMENT, user=robot, lab=lab, created_by=created_by)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, reason: str = "revoked") -> ApiToken:
    if token.revoked_at is None:
        token.revoke(reason)
        token.save(update_fields=["revoked_at", "revoked_reason"])
    if token.kind == ApiToken.Kind.INSTRUMENT:
        User.objects.filter(pk=token.user_id).update(is_active=False)
    return token


@transaction.atomic
def api_tokens_revoke_personal(*, user: AbstractBaseUser, reason: str) -> int:
    """Revoke every active personal token of ``user`` (e.g. when the password changes)."""
    tokens = list(ApiToken.objects.filter(user=user, kind=ApiToken.Kind.PERSONAL, revoked_at__isnull=True))
    for token in tokens:
        api_token_revoke(token=token, reason=reason)
    return len(tokens)
