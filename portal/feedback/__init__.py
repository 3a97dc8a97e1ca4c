""" "Was this page helpful?": the one-click answer and the signed page token
that guards it on cached pages.
"""
