"""What production loads: the launch content, as files editors read and diff, and its loader."""
