from django.urls import path

from hromada.budgeting import views, views_paper, views_staff, views_vote

app_name = "budgeting"
urlpatterns = [
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
    path("<slug:slug>/vote/", views_vote.vote, name="vote"),
    path("<slug:slug>/receipt/", views_vote.receipt, name="receipt"),
    path("<slug:slug>/receipt/email/", views_vote.receipt_email, name="receipt_email"),
    path("<slug:slug>/paper/", views_paper.paper_entry, name="paper_entry"),
    path("<slug:slug>/paper/report/", views_paper.paper_report, name="paper_report"),
    path("<slug:slug>/results/", views.results, name="results"),
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
