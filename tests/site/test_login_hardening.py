"""Hardened admin login: django-axes lockout by username and IP, strong passwords, idle timeout."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

PASSWORD = "Str0ng-Passw0rd!"


class LockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="bianji", is_staff=True, is_superuser=True)

    def login(self, password, ip="203.0.113.7", username="bianji"):
        return self.client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            REMOTE_ADDR=ip,
        )

    def fail_until_locked(self, ip="203.0.113.7"):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.assertEqual(self.login("wrong", ip).status_code, 200)
        return self.login("wrong", ip)

    def test_locks_out_after_the_configured_failures_with_a_translated_page(self):
        response = self.fail_until_locked()
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "登录已暂时锁定", status_code=429)
        self.assertContains(response, "30 分钟后再试", status_code=429)
        # Even the right password is refused while locked.
        response = self.login(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_lockout_page_is_translated(self):
        from django.template.loader import render_to_string
        from django.test import RequestFactory
        from django.utils import translation

        request = RequestFactory().get("/admin/login/")
        context = {"cooloff_timedelta": settings.AXES_COOLOFF_TIME, "request": request}
        with translation.override("en"):
            html = render_to_string(settings.AXES_LOCKOUT_TEMPLATE, context, request=request)
        self.assertIn("Sign-in temporarily locked", html)
        self.assertIn("30 minutes", html)
        with translation.override("zh-hant"):
            html = render_to_string(settings.AXES_LOCKOUT_TEMPLATE, context, request=request)
        self.assertIn("登錄已暫時鎖定", html)

    def test_lockout_is_per_username_and_ip_pair(self):
        self.fail_until_locked()
        # The same user from another address, and another user from the same address, still get in.
        self.assertEqual(self.login(PASSWORD, ip="198.51.100.20").status_code, 302)
        self.client.logout()
        UserFactory(username="shenhe", is_staff=True, is_superuser=True)
        self.assertEqual(self.login(PASSWORD, username="shenhe").status_code, 302)

    def test_the_pair_gets_in_after_the_cool_off(self):
        self.fail_until_locked()
        past = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
        AccessAttempt.objects.update(attempt_time=past)
        response = self.login(PASSWORD)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.user.pk))

    def test_success_resets_the_failure_count(self):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.login("wrong")
        self.assertEqual(self.login(PASSWORD).status_code, 302)
        self.client.logout()
        self.assertFalse(AccessAttempt.objects.exists())

    def test_cool_off_is_finite(self):
        self.assertGreater(settings.AXES_COOLOFF_TIME, timedelta(0))
        self.assertEqual(settings.AXES_LOCKOUT_PARAMETERS, [["username", "ip_address"]])
        self.assertEqual(settings.AUTHENTICATION_BACKENDS[0], "axes.backends.AxesStandaloneBackend")
        self.assertEqual(settings.MIDDLEWARE[-1], "axes.middleware.AxesMiddleware")


class PasswordPolicyTests(TestCase):
    def test_weak_passwords_are_refused(self):
        for weak in ("123456789012", "password1234", "meizhouportal", "Short1!"):
            with self.subTest(password=weak), self.assertRaises(ValidationError):
                validate_password(weak)

    def test_strong_password_passes(self):
        validate_password("Kejia-Weilongwu-2026")

    def test_character_class_message_is_translated(self):
        from django.utils import translation

        with translation.override("en"), self.assertRaises(ValidationError) as caught:
            validate_password("alllowercaseletters")
        self.assertIn("at least 3 of", " ".join(caught.exception.messages))


class IdleTimeoutTests(TestCase):
    @override_settings(SESSION_COOKIE_AGE=60)
    def test_admin_session_expires_after_idle_time_and_is_renewed_by_activity(self):
        user = UserFactory(username="zhiban", is_staff=True, is_superuser=True)
        self.client.force_login(user)
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
        self.assertLessEqual(self.client.session.get_expiry_age(), 60)
        self.assertTrue(settings.SESSION_SAVE_EVERY_REQUEST)
        # Idle past the limit: the stored session has expired and the admin asks to log in again.
        session = self.client.session
        from django.contrib.sessions.models import Session

        Session.objects.filter(session_key=session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])
