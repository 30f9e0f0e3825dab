from django.utils.translation import gettext_lazy as _

from core.forms import PortalForm, TextField
from retention.services import REASON_MAX


class HoldForm(PortalForm):
    reason = TextField(
        label=_("Why the family is kept"),
        max_length=REASON_MAX,
        help_text=_("For example: an open court case, a grant under monitoring. Do not write names or IINs."),
    )


class ForgetForm(PortalForm):
    reason = TextField(
        label=_("Her request"),
        max_length=REASON_MAX,
        help_text=_("How and when she asked, for example: a written request of 3 March. Do not write names or IINs."),
    )
