"""The staff side: the admin site with the moderators' inbox, the workflow
screens, two-factor sign-in and the lockout handler.

Django's autodiscovery imports this package for the portal app, but the
registrations live in `registrations.py`, imported by
`PortalAdminConfig.ready` once every other app's admin has registered:
importing the site class (`site.py`) must not register models, since it
happens while the first app is being discovered, before taggit's and
auth's own registrations that ours adjust.
"""
