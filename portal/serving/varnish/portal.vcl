vcl 4.1;
# The edge cache in front of the portal's instances (Varnish 7).
#
#   cp portal/serving/varnish/origin.vcl.example /etc/varnish/origin.vcl  # then edit it
#   varnishd -a :80 -f /path/to/portal/serving/varnish/portal.vcl \
#            -p vcl_path=/etc/varnish:/path/to/portal/serving/varnish -s malloc,1g
#
# What a page may be kept for, and under which keys, is the origin's call:
# portal/caching/edge.py marks the pages it shares with everyone with
# `Cache-Control: public, s-maxage=…, stale-while-revalidate=…,
# stale-if-error=…` and a `Surrogate-Key` header, and bans keys here when
# content changes. Everything else (the admin, the symptom checker, members,
# forms, anything private) passes straight through.

import std;
import directors;

# The site's own part: its backends and their health probe, the `origin`
# director, the `purgers` ACL and the `portal_unavailable_page` subroutine.
include "origin.vcl";

sub vcl_recv {
    set req.backend_hint = origin.backend();

    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Ban-Keys) {
            return (synth(400, "No keys"));
        }
        # Lurker-friendly (it reads only obj.*): old objects go in the
        # background. The pattern holds no space (portal/caching/edge.py).
        if (std.ban("obj.http.Surrogate-Key ~ " + req.http.X-Ban-Keys)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never shared: the admin, the symptom checker (its address holds
    # someone's symptoms), members' pages, the health probe.
    if (req.url ~ "^/(admin|account|symptom-checker|healthz)(/|$|\?)") {
        return (pass);
    }
    # Signed-in people, and anyone with a message waiting, get their own page.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Shared pages are the same for everyone: no cookie changes them.
    unset req.http.Cookie;
    # While the origin is healthy a page may be served up to 30 s past its
    # time while it is fetched again; while every instance fails its probe
    # (the database is down: /healthz answers 503), whatever the edge holds.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    } else {
        set req.grace = 24h;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    }
    # Canonical links and feeds name the scheme.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    return (lookup);
}

sub vcl_backend_response {
    # A refresh in the background that failed keeps the page the edge holds.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # stale-if-error: keep a shared page that long past its time, for
    # serving only while the origin is down (req.grace above).
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-if-error=([0-9]+).*", "\1") + "s", 0s);
    }
    # Varnish's built-in rules follow: nothing private, no-store or setting
    # a cookie is kept.
}

sub vcl_deliver {
    # The keys are for this cache; visitors need not see them.
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "hit";
    } else {
        set resp.http.X-Edge-Cache = "miss";
    }
}

# No instance answered and the edge holds no copy: a page that still says
# where to get help.
sub vcl_backend_error {
    set beresp.status = 503;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    call portal_unavailable_page;
    return (deliver);
}
