from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token


def home(request):
    return render(request, "portal/home.html")


@requires_csrf_token
def server_error(request):
    # Rendered without context processors: whatever broke the request (the
    # database, say) may break them too.
    template = loader.get_template("500.html")
    context = {"site_name": settings.SITE_NAME, "site_tagline": settings.SITE_TAGLINE}
    return HttpResponseServerError(template.render(context))
