from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.admin.two_factor import secret_of


class Command(BaseCommand):
    help = (
        "Give a member of staff (the first superuser, say) a two-factor device and "
        "print the key to type into their authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No member of staff is called {username!r}.")
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        self.stdout.write(f"Key for {username}'s authenticator app: {secret_of(device)}")
        self.stdout.write(f"Or open this link on the phone: {device.config_url}")
