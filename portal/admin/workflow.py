"""The workflow in the admin: transition buttons, bulk actions, the
lost-update guard, comparing, restoring and recovering versions.

Every state change and every restore goes through `portal.editorial.workflow`; the
admin only offers what the service allows and reports what it refuses.
"""

import copy
import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import SimpleTemplateResponse, TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from portal.admin import plain_english, unchanged
from portal.admin.links import admin_change_url
from portal.admin.rows import DirectActionCheckbox
from portal.editorial import diff, drafts, workflow
from portal.models import Draft, staff_name

EDIT_TOKEN = "edit_token"  # noqa: S105 (a form field's name, not a secret)
TRANSITION = "_transition"
NOTE = "_transition_note"
MEDICAL_REVIEW = "_medical_review"
GO_LIVE_AT = "_go_live_at"
EXPIRES_AT = "_expires_at"


def edit_token(updated_at: datetime.datetime | None) -> str:
    return updated_at.isoformat() if updated_at else ""


class TrustsStoredValues(forms.ModelForm[Any]):
    """A form sent back unchanged over a stored row: its values passed the
    database's checks (uniqueness, constraints, references) when they were
    stored, so they are not checked again, one query each."""

    def validate_unique(self) -> None:
        if _as_stored(self):
            return
        super().validate_unique()

    def validate_constraints(self) -> None:
        if _as_stored(self):
            return
        super().validate_constraints()

    def _get_validation_exclusions(self) -> set[str]:
        exclude: set[str] = super()._get_validation_exclusions()  # type: ignore[misc]
        if _as_stored(self):
            exclude |= _stored_references(self)
        return exclude


class ConcurrentEditForm(TrustsStoredValues):
    """Refuses a save when someone else saved the item after this form was opened."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._adding = self.instance._state.adding
        if self.instance.pk:
            self.fields[EDIT_TOKEN].initial = edit_token(self.instance.updated_at)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # Locked until the admin's transaction ends: two saves at once cannot
        # both pass this check.
        current = (
            type(self.instance)
            .objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        opened = self.data.get(self.add_prefix(EDIT_TOKEN), "")
        if opened != edit_token(current):
            raise ValidationError(conflict_message(self.instance, parse_datetime(opened or "")))
        return cleaned

    def _save_m2m(self) -> None:
        # Relations and tags the form leaves as they are are not written
        # again (taggit looks every tag up by name to do so).
        if self.instance.pk is None or self._adding:
            super()._save_m2m()  # type: ignore[misc]
            return
        cleaned = self.cleaned_data
        self.cleaned_data = {
            name: value
            for name, value in cleaned.items()
            if name in self.changed_data or name not in self._relations()
        }
        try:
            super()._save_m2m()  # type: ignore[misc]
        finally:
            self.cleaned_data = cleaned

    def _relations(self) -> set[str]:
        opts = self._meta.model._meta
        return {field.name for field in [*opts.many_to_many, *opts.private_fields]}


def _as_stored(form: forms.ModelForm[Any]) -> bool:
    """Is `form` a stored row sent back unchanged? Its values passed the
    database's checks (uniqueness, constraints) when they were stored, and
    the database holds them to those still: asking again finds nothing."""
    return form.is_bound and not form.instance._state.adding and not form.has_changed()


class StoredRowForm(TrustsStoredValues):
    """An inline row (a part of an item) that takes the rows sent back
    unchanged as they are stored: no query per row to find its choices
    again or to check it against the database."""

    # {field name: {value as posted: object}}, filled by StoredRowsFormSet.
    stored_choices: dict[str, dict[str, Any]] | None = None

    def _clean_fields(self) -> None:
        choices = self.stored_choices if _as_stored(self) else None
        if not choices:
            super()._clean_fields()  # type: ignore[misc]
            return
        # Django's own loop, with the choices found already.
        for name, bf in self._bound_items():  # type: ignore[attr-defined]
            known = choices.get(name, {})
            try:
                if str(bf.data) in known:
                    self.cleaned_data[name] = known[str(bf.data)]
                else:
                    self.cleaned_data[name] = bf.field._clean_bound_field(bf)
                if hasattr(self, f"clean_{name}"):
                    self.cleaned_data[name] = getattr(self, f"clean_{name}")()
            except ValidationError as error:
                self.add_error(name, error)


def _stored_references(form: forms.ModelForm[Any]) -> set[str]:
    """The foreign keys of a row sent back unchanged whose target the
    database vouches for (nothing narrows the choice of it)."""
    return {
        field.name
        for field in form.instance._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and not field.remote_field.limit_choices_to
    }


class StoredRowsFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """Inline rows sent back unchanged find their choices (the row itself,
    what it points to) in one query per field for all of them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each row names what it points to (its label on the form, a
        # version's title): loaded with the rows, not one query per row.
        model: Any = self.model
        if self.queryset is not None:
            self.queryset = self.queryset.select_related(
                *(
                    field.name
                    for field in model._meta.concrete_fields
                    if isinstance(field, models.ForeignKey)
                )
            )

    def full_clean(self) -> None:
        stored: list[Any] = [form for form in self.initial_forms if _as_stored(form)]
        if stored:
            choices = self._stored_choices(stored)
            for form in stored:
                form.stored_choices = choices
        super().full_clean()

    def _stored_choices(self, stored: list[Any]) -> dict[str, dict[str, Any]]:
        choices: dict[str, dict[str, Any]] = {}
        for name, field in stored[0].fields.items():
            if not isinstance(field, forms.ModelChoiceField) or isinstance(
                field, forms.ModelMultipleChoiceField
            ):
                continue
            key = field.to_field_name or "pk"
            values = {str(form[name].data) for form in stored}
            if name == self._pk_field.name:  # type: ignore[attr-defined]
                # The rows themselves, as the formset has loaded them.
                found: Any = self.get_queryset()
            else:
                found = field.queryset.filter(**{f"{key}__in": values})  # type: ignore[union-attr]
            choices[name] = {
                str(getattr(obj, key)): obj for obj in found if str(getattr(obj, key)) in values
            }
        return choices


def conflict_message(item: Any, opened_at: datetime.datetime | None) -> str:
    """Who saved the item since `opened_at`, and a link to what they changed."""
    versions = Version.objects.get_for_object(item).select_related("revision__user")
    latest = versions.first()
    who = "Someone"
    when = ""
    if latest:
        user = latest.revision.user
        who = staff_name(user)
        when = timezone.localtime(latest.revision.date_created).strftime("%H:%M on %d %B")
    before = versions.filter(revision__date_created__lte=opened_at).first() if opened_at else None
    opts = item._meta
    compare = reverse(f"admin:{opts.app_label}_{opts.model_name}_compare", args=[item.pk])
    if before and latest:
        compare += f"?from={before.pk}&to={latest.pk}"
    return format_html(
        "{} saved this {} at {} after you opened it, so your save was refused to keep "
        'their work. <a href="{}" target="_blank">See what they changed</a>, then copy '
        "your edits (still in the form below) into a freshly loaded page.",
        who,
        opts.verbose_name,
        when or "a moment ago",
        compare,
    )


@dataclass(frozen=True)
class ReviewedWith:
    """Items reviewed together with the one on screen: a heading, a sentence
    saying why, and (label, text, admin address) rows."""

    heading: str
    why: str
    rows: list[tuple[str, str, str]]


@dataclass
class ChangeFormRequest:
    """One request to an item's change form: the item and its pending draft,
    each read once, and how far the form has got."""

    item: Any
    draft: Draft | None
    # A live item's form shows and saves its draft, inside a staged block.
    editing_draft: bool = False
    # Django's save of the form went through (inside the staged block).
    draft_form_saved: bool = False

    def draft_of(self, obj: Any) -> Any:
        """The pending draft of `obj` if it is this form's item; otherwise
        the workflow looks it up."""
        if self.item is not None and type(obj) is type(self.item) and obj.pk == self.item.pk:
            return self.draft
        return workflow.LOOK_UP


if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


class WorkflowAdminMixin(DirectActionCheckbox, _ModelAdmin):
    """Transition buttons and history on the change page; bulk transitions."""

    change_form_template = "admin/workflow/change_form.html"
    form = ConcurrentEditForm
    actions = ["submit_selected", "approve_selected", "unpublish_selected"]
    # Set only on a request's own copy of the admin (see change_view); the
    # admin registered with the site is shared by every request.
    change_form: ChangeFormRequest | None = None

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/transition/",
                self.admin_site.admin_view(self.transition_view),
                name=f"{prefix}_transition",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{prefix}_compare",
            ),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Django draws a file input inside a fieldset whose legend names it,
        # with no <label> for the input itself: screen readers reach an
        # unnamed "Choose file" button.
        if formfield is not None and isinstance(formfield.widget, forms.FileInput):
            name = str(formfield.label or db_field.verbose_name).capitalize()
            formfield.widget.attrs.setdefault("aria-label", name)
        return formfield

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            # Each request gets its own inline instances.
            if inline.form is forms.ModelForm:
                inline.form = StoredRowForm
            if inline.formset is BaseInlineFormSet:
                inline.formset = StoredRowsFormSet
        return inlines

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The workflow owns these; no form, crafted POST included, sets them.
        # A moderator may move the next review date; nobody types a review.
        # Scheduling (go-live, expiry) is a moderator's decision at approval.
        owned = [
            "status",
            "published_at",
            "go_live_at",
            "expires_at",
            "medical_reviewer",
            "last_reviewed",
            "last_updated",
        ]
        # A live item's review dates move only with a medical review.
        if not self.has_publish_permission(request) or (obj and drafts.edits_go_to_draft(obj)):
            owned.append("next_review_due")
        model_fields = {f.name for f in self.model._meta.get_fields()}
        fields = [*super().get_readonly_fields(request, obj)]
        return fields + [f for f in owned if f in model_fields and f not in fields]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The workflow decides who edits what (inlines follow the item).
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        draft = self.change_form.draft_of(obj) if self.change_form else workflow.LOOK_UP
        return workflow.may_edit(request.user, obj, draft)

    def editing_draft(self) -> bool:
        """Is this request's form showing and saving a live item's draft?"""
        return self.change_form is not None and self.change_form.editing_draft

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            # Never write the workflow's columns from a form: an unpublish that
            # lands while this form was open must stay unpublished.
            fields = [
                f.name
                for f in obj._meta.concrete_fields
                if not f.primary_key and f.name not in obj.workflow_fields
            ]
            obj.save(update_fields=fields)
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changed = form.has_changed() or any(formset.has_changed() for formset in formsets)
        if changed and plain_english.applies_to(form.instance):
            # Read as saved (a live page's draft, inside its staged block).
            self._tell_plain_english(request, form.instance)
        if (not change or changed) and not self.editing_draft():
            # Who changed an item before it went live is part of its review:
            # it is theirs, and they may not approve it. (A form sent back
            # unchanged with a transition button changes nothing.)
            fields = [*form.changed_data, *(fs.prefix for fs in formsets if fs.has_changed())]
            workflow.record_edit(
                item=form.instance, user=request.user, fields=fields, new=not change
            )

    def _tell_plain_english(self, request: HttpRequest, item: Any) -> None:
        """After a save, what the plain-English checks found, in a message;
        the change form lists them in full."""
        found = plain_english.report(item).findings
        if not found:
            return
        first = "; ".join(f"{f.where}: {f.message}" for f in found[:3])
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        self.message_user(
            request,
            f"Plain English: {len(found)} thing{'s' if len(found) != 1 else ''} to look at. "
            f"{first}{more} The page lists them all.",
            messages.WARNING,
        )

    def reviewed_with(self, item: Any) -> ReviewedWith | None:
        """What a reviewer must see beside `item` because the two are one
        clinical unit (a condition page and the checker rules that give its
        advice); None when there is nothing."""
        return None

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if self.change_form is not None:
            form = self.change_form
            if (
                request.method == "POST"
                and form.item
                and drafts.edits_go_to_draft(form.item)
                and unchanged.sent_back_unchanged(
                    request.POST, request.FILES, state=_shown_state(request, form)
                )
            ):
                # Before Django's view (and the revision it opens for a save):
                # there is nothing to save.
                return self._unchanged_draft_form(request, form)
            return super().change_view(request, object_id, form_url, extra_context)
        # This request's own copy of the admin, holding what the request
        # has read: Django's own steps (permissions, saving, the response)
        # reach it through `self`, and the shared admin keeps no state.
        item = self.get_object(request, unquote(object_id))
        view = copy.copy(self)
        view.change_form = ChangeFormRequest(
            item=item,
            draft=drafts.pending(item) if item and drafts.edits_go_to_draft(item) else None,
        )
        return view.change_view(request, object_id, form_url, extra_context)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        # Only a page that is shown needs the workflow's panel: a save that
        # redirects reads none of it.
        item = self.change_form.item if self.change_form else None
        if change and item is not None:
            offered = workflow.offered_transitions(
                request.user,
                item,
                self.change_form.draft if self.change_form else workflow.LOOK_UP,
            )
            events = list(workflow.events_for(item)[:20])
            context.update(
                workflow_transitions=offered,
                workflow_needs_note=any(t.needs_note for t in offered),
                workflow_events=events,
                workflow_note=workflow.latest_note(events),
                # As the form shows it: `obj` is read inside a draft's staged block.
                plain_english=(
                    plain_english.report(obj)
                    if obj is not None and plain_english.applies_to(obj)
                    else None
                ),
                reviewed_with=self.reviewed_with(item),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        form = self.change_form
        if (
            not object_id
            or form is None
            or not form.item
            or not drafts.edits_go_to_draft(form.item)
        ):
            return super().changeform_view(request, object_id, form_url, extra_context)
        response = self._draft_changeform_view(request, form, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            unchanged.sign_form(
                response,
                form_id=f"{self.model._meta.model_name}_form",
                state=_shown_state(request, form),
            )
        return response

    def _unchanged_draft_form(self, request: HttpRequest, form: ChangeFormRequest) -> HttpResponse:
        """The form came back as it was shown, over the same page and draft:
        there is nothing to save, only the button pressed to act on."""
        item = form.item
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        self._after_draft_save(request, item, changed=False, shown=form.draft)
        return redirect(admin_change_url(item))

    def _draft_changeform_view(
        self,
        request: HttpRequest,
        form: ChangeFormRequest,
        object_id: str,
        form_url: str,
        extra_context: dict[str, Any] | None,
    ) -> HttpResponse:
        """A live item's form shows and saves its pending draft.

        Django's own forms and inlines do the work inside a savepoint that is
        rolled back: what they saved is kept as the draft's snapshot, and the
        live rows never change.
        """
        item, draft = form.item, form.draft
        form.editing_draft = True
        context = {
            **(extra_context or {}),
            "draft": draft,
            "draft_notice": workflow.draft_notice(request.user, item, draft),
        }
        saved = None
        with drafts.staged(item, draft):
            # Django's changeform_view only wraps this in a transaction,
            # and the staged block is one already.
            response: HttpResponse = self._changeform_view(  # type: ignore[attr-defined]
                request, object_id, form_url, context
            )
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            if form.draft_form_saved:
                saved = drafts.snapshot(item)
        if saved is None:
            return response
        return self._keep_draft(request, form, saved)

    def _keep_draft(
        self, request: HttpRequest, form: ChangeFormRequest, content: drafts.Snapshot
    ) -> HttpResponse:
        item, before = form.item, form.draft
        back = redirect(admin_change_url(item))
        try:
            draft = workflow.save_draft(
                item=item,
                content=content,
                user=request.user,
                draft=before,
            )
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, _reason(error), messages.ERROR)
            return back
        changed = draft is not None and (before is None or draft.updated_at != before.updated_at)
        if changed:
            self.log_change(request, item, "Saved changes to the pending draft of the live page.")
        self._after_draft_save(request, item, changed=changed)
        return back

    def _after_draft_save(
        self, request: HttpRequest, item: Any, *, changed: bool, shown: Draft | None = None
    ) -> None:
        """The button pressed with a live page's form, once its draft is
        saved; `shown` is the draft as the form showed it, when the form
        came back unchanged (only that draft may be acted on)."""
        name = request.POST.get(TRANSITION, "")
        if name:
            self._transition(request, item, name, _note(request), shown=shown)
        elif not changed:
            self.message_user(request, "Nothing was changed.", messages.INFO)
        else:
            self.message_user(
                request,
                f"Your changes to “{item}” are saved as a draft. Visitors see the published "
                "page until a moderator approves them; submit them for review when ready.",
                messages.SUCCESS,
            )

    def response_change(self, request: HttpRequest, obj: Any) -> HttpResponse:
        if self.change_form is not None and self.change_form.editing_draft:
            # Saved inside the savepoint; the draft and any transition are
            # dealt with once it has been rolled back.
            self.change_form.draft_form_saved = True
            return redirect(admin_change_url(obj))
        # The transition buttons belong to the change form: the edits on the
        # page are saved first (and checked for conflicts), then it moves.
        if TRANSITION in request.POST:
            self._transition(request, obj, request.POST[TRANSITION], _note(request))
            return redirect(admin_change_url(obj))
        return super().response_change(request, obj)

    def _transition(
        self, request: HttpRequest, item: Any, name: str, note: str, shown: Draft | None = None
    ) -> None:
        try:
            event = workflow.apply_transition(
                item=item,
                user=request.user,
                name=name,
                note=note,
                shown_draft=shown,
                medical_review=request.POST.get(MEDICAL_REVIEW) == "on",
                go_live_at=_moment(request, GO_LIVE_AT, "go-live time"),
                expires_at=_moment(request, EXPIRES_AT, "expiry"),
            )
        except (PermissionDenied, ValidationError) as error:
            self.message_user(request, _reason(error), messages.ERROR)
        else:
            self.message_user(request, _outcome(item, event), messages.SUCCESS)

    def transition_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """A transition without a form save (scripts, and crafted POSTs get the
        same rules)."""
        if request.method != "POST":
            return redirect("..")
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404("No such item.")
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        name, note = request.POST.get("transition", ""), request.POST.get("note", "")
        self._transition(request, item, name, note)
        return redirect(admin_change_url(item))

    def _version_of_this_model(self, version_id: Any, **filters: Any) -> Version:
        """Only this model's versions: an id from another model's history is a 404."""
        if not str(version_id).isdigit():
            raise Http404("No such version.")
        versions = Version.objects.get_for_model(self.model).select_related("revision__user")
        version = versions.filter(pk=version_id, **filters).first()
        if version is None:
            raise Http404("No such version.")
        return version

    def revision_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """Restore an old version: a confirmation page showing what would
        change, then the workflow's restore."""
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404("No such item.")
        version = self._version_of_this_model(version_id, object_id=str(item.pk))
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        if request.method == "POST":
            try:
                workflow.restore_version(item=item, version=version, user=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, _reason(error), messages.ERROR)
            else:
                when = timezone.localtime(version.revision.date_created)
                self.message_user(
                    request,
                    f"Restored the version of {when:%d %B %Y %H:%M}; it is saved as a new "
                    "version, and its state is unchanged.",
                    messages.SUCCESS,
                )
            return redirect(admin_change_url(item))
        changes = diff.compare(
            self.model, drafts.snapshot(item), diff.version_snapshot(version, self.model)
        )
        return self._confirm(request, item, version, "Restore", changes, extra_context)

    def recover_view(
        self, request: HttpRequest, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Recover a deleted item as a draft, after a confirmation page."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = self._version_of_this_model(version_id)
        opts = self.model._meta
        if request.method == "POST":
            try:
                item = workflow.recover_deleted(
                    model=self.model, version=version, user=request.user
                )
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, _reason(error), messages.ERROR)
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_recoverlist")
            self.message_user(request, f"Recovered “{item}” as a draft.", messages.SUCCESS)
            return redirect(admin_change_url(item))
        changes = diff.compare(self.model, {}, diff.version_snapshot(version, self.model))
        return self._confirm(request, None, version, "Recover", changes, extra_context)

    def _confirm(
        self,
        request: HttpRequest,
        item: Any,
        version: Version,
        verb: str,
        changes: Any,
        extra_context: dict[str, Any] | None,
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": item,
            "version": version,
            "verb": verb,
            "title": f"{verb} “{version.object_repr}”",
            "changes": changes,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/workflow/restore.html", context)

    def compare_view(self, request: HttpRequest, object_id: str) -> TemplateResponse:
        """Two states of an item side by side: any two saved versions, the
        item as it is now, and its pending changes (the default when there
        are some: what a moderator reviews)."""
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404("No such item.")
        if not self.has_view_or_change_permission(request, item):
            raise PermissionDenied
        versions = list(Version.objects.get_for_object(item).select_related("revision__user"))
        draft = drafts.pending(item)
        sides: dict[str, tuple[str, Callable[[], drafts.Snapshot]]] = {
            "current": ("As it is now", lambda: drafts.snapshot(item))
        }
        if draft:
            who = staff_name(draft.created_by)
            label = f"Pending changes ({draft.get_status_display().lower()}) by {who}"
            sides = {"draft": (label, lambda: draft.content), **sides}
        for version in versions:
            when = timezone.localtime(version.revision.date_created)
            who = staff_name(version.revision.user)
            label = f"Version of {when:%d %b %Y %H:%M} by {who}"
            sides[str(version.pk)] = (label, functools.partial(_version_side, version, self.model))
        if draft:
            default_new, default_old = "draft", "current"
        else:
            keys = [str(v.pk) for v in versions] or ["current"]
            default_new, default_old = keys[0], keys[1] if len(keys) > 1 else keys[0]
        newer = request.GET.get("to", "")
        newer = newer if newer in sides else default_new
        older = request.GET.get("from", "")
        older = older if older in sides else default_old
        changes = diff.compare(self.model, sides[older][1](), sides[newer][1]())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": item,
            "title": f"Compare versions of “{item}”",
            "sides": [(key, label) for key, (label, _) in sides.items()],
            "older": older,
            "newer": newer,
            "changes": changes,
            "clinical": [change for change in changes if change.clinical],
            "draft": draft,
            "reviewed_with": self.reviewed_with(item),
        }
        return TemplateResponse(request, "admin/workflow/compare.html", context)

    def _bulk(self, request: HttpRequest, queryset: Any, name: str) -> None:
        done, refused = 0, []
        for item in queryset:
            try:
                workflow.apply_transition(item=item, user=request.user, name=name)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"“{item}”: {_reason(error)}")
        if done:
            self.message_user(request, f"{done} item(s) done.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description="Submit selected for review")
    def submit_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._bulk(request, queryset, workflow.SUBMIT.name)

    @admin.action(description="Approve and publish selected", permissions=["publish"])
    def approve_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._bulk(request, queryset, workflow.APPROVE.name)

    @admin.action(description="Unpublish selected", permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset: Any) -> None:
        self._bulk(request, queryset, workflow.UNPUBLISH.name)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(workflow.publish_permission(self.model))


def _version_side(version: Version, model: Any) -> drafts.Snapshot:
    return diff.version_snapshot(version, model)


def _shown_state(request: HttpRequest, form: ChangeFormRequest) -> str:
    """What a live page's form shows depends on: who looks, the page and its
    draft as last saved."""
    item, draft = form.item, form.draft
    return "|".join(
        [
            str(request.user.pk),
            item._meta.label_lower,
            str(item.pk),
            edit_token(item.updated_at),
            str(draft.pk) if draft else "",
            edit_token(draft.updated_at) if draft else "",
        ]
    )


def _moment(request: HttpRequest, field: str, name: str) -> datetime.datetime | None:
    """A date and time typed in the actions box (the site's time zone), or None."""
    value = next((v.strip() for v in request.POST.getlist(field) if v.strip()), "")
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"The {name} is not a date and time: “{value}”.") from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _note(request: HttpRequest) -> str:
    """The note typed in either box (the form offers one at the top and one at the foot)."""
    return next((note for note in request.POST.getlist(NOTE) if note.strip()), "")


def _outcome(item: Any, event: Any) -> str:
    """What a transition did, in words for the person who made it."""
    match event.action:
        case workflow.SUBMIT_CHANGES.name:
            return f"Your changes to “{item}” are in review; the live page is unchanged until then."
        case workflow.APPROVE_CHANGES.name:
            return f"The changes to “{item}” are live."
        case workflow.RETURN_CHANGES.name:
            return f"The changes to “{item}” went back to their editor with your note."
        case workflow.DISCARD_CHANGES.name:
            return f"The pending changes to “{item}” were discarded; the live page stands."
    return f"“{item}” is now {event.get_to_status_display().lower()}."


def _reason(error: Exception) -> str:
    """What a refused workflow call says, for a message to the user."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do that."


class WorkflowVersionAdmin(WorkflowAdminMixin, VersionAdmin):
    """Workflow plus django-reversion's history, restore and recover."""
