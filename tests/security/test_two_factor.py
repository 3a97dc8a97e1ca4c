"""Two-factor sign-in: staff may turn it on, superusers must use it where
required, and a code is then needed to reach the admin."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.admin import two_factor
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
    used = code_for(device)
    client.post("/admin/two-factor/", {"code": used})
    device.refresh_from_db()
    assert device.confirmed
    # From now on the password alone is not enough.
    refused = sign_in(Client(), "careful")
    assert refused.status_code == 200
    # A code is good once: the one just used to confirm is refused (the very
    # code: asked for again, the app may have moved to its next 30 seconds) ...
    assert sign_in(Client(), "careful", code=used).status_code == 200
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


def refusal(response):
    """The status and the error the sign-in page shows."""
    errors = re.findall(r'<p class="errornote">(.*?)</p>', response.content.decode(), re.DOTALL)
    return response.status_code, tuple(html.unescape(error) for error in errors)


def test_a_refusal_never_says_whether_the_password_was_right(db):
    """Finding 8: a right password with a wrong or missing code used to be
    answered "Invalid token", a wrong one "enter the correct username and
    password": a guesser learnt the password before needing the code."""
    careful = factories.editor(username="careful", password="right-one")
    device = TOTPDevice.objects.create(user=careful, name="app", confirmed=True)
    factories.editor(username="plain", password="right-one")
    factories.user(username="member-like", is_staff=False, password="right-one")
    right = code_for(device)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    answers = set()
    for username, password, code in [
        ("careful", "wrong", right),
        ("careful", "wrong", wrong),
        ("careful", "wrong", ""),
        ("careful", "right-one", wrong),
        ("careful", "right-one", ""),
        ("plain", "wrong", ""),
        ("member-like", "right-one", ""),
        ("nobody", "wrong", right),
    ]:
        device.throttle_reset()
        answers.add(refusal(sign_in(Client(), username, password, code)))
    assert len(answers) == 1, answers
    assert answers == {(200, (two_factor.REFUSED,))}
    # And the right code still lets the owner in.
    device.throttle_reset()
    assert sign_in(Client(), "careful", "right-one", right).status_code == 302


def test_a_right_password_with_a_wrong_code_is_throttled_as_a_wrong_password(db, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    careful = factories.editor(username="careful", password="right-one")
    device = TOTPDevice.objects.create(user=careful, name="app", confirmed=True)
    factories.editor(username="plain", password="right-one")
    statuses = {}
    for username, password, address in [
        ("careful", "right-one", "192.0.2.1"),
        ("plain", "wrong", "192.0.2.2"),
    ]:
        statuses[username] = [
            sign_in(Client(REMOTE_ADDR=address), username, password, "000000").status_code
            for _ in range(4)
        ]
    # Same answers, paused at the same try: the pause says nothing either.
    assert statuses["careful"] == statuses["plain"] == [200, 200, 429, 429]
    device.throttle_reset()
    late = sign_in(Client(REMOTE_ADDR="192.0.2.1"), "careful", "right-one", code_for(device))
    assert late.status_code == 429
