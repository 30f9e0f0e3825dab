"""The courses' models, one module per part (import them from here)."""

from courses.models.bookings import Attendance, Booking, Certificate, new_code
from courses.models.catalogue import WEEKDAYS, Category, Course, Eligibility, Group, Lesson

__all__ = ["WEEKDAYS", "Attendance", "Booking", "Category", "Certificate", "Course", "Eligibility", "Group", "Lesson", "new_code"]
