"""What stands between the web and the views: security headers, request limits,
timing, the client's address, /healthz and gunicorn's log format.
"""
