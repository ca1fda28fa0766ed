"""The regulation's closed list of grounds on which a project may be rejected."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RejectionGround(models.TextChoices):
    """The grounds on which a regulation lets a project be rejected (a closed list)."""

    COMPETENCE = "competence", _("не належить до повноважень громади")
    LAW = "law", _("суперечить законодавству")
    LAND = "land", _("земля не в комунальній власності або не визначена")
    COST = "cost", _("вартість не відповідає умовам підбюджету")
    NOT_FEASIBLE = "not_feasible", _("неможливо реалізувати за один бюджетний рік")
    DUPLICATE = "duplicate", _("дублює проєкт або програму, що вже фінансується")
    PRIVATE = "private", _("в інтересах окремих осіб чи одного підприємства")
    NOT_REVISED = "not_revised", _("не доопрацьовано у встановлений строк")
    SUPPORTERS = "supporters", _("не зібрано потрібної кількості прихильників")
    SUPPORT_VOTE = "support_vote", _("не пройшов за результатами голосування за підтримку")
