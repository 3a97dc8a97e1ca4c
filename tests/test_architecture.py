"""How the code hangs together: the shared core depends on no content app
and never reaches up into members, the caching layers only look down, and no
module imports another that imports it back, at any level (imports inside
functions included)."""

import ast
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "conditions", "remedies")
MEMBERS = "portal.members"
# Members build on the core and hook into it from their AppConfig (a signal,
# the page cache's personaliser); the demo seeds member accounts. Nothing
# else may import them, or the core could not run (or be read) without them.
MAY_IMPORT_MEMBERS = (MEMBERS, "portal.demo")
# portal/caching/, lowest layer first: each may import only those before it.
CACHING_LAYERS = (
    "portal.caching.shared_cache",
    "portal.caching.content_version",
    "portal.caching.edge",
    "portal.caching.page_cache",
)


def _modules():
    """{module name: path} for every module of our apps, migrations aside."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imports(path, name, known):
    """The modules of ours that this file imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), str(path))
    # Imports only a type checker runs (`if TYPE_CHECKING:`) never execute.
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    imported = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from portal import registry` imports portal.editorial.registry.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                imported.add(target)
    return imported


def _graph():
    modules = _modules()
    return {name: _imports(path, name, modules) for name, path in modules.items()}


def _cycle(graph):
    """One import cycle as a list of modules, or []."""
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return []
        visiting.append(node)
        for other in sorted(graph.get(node, ())):
            if found := visit(other):
                return found
        visiting.pop()
        done.add(node)
        return []

    for node in sorted(graph):
        if found := visit(node):
            return found
    return []


def _within(module, package):
    return module == package or module.startswith(package + ".")


def _reached(graph, module):
    """Every module `module` imports, directly or through others."""
    seen, waiting = set(), [module]
    while waiting:
        for target in graph.get(waiting.pop(), ()):
            if target not in seen:
                seen.add(target)
                waiting.append(target)
    return seen


def _reaching_up(graph):
    """The imports against the direction of the sub-packages: into members
    from outside them, and from a caching layer into its own or a higher one
    (through any chain of imports, as importing it would run them)."""
    found = []
    for module, targets in graph.items():
        if not any(_within(module, allowed) for allowed in MAY_IMPORT_MEMBERS):
            found += [f"{module} imports {t}" for t in targets if _within(t, MEMBERS)]
        if module in CACHING_LAYERS:
            above = CACHING_LAYERS[CACHING_LAYERS.index(module) :]
            found += [f"{module} reaches {t}" for t in _reached(graph, module) if t in above]
    return sorted(found)


def test_the_core_imports_no_content_app():
    offending = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module.split(".")[0] == "portal"
        for target in targets
        if target.split(".")[0] in {"conditions", "remedies"}
    )
    assert offending == []


def test_no_module_imports_itself_back():
    assert _cycle(_graph()) == []


def test_apps_depend_one_way():
    app_graph = {}
    for module, targets in _graph().items():
        app = module.split(".")[0]
        app_graph.setdefault(app, set()).update(
            target.split(".")[0] for target in targets if target.split(".")[0] != app
        )
    assert _cycle(app_graph) == []
    assert "conditions" not in app_graph["portal"] and "remedies" not in app_graph["portal"]
    assert "remedies" not in app_graph["conditions"]


def test_the_cycle_finder_finds_a_cycle():
    # The tests above pass on an empty answer; prove the finder can fail.
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _imports(ROOT / "conditions" / "models.py", "conditions.models", _modules()) >= {
        "portal.editorial.registry",
        "portal.models",
    }


def test_nothing_reaches_up_into_members_or_up_the_caching_layers():
    assert _reaching_up(_graph()) == []


def test_the_content_models_load_neither_the_page_cache_nor_members():
    # What the split of the content version is for: a model module keeps
    # per-version data without pulling in the middleware and its members.
    reached = _reached(_graph(), "conditions.models")
    assert "portal.caching.content_version" in reached
    assert not [m for m in reached if _within(m, MEMBERS) or m == "portal.caching.page_cache"]


def test_the_upward_import_finder_finds_them():
    # The test above passes on an empty answer; prove it can fail.
    graph = {
        "portal.editorial.workflow": {"portal.members.following", "portal.models"},
        "portal.members.apps": {"portal.editorial.signals", "portal.caching.page_cache"},
        "portal.demo.accounts": {"portal.members.models"},
        "conditions.views": {"portal.members"},
        "portal.caching.shared_cache": set(),
        "portal.caching.content_version": {"portal.editorial.registry"},
        "portal.editorial.registry": {"portal.caching.page_cache"},
        "portal.caching.page_cache": {"portal.caching.content_version"},
    }
    assert _reaching_up(graph) == [
        "conditions.views imports portal.members",
        # Each of the two, round the circle through the registry.
        "portal.caching.content_version reaches portal.caching.content_version",
        "portal.caching.content_version reaches portal.caching.page_cache",
        "portal.caching.page_cache reaches portal.caching.page_cache",
        "portal.editorial.workflow imports portal.members.following",
    ]


def test_a_core_module_importing_members_is_found(tmp_path):
    """A real file, read as the checker reads ours: an import at run time
    (even inside a function) counts; one only a type checker runs does not."""
    known = _modules()
    source = tmp_path / "example.py"
    source.write_text(
        textwrap.dedent(
            """
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from portal.members.models import Follow

            def tell():
                from portal.members import following
            """
        )
    )
    name = "portal.editorial.example"
    imports = _imports(source, name, known)
    assert imports == {"portal.members", "portal.members.following"}
    assert _reaching_up({name: imports}) == [
        f"{name} imports portal.members",
        f"{name} imports portal.members.following",
    ]
    source.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import portal.members\n"
    )
    assert _reaching_up({name: _imports(source, name, known)}) == []


def test_only_the_shared_cache_module_talks_to_the_cache():
    """The cache may fail or freeze; portal/caching/shared_cache.py turns that into
    "no cache" instead of an error. Code that reached the cache directly
    would bring the failure back."""
    direct = [
        name
        for name, path in _modules().items()
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.cache"
    ]
    assert direct == ["portal.caching.shared_cache"]
