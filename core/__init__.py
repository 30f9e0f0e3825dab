"""The shared core: what every app of the portal may import, and nothing about families.

Apps depend on ``core`` (and on ``audit`` for the two logs); ``core`` depends on no app. The modules:

- ``core.errors``      — ``DomainError``, the translated refusal every service raises
- ``core.roles``       — the roles and specialties of the portal's users
- ``core.scoping``     — ``scope_for``, ``ScopedQuerySet``, ``get_visible_or_404``, ``has_role``
- ``core.permissions`` — ``Decision`` and the registry of named permission rules
- ``core.htmx``        — the three sanctioned htmx shapes: page with partial, modal form, row swap
- ``core.forms``       — ``PortalForm``, ``PortalModelForm``, ``DateInput``, ``NameField``, ``TextField``,
  ``VersionForm`` (the hidden version of an edit page: optimistic concurrency)
- ``core.text``        — ``one_line``, ``paragraphs``, ``bounded``: invisible characters out, lengths bounded
- ``core.submissions`` — ``SubmitOnceForm``, ``Once``: the same form sent twice saves once (table
  ``core.models.Submission``)
- ``core.phones``      — ``KazakhstanPhoneField``, ``to_e164``, ``format_phone`` (template filter ``|phone``)
- ``core.money``       — ``tenge``: an amount with its sign, «35 596 ₸» (template filter ``|tenge``)
- ``core.paging``      — ``CappedPaginator``: pages of a long list counted only up to a cap
- ``core.admin``       — ``AuditedAdminMixin``
- ``core.timeline``    — ``Entry``, ``TimelineKind``, ``midnight``
- ``core.i18n``        — ``in_languages``, ``in_language`` for content kept in every language
- ``core.xlsx``        — ``Sheet``, ``workbook_response``: exports with translated headers
- ``core.files``       — ``PrivateFileField``, ``private_file_response``: uploads checked by content
- ``core.extensions``  — ``PortalAppConfig``: menu entries, schedules, demo steps, family-page parts,
  bench endpoints and reference data, each contributed by its own app
"""
