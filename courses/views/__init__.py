"""The courses' pages: public (catalogue, course, certificate check), the mother's (booking, her
cabinet's sections, her certificate) and the staff's (groups, lessons, attendance, the desk)."""
