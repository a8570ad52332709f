"""The shape of the code: no import cycles at module level, and no private name used across modules.

Import cycles hide in function-level imports, which is why the graph here takes every import of
a module into account, wherever it stands, except those that a module makes to load its own
hooks or receivers after Django's app registry is ready (AppConfig.ready). A new cycle fails with
the modules that form it. docs/architecture.md shows the layers.
"""

import ast
import pathlib

from django.conf import settings

ROOT = pathlib.Path(settings.BASE_DIR)
PACKAGES = ("kim_sites", "home")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            modules[module_name(path)] = path
    return modules


def _resolve(module, node, is_package):
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _ready_functions(tree):
    """Bodies of AppConfig.ready(): what they import runs after every models module is loaded."""
    return {
        id(inner)
        for cls in tree.body
        if isinstance(cls, ast.ClassDef)
        for func in cls.body
        if isinstance(func, ast.FunctionDef) and func.name == "ready"
        for inner in ast.walk(func)
    }


def imports_of(modules):
    """{module: {(imported module, line, at module level)}} among the project's modules."""
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        in_ready = _ready_functions(tree)
        top_level = {id(node) for node in tree.body}
        edges = set()
        for node in ast.walk(tree):
            if id(node) in in_ready:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, node, path.name == "__init__.py")
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
                ]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != module:
                    edges.add((target, node.lineno, id(node) in top_level))
        graph[module] = edges
    return graph


def find_cycles(graph):
    """Every elementary cycle through the strongly connected components (Tarjan), as module lists."""
    adjacency = {module: sorted({target for target, _, _ in edges}) for module, edges in graph.items()}
    index, low, on_stack, stack, components = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in adjacency.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(adjacency):
        if node not in index:
            visit(node)
    return components


def test_the_scan_sees_the_imports():
    graph = imports_of(project_modules())
    assert "kim_sites.models" in {target for target, _, _ in graph["kim_sites.registry.provisioning"]}


def test_no_import_cycle_among_the_project_modules():
    cycles = find_cycles(imports_of(project_modules()))
    assert cycles == [], "import cycles (each list is a group of modules that import each other): " + "; ".join(
        " ↔ ".join(cycle) for cycle in cycles
    )


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {("b", 1, True)}, "b": {("c", 1, False)}, "c": {("a", 1, True)}, "d": {("a", 1, True)}}
    assert find_cycles(graph) == [["a", "b", "c"]]


def private_names_used_across_modules(modules):
    """`from x import _name` or `x._name` where x is another project module."""
    found = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = _resolve(module, node, path.name == "__init__.py")
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    if full in modules:
                        aliases[alias.asname or alias.name] = full
                    elif base in modules and base != module and alias.name.startswith("_"):
                        found.append(f"{module}:{node.lineno} imports {base}.{alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules and alias.asname:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and aliases[node.value.id] != module
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{module}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    return found


def test_no_private_name_used_across_modules():
    assert private_names_used_across_modules(project_modules()) == []


def reachable(graph, start):
    seen, todo = set(), [start]
    while todo:
        for target, _, _ in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_the_site_index_needs_no_kim_model():
    # Wagtail's own test suite runs with the site index installed and kim_sites not installed
    # (make test-wagtail): nothing the index imports may load kim_sites' models.
    assert "kim_sites.models" not in reachable(imports_of(project_modules()), "kim_sites.scale.site_index")


def test_the_services_the_page_models_call_do_not_import_them():
    graph = imports_of(project_modules())
    below_models = reachable(graph, "kim_sites.models")
    assert not {module for module in below_models if module.startswith("kim_sites.models")} - {
        "kim_sites.models.registry",
        "kim_sites.models.pages",
        "kim_sites.models.site_settings",
        "kim_sites.models.moderation",
        "kim_sites.models.operations",
        "kim_sites.models.team",
        "kim_sites.models.reach",
    }
    assert "kim_sites.models" not in below_models
