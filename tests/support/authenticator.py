"""An authenticator app for the suites that sign in through real servers (browser, stack)."""

import base64
import time

from django_otp.oath import totp


class Authenticator:
    """The authenticator app of every account a suite enrolled: its secret, and the last period used.

    A TOTP code is accepted once, so two sign-ins within one 30-second period use the next
    period's code (the server accepts one period of drift), and wait when that one is used too.
    """

    def __init__(self):
        self.secrets = {}
        self.last_period = {}

    def add(self, email_address, secret_text):
        self.secrets[email_address] = secret_text

    def knows(self, email_address):
        return email_address in self.secrets

    def code(self, email_address):
        secret = "".join(self.secrets[email_address].split())
        key = base64.b32decode(secret + "=" * (-len(secret) % 8))
        now = int(time.time()) // 30
        period = max(now, self.last_period.get(email_address, -1) + 1)
        while period > now + 1:
            time.sleep(1)
            now = int(time.time()) // 30
        self.last_period[email_address] = period
        return f"{totp(key, drift=period - now):06d}"
