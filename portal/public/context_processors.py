from django.conf import settings


def site(request):
    """The portal's name, tagline and the numbers to call, for the shell
    every page shares."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "urgent_number": settings.URGENT_NUMBER,
    }
