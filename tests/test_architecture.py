"""How the code hangs together: the shared core depends on no content app,
and no module imports another that imports it back, at any level (imports
inside functions included)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("portal", "conditions", "remedies")


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


def test_only_the_shared_cache_module_talks_to_the_cache():
    """The cache may fail or freeze; portal/caching/shared_cache.py turns that into
    "no cache" instead of an error. Code that reached the cache directly
    would bring the failure back."""
    direct = []
    for name, path in _modules().items():
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.core.cache":
                direct.append(name)
    assert direct == ["portal.caching.shared_cache"]
