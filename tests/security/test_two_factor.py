"""Two-factor sign-in: staff may turn it on, superusers must use it where
required, and a code is then needed to reach the admin."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories

LOGIN = "/admin/login/?next=/admin/"


def code_for(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, username, password="pw", code=""):
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": code})


def test_staff_without_a_device_sign_in_with_their_password(db):
    factories.editor(username="plain")
    assert sign_in(Client(), "plain").status_code == 302


def test_a_member_of_staff_turns_it_on_and_is_then_asked_for_a_code(db):
    editor = factories.editor(username="careful")
    client = Client()
    client.force_login(editor)
    page = client.get("/admin/two-factor/")
    assert page.status_code == 200
    assert re.search(r'data-role="secret">[A-Z2-7 ]{20,}<', page.content.decode())
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post("/admin/two-factor/", {"code": "000000"})
    assert wrong.status_code == 400 and "did not match" in wrong.content.decode()
    # A failure makes the device wait a moment before the next try.
    device.refresh_from_db()
    device.throttle_reset()
    client.post("/admin/two-factor/", {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    # From now on the password alone is not enough.
    refused = sign_in(Client(), "careful")
    assert refused.status_code == 200
    # A code is good once: the one just used to confirm is refused ...
    assert sign_in(Client(), "careful", code=code_for(device)).status_code == 200
    # ... and the next one (the app's next 30 seconds) lets them in.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    device.throttle_reset()
    assert sign_in(Client(), "careful", code=code_for(device)).status_code == 302


def test_superusers_must_use_it_where_required(db, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    factories.user(username="boss", superuser=True)
    refused = sign_in(Client(), "boss")
    assert refused.status_code == 200
    assert "enroll_totp" in refused.content.decode()
    out = io.StringIO()
    call_command("enroll_totp", "boss", stdout=out)
    assert "otpauth://" in out.getvalue()
    device = TOTPDevice.objects.get(user__username="boss")
    assert sign_in(Client(), "boss").status_code == 200
    client = Client()
    assert sign_in(client, "boss", code=code_for(device)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_superuser_signed_in_without_a_code_cannot_use_the_admin(db, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    client = Client()
    client.force_login(factories.user(superuser=True))
    assert client.get("/admin/").status_code == 302


def test_a_superuser_who_must_use_it_cannot_turn_it_off(db, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    boss = factories.user(username="boss2", superuser=True)
    call_command("enroll_totp", "boss2", stdout=io.StringIO())
    device = TOTPDevice.objects.get(user=boss)
    client = Client()
    sign_in(client, "boss2", code=code_for(device))
    client.post("/admin/two-factor/", {"turn_off": "1"})
    assert TOTPDevice.objects.filter(user=boss, confirmed=True).exists()


@pytest.mark.parametrize("name", ["nobody", "plain-member"])
def test_enrolment_refuses_anyone_but_staff(db, name):
    factories.user(username="plain-member", is_staff=False)
    with pytest.raises(Exception, match="No member of staff"):
        call_command("enroll_totp", name, stdout=io.StringIO())
