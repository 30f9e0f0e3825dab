from django.urls import path

from families.views import appeals, consent, desk, emergency, registry, unsubscribe

app_name = "families"
urlpatterns = [
    path("", registry.family_list, name="list"),
    path("export.xlsx", registry.family_export, name="export"),
    path("register/", registry.family_register_view, name="register"),
    path("<int:pk>/", registry.family_detail, name="detail"),
    path("<int:pk>/edit/", registry.family_edit, name="edit"),
    path("<int:pk>/access-log/", registry.family_access_log, name="access_log"),
    path("<int:pk>/verify/", registry.family_verify_view, name="verify"),
    path("<int:pk>/visits/new/", desk.visit_new, name="visit_new"),
    path("<int:pk>/appeals/new/", appeals.appeal_new, name="appeal_new"),
    path("<int:pk>/consent/new/", consent.consent_new, name="consent_new"),
    path("<int:pk>/consent/withdraw/", consent.consent_withdraw_view, name="consent_withdraw"),
    path("consents/<int:consent_pk>/scan/", consent.consent_scan, name="consent_scan"),
    path("emergency-access/", emergency.emergency_access, name="emergency_access"),
    path("today/", desk.today, name="today"),
    path("visits/<int:visit_pk>/serve/", desk.visit_serve, name="visit_serve"),
    path("changes/", desk.changes, name="changes"),
    path("appeals/<int:appeal_pk>/move/", appeals.appeal_move_view, name="appeal_move"),
    path("appeals/<int:appeal_pk>/referrals/new/", appeals.referral_new, name="referral_new"),
    path("referrals/<int:referral_pk>/outcome/", appeals.referral_outcome, name="referral_outcome"),
    path("referrals/overdue/", appeals.overdue, name="overdue_referrals"),
    path("stop-messages/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
