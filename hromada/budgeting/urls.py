from django.urls import path

from hromada.budgeting import (
    views,
    views_counting,
    views_paper,
    views_regulation,
    views_results,
    views_review,
    views_staff,
    views_vote,
)

app_name = "budgeting"
_project = "<slug:slug>/projects/<int:number>"
urlpatterns = [
    # Two segments: no process slug can shadow it.
    path("my/participation/", views_review.my_participation, name="my_participation"),
    path("<slug:slug>/", views.process_detail, name="process"),
    path("<slug:slug>/projects/new/", views.project_submit, name="project_submit"),
    path("<slug:slug>/projects/<int:number>/", views.project_detail, name="project"),
    path("<slug:slug>/projects/<int:number>/revise/", views.project_revise, name="project_revise"),
    path("<slug:slug>/projects/<int:number>/review/", views_staff.project_review, name="review"),
    path(
        "<slug:slug>/projects/<int:number>/implementation/",
        views_staff.implementation_update,
        name="implementation",
    ),
    path("<slug:slug>/regulation/", views_regulation.regulation, name="regulation"),
    path(f"{_project}/support/", views_review.support, name="support"),
    path(f"{_project}/support/withdraw/", views_review.withdraw_support, name="withdraw_support"),
    path(f"{_project}/support/paper/", views_review.paper_support, name="paper_support"),
    path(f"{_project}/assign/", views_review.assign_review, name="assign_review"),
    path(f"{_project}/conclusion/<int:assignment>/", views_review.conclusion, name="conclusion"),
    path(f"{_project}/appeal/", views_review.appeal, name="appeal"),
    path("<slug:slug>/appeals/", views_review.appeal_queue, name="appeal_queue"),
    path(
        "<slug:slug>/appeals/<int:appeal>/decide/", views_review.decide_appeal, name="decide_appeal"
    ),
    path("<slug:slug>/vote/", views_vote.vote, name="vote"),
    path("<slug:slug>/receipt/", views_vote.receipt, name="receipt"),
    path("<slug:slug>/receipt/email/", views_vote.receipt_email, name="receipt_email"),
    path("<slug:slug>/paper/", views_paper.paper_entry, name="paper_entry"),
    path("<slug:slug>/paper/report/", views_paper.paper_report, name="paper_report"),
    path("<slug:slug>/results/", views.results, name="results"),
    path("<slug:slug>/results/approve/", views_counting.results_freeze, name="results_freeze"),
    path(
        "<slug:slug>/implementation/", views_results.implementation, name="implementation_overview"
    ),
    path("<slug:slug>/statistics/", views_results.statistics_page, name="statistics"),
    path(
        "<slug:slug>/statistics.<str:kind>",
        views_results.statistics_download,
        name="statistics_download",
    ),
    path(
        "<slug:slug>/projects/<int:number>/milestones/",
        views_results.milestone_add,
        name="milestone_add",
    ),
    path("<slug:slug>/export/<int:sub_budget_id>.pb", views.export_pabulib, name="export"),
    path("<slug:slug>/review/", views_staff.review_queue, name="review_queue"),
    path("<slug:slug>/rules/", views_staff.process_rules, name="process_rules"),
    path("<slug:slug>/rules/<str:field>/", views_staff.process_rule_change, name="rule_change"),
    path(
        "<slug:slug>/rules/<str:field>/<int:sub_budget>/",
        views_staff.process_rule_change,
        name="rule_change_sb",
    ),
]

from hromada.budgeting import views_practice  # noqa: E402  (a finished budget → a practice)

urlpatterns += [
    path("<slug:slug>/practice/", views_practice.draft_practice, name="draft_practice"),
]
