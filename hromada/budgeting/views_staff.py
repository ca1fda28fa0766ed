"""Staff pages of a participatory budget: review queue, review decisions, implementation reports.

Every view checks the permission on the object itself (scoped to its community) and the action
checks again inside its transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.budgeting import (
    actions,
    actions_rules,
    regulation,
    regulation_templates,
    rule_changes,
)
from hromada.budgeting.forms import (
    ImplementationForm,
    ProcessForm,
    ReviewForm,
    RuleChangeForm,
    SubBudgetFormSet,
)
from hromada.budgeting.models import Process, Project, SubBudget
from hromada.communities.models import Community
from hromada.communities.twofactor import staff_view
from hromada.core.errors import ActionRefused
from hromada.core.flow import act_and_return, refusal_to_form


def _project_for(request: HttpRequest, slug: str, number: int, perm: str) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("process__community"), process__slug=slug, number=number
    )
    if not request.user.has_perm(perm, project):
        # Not 403: staff of another community must not learn what exists here.
        raise Http404
    return project


@staff_view
def review_queue(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not request.user.has_perm("budgeting.view_review_queue", process):
        raise Http404
    projects = (
        process.projects.select_related("sub_budget", "author")
        .prefetch_related("review_assignments")  # each project's departments and due dates
        .order_by("number")
    )
    return render(
        request,
        "budgeting/review_queue.html",
        {
            "process": process,
            "now": timezone.now(),
            "waiting": projects.filter(status=Project.Status.SUBMITTED),
            "decided": projects.exclude(status=Project.Status.SUBMITTED),
        },
    )


@staff_view
@require_POST
def project_review(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project_for(request, slug, number, "budgeting.review_project")
    form = ReviewForm(request.POST)
    return act_and_return(
        request,
        lambda: actions.review_project(request.user, project, **form.cleaned_data),
        _("Рішення збережено і оприлюднено в історії проєкту."),
        project,
        form=form,
        invalid=_("Оберіть рішення."),
    )


@staff_view
@require_POST
def implementation_update(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    project = _project_for(request, slug, number, "budgeting.update_implementation")
    form = ImplementationForm(request.POST)
    return act_and_return(
        request,
        lambda: actions.update_implementation(request.user, project, **form.cleaned_data),
        _("Стан реалізації оновлено."),
        project,
        form=form,
        invalid=_("Оберіть стан реалізації."),
    )


def _managed_process(request: HttpRequest, slug: str) -> Process:
    process = get_object_or_404(Process.objects.select_related("community"), slug=slug)
    if not request.user.has_perm("budgeting.manage_process", process):
        raise Http404
    return process


@staff_view
def process_rules(request: HttpRequest, slug: str) -> HttpResponse:
    """What may still change in this process's rules, and what is frozen and why."""
    process = _managed_process(request, slug)
    rows = []
    for rule in rule_changes.RULES:
        targets: list[SubBudget | None] = (
            list(process.sub_budgets.all()) if rule.on_sub_budget else [None]
        )
        for sub_budget in targets:
            rows.append(
                {
                    "rule": rule,
                    "sub_budget": sub_budget,
                    "value": rule_changes.display(
                        rule, rule_changes.current_value(rule, process, sub_budget), process
                    ),
                    "frozen": rule_changes.frozen_reason(rule, process),
                    "only_later": rule_changes.only_later(rule, process),
                }
            )
    return render(request, "budgeting/process_rules.html", {"process": process, "rows": rows})


@staff_view
def process_rule_change(
    request: HttpRequest, slug: str, field: str, sub_budget: int | None = None
) -> HttpResponse:
    process = _managed_process(request, slug)
    rule = rule_changes.RULE_BY_FIELD.get(field)
    if rule is None or rule.on_sub_budget != (sub_budget is not None):
        raise Http404
    target = get_object_or_404(SubBudget, process=process, pk=sub_budget) if sub_budget else None
    current = rule_changes.current_value(rule, process, target)
    form = RuleChangeForm(request.POST or None, rule=rule, initial={"value": current})
    if request.method == "POST" and form.is_valid():
        try:
            actions_rules.change_process_rule(
                request.user,
                process,
                field=field,
                sub_budget_id=sub_budget,
                **form.cleaned_data,
            )
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Зміну збережено й оприлюднено."))
            return redirect("budgeting:process_rules", slug=process.slug)
    return render(
        request,
        "budgeting/process_rule_change.html",
        {
            "process": process,
            "rule": rule,
            "sub_budget": target,
            "current": rule_changes.display(rule, current, process),
            "frozen": rule_changes.frozen_reason(rule, process),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _specs(formset: Any) -> list[actions.SubBudgetSpec]:
    return [
        actions.SubBudgetSpec(
            name=data["name"],
            kind=data["kind"],
            amount=data.get("amount"),
            share=data.get("share"),
            min_cost=data.get("min_cost") or 0,
            max_cost=data["max_cost"],
            settlement_id=data.get("settlement"),
            residents_only=bool(data.get("residents_only")),
            ballot_rule=data["ballot_rule"],
            max_choices=data.get("max_choices"),
            points_total=data.get("points_total"),
            points_per_project=data.get("points_per_project"),
            winner_rule=data.get("winner_rule") or SubBudget.WinnerRule.GREEDY_THRESHOLD,
            threshold_per_100k=data.get("threshold_per_100k") or 0,
        )
        for data in formset.cleaned_data
        if data
    ]


def _contradictions_to_forms(
    form: ProcessForm, formset: Any, found: list[regulation.Contradiction]
) -> None:
    """Show each contradiction beside the setting to change (`sb-<i>-<field>`: a sub-budget's)."""
    filled = [sub for sub in formset.forms if sub.cleaned_data]  # as _specs read them
    for item in found:
        target, field = form, item.field or None
        if item.field.startswith("sb-"):
            _prefix, index, field = item.field.split("-", 2)
            target = filled[int(index)] if int(index) < len(filled) else form
        if field not in target.fields:
            field = None
        target.add_error(field, item.message)


@staff_view
def process_create(request: HttpRequest, community: str) -> HttpResponse:
    """A new process, started from a regulation template (`?template=city`) or from scratch."""
    target = get_object_or_404(Community, slug=community)
    if not request.user.has_perm("budgeting.create_process", target):
        raise Http404
    settlements = list(target.settlements.all())
    key = request.GET.get("template", "")
    chosen = regulation_templates.TEMPLATES.get(key)
    initial, sub_initial = regulation_templates.initial_for(key, target) if chosen else ({}, [])
    form = ProcessForm(request.POST or None, initial=initial)
    formset = SubBudgetFormSet(
        request.POST or None,
        prefix="sb",
        initial=sub_initial or None,
        form_kwargs={"settlements": settlements},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        specs = _specs(formset)
        fields = dict(form.cleaned_data)
        if not fields.get("total_budget"):
            # No total typed: the sub-budgets' amounts are the total (none may be a share).
            amounts = [spec.amount for spec in specs]
            fields["total_budget"] = sum(a or 0 for a in amounts) if None not in amounts else 0
        try:
            process = actions.create_process(request.user, target, specs, **fields)
        except regulation.RegulationContradicts as exc:
            _contradictions_to_forms(form, formset, exc.contradictions)
        except ActionRefused as exc:
            refusal_to_form(form, exc)
        else:
            messages.success(request, _("Процес створено."))
            return redirect(process)
    return render(
        request,
        "budgeting/process_form.html",
        {
            "community": target,
            "form": form,
            "formset": formset,
            "templates": regulation_templates.TEMPLATES.values(),
            "chosen": chosen,
        },
        status=400 if request.method == "POST" else 200,
    )
