from modeltranslation.translator import TranslationOptions, register

from courses.models import Course


@register(Course)
class CourseTranslation(TranslationOptions):
    # Both languages are needed to publish (courses.services.course_publish and a database check):
    # required_languages alone would stop neither a draft nor a write through the ORM.
    fields = ("title", "description")
    required_languages = {"kk": ("title",), "ru": ("title",)}
