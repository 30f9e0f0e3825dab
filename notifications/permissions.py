from accounts.roles import Role

# The delivery log shows phone numbers and texts: the centre head for her centre, administrators for all.
READ_DELIVERY_LOG = frozenset({Role.CENTRE_HEAD, Role.ADMINISTRATOR})
