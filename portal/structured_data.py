"""schema.org JSON-LD for public pages, built from what each page shows."""

import json

from django.utils.safestring import mark_safe

# The same escapes as Django's json_script: no "</script>" can end the element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def ld_json_script(data):
    """A `<script type="application/ld+json">` element, safe inside HTML."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


def person(author, request):
    data = {"@type": "Person", "name": author.name}
    # Like the page: a profile and credentials only once the bio is approved.
    if not author.is_published:
        return data
    data["url"] = request.build_absolute_uri(author.get_absolute_url())
    if author.credentials:
        data["honorificSuffix"] = author.credentials
    if author.role:
        data["jobTitle"] = author.role
    return data


def medical_web_page(item, request, *, about=None):
    """MedicalWebPage for a condition, remedy or article page."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": item.title,
        "headline": item.title,
        "description": item.summary,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "author": person(item.author, request),
        "dateModified": item.updated_at.isoformat(),
        "inLanguage": "en-GB",
    }
    if item.published_at:
        data["datePublished"] = item.published_at.isoformat()
    if item.last_reviewed:
        data["lastReviewed"] = item.last_reviewed.isoformat()
    if item.medical_reviewer:
        data["reviewedBy"] = person(item.medical_reviewer, request)
    if about:
        data["about"] = about
    return data


def medical_condition(condition, request, *, symptoms, remedies):
    data = {
        "@type": "MedicalCondition",
        "name": condition.title,
        "url": request.build_absolute_uri(condition.get_absolute_url()),
        "description": condition.summary,
        "signOrSymptom": [
            {"@type": "MedicalSignOrSymptom", "name": symptom.name} for symptom in symptoms
        ],
        "possibleTreatment": [
            {
                "@type": "MedicalTherapy",
                "name": remedy.title,
                "url": request.build_absolute_uri(remedy.get_absolute_url()),
            }
            for remedy in remedies
        ],
    }
    if condition.also_called_names:
        data["alternateName"] = condition.also_called_names
    return data


def profile_page(author, request):
    data = person(author, request)
    if author.interests:
        data["knowsAbout"] = author.interests
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": data}
