from django.contrib.auth import backends, get_user_model


class ModelBackend(backends.ModelBackend):
    """Loads the signed-in user with her centre, which every scoped page needs."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("centre").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
