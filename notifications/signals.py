from django.dispatch import Signal

# Sent when a message ends — sent, failed or cancelled — with ``notification``: the app whose record
# it went to may write it into that record's history (families: the family's timeline).
notification_settled = Signal()
