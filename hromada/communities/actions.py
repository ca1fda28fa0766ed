"""Every write about communities and who works for them: communities and their settlements (by
platform admins), invitations, and giving or taking roles. One transaction each, permission
re-checked here, an audit entry for each."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.communities.models import Community, Invitation, PlatformRole, Settlement, StaffRole
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.mail import send_email

INVITATION_LIFETIME = timedelta(days=7)
# Paths of the staff area that a community's address must not shadow.
RESERVED_SLUGS = frozenset({"communities", "platform-roles", "invitations", "totp"})
COMMUNITY_FIELDS = ("name", "slug", "oblast", "kind", "size_band", "population", "description")


def _check_slug(slug: str, community: Community | None = None) -> None:
    if slug in RESERVED_SLUGS:
        raise ActionRefused(_("Адреса «%(slug)s» зарезервована.") % {"slug": slug}, field="slug")
    taken = Community.objects.filter(slug=slug)
    if community is not None:
        taken = taken.exclude(pk=community.pk)
    if taken.exists():
        raise ActionRefused(_("Адреса «%(slug)s» вже зайнята.") % {"slug": slug}, field="slug")


@transaction.atomic
def create_community(actor: Any, **fields: Any) -> Community:
    require_perm(actor, "communities.create_community")
    _check_slug(fields["slug"])
    community = Community(**{name: fields.get(name) for name in COMMUNITY_FIELDS})
    community.description = community.description or ""
    community.full_clean()
    community.save()
    audit.record("community.create", actor=actor, target=community, community=community)
    return community


@transaction.atomic
def update_community(actor: Any, community: Community, **fields: Any) -> Community:
    require_perm(actor, "communities.edit_community", community)
    community = Community.objects.select_for_update().get(pk=community.pk)
    _check_slug(fields["slug"], community)
    changed = {}
    for name in COMMUNITY_FIELDS:
        value = fields.get(name) if name != "description" else fields.get(name) or ""
        if getattr(community, name) != value:
            changed[name] = [str(getattr(community, name)), str(value)]
            setattr(community, name, value)
    community.full_clean()
    community.save()
    audit.record(
        "community.update", actor=actor, target=community, community=community, changed=changed
    )
    return community


def _check_settlement_name(community: Community, name: str, exclude: int | None = None) -> None:
    # Compared in Python: SQLite's case folding knows ASCII letters only, and a community has
    # at most a few hundred settlements.
    others = Settlement.objects.filter(community=community).exclude(pk=exclude or 0)
    wanted = name.strip().casefold()
    if any(other.casefold() == wanted for other in others.values_list("name", flat=True)):
        raise ActionRefused(_("У громаді вже є «%(name)s».") % {"name": name.strip()}, field="name")


@transaction.atomic
def add_settlement(
    actor: Any, community: Community, *, name: str, kind: str, population: int | None
) -> Settlement:
    require_perm(actor, "communities.edit_community", community)
    _check_settlement_name(community, name)
    settlement = Settlement(
        community=community, name=name.strip(), kind=kind, population=population
    )
    settlement.full_clean()
    settlement.save()
    audit.record("settlement.add", actor=actor, target=settlement, community=community)
    return settlement


@transaction.atomic
def update_settlement(
    actor: Any, settlement: Settlement, *, name: str, kind: str, population: int | None
) -> Settlement:
    require_perm(actor, "communities.edit_community", settlement.community)
    settlement = Settlement.objects.select_for_update().get(pk=settlement.pk)
    _check_settlement_name(settlement.community, name, exclude=settlement.pk)
    settlement.name, settlement.kind, settlement.population = name.strip(), kind, population
    settlement.full_clean()
    settlement.save()
    audit.record(
        "settlement.update", actor=actor, target=settlement, community=settlement.community
    )
    return settlement


@transaction.atomic
def remove_settlement(actor: Any, settlement: Settlement) -> None:
    """Residents who named it keep their community; their settlement becomes unset."""
    require_perm(actor, "communities.edit_community", settlement.community)
    audit.record(
        "settlement.remove",
        actor=actor,
        target=settlement,
        community=settlement.community,
        name=settlement.name,
    )
    settlement.delete()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("staff:invitation", args=[token])


@transaction.atomic
def invite(
    actor: Any,
    community: Community | None,
    *,
    email: str,
    role: str,
    department: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and email its link; returns it with its token (shown only once)."""
    if community is None:
        require_perm(actor, "communities.manage_platform_roles")
        if role not in PlatformRole.Role.values:
            raise ActionRefused(_("Невідома роль."), field="role")
    else:
        require_perm(actor, "communities.manage_staff", community)
        if role not in StaffRole.Role.values:
            raise ActionRefused(_("Невідома роль."), field="role")
    email = email.strip().lower()
    if not email:
        raise ActionRefused(_("Вкажіть електронну пошту."), field="email")
    department = department.strip()
    if role == StaffRole.Role.REVIEWER and not department:
        raise ActionRefused(
            _("Вкажіть підрозділ, у якому працює експерт-рецензент."), field="department"
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        community=community,
        role=role,
        department=department,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    audit.record(
        "invitation.create", actor=actor, target=invitation, community=community, role=role
    )
    where = community.name if community is not None else _("платформа «Громада»")
    send_email(
        to=[email],
        subject=_("Запрошення до «%(where)s»") % {"where": where},
        body=_(
            "Вас запрошено на роль «%(role)s» (%(where)s).\n\n"
            "Щоб прийняти запрошення, перейдіть за посиланням і увійдіть або зареєструйтеся з "
            "цією адресою (%(email)s):\n%(link)s\n\n"
            "Посилання дійсне 7 днів і спрацьовує один раз. Для роботи працівника знадобиться "
            "двофакторна автентифікація (застосунок-автентифікатор)."
        )
        % {
            "role": invitation.get_role_display(),
            "where": where,
            "email": email,
            "link": _invitation_link(token),
        },
    )
    return invitation, token


def invitation_problem(invitation: Invitation | None, user: Any) -> str:
    """Why `user` cannot accept `invitation` now, in words for the person; "" if they can."""
    if invitation is None:
        return _("Такого запрошення немає. Перевірте, чи посилання скопійовано повністю.")
    if invitation.accepted_at is not None:
        return _("Це запрошення вже прийнято. Посилання спрацьовує лише один раз.")
    if invitation.is_expired():
        return _("Термін дії запрошення минув. Попросіть адміністратора надіслати нове запрошення.")
    if not user.is_authenticated:
        return ""
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        return _(
            "Запрошення надіслано на %(email)s, а ви увійшли як %(you)s. Увійдіть або "
            "зареєструйтеся з адресою з запрошення і підтвердьте її."
        ) % {"email": invitation.email, "you": user.email}
    return ""


@transaction.atomic
def accept_invitation(user: Any, token: str) -> Invitation:
    if not user.is_authenticated:
        raise ActionRefused(_("Увійдіть, щоб прийняти запрошення."))
    invitation = Invitation.objects.select_for_update().filter(token_hash=hash_token(token)).first()
    problem = invitation_problem(invitation, user)
    if problem or invitation is None:
        raise ActionRefused(problem)
    if invitation.community is None:
        PlatformRole.objects.get_or_create(user=user, role=invitation.role)
    else:
        StaffRole.objects.update_or_create(
            user=user,
            community=invitation.community,
            role=invitation.role,
            defaults={"department": invitation.department},
        )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(
        "invitation.accept",
        actor=user,
        target=invitation,
        community=invitation.community,
        role=invitation.role,
    )
    return invitation


@transaction.atomic
def remove_staff_role(actor: Any, role: StaffRole) -> None:
    require_perm(actor, "communities.manage_staff", role.community)
    # Lock the community's admin rows, so two admins cannot remove each other at once.
    admins = list(
        StaffRole.objects.select_for_update()
        .filter(community=role.community, role=StaffRole.Role.ADMIN)
        .values_list("pk", flat=True)
    )
    if role.role == StaffRole.Role.ADMIN and admins == [role.pk]:
        raise ActionRefused(
            _("Це останній адміністратор громади. Спершу запросіть іншого адміністратора.")
        )
    audit.record(
        "staff_role.remove",
        actor=actor,
        target=role,
        community=role.community,
        role=role.role,
        user_id=role.user_id,
    )
    role.delete()


@transaction.atomic
def remove_platform_role(actor: Any, role: PlatformRole) -> None:
    require_perm(actor, "communities.manage_platform_roles")
    audit.record(
        "platform_role.remove", actor=actor, target=role, role=role.role, user_id=role.user_id
    )
    role.delete()


@transaction.atomic
def make_platform_admin(email: str) -> tuple[Any, bool]:
    """Create (or promote) a platform admin: run from the server's shell on first deploy, so the
    person at the shell vouches for the address. A new account gets no usable password; the
    caller hands out a one-time link to set one."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    email = user_model.objects.normalize_email(email.strip()).lower()
    user = user_model.objects.select_for_update().filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = user_model.objects.create_user(email, None)
    user.is_superuser = user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
    )
    audit.record(
        "platform_admin.create" if created else "platform_admin.promote", actor=None, target=user
    )
    return user, created


def password_link(user: Any) -> str:
    """A link that lets `user` set a password: single use (the token is bound to the current
    password hash) and valid for PASSWORD_RESET_TIMEOUT seconds."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path
