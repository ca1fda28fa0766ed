from django.urls import path

from hromada.academy import views, views_staff

app_name = "academy"
urlpatterns = [
    path("", views.course_list, name="list"),
    path("files/<str:token>/", views.attachment_file, name="attachment"),
    path("submissions/<int:pk>/", views_staff.submission_review, name="review"),
    path("submissions/file/<str:token>/", views.submission_file, name="submission_file"),
    path("new/<slug:network>/", views_staff.course_new, name="new"),
    path("<slug:slug>/", views.course_detail, name="course"),
    path("<slug:slug>/lessons/<int:pk>/", views.lesson_detail, name="lesson"),
    path("<slug:slug>/quiz/", views.quiz, name="quiz"),
    path("<slug:slug>/assignment/", views.assignment, name="assignment"),
    path("<slug:slug>/manage/", views_staff.course_manage, name="manage"),
    path("<slug:slug>/manage/lessons/new/", views_staff.lesson_edit, name="lesson_new"),
    path("<slug:slug>/manage/lessons/<int:pk>/", views_staff.lesson_edit, name="lesson_edit"),
]
