"""Every write about people: profiles, registers, verification by register and in person.

Identity by eID and residence claims live in actions_identity.

Each function is one transaction, re-checks permission itself (views may not be trusted to have
done it) and leaves an audit entry. Identifiers are hashed on the way in and never stored or
logged in clear.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.models import (
    RegisterEntry,
    RegisterGuessWindow,
    RegisterUpload,
    ResidenceBasis,
    User,
    Verification,
)
from hromada.accounts.register_csv import OLDEST_BIRTH_YEAR, parse_register
from hromada.communities.models import Community, Settlement
from hromada.core import audit
from hromada.core.errors import ActionRefused, require_perm
from hromada.core.identifiers import hash_identifier, normalise_identifier

# Wrong register identifiers a person may type per window before being told to wait: enough
# for typos, far too few to walk through ten-digit tax numbers.
REGISTER_ATTEMPTS_LIMIT = 5
REGISTER_ATTEMPTS_WINDOW = timedelta(hours=1)
MISMATCH_ACTION = "verification.register_mismatch"


def check_birth_year(year: int | None) -> None:
    if year is None:
        return
    this_year = timezone.localdate().year
    if not OLDEST_BIRTH_YEAR <= year <= this_year:
        raise ActionRefused(
            _("Рік народження має бути від %(min)s до %(max)s.")
            % {"min": OLDEST_BIRTH_YEAR, "max": this_year},
            field="birth_year",
        )


@transaction.atomic
def update_profile(
    user: User,
    *,
    full_name: str,
    community: Community | None,
    settlement: Settlement | None,
    birth_year: int | None,
) -> User:
    if settlement is not None:
        if community is None:
            community = settlement.community
        elif settlement.community_id != community.pk:
            raise ActionRefused(
                _("Населений пункт «%(settlement)s» не належить до громади «%(community)s».")
                % {"settlement": settlement.name, "community": community.name},
                field="settlement",
            )
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.birth_year_verified and birth_year != user.birth_year:
        raise ActionRefused(
            _("Рік народження підтверджено під час верифікації; змінити його можна лише в ЦНАП."),
            field="birth_year",
        )
    if user.identity_hash and full_name.strip() != user.full_name:
        raise ActionRefused(
            _("Ім'я засвідчено через eID; змінити його можна лише в ЦНАП."), field="full_name"
        )
    check_birth_year(birth_year)
    user.full_name = full_name.strip()
    user.community = community
    user.settlement = settlement
    user.birth_year = birth_year
    user.save(update_fields=["full_name", "community", "settlement", "birth_year"])
    audit.record("profile.update", actor=user, target=user, community=community)
    return user


def current_register(community: Community) -> RegisterUpload | None:
    return (
        RegisterUpload.objects.filter(community=community, status=RegisterUpload.Status.APPLIED)
        .order_by("-uploaded_at", "-id")
        .first()
    )


@transaction.atomic
def upload_register(
    actor: Any, community: Community, *, filename: str, content: bytes
) -> RegisterUpload:
    """Stage a register file: parse and hash it, and count what it would change against the
    register in force. Nothing about the register changes until `confirm_register_upload`."""
    require_perm(actor, "communities.upload_register", community)
    # Raises RegisterFileInvalid before anything is written.
    parsed = parse_register(content, community.settlements.values_list("pk", "name"))
    old = {
        digest: (year, place)
        for digest, year, place in RegisterEntry.objects.filter(community=community).values_list(
            "identifier_hash", "birth_year", "settlement_id"
        )
    }
    new = {digest: (year, place) for digest, year, place in parsed.rows}
    kept = old.keys() & new.keys()
    changed = sum(1 for digest in kept if old[digest] != new[digest])
    # One staged file per community at a time: a newer one replaces the one not yet confirmed.
    RegisterUpload.objects.filter(community=community, status=RegisterUpload.Status.STAGED).update(
        status=RegisterUpload.Status.DISCARDED, staged_rows=[], decided_at=timezone.now()
    )
    upload = RegisterUpload.objects.create(
        community=community,
        uploaded_by=actor,
        filename=filename[:200],
        rows=len(parsed.rows),
        status=RegisterUpload.Status.STAGED,
        staged_rows=[list(row) for row in parsed.rows],
        based_on=current_register(community),
        added=len(new.keys() - old.keys()),
        removed=len(old.keys() - new.keys()),
        changed=changed,
        unchanged=len(kept) - changed,
    )
    audit.record(
        "register.stage",
        actor=actor,
        target=upload,
        community=community,
        rows=upload.rows,
        filename=upload.filename,
    )
    return upload


def _staged(actor: Any, community: Community, upload_id: int) -> RegisterUpload:
    require_perm(actor, "communities.upload_register", community)
    upload = (
        RegisterUpload.objects.select_for_update()
        .filter(pk=upload_id, community=community, status=RegisterUpload.Status.STAGED)
        .first()
    )
    if upload is None:
        raise ActionRefused(
            _("Цей файл уже застосовано або скасовано. Завантажте реєстр знову, якщо потрібно.")
        )
    return upload


@transaction.atomic
def confirm_register_upload(actor: Any, community: Community, upload_id: int) -> RegisterUpload:
    """Replace the community's register with a staged file's rows, in one transaction."""
    upload = _staged(actor, community, upload_id)
    current = current_register(community)
    if (current.pk if current else None) != upload.based_on_id:
        raise ActionRefused(
            _(
                "Після завантаження цього файлу реєстр змінився, тож підрахунок змін застарів. "
                "Завантажте файл знову."
            )
        )
    RegisterEntry.objects.filter(community=community).delete()
    RegisterEntry.objects.bulk_create(
        (
            RegisterEntry(
                community=community,
                upload=upload,
                identifier_hash=digest,
                birth_year=year,
                # A file staged before the settlement column existed holds two cells a row.
                settlement_id=place[0] if place else None,
            )
            for digest, year, *place in upload.staged_rows
        ),
        batch_size=1000,
    )
    upload.status = RegisterUpload.Status.APPLIED
    upload.staged_rows = []
    upload.decided_at = timezone.now()
    upload.save(update_fields=["status", "staged_rows", "decided_at"])
    audit.record(
        "register.upload",
        actor=actor,
        target=upload,
        community=community,
        rows=upload.rows,
        filename=upload.filename,
        added=upload.added,
        removed=upload.removed,
        changed=upload.changed,
        unchanged=upload.unchanged,
    )
    return upload


@transaction.atomic
def discard_register_upload(actor: Any, community: Community, upload_id: int) -> RegisterUpload:
    upload = _staged(actor, community, upload_id)
    upload.status = RegisterUpload.Status.DISCARDED
    upload.staged_rows = []
    upload.decided_at = timezone.now()
    upload.save(update_fields=["status", "staged_rows", "decided_at"])
    audit.record("register.discard", actor=actor, target=upload, community=community)
    return upload


def _create_verification(
    user: User,
    community: Community,
    *,
    identifier_hash: str,
    method: str,
    verified_by: User | None = None,
    provider: str = "",
    basis: str = ResidenceBasis.REGISTERED,
    settlement: Settlement | None = None,
) -> Verification:
    """The shared core of all three methods; call inside the caller's transaction."""
    existing = Verification.objects.filter(user=user, community=community).first()
    if existing is not None:
        raise ActionRefused(
            _("Обліковий запис %(email)s уже підтверджено для громади «%(community)s».")
            % {"email": user.email, "community": community.name}
        )
    taken = _(
        "Цю особу вже підтверджено в громаді «%(community)s» з іншим обліковим записом. "
        "Одна людина може мати лише один підтверджений запис. Якщо це ваш номер і ви "
        "не реєструвалися, зверніться до ЦНАП з паспортом."
    ) % {"community": community.name}
    if Verification.objects.filter(community=community, identifier_hash=identifier_hash).exists():
        raise ActionRefused(taken, field="identifier")
    try:
        # A savepoint, so a concurrent twin that slipped past the check above is refused
        # cleanly by the unique constraint instead of breaking the outer transaction.
        with transaction.atomic():
            return Verification.objects.create(
                user=user,
                community=community,
                method=method,
                identifier_hash=identifier_hash,
                verified_by=verified_by,
                provider=provider,
                basis=basis,
                settlement=settlement,
            )
    except IntegrityError:
        raise ActionRefused(taken, field="identifier") from None


def _set_verified_details(
    user: User, community: Community, *, birth_year: int | None, full_name: str = ""
) -> None:
    fields = []
    if birth_year is not None:
        user.birth_year, user.birth_year_verified = birth_year, True
        fields += ["birth_year", "birth_year_verified"]
    if full_name:
        user.full_name = full_name
        fields.append("full_name")
    if user.community_id is None:  # verifying for a community declares it, if nothing else was
        user.community = community
        fields.append("community")
    if fields:
        user.save(update_fields=fields)


def register_attempts_left(user: User) -> int:
    window = RegisterGuessWindow.objects.filter(pk=user.pk).first()
    if window is None or window.started_at < timezone.now() - REGISTER_ATTEMPTS_WINDOW:
        return REGISTER_ATTEMPTS_LIMIT
    return max(0, REGISTER_ATTEMPTS_LIMIT - window.used)


def _take_guess_slot(user: User) -> bool:
    """Take one of the window's guesses before the guess is checked; False when none are left.

    Each step is one conditional UPDATE in its own autocommit statement: the database applies
    them one at a time per row, so a burst of simultaneous guesses cannot all see a free slot
    (counting first and acting afterwards let 90 parallel guesses through a limit of 5).
    """
    RegisterGuessWindow.objects.get_or_create(user=user)
    now = timezone.now()
    windows = RegisterGuessWindow.objects.filter(pk=user.pk)
    # An old window restarts with this guess as its first; only one racer can restart it.
    if windows.filter(started_at__lt=now - REGISTER_ATTEMPTS_WINDOW).update(started_at=now, used=1):
        return True
    return bool(windows.filter(used__lt=REGISTER_ATTEMPTS_LIMIT).update(used=F("used") + 1))


def _too_many_guesses() -> ActionRefused:
    return ActionRefused(
        _("Забагато невдалих спроб. Спробуйте знову через годину або зверніться до ЦНАП."),
        field="identifier",
    )


def verify_by_register(user: User, community: Community, identifier: str) -> Verification:
    """Verify `user` in `community` if `identifier` is in the community's register.

    Not one transaction on purpose: the guess slot is taken in its own statement first, so it
    stays taken whatever happens next and counts towards the limit.
    """
    if not user.is_authenticated:
        raise ActionRefused(_("Увійдіть, щоб підтвердити, що ви житель громади."))
    if not normalise_identifier(identifier):
        raise ActionRefused(_("Введіть номер."), field="identifier")
    if not _take_guess_slot(user):
        raise _too_many_guesses()
    digest = hash_identifier(identifier)
    if user.identity_hash and digest != user.identity_hash:
        # An account eID vouched for is that person's: it cannot take on a neighbour's number.
        raise ActionRefused(
            _(
                "Цей номер не збігається з особою, засвідченою через eID. Введіть свій номер "
                "або зверніться до ЦНАП."
            ),
            field="identifier",
        )
    with transaction.atomic():
        entry = RegisterEntry.objects.filter(community=community, identifier_hash=digest).first()
        if entry is not None:
            user = User.objects.select_for_update().get(pk=user.pk)
            verification = _create_verification(
                user,
                community,
                identifier_hash=digest,
                method=Verification.Method.REGISTER,
                settlement=entry.settlement,
            )
            _set_verified_details(user, community, birth_year=entry.birth_year)
            # A right guess gives its slot back: the limit is on wrong ones.
            RegisterGuessWindow.objects.filter(pk=user.pk, used__gt=0).update(used=F("used") - 1)
            audit.record(
                "verification.register", actor=user, target=verification, community=community
            )
            return verification
    with transaction.atomic():
        audit.record(MISMATCH_ACTION, actor=user, community=community)
    raise ActionRefused(
        _(
            "Цього номера немає в реєстрі громади «%(community)s». Перевірте, чи правильно "
            "введено номер (залишилось спроб: %(left)s), або підтвердьте особу в ЦНАП."
        )
        % {"community": community.name, "left": register_attempts_left(user)},
        field="identifier",
    )


@transaction.atomic
def verify_in_person(
    operator: Any,
    community: Community,
    *,
    email: str,
    identifier: str,
    birth_year: int,
    basis: str = ResidenceBasis.REGISTERED,
    settlement: Settlement | None = None,
) -> Verification:
    """A ЦНАП operator has seen the person's passport or ID card, and the document of the basis
    (registration, IDP certificate, employment, ...), and verifies their account."""
    require_perm(operator, "communities.verify_in_person", community)
    if basis not in ResidenceBasis.values:
        raise ActionRefused(_("Оберіть підставу зі списку."), field="basis")
    if settlement is not None and settlement.community_id != community.pk:
        raise ActionRefused(
            _("Населений пункт «%(settlement)s» не належить до громади «%(community)s».")
            % {"settlement": settlement.name, "community": community.name},
            field="settlement",
        )
    person = User.objects.select_for_update().filter(email__iexact=email.strip()).first()
    if person is None:
        raise ActionRefused(
            _(
                "Облікового запису з адресою %(email)s немає. Попросіть особу спершу "
                "зареєструватися на сайті."
            )
            % {"email": email.strip()},
            field="email",
        )
    if person.pk == operator.pk:
        raise ActionRefused(
            _("Власний обліковий запис підтверджує інший працівник."), field="email"
        )
    if not normalise_identifier(identifier):
        raise ActionRefused(_("Введіть номер документа або РНОКПП."), field="identifier")
    check_birth_year(birth_year)
    verification = _create_verification(
        person,
        community,
        identifier_hash=hash_identifier(identifier),
        method=Verification.Method.OPERATOR,
        verified_by=operator,
        basis=basis,
        settlement=settlement,
    )
    _set_verified_details(person, community, birth_year=birth_year)
    audit.record(
        "verification.operator",
        actor=operator,
        target=verification,
        community=community,
        basis=basis,
        settlement=settlement.pk if settlement else None,
    )
    return verification
