"""Editorial work: the content-type registry, the workflow that alone changes
an item's state, drafts of live pages and their comparison, the moderators'
inbox, staff mail and roles.
"""
