"""One registry of content types: what the site needs to know of each.

A content model declares itself once, next to its definition:

    @registry.register(search_fields={"title": "A", "summary": "B", "body": "C"})
    class Remedy(ContentItem): ...

Search, feeds, the sitemap, the moderators' queue, feedback, tag and author
pages and the home page iterate over the registry, so a new content type is
one model plus its registration. The core (this package) never imports the
content apps; they register themselves when Django loads their models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, TypeGuard

import reversion
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from portal.models import Moderated

# PostgreSQL's four weight classes, best first.
SearchWeight = Literal["A", "B", "C", "D"]


@dataclass(frozen=True, kw_only=True)
class ContentKind[M: Moderated]:
    """What the site needs of one content model, `M`.

    `key` names the kind in public addresses (the feedback form's URL);
    `search_fields` maps a text field to its weight, title-like fields "A";
    the flags say where the kind appears.

    Frozen, so a `ContentKind[Condition]` is also a `ContentKind[Moderated]`:
    the lists below hold every kind, `for_model(Condition)` and `of_type`
    give the caller its model's own type back.
    """

    model: type[M]
    key: str
    label: str
    plural: str
    search_fields: Mapping[str, SearchWeight] = field(default_factory=dict)
    fed: bool = True
    mapped: bool = True
    followed: bool = True
    asks_feedback: bool = True
    in_az_index: bool = False

    @property
    def reviewed(self) -> bool:
        """Clinical content: a medical reviewer, review dates, re-review when due.
        Declared by the model (`Moderated.medically_reviewed`), read here."""
        return self.model.medically_reviewed

    @property
    def searchable(self) -> bool:
        return bool(self.search_fields)

    @property
    def tagged(self) -> bool:
        return hasattr(self.model, "tags")

    @property
    def section(self) -> str:
        """The sitemap section and the plural in addresses: "conditions"."""
        return str(self.model._meta.verbose_name_plural).replace(" ", "-")


_kinds: dict[str, ContentKind[Moderated]] = {}


def register[M: Moderated](
    *,
    label: str = "",
    plural: str = "",
    search_fields: Mapping[str, SearchWeight] | None = None,
    fed: bool = True,
    mapped: bool = True,
    followed: bool = True,
    asks_feedback: bool = True,
    in_az_index: bool = False,
) -> Callable[[type[M]], type[M]]:
    """Register a content model: `@register(...)` above its class.

    Registering the same model again replaces its entry, so a test can
    register a throwaway type and `unregister` it afterwards.
    """

    if search_fields and "A" not in search_fields.values():
        # Search ranks an exact phrase in a title-like field first.
        raise ImproperlyConfigured("A searchable kind needs at least one field weighted 'A'.")

    def decorate(model: type[M]) -> type[M]:
        opts = model._meta
        if opts.model_name is None:  # set on every concrete model
            raise TypeError(f"{model!r} is not a concrete model")
        # Every content item keeps versions of itself and of its parts.
        if not reversion.is_registered(model):
            reversion.register(model, follow=model.parts)
        kind = ContentKind(
            model=model,
            key=opts.model_name,
            label=label or str(opts.verbose_name).capitalize(),
            plural=plural or str(opts.verbose_name_plural).capitalize(),
            search_fields=MappingProxyType(dict(search_fields or {})),
            fed=fed,
            mapped=mapped,
            followed=followed,
            asks_feedback=asks_feedback,
            in_az_index=in_az_index,
        )
        _kinds[kind.key] = kind
        return model

    return decorate


def _key(model: type[Moderated]) -> str:
    return model._meta.model_name or model.__name__.lower()


def unregister(model: type[Moderated]) -> None:
    _kinds.pop(_key(model), None)
    if reversion.is_registered(model):
        reversion.unregister(model)


def kinds() -> tuple[ContentKind[Moderated], ...]:
    """Every registered kind, in the order the apps were loaded."""
    # Models register when their module is imported, which app loading does.
    apps.check_models_ready()
    return tuple(_kinds.values())


def get(key: str) -> ContentKind[Moderated] | None:
    """The kind whose `key` this is (a model name), or None."""
    apps.check_models_ready()
    return _kinds.get(key)


def for_model[M: Moderated](model: type[M]) -> ContentKind[M]:
    """The kind of `model`, typed by it: `for_model(Condition).model` is
    `type[Condition]`."""
    kind = get(_key(model))
    if kind is None or not is_of(kind, model) or kind.model is not model:
        raise LookupError(f"{model.__name__} is not a registered content type.")
    return kind


def of_type[M: Moderated](
    base: type[M], among: Iterable[ContentKind[Moderated]] | None = None
) -> tuple[ContentKind[M], ...]:
    """The kinds (of `among`, else all) whose model is `base` or a subclass,
    typed by `base`: `of_type(ContentItem, reviewed())` lets a caller query
    the fields every page shares."""
    return tuple(kind for kind in (kinds() if among is None else among) if is_of(kind, base))


def is_of[M: Moderated](kind: ContentKind[Moderated], base: type[M]) -> TypeGuard[ContentKind[M]]:
    """Is `kind`'s model `base` or a subclass? If so the type checker knows it."""
    return issubclass(kind.model, base)


def _where(
    test: Callable[[ContentKind[Moderated]], bool],
) -> Iterator[ContentKind[Moderated]]:
    return (kind for kind in kinds() if test(kind))


def reviewed() -> tuple[ContentKind[Moderated], ...]:
    return tuple(_where(lambda kind: kind.reviewed))


def searchable() -> tuple[ContentKind[Moderated], ...]:
    return tuple(_where(lambda kind: kind.searchable))


def fed() -> tuple[ContentKind[Moderated], ...]:
    return tuple(_where(lambda kind: kind.fed))


def mapped() -> tuple[ContentKind[Moderated], ...]:
    return tuple(_where(lambda kind: kind.mapped))


def tagged() -> tuple[ContentKind[Moderated], ...]:
    return tuple(_where(lambda kind: kind.tagged))


def az_indexed() -> tuple[ContentKind[Moderated], ...]:
    return tuple(_where(lambda kind: kind.in_az_index))
