from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from audit.models import AccessEvent
from centres.models import Centre
from core.files import JPEG, MB, PDF, PNG, UploadField
from core.forms import DateInput, NameField, OneLineField, PortalForm, TextField, VersionForm
from core.i18n import PUBLIC_LANGUAGES
from core.phones import KazakhstanPhoneField
from core.submissions import SubmitOnceForm
from families import rules
from families.categories import Category
from families.models import Agency, Appeal, Family, Housing, MaritalStatus, Sex, VisitPurpose
from families.selectors import Found, possible_duplicates
from families.services import ChildData, ConsentData, FamilyDetails, PersonData
from notifications.models import Channel


def iin_field(*, required: bool = True, hint_for: str = "") -> forms.CharField:
    attrs = {"inputmode": "numeric", "autocomplete": "off", "maxlength": "12", "class": "iin", "data-iin": hint_for}
    return forms.CharField(
        label=_("IIN"),
        max_length=12,
        min_length=12,
        required=required,
        validators=[rules.validate_iin],
        widget=forms.TextInput(attrs=attrs),
    )


def birth_date_field(*, required: bool = True) -> forms.DateField:
    return forms.DateField(label=_("Birth date"), required=required, widget=DateInput(), validators=[rules.validate_birth_date])


class PersonForm(PortalForm):
    last_name = NameField(label=_("Last name"), max_length=rules.NAME_MAX)
    first_name = NameField(label=_("First name"), max_length=rules.NAME_MAX)
    middle_name = NameField(label=_("Middle name"), max_length=rules.NAME_MAX, required=False)


class MotherForm(PersonForm):
    iin = iin_field(hint_for="mother")
    birth_date = birth_date_field()
    # Shown only when a mother with the same name and birth date exists already.
    not_a_duplicate = forms.BooleanField(label=_("This is a different person: register her anyway"), required=False)

    field_order = ["iin", "last_name", "first_name", "middle_name", "birth_date"]

    def __init__(self, *args, user, family: Family | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.family = family
        self.duplicates: list[Found] = []

    def clean(self):
        data = super().clean()
        if data.get("last_name") and data.get("first_name") and data.get("birth_date"):
            self.duplicates = possible_duplicates(
                self.user,
                last_name=data["last_name"],
                first_name=data["first_name"],
                middle_name=data.get("middle_name", ""),
                birth_date=data["birth_date"],
                exclude_pk=self.family.mother_id if self.family else None,
            )
        if self.duplicates and not data.get("not_a_duplicate"):
            raise ValidationError(
                _(
                    "A mother with the same name and birth date is already registered. Check that it is not her, "
                    "then tick “This is a different person”."
                ),
                code="possible_duplicate",
            )
        return data

    def person_data(self) -> PersonData:
        data = self.cleaned_data
        return PersonData(
            iin=data["iin"],
            last_name=data["last_name"],
            first_name=data["first_name"],
            middle_name=data["middle_name"],
            birth_date=data["birth_date"],
            sex=Sex.FEMALE,
        )


class SpouseForm(PersonForm):
    """Optional: filled in when the mother is married and wants her spouse on record."""

    iin = iin_field(required=False, hint_for="spouse")
    birth_date = birth_date_field(required=False)

    field_order = ["iin", "last_name", "first_name", "middle_name", "birth_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last_name"].required = False
        self.fields["first_name"].required = False

    def clean(self):
        data = super().clean()
        if self.is_filled() and not (data.get("last_name") and data.get("first_name")):
            raise ValidationError(_("Give the spouse's last and first name, or leave all the spouse's fields empty."))
        return data

    def is_filled(self) -> bool:
        return any(self.cleaned_data.get(name) for name in ("iin", "last_name", "first_name", "middle_name", "birth_date"))

    def person_data(self) -> PersonData | None:
        if not self.is_filled():
            return None
        data = self.cleaned_data
        return PersonData(
            iin=data["iin"] or None,
            last_name=data["last_name"],
            first_name=data["first_name"],
            middle_name=data["middle_name"],
            birth_date=data["birth_date"],
            sex=Sex.MALE,
        )


class FamilyForm(PortalForm):
    phone = KazakhstanPhoneField(label=_("Mobile phone"))
    phone_extra = KazakhstanPhoneField(label=_("Second phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = OneLineField(label=_("Address"), max_length=rules.ADDRESS_MAX)
    language = forms.ChoiceField(label=_("Preferred language"), choices=PUBLIC_LANGUAGES)
    marital_status = forms.ChoiceField(label=_("Marital status"), choices=[("", "---------"), *MaritalStatus.choices])
    monthly_income = forms.DecimalField(
        label=_("Monthly household income, ₸"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    housing = forms.ChoiceField(label=_("Housing"), choices=[("", "---------"), *Housing.choices])
    receives_asp = forms.BooleanField(label=_("Receives targeted social assistance (ASP)"), required=False)
    notify_by = forms.ChoiceField(label=_("Send messages by"), choices=Channel.choices, initial=Channel.SMS)
    optional_messages = forms.BooleanField(
        label=_("Also reminders and news"),
        required=False,
        initial=True,
        help_text=_("Messages about her appointments, appeals and bookings are always sent."),
    )

    def clean(self):
        data = super().clean()
        if data.get("notify_by") == Channel.EMAIL and not data.get("email"):
            self.add_error("email", _("Give an e-mail address to send messages by e-mail."))
        return data

    def details(self) -> FamilyDetails:
        return FamilyDetails(**{name: self.cleaned_data[name] for name in FamilyDetails.__dataclass_fields__})


class ChildForm(PersonForm):
    child_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    iin = iin_field()
    birth_date = birth_date_field()
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "---------"), *Sex.choices])
    has_disability = forms.BooleanField(label=_("Disability"), required=False)
    in_full_time_education = forms.BooleanField(label=_("Full-time student"), required=False)
    lives_with_family = forms.BooleanField(label=_("Lives with the family"), required=False, initial=True)

    field_order = ["child_id", "iin", "last_name", "first_name", "middle_name", "birth_date", "sex"]

    def child_data(self) -> ChildData:
        data = self.cleaned_data
        return ChildData(
            iin=data["iin"],
            last_name=data["last_name"],
            first_name=data["first_name"],
            middle_name=data["middle_name"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            has_disability=data["has_disability"],
            in_full_time_education=data["in_full_time_education"],
            lives_with_family=data["lives_with_family"],
            child_id=data.get("child_id"),
        )


class BaseChildFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": ngettext_lazy(
            "A family can have at most %(num)d child on the form.",
            "A family can have at most %(num)d children on the form.",
            "num",
        ),
    }

    def clean(self):
        # Two rows naming one child would save the second over the first: only a tampered or stale page sends that.
        ids = [form.cleaned_data.get("child_id") for form in self.forms if hasattr(form, "cleaned_data")]
        ids = [child_id for child_id in ids if child_id]
        if len(ids) != len(set(ids)):
            raise ValidationError(
                _("The same child is in the form twice. Open the form again to change the children."), code="child_twice"
            )

    def kept_forms(self) -> list[ChildForm]:
        """Children already in the family (unless marked for removal) and rows filled in now; blank rows drop out."""
        return [
            form
            for form in self.forms
            if (form.has_changed() or form.cleaned_data.get("child_id")) and not self._should_delete_form(form)
        ]

    def children(self) -> list[ChildData]:
        return [form.child_data() for form in self.kept_forms()]


# A form past absolute_max is never built: a page posting 100,000 of them is refused at once. The ten
# spare rows are for blank ones the registrar added and left empty.
ChildFormSet = forms.formset_factory(
    ChildForm,
    formset=BaseChildFormSet,
    extra=1,
    can_delete=True,
    max_num=rules.MAX_CHILDREN,
    absolute_max=rules.MAX_CHILDREN + 10,
    validate_max=True,
)


def consent_scan_field() -> UploadField:
    """The signed consent, photographed or scanned."""
    return UploadField(label=_("Signed copy (optional)"), required=False, types=(PDF, JPEG, PNG), max_size=5 * MB)


class ConsentForm(PortalForm):
    given = forms.BooleanField(
        label=_("The mother has read the consent text in her language and agrees"),
        error_messages={"required": _("Without the mother's consent the family cannot be registered.")},
    )
    given_on = forms.DateField(label=_("Date of consent"), widget=DateInput(), validators=[rules.validate_not_in_future])
    scan = consent_scan_field()  # last: a file refused for its size ends the reading of the form (core.files)

    def consent_data(self, language: str) -> ConsentData:
        data = self.cleaned_data
        return ConsentData(given=data["given"], given_on=data["given_on"], language=language, scan=data.get("scan"))


class FamilyForms:
    """All the parts of the registration (or edit) page, validated together.

    Nothing the registrar typed is lost: every part is bound to the POST data and re-rendered with its
    errors when any part is invalid."""

    def __init__(self, data=None, files=None, *, user, family: Family | None = None, with_consent: bool = True):
        initial = _initial_from(family) if family else {}
        today = timezone.localdate()
        self.family = family
        self.mother = MotherForm(data, prefix="mother", user=user, family=family, initial=initial.get("mother"))
        self.details = FamilyForm(data, prefix="family", initial=initial.get("family"))
        self.spouse = SpouseForm(data, prefix="spouse", initial=initial.get("spouse"))
        self.children = ChildFormSet(data, prefix="children", initial=initial.get("children"))
        self.consent = ConsentForm(data, files, prefix="consent", initial={"given_on": today}) if with_consent else None
        # Editing: the version of the family the page was opened on (optimistic concurrency, hidden).
        self.version = VersionForm(data, prefix="record", initial={"version": family.version}) if family else None
        self.out_of_date = ""
        self.once = SubmitOnceForm(data)  # the page's token: sent twice, it saves once (core.submissions)

    @property
    def parts(self) -> list:
        parts = (self.mother, self.details, self.spouse, self.children, self.consent, self.version)
        return [part for part in parts if part is not None]

    def is_valid(self) -> bool:
        valid = all(part.is_valid() for part in self.parts)  # validate every part, not only up to the first error
        if self.version is not None and self.family is not None and not self.version.is_valid():
            # A page that does not say what it was opened on: shown again, now on the current version.
            self.out_of_date = " ".join(self.version.errors["version"])
            self.saw_version(self.family.version)
        if not valid:
            return False
        problems = rules.family_problems(
            mother_birth_date=self.mother.cleaned_data["birth_date"],
            mother_iin=self.mother.cleaned_data["iin"],
            children=self.children.children(),
            spouse_iin=self.spouse.cleaned_data.get("iin"),
        )
        if self.consent is not None:
            late = rules.consent_problem(
                mother_birth_date=self.mother.cleaned_data["birth_date"], given_on=self.consent.cleaned_data["given_on"]
            )
            problems += [(("consent", "given_on"), late)] if late else []
        for path, message in problems:
            self.add_error(path, message)
        return not problems

    def saw_version(self, version: int) -> None:
        """After a refused save: the page carries the version she has now been shown, so that her next
        save, once she has compared, goes through."""
        self.version = VersionForm.seen(version)

    def add_error(self, path, message) -> None:
        """Put a message (from a rule or a service's DomainError) next to the field it is about."""
        if not path:
            self.mother.add_error(None, message)
            return
        if isinstance(path, str):
            path = ("family", path)
        part, *rest = path
        if part == "children":
            index, field = rest
            form = self.children.kept_forms()[index]
            form.add_error(field, message)
            return
        target = {"mother": self.mother, "spouse": self.spouse, "family": self.details, "consent": self.consent}[part]
        target.add_error(rest[0] if rest else None, message)

    def warnings(self) -> list[str]:
        people = [
            (
                self.mother.person_data().last_name,
                self.mother.cleaned_data["iin"],
                self.mother.cleaned_data["birth_date"],
                Sex.FEMALE,
            )
        ]
        people += [(f"{c.last_name} {c.first_name}", c.iin, c.birth_date, c.sex) for c in self.children.children()]
        return rules.hint_mismatches(people)

    def error_count(self) -> int:
        count = sum(len(part.errors) for part in (self.mother, self.details, self.spouse, self.consent) if part is not None)
        count += sum(len(form.errors) for form in self.children.forms) + len(self.children.non_form_errors())
        return count


def _initial_from(family: Family) -> dict:
    mother = family.mother
    person_fields = ("iin", "last_name", "first_name", "middle_name", "birth_date")
    return {
        "mother": {name: getattr(mother, name) for name in person_fields},
        "family": {name: getattr(family, name) for name in FamilyDetails.__dataclass_fields__},
        "spouse": {name: getattr(family.spouse, name) for name in person_fields} if family.spouse else {},
        "children": [
            {
                "child_id": child.pk,
                "sex": child.person.sex,
                "has_disability": child.has_disability,
                "in_full_time_education": child.in_full_time_education,
                "lives_with_family": child.lives_with_family,
                **{name: getattr(child.person, name) for name in person_fields},
            }
            for child in family.children.all()
        ],
    }


class FamilyFilter(django_filters.FilterSet):
    """The family list: the search box and the category filters."""

    q = django_filters.CharFilter(label=_("IIN, phone or name"), method="search")
    category = django_filters.ChoiceFilter(label=_("Category"), method="by_category", choices=Category.choices)
    asp = django_filters.BooleanFilter(label=_("Receives ASP"), field_name="receives_asp")

    class Meta:
        model = Family
        fields = ["q", "category", "asp"]

    def filter_queryset(self, queryset):
        # The search box last: a misspelt name's best guesses are then sought among the families of the
        # category chosen, not among all of hers and then narrowed to the category.
        for name, value in sorted(self.form.cleaned_data.items(), key=lambda item: item[0] == "q"):
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def search(self, queryset, name, value):
        from families.selectors import family_search

        # The queryset is the user's families (the views give it so) of the other filters: her best
        # guesses are sought among them.
        return family_search(queryset, value)

    def by_category(self, queryset, name, value):
        return queryset.filter(**{Category(value).flag: True})


class VisitForm(SubmitOnceForm):
    purposes = forms.ModelMultipleChoiceField(
        label=_("Purpose of the visit"), queryset=VisitPurpose.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    notes = TextField(label=_("Notes"), required=False, max_length=rules.NOTE_MAX)


class ServeVisitForm(PortalForm):
    what_was_done = TextField(
        label=_("What was done"), max_length=rules.DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    notes = TextField(label=_("Notes"), required=False, max_length=rules.NOTE_MAX)


class AppealForm(SubmitOnceForm):
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=[("", "---------"), *Appeal.Kind.choices])
    description = TextField(
        label=_("What she asks for"), max_length=rules.DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealMoveForm(PortalForm):
    to_status = forms.ChoiceField(label=_("New status"), choices=[])
    comment = TextField(label=_("Comment"), required=False, max_length=rules.NOTE_MAX)

    def __init__(self, *args, appeal: Appeal, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Appeal.Status.choices)
        # "Referred" happens by making a referral, which says to whom.
        allowed = [s for s in appeal.allowed_next() if s != Appeal.Status.REFERRED]
        self.fields["to_status"].choices = [(status, labels[status]) for status in allowed]


class ReferralForm(SubmitOnceForm):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.filter(is_active=True))
    expected_outcome = TextField(label=_("Expected outcome"), max_length=rules.NOTE_MAX)
    due_on = forms.DateField(label=_("Answer due by"), widget=DateInput())


class ReferralOutcomeForm(PortalForm):
    outcome = TextField(label=_("What the agency answered"), max_length=rules.DESCRIPTION_MAX)
    outcome_on = forms.DateField(label=_("Answer received on"), widget=DateInput(), validators=[rules.validate_not_in_future])


class ConsentRenewForm(SubmitOnceForm):
    given_on = forms.DateField(label=_("Date of consent"), widget=DateInput(), validators=[rules.validate_not_in_future])
    language = forms.ChoiceField(label=_("Language of the text she read"), choices=PUBLIC_LANGUAGES)
    scan = consent_scan_field()


class ConsentWithdrawForm(PortalForm):
    on = forms.DateField(label=_("Withdrawn on"), widget=DateInput(), validators=[rules.validate_not_in_future])


class VerifyForm(PortalForm):
    """The registrar says she has checked the family signed up online against the mother's documents."""

    documents_seen = forms.BooleanField(
        label=_("I have seen her identity document, and the family's file agrees with her documents"), required=True
    )


class EmergencyAccessForm(PortalForm):
    """Asks for a family outside one's scope. Sent by POST only: the IIN never reaches a URL."""

    iin = iin_field()
    reason = TextField(
        label=_("Why you need this family"),
        min_length=10,
        max_length=500,
        help_text=_("It is recorded and shown to the family's centre head."),
    )
    hours = forms.TypedChoiceField(
        label=_("For how long"),
        coerce=int,
        choices=[(hours, ngettext_lazy("%(count)d hour", "%(count)d hours", "count") % {"count": hours}) for hours in (1, 2, 4)],
        initial=1,
    )


class AccessLogFilter(django_filters.FilterSet):
    """Who looked at this family: by what was done, by period and by the centre she worked from."""

    action = django_filters.ChoiceFilter(label=_("What was done"), choices=AccessEvent.Action.choices)
    since = django_filters.DateFilter(label=_("From date"), field_name="at", lookup_expr="date__gte", widget=DateInput())
    until = django_filters.DateFilter(label=_("To date"), field_name="at", lookup_expr="date__lte", widget=DateInput())
    centre = django_filters.ModelChoiceFilter(label=_("From centre"), queryset=Centre.objects.all())

    class Meta:
        model = AccessEvent
        fields = ["action", "since", "until", "centre"]
