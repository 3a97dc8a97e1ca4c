"""Caching in layers, each importing only the ones before it: the shared cache
that never raises, the content version, the whole-page cache.
"""
