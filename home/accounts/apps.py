from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in defences: throttling of the account endpoints and two-factor authentication."""

    name = "home.accounts"
    label = "kim_accounts"
    verbose_name = "Akun"
