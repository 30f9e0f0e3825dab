from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.files import JPEG, MB, PDF, PNG, UploadField
from core.forms import DateInput, PortalForm, PortalModelForm, TextField
from core.roles import Role
from core.submissions import SubmitOnceForm
from grants.models import Application, RevenueBand, Round
from grants.services.applications import COMMENT_LENGTH, FIELDS


class CommentForm(PortalForm):
    comment = TextField(label=_("Comment"), required=False, max_length=2000)


class ApproveForm(PortalForm):
    amount = forms.DecimalField(label=_("Amount approved, ₸"), min_value=1, max_digits=12, decimal_places=0)
    comment = TextField(label=_("Comment"), required=False, max_length=2000)


class AssignForm(PortalForm):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = User.objects.filter(role=Role.GRANT_REVIEWER, is_active=True).order_by("last_name")


class ScoreForm(PortalForm):
    declared = forms.BooleanField(
        label=_("I declare that I am not related to the applicant and do not live in her household."), required=False
    )
    comment = TextField(label=_("Comment"), required=False, max_length=2000)

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(application.programme.criteria.all())
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})", min_value=0, max_value=criterion.max_score
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


def no_negative_contribution(form: forms.ModelForm) -> None:
    """The database's check refuses a negative own contribution: the application's forms say so on the
    field, in her language, before it gets there."""
    form.fields["own_contribution"].validators.append(MinValueValidator(0))
    form.fields["own_contribution"].widget.attrs["min"] = 0


class ApplicationForm(PortalModelForm):
    """Her application: the round, the business idea and plan, and the plan's file (last: browsers send
    fields in page order, and an oversized file stops the reading, core.files)."""

    round = forms.ModelChoiceField(label=_("Round"), queryset=Round.objects.none())
    plan = UploadField(label=_("Business plan (PDF, JPEG or PNG, at most 10 MB)"), types=(PDF, JPEG, PNG), max_size=10 * MB)
    submit = forms.BooleanField(label=_("Submit now (a submitted application is no longer edited)"), required=False)

    class Meta:
        model = Application
        fields = ["round", *FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_negative_contribution(self)
        self.fields["round"].queryset = Round.objects.filter(stage=Round.Stage.OPEN).select_related("programme")
        self.order_fields(["round", *FIELDS, "submit", "plan"])


class DraftForm(ApplicationForm):
    """Her saved draft: the same questions, the round as chosen; a new business plan only if she adds one."""

    class Meta(ApplicationForm.Meta):
        fields = list(FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["round"]
        self.fields["plan"].required = False


class AmendForm(SubmitOnceForm, PortalModelForm):
    """An amendment of a submitted application: its questions as they stand now, what the amendment
    changes, and (hidden) the version the form was opened on, so that two amendments at once do not
    undo each other (``application_amend`` refuses the later). Nothing is saved by the form itself."""

    comment = TextField(label=_("What does the amendment change?"), max_length=COMMENT_LENGTH)
    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"required": _("This page is out of date. Check the current data, then save again.")},
    )

    class Meta:
        model = Application
        fields = list(FIELDS)

    def __init__(self, data=None, *, application: Application, **kwargs):
        initial = {field: getattr(application, field) for field in FIELDS} | {"version": application.version}
        super().__init__(data, initial=initial, **kwargs)
        no_negative_contribution(self)
        self.current: Application | None = None  # the application as it is now, after a refused stale amendment

    def saw_version(self, current: Application) -> None:
        """After a refusal because someone amended the application meanwhile: the form keeps what she
        typed, shows the application as it is now, and carries its version, so that her next send, once
        she has compared, goes through."""
        self.current = current
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current.version)


class RoundMoveForm(PortalForm):
    """The round's next stage (hidden: the one the page offered) and an optional comment."""

    stage = forms.ChoiceField(choices=Round.Stage.choices, widget=forms.HiddenInput)
    comment = TextField(label=_("Comment"), required=False, max_length=2000)


class TrancheForm(PortalForm):
    amount = forms.DecimalField(label=_("Amount, ₸"), min_value=1, max_digits=12, decimal_places=0)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())


class VisitForm(PortalForm):
    done_on = forms.DateField(label=_("Visited on"), widget=DateInput())
    operating = forms.TypedChoiceField(
        label=_("Is the business operating?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
    )
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0, max_value=500)
    revenue_band = forms.ChoiceField(label=_("Monthly revenue"), choices=RevenueBand.choices)
    comment = TextField(label=_("Comment"), required=False, max_length=2000)
    photo = UploadField(label=_("Photo (JPEG or PNG, optional)"), types=(JPEG, PNG), max_size=10 * MB, required=False)
