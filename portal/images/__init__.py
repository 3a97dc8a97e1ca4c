"""The image library: pictures and diagrams as reviewed content, placed in
page bodies with `[figure: slug]` (portal.markdown, portal.images.figures)."""
