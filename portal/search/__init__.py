"""Search over every searchable kind: the query (engine), PostgreSQL's stored
vector (index) and "did you mean" (suggestions).
"""
