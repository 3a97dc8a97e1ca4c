"""The public content API: the site's reviewed content as JSON (issue 25)."""
