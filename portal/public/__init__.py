"""The visitor's pages that belong to no content app: home, articles, authors,
tags, trust pages, feeds, sitemaps, the A–Z and structured data.
"""
