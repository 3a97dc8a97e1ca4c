from django.conf import settings


def site(request):
    """The portal's name and tagline, for the shell every page shares."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
    }
