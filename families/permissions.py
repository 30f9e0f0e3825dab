"""Who may do what in the family registry. Scope (which families) is accounts.permissions' job; these
say which roles may take each action at all."""

from accounts.roles import CENTRE_ROLES, Role

# Aggregated figures are for officials; personal files are for the staff who help the family.
READ_FAMILIES = CENTRE_ROLES
REGISTER_FAMILIES = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
RECORD_VISITS = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
SERVE_VISITS = CENTRE_ROLES
HANDLE_REQUESTS = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD, Role.SPECIALIST})
EXPORT_FAMILIES = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
READ_ACCESS_LOG = frozenset({Role.CENTRE_HEAD})
