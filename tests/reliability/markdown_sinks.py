"""Where app.py, app_pages/ and ui/ hand text to a Streamlit element that reads Markdown, and
whether that text is provably free of user data (see ui/text.py).

Safe text: a literal; `t(key)` with literal params only (the catalogue's texts are trusted);
`md(...)`, `tm(...)` and `formatting.…(...)` (figures and dates); numbers (`len`, `sum`, …);
f-strings, `+`, `a if c else b`, `", ".join(x for …)` and lists made of safe parts; a local
variable assigned once from safe text; a function (lambda or def of the same file) all of whose
returns are safe. A parameter of a function is checked at that function's calls, so `download`,
`flash` or `save(done=…)` are Markdown elements too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Streamlit's Markdown elements: method name → the positional indexes and keywords read as
# Markdown. Keywords read as Markdown by every widget: label, help.
_LABEL = ((0,), ("label", "help"))
SINKS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    **{
        name: ((0,), ("body", "help"))
        for name in (
            "markdown",
            "caption",
            "info",
            "warning",
            "error",
            "success",
            "toast",
            "header",
            "subheader",
            "title",
        )
    },
    "write": ((0, 1, 2, 3, 4, 5), ()),
    "progress": ((1,), ("text",)),
    "spinner": ((0,), ("text",)),
    "metric": ((0, 1, 2), ("label", "value", "delta", "help")),
    "tabs": ((0,), ("tabs",)),
    **{
        name: _LABEL
        for name in (
            "expander",
            "popover",
            "status",
            "button",
            "download_button",
            "form_submit_button",
            "link_button",
            "checkbox",
            "toggle",
            "text_input",
            "text_area",
            "number_input",
            "date_input",
            "time_input",
            "selectbox",
            "multiselect",
            "slider",
            "file_uploader",
            "color_picker",
            "camera_input",
            "audio_input",
            "data_editor",
            "feedback",
        )
    },
    # Their options are Markdown too (a selectbox's and a multiselect's are plain text).
    **{
        name: ((0, 1), ("label", "help", "options", "format_func"))
        for name in ("radio", "segmented_control", "pills", "select_slider")
    },
    "page_link": ((1,), ("label", "help")),  # its first argument is the page, not text
    "logout": ((0,), ("button_name",)),  # streamlit-authenticator's button
}
# Functions of ui/ that keep a text to show it in a Markdown element later (the flash).
FORWARDED = {"flash": ((1,), ("message",)), "save": ((), ("done",))}
# A line that shows text checked on its way in ends with this comment, saying where.
PRAGMA = "# markdown: "
NUMERIC_CALLS = {"len", "sum", "int", "float", "round", "min", "max"}


@dataclass(frozen=True)
class Offence:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


class _Scope:
    """The functions of one file, and for each node the function it is in."""

    def __init__(self, tree: ast.Module):
        self.functions: dict[str, ast.FunctionDef] = {}
        self.parent: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
            if isinstance(node, ast.FunctionDef):
                self.functions.setdefault(node.name, node)
        self.tree = tree

    def enclosing(self, node: ast.AST) -> ast.AST:
        while node in self.parent:
            node = self.parent[node]
            if isinstance(node, (ast.FunctionDef, ast.Lambda)):
                return node
        return self.tree


def _targets(node: ast.AST) -> list[ast.AST]:
    """What `node` binds a name to, if it binds one."""
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.comprehension, ast.NamedExpr)):
        return [node.target]
    if isinstance(node, ast.With):
        return [i.optional_vars for i in node.items if i.optional_vars is not None]
    return []


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


class Checker:
    def __init__(self):
        self.trees = {path: ast.parse(path.read_text(), str(path)) for path in files()}
        self.scopes = {path: _Scope(tree) for path, tree in self.trees.items()}
        # Functions of app.py / app_pages / ui whose parameter reaches a Markdown element:
        # name → (positional indexes, keywords), found as the check goes.
        self.methods = {name: (set(pos), set(kw)) for name, (pos, kw) in SINKS.items()}
        self.sinks = {name: (set(pos), set(kw)) for name, (pos, kw) in FORWARDED.items()}
        self.offences: list[Offence] = []

    # --- safe text -------------------------------------------------------------------------
    def safe(self, node: ast.AST, scope: _Scope, at: ast.AST, seen=frozenset()) -> bool | tuple:
        """True when `node` is safe; ("param", function, name) when it is a parameter of its
        function (checked at the calls); False otherwise."""
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return self._all(
                [v.value for v in node.values if isinstance(v, ast.FormattedValue)], scope, at, seen
            )
        if isinstance(node, ast.FormattedValue):
            return self.safe(node.value, scope, at, seen)
        if isinstance(node, ast.BinOp):
            return self._all([node.left, node.right], scope, at, seen)
        if isinstance(node, ast.IfExp):
            return self._all([node.body, node.orelse], scope, at, seen)
        if isinstance(node, ast.BoolOp):
            return self._all(node.values, scope, at, seen)
        if isinstance(node, (ast.List, ast.Tuple)):
            return self._all(node.elts, scope, at, seen)
        if isinstance(node, ast.Lambda):
            return self.safe(node.body, scope, node.body, seen)
        if isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            return self.safe(node.elt, scope, node.elt, seen)
        if isinstance(node, ast.Call):
            return self._safe_call(node, scope, at, seen)
        if isinstance(node, ast.Name):
            return self._safe_name(node, scope, at, seen)
        return False

    def _all(self, nodes, scope, at, seen):
        params = []
        for n in nodes:
            verdict = self.safe(n, scope, at, seen)
            if verdict is False:
                return False
            if verdict is not True:
                params.append(verdict)
        return params[0] if len(params) == 1 else (True if not params else False)

    def _safe_call(self, call: ast.Call, scope, at, seen):
        name = _call_name(call)
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "formatting"
        ):
            return True
        if name == "t" and isinstance(func, ast.Name):
            # The key may be computed (`f"role.{r}"`); every param must be a literal.
            extra = call.args[1:] + [k.value for k in call.keywords]
            return all(isinstance(a, ast.Constant) for a in extra)
        if name in ("md", "tm", "error_text", "error_messages") or name in NUMERIC_CALLS:
            return True
        if name == "join" and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Constant):
            return self._all(call.args, scope, at, seen)
        if isinstance(func, ast.Name) and func.id in scope.functions and func.id not in seen:
            return self._safe_function(scope.functions[func.id], scope, seen | {func.id})
        return False

    def _safe_function(self, fn: ast.FunctionDef, scope, seen) -> bool:
        returns = [n.value for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None]
        return bool(returns) and all(self.safe(r, scope, r, seen) is True for r in returns)

    def _safe_name(self, node: ast.Name, scope: _Scope, at, seen):
        if node.id in scope.functions and node.id not in seen:  # format_func=rating_label
            return self._safe_function(scope.functions[node.id], scope, seen | {node.id})
        fn = scope.enclosing(at)
        if isinstance(fn, (ast.FunctionDef, ast.Lambda)):
            params = [a.arg for a in fn.args.args + fn.args.kwonlyargs]
            if node.id in params and isinstance(fn, ast.FunctionDef):
                return ("param", fn.name, params.index(node.id), node.id)
        body = fn.body if isinstance(fn, ast.Lambda) else fn
        bindings = [
            n
            for n in ast.walk(body)
            if any(
                isinstance(tg, ast.Name) and tg.id == node.id
                for target in _targets(n)
                for tg in ast.walk(target)
            )
        ]
        if (
            len(bindings) == 1
            and isinstance(bindings[0], ast.Assign)
            and len(bindings[0].targets) == 1
            and isinstance(bindings[0].targets[0], ast.Name)
        ):
            key = ("name", node.id, id(bindings[0]))
            if key in seen:
                return False
            return self.safe(bindings[0].value, scope, bindings[0].value, seen | {key})
        if (
            len(bindings) == 1
            and isinstance(bindings[0], ast.For)
            and isinstance(bindings[0].target, ast.Name)
        ):
            return (
                self.safe(bindings[0].iter, scope, bindings[0].iter, seen) is True
            )  # for m in error_messages(…)
        return False

    # --- the check ----------------------------------------------------------------------------
    def run(self) -> list[Offence]:
        for _ in range(5):  # until no new function is found to be a Markdown element
            before = {k: (frozenset(p), frozenset(w)) for k, (p, w) in self.sinks.items()}
            self.offences, self.pragmas = [], []
            for path, tree in self.trees.items():
                self._check_file(path, tree)
            if before == {k: (frozenset(p), frozenset(w)) for k, (p, w) in self.sinks.items()}:
                break
        return self.offences

    def _check_file(self, path: Path, tree: ast.Module):
        scope = self.scopes[path]
        lines = {path: path.read_text().splitlines()}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if isinstance(node.func, ast.Call) and _call_name(node.func) == "getattr":
                name = "markdown"  # getattr(st, kind)(message): an alert of some kind
                sinks = self.methods
            else:  # Streamlit's elements are methods (st.…, a column's, …); our functions, names
                sinks = self.methods if isinstance(node.func, ast.Attribute) else self.sinks
            if name not in sinks:
                continue
            if lines[path][node.lineno - 1].rstrip().split(PRAGMA)[-1:] != [
                lines[path][node.lineno - 1].rstrip()
            ]:
                fn = scope.enclosing(node)
                self.pragmas.append(f"{path.relative_to(ROOT)}:{getattr(fn, 'name', '<module>')}")
                continue
            positions, keywords = sinks[name]
            if any(k.arg == "format_func" for k in node.keywords):
                positions = positions - {1}  # the options are shown through format_func
            texts = [(a, i, None) for i, a in enumerate(node.args) if i in positions]
            texts += [(k.value, None, k.arg) for k in node.keywords if k.arg in keywords]
            for text, index, keyword in texts:
                verdict = self.safe(text, scope, node)
                if verdict is True:
                    continue
                if verdict and verdict[0] == "param":
                    _, fn_name, param_index, param_name = verdict
                    pos, kw = self.sinks.setdefault(fn_name, (set(), set()))
                    pos.add(param_index)
                    kw.add(param_name)
                    continue
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                self.offences.append(Offence(where, f"{name}({keyword or index}): {ast.unparse(text)[:80]}"))


def offences() -> list[Offence]:
    return Checker().run()


if __name__ == "__main__":
    for o in offences():
        print(o)
