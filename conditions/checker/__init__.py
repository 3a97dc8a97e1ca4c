"""The symptom checker: pure assessment, the pathway flow, the page-and-rule
agreement, answer parsing, its views and the safety case's generator.
"""
