"""What the editorial workflow tells the rest of the site. The core never
imports the apps that build on it (members): they subscribe here.
"""

from django.dispatch import Signal

# A live page's pending changes were written onto it. Sent inside the
# approval's transaction (a rolled-back approval, or a schedule's dry run,
# tells no one; work for after the commit belongs in `on_commit`), with
# sender the model and keyword arguments:
#   item: the live item as now saved;
#   day: the day of the approval (datetime.date);
#   medical_review: whether it was approved as a full medical review;
#   clinical: the labels of the clinical fields changed, as a reader names
#       them (tuple[str, ...], empty when none or not asked).
changes_approved = Signal()
