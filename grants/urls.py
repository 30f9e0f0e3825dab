from django.urls import path

from grants.views import mother, staff

app_name = "grants"
urlpatterns = [
    path("", staff.applications, name="applications"),
    path("<int:pk>/", staff.application, name="application"),
    path("<int:pk>/move/<slug:name>/", staff.move, name="move"),
    path("<int:pk>/approve/", staff.approve, name="approve"),
    path("<int:pk>/assign/", staff.assign, name="assign"),
    path("<int:pk>/tranche/", staff.tranche, name="tranche"),
    path("<int:pk>/amend/", staff.amend, name="amend"),
    path("visits/<int:pk>/", staff.visit, name="visit"),
    path("visits/overdue/", staff.overdue, name="overdue"),
    path("funnel/", staff.funnel, name="funnel"),
    path("rounds/", staff.rounds, name="rounds"),
    path("rounds/<int:pk>/", staff.ranking, name="ranking"),
    path("rounds/<int:pk>/move/", staff.round_move, name="round_move"),
    path("rounds/<int:pk>/pack.pdf", staff.pack_pdf, name="pack_pdf"),
    path("rounds/<int:pk>/pack.xlsx", staff.pack_xlsx, name="pack_xlsx"),
    path("balance/", staff.balance, name="balance"),
    path("reviews/", staff.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", staff.score, name="score"),
    path("me/", mother.my_applications, name="my_applications"),
    path("me/apply/", mother.apply, name="apply"),
    path("me/<int:pk>/submit/", mother.submit_mine, name="submit_mine"),
    path("me/<int:pk>/edit/", mother.edit_mine, name="edit_mine"),
    path("me/<int:pk>/amend/", mother.amend_mine, name="amend_mine"),
    path("families/<int:pk>/apply/", mother.desk_apply, name="desk_apply"),
    path("documents/<int:pk>/", mother.document, name="document"),
]
