"""The consultations' pages: calendars and "my day" (``calendars``), booking and the appointment's
page with its actions (``appointments``), follow-ups, the export and the parts of other pages
(``reports``)."""
