"""Strings of third-party packages whose Ukrainian translation is missing or weak.

Listing them here puts them into our catalogue (LOCALE_PATHS wins over the packages' own), so
`make messages` keeps them and translators can fix them in one place. Nothing imports this.
"""

from django.utils.translation import gettext_noop

ALLAUTH = [
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    # allauth's Ukrainian writes these in Title Case (Поточний Пароль) or as calques.
    gettext_noop("Signup"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Account Inactive"),
    gettext_noop("Confirm Access"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Password Reset"),
    gettext_noop("Make Primary"),
    gettext_noop("Primary"),
    gettext_noop("Unverified"),
    gettext_noop("Verified"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Email Address"),
    gettext_noop("Email Addresses"),
    gettext_noop("Cancel Change"),
    gettext_noop("Change Email"),
    gettext_noop("Confirm Email Address"),
    gettext_noop("Change Password"),
    gettext_noop("Reset My Password"),
    gettext_noop("Set Password"),
    gettext_noop("Request Code"),
    gettext_noop("Bad Token"),
    gettext_noop("Sign Up Closed"),
    gettext_noop("Verify Your Email Address"),
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Authenticator App"),
    gettext_noop("Recovery Codes"),
    gettext_noop("No recovery codes set up."),
    gettext_noop("Activate Authenticator App"),
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."  # noqa: E501
    ),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."  # noqa: E501
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."  # noqa: E501
    ),
]

DJANGO_AUTH = [
    # Django's Ukrainian has a grammar slip here ("не може складається").
    gettext_noop("Your password can’t be entirely numeric."),
]
