"""The reviewed synonym list: what visitors type, mapped to the site's words.

A row says that a visitor's phrase ("pins and needles", "twiches", "DVT")
stands for words the site's pages use ("tingling", "twitches", "blood clot
in the leg"). Search looks for the phrase and for every word it stands for,
on both databases; "did you mean" treats the phrase as a known word. Rows
are loaded from `portal/content/launch/search_synonyms.toml` and then kept
by moderators in the admin (a change moves the content version, so every
worker reads the new list).

Defined here, registered under the `portal` app (imported by
`portal.models`), so its migration lives with the core's.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

# What a phrase or a term may hold: letters, digits, spaces, apostrophes
# and hyphens. Search syntax (quotes, "or", minus signs) means nothing here.
ALLOWED = re.compile(r"^[\w' -]+$")


def normalise(text: str) -> str:
    """Lower case, single spaces: how phrases are stored and compared."""
    return " ".join(text.lower().split())


class SearchSynonym(models.Model):
    class Kind(models.TextChoices):
        EVERYDAY = "everyday", "Everyday words"
        MISSPELLING = "misspelling", "Misspelling"
        ABBREVIATION = "abbreviation", "Abbreviation"

    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="What a visitor types, e.g. “pins and needles”, “twiches”, “DVT”. "
        "Stored in lower case.",
    )
    means = models.CharField(
        max_length=300,
        help_text="The words our pages use for it, separated by commas, e.g. "
        "“tingling, paraesthesia”. A search for the phrase also finds these.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EVERYDAY)
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why this mapping is right (and its source, for a clinical term).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phrase"]
        verbose_name = "search synonym"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phrase="") & ~models.Q(means=""),
                name="search_synonym_not_blank",
            )
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.means}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Stored normalised whichever way it was written (admin, loader, shell).
        self.phrase = normalise(self.phrase)
        self.means = ", ".join(self.terms)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def terms(self) -> list[str]:
        return [normalise(term) for term in self.means.split(",") if term.strip()]

    def clean(self) -> None:
        self.phrase = normalise(self.phrase)
        self.means = ", ".join(self.terms)
        errors: dict[str, str] = {}
        if not self.phrase or not ALLOWED.match(self.phrase):
            errors["phrase"] = "Use letters, digits, spaces, apostrophes and hyphens only."
        if not self.terms or not all(ALLOWED.match(term) for term in self.terms):
            errors["means"] = (
                "List at least one term, separated by commas, using letters, digits, "
                "spaces, apostrophes and hyphens only."
            )
        elif self.phrase in self.terms:
            errors["means"] = "A phrase need not stand for itself: list the other words."
        if errors:
            raise ValidationError(errors)
