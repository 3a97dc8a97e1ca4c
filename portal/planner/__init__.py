"""The calorie planner: its pure arithmetic (calculator), the answers it
accepts (answers) and its pages (views).
"""
