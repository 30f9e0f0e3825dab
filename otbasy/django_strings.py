"""Django strings that people see but Django leaves untranslated in Kazakh.

This module is never imported: it only puts these exact messages into the project catalog, where they
are translated into Kazakh (and Russian, as Django has it); the project catalog takes precedence over
Django's own.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# forms, models, pagination, time spans
gettext_noop("Enter a whole number.")
gettext_noop("Enter a number.")
gettext_noop("Enter a valid date.")
gettext_noop("Enter a valid time.")
gettext_noop("Enter a valid date/time.")
gettext_noop("Enter a valid value.")
gettext_noop("Ensure this value is greater than or equal to %(limit_value)s.")
gettext_noop("Ensure this value is less than or equal to %(limit_value)s.")
gettext_noop("Select a valid choice. %(value)s is not one of the available choices.")
gettext_noop("Select a valid choice. That choice is not one of the available choices.")
gettext_noop("No file was submitted. Check the encoding type on the form.")
gettext_noop("No file was submitted.")
gettext_noop("The submitted file is empty.")
gettext_noop("That page number is not an integer")
gettext_noop("That page number is less than 1")
gettext_noop("That page contains no results")
gettext_noop("Enter a valid integer.")
gettext_noop("Enter a valid email address.")
gettext_noop("Ensure this value is a multiple of step size %(limit_value)s.")
ngettext_lazy(
    "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    1,
)
ngettext_lazy(
    "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
    "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    1,
)
ngettext_lazy(
    "Ensure that there are no more than %(max)s digit in total.", "Ensure that there are no more than %(max)s digits in total.", 1
)
ngettext_lazy(
    "Ensure that there are no more than %(max)s decimal place.", "Ensure that there are no more than %(max)s decimal places.", 1
)
ngettext_lazy(
    "Ensure that there are no more than %(max)s digit before the decimal point.",
    "Ensure that there are no more than %(max)s digits before the decimal point.",
    1,
)
gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s.")
gettext_noop("Null characters are not allowed.")
gettext_noop("%(model_name)s with this %(field_labels)s already exists.")
gettext_noop("Value %(value)r is not a valid choice.")
gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice.")
gettext_noop("Enter a valid duration.")
ngettext_lazy(
    "Ensure this filename has at most %(max)d character (it has %(length)d).",
    "Ensure this filename has at most %(max)d characters (it has %(length)d).",
    1,
)
gettext_noop("Enter a complete value.")

# formsets (the children of a family): a form sent from a page that was changed, or not loaded whole
ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1)
ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1)
gettext_noop(
    "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need to file a bug "
    "report if the issue persists."
)
gettext_noop("(Hidden field %(name)s) %(error)s")

gettext_noop("“%(pk)s” is not a valid value.")
gettext_noop("%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist.")
ngettext_lazy("%(num)d year", "%(num)d years", 1)
ngettext_lazy("%(num)d minute", "%(num)d minutes", 1)

# sign-in and passwords: the portal writes «құпиясөз» in one word, Django «құпия сөз»
gettext_noop("Conflicting form data submitted. Please try again.")
gettext_noop("password")
gettext_noop("Old password")
gettext_noop("New password")
gettext_noop("New password confirmation")
gettext_noop("Password confirmation")
gettext_noop("Your old password was entered incorrectly. Please enter it again.")
gettext_noop("This account is inactive.")
gettext_noop("The two password fields didn’t match.")
gettext_noop("Enter the same password as before, for verification.")
gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive.")
gettext_noop("Email")
gettext_noop("email address")
ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    1,
)
ngettext_lazy(
    "Your password must contain at least %(min_length)d character.",
    "Your password must contain at least %(min_length)d characters.",
    1,
)
gettext_noop("The password is too similar to the %(verbose_name)s.")
gettext_noop("Your password can’t be too similar to your other personal information.")
gettext_noop("This password is too common.")
gettext_noop("Your password can’t be a commonly used password.")
gettext_noop("This password is entirely numeric.")
gettext_noop("Your password can’t be entirely numeric.")
gettext_noop("Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.")

# translated by Django, but in words that do not fit the portal's ("login" on the sign-in form)
gettext_noop("username")

# The month names that the formats' "E" shows: in Kazakh in lowercase («2026 ж. қараша», «8 наурыз»);
# in Russian in the genitive, as Django has them («8 марта»).
pgettext_lazy("alt. month", "January")
pgettext_lazy("alt. month", "February")
pgettext_lazy("alt. month", "March")
pgettext_lazy("alt. month", "April")
pgettext_lazy("alt. month", "May")
pgettext_lazy("alt. month", "June")
pgettext_lazy("alt. month", "July")
pgettext_lazy("alt. month", "August")
pgettext_lazy("alt. month", "September")
pgettext_lazy("alt. month", "October")
pgettext_lazy("alt. month", "November")
pgettext_lazy("alt. month", "December")
