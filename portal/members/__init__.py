"""Members: visitors' own accounts, apart from staff. They follow pages, get
told when a followed page is medically updated, and see their badge."""
