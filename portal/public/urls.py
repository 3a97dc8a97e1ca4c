import re

from django.urls import path, re_path

from portal.feedback import views as feedback
from portal.models import SitePageSlug
from portal.planner import views as planner_views
from portal.public import feeds, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    # /about/, /editorial-policy/, /contact/, /privacy/: only those four, so
    # no other address is ever taken by a site page.
    re_path(
        rf"^(?P<slug>{'|'.join(map(re.escape, SitePageSlug.values))})/$",
        views.SitePageView.as_view(),
        name="site_page",
    ),
    path("search/", views.search, name="search"),
    path("calorie-planner/", planner_views.calorie_planner, name="calorie_planner"),
    path("feedback/<slug:kind>/<slug:slug>/", feedback.feedback_view, name="feedback"),
    path(
        "feedback/<slug:kind>/<slug:slug>/thanks/",
        feedback.feedback_thanks,
        name="feedback_thanks",
    ),
    path("feeds/latest/", feeds.LatestContentFeed(), name="feed_rss"),
    path("feeds/latest/atom/", feeds.LatestContentAtomFeed(), name="feed_atom"),
]
