from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "hromada.budgeting"
    verbose_name = _("Бюджет участі")
