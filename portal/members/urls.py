from django.urls import path

from portal.members import views

app_name = "members"

urlpatterns = [
    path("", views.account, name="account"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("confirm-again/", views.resend_confirmation, name="resend_confirmation"),
    path("log-in/", views.LogInView.as_view(), name="login"),
    path("log-out/", views.LogOutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/", views.password_change, name="password_change"),
    path("email/", views.change_email, name="change_email"),
    path("email/confirm/<str:token>/", views.change_email_confirm, name="change_email_confirm"),
    path("email-updates/", views.email_updates, name="email_updates"),
    path("calorie-goal/", views.planner_goal, name="planner_goal"),
    path("delete/", views.delete_account, name="delete_account"),
    path("goodbye/", views.goodbye, name="goodbye"),
    path("pages/", views.my_pages, name="my_pages"),
    path("pages/<slug:kind>/<int:pk>/save/", views.follow, name="follow"),
    path("pages/<slug:kind>/<int:pk>/remove/", views.unfollow, name="unfollow"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("notifications/<int:pk>/read/", views.mark_read, name="mark_read"),
    path("notifications/<int:pk>/", views.open_notification, name="open_notification"),
]
