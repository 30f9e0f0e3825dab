import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from centres.models import Centre, District


class CentreFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or address"), method="search")
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=District.objects.all())

    class Meta:
        model = Centre
        fields = ["q", "district"]

    def search(self, queryset, name, value):
        condition = Q()
        for field in ("name_kk", "name_ru", "address_kk", "address_ru"):
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)
