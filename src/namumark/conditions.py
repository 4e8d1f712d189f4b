"""The ``{{{#!if …}}}`` expression language: our own tokenizer and interpreter, never eval.

namu.wiki's help pages do not describe ``#!if``; the seed's templates (틀:상위 문서 and friends)
use a small JavaScript-like language over the include parameters. What we support is what those
templates are observed to use (opensinabro's spec, chapter 14):

- literals ``null`` (also ``undefined``), ``true``/``false``, numbers, ``"…"`` and ``'…'`` strings;
- identifiers: a template parameter's value (a string), or null when it was not passed;
  ``calleeTitle`` is the including page's title;
- ``!``, unary ``-``, ``+`` (concatenation or sum), ``-``, ``==``/``!=`` (JS loose equality),
  ``===``/``!==``, ``<`` ``<=`` ``>`` ``>=``, ``&&`` and single ``&`` (AND), ``||``,
  ``^`` (XOR of the truth values, from the current advanced help page; binds tighter than AND),
  ``a ? b : c``, assignment ``name = expr`` (the binding is visible to ``@name@`` in the body),
  sequences ``a, b``, parentheses;
- on strings: ``.length`` and ``startsWith endsWith includes indexOf lastIndexOf substr
  substring slice toLowerCase toUpperCase trim``; ``?.`` yields null on a null receiver.

Truthiness is JavaScript's: null, ``""``, ``0`` and false are false. Evaluation never raises: a
syntax error, a type error or a limit (length, nesting, string size) makes the condition false.
"""
from __future__ import annotations

import math
from functools import lru_cache
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass

Value = None | bool | float | str

MAX_EXPRESSION_LENGTH = 4096
MAX_TOKENS = 2000
MAX_DEPTH = 64
MAX_STRING_LENGTH = 100_000

_PUNCTUATION = (
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "?.",
    "!", "=", "<", ">", "&", "^", "+", "-", "?", ":", ",", "(", ")", ".",
)
_KEYWORDS = {"null": None, "undefined": None, "true": True, "false": False}


class ConditionError(Exception):
    """Any failure while reading or evaluating an expression."""


class BudgetExceeded(ConditionError):
    """The strings an expression builds ran past the render's substitution budget."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "str", "name", "op", "end"
    text: str
    value: Value = None


def _is_name_start(c: str) -> bool:
    return c.isalpha() or c in "_$"


def _is_name_char(c: str) -> bool:
    return c.isalnum() or c in "_$"


def tokenize(expr: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(expr)
    while i < n:
        c = expr[i]
        if c.isspace():
            i += 1
            continue
        if c in "\"'":
            j = i + 1
            chars: list[str] = []
            while j < n and expr[j] != c:
                if expr[j] == "\\" and j + 1 < n:
                    j += 1
                    chars.append({"n": "\n", "t": "\t"}.get(expr[j], expr[j]))
                else:
                    chars.append(expr[j])
                j += 1
            if j >= n:
                raise ConditionError("unterminated string")
            tokens.append(_Token("str", expr[i : j + 1], "".join(chars)))
            i = j + 1
        elif c.isdigit() or (c == "." and i + 1 < n and expr[i + 1].isdigit()):
            j = i
            while j < n and (expr[j].isdigit() or expr[j] == "."):
                j += 1
            text = expr[i:j]
            try:
                number = float(text)
            except ValueError as exc:
                raise ConditionError("bad number") from exc
            tokens.append(_Token("num", text, number))
            i = j
        elif _is_name_start(c):
            j = i + 1
            while j < n and _is_name_char(expr[j]):
                j += 1
            tokens.append(_Token("name", expr[i:j]))
            i = j
        else:
            for op in _PUNCTUATION:
                if expr.startswith(op, i):
                    tokens.append(_Token("op", op))
                    i += len(op)
                    break
            else:
                raise ConditionError(f"unexpected character {c!r}")
        if len(tokens) > MAX_TOKENS:
            raise ConditionError("expression too long")
    tokens.append(_Token("end", ""))
    return tokens


# --- parsing into a small tuple tree ---------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def next(self) -> _Token:
        tok = self.tokens[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def accept(self, *ops: str) -> str | None:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ops:
            self.pos += 1
            return tok.text
        return None

    def expect(self, op: str) -> None:
        if self.accept(op) is None:
            raise ConditionError(f"expected {op!r}")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError("expression nested too deeply")

    def leave(self) -> None:
        self.depth -= 1

    def parse(self) -> tuple:
        node = self.sequence()
        if self.peek().kind != "end":
            raise ConditionError(f"unexpected {self.peek().text!r}")
        return node

    def sequence(self) -> tuple:
        items = [self.assignment()]
        while self.accept(","):
            items.append(self.assignment())
        return items[0] if len(items) == 1 else ("seq", items)

    def assignment(self) -> tuple:
        self.enter()
        try:
            tok = self.peek()
            after = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
            if tok.kind == "name" and tok.text not in _KEYWORDS and after is not None \
                    and after.kind == "op" and after.text == "=":
                self.pos += 2
                return ("assign", tok.text, self.assignment())
            return self.ternary()
        finally:
            self.leave()

    def ternary(self) -> tuple:
        cond = self.logical_or()
        if self.accept("?"):
            yes = self.assignment()
            self.expect(":")
            no = self.assignment()
            return ("if", cond, yes, no)
        return cond

    def logical_or(self) -> tuple:
        node = self.logical_and()
        while self.accept("||"):
            node = ("or", node, self.logical_and())
        return node

    def logical_and(self) -> tuple:
        node = self.logical_xor()
        while self.accept("&&", "&"):
            node = ("and", node, self.logical_xor())
        return node

    def logical_xor(self) -> tuple:
        node = self.equality()
        while self.accept("^"):
            node = ("xor", node, self.equality())
        return node

    def equality(self) -> tuple:
        node = self.comparison()
        while op := self.accept("===", "!==", "==", "!="):
            node = ("bin", op, node, self.comparison())
        return node

    def comparison(self) -> tuple:
        node = self.additive()
        while op := self.accept("<=", ">=", "<", ">"):
            node = ("bin", op, node, self.additive())
        return node

    def additive(self) -> tuple:
        node = self.unary()
        while op := self.accept("+", "-"):
            node = ("bin", op, node, self.unary())
        return node

    def unary(self) -> tuple:
        self.enter()
        try:
            if self.accept("!"):
                return ("not", self.unary())
            if self.accept("-"):
                return ("neg", self.unary())
            if self.accept("+"):
                return ("pos", self.unary())
            return self.postfix()
        finally:
            self.leave()

    def postfix(self) -> tuple:
        node = self.primary()
        while True:
            op = self.accept(".", "?.")
            if op is None:
                return node
            name = self.next()
            if name.kind != "name":
                raise ConditionError("expected a property name")
            if self.accept("("):
                args: list[tuple] = []
                if not self.accept(")"):
                    args.append(self.assignment())
                    while self.accept(","):
                        args.append(self.assignment())
                    self.expect(")")
                node = ("call", node, name.text, args, op == "?.")
            else:
                node = ("prop", node, name.text, op == "?.")

    def primary(self) -> tuple:
        tok = self.next()
        if tok.kind in ("num", "str"):
            return ("lit", tok.value)
        if tok.kind == "name":
            if tok.text in _KEYWORDS:
                return ("lit", _KEYWORDS[tok.text])
            return ("var", tok.text)
        if tok.kind == "op" and tok.text == "(":
            self.enter()
            try:
                node = self.sequence()
            finally:
                self.leave()
            self.expect(")")
            return node
        raise ConditionError(f"unexpected {tok.text or 'end of expression'!r}")


# --- evaluation ------------------------------------------------------------------------------


def truthy(value: Value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return value != 0 and not math.isnan(value)
    return value != ""


def to_text(value: Value) -> str:
    """A value as the text that ``@name@`` shows (null shows nothing)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value == int(value) and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    return value


def _to_number(value: Value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    text = value.strip()
    if text == "":
        return 0.0
    try:
        return float(text)
    except ValueError:
        return math.nan


def _loose_equal(a: Value, b: Value) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if type(a) is type(b):
        return a == b
    return _to_number(a) == _to_number(b)


def _strict_equal(a: Value, b: Value) -> bool:
    return type(a) is type(b) and a == b


def _check_string(s: str) -> str:
    if len(s) > MAX_STRING_LENGTH:
        raise ConditionError("string too long")
    return s


def _int_arg(args: list[Value], index: int, default: int | None) -> int | None:
    if index >= len(args):
        return default
    number = _to_number(args[index])
    if math.isnan(number):
        return 0
    if math.isinf(number):
        return MAX_STRING_LENGTH if number > 0 else -MAX_STRING_LENGTH
    return int(number)


def _call_string_method(s: str, name: str, args: list[Value]) -> Value:
    text_arg = to_text(args[0]) if args else "undefined"
    n = len(s)
    if name == "startsWith":
        return s.startswith(text_arg)
    if name == "endsWith":
        return s.endswith(text_arg)
    if name == "includes":
        return text_arg in s
    if name == "indexOf":
        return float(s.find(text_arg))
    if name == "lastIndexOf":
        return float(s.rfind(text_arg))
    if name == "toLowerCase":
        return s.lower()
    if name == "toUpperCase":
        return s.upper()
    if name == "trim":
        return s.strip()
    if name == "substr":
        start = _int_arg(args, 0, 0) or 0
        if start < 0:
            start = max(0, n + start)
        length = _int_arg(args, 1, n - start)
        if length is None or length <= 0:
            return ""
        return s[start : start + length]
    if name in ("substring", "slice"):
        start = _int_arg(args, 0, 0) or 0
        end = _int_arg(args, 1, n)
        end = n if end is None else end
        if name == "slice":
            start = start + n if start < 0 else start
            end = end + n if end < 0 else end
            start, end = max(0, min(start, n)), max(0, min(end, n))
            return s[start:end] if start < end else ""
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if start > end:
            start, end = end, start
        return s[start:end]
    raise ConditionError(f"unknown method {name}")


class _Evaluator:
    def __init__(self, params: Mapping[str, str], variables: MutableMapping[str, Value],
                 callee_title: str | None, allowance: int | None = None):
        self.params = params
        self.variables = variables
        self.callee_title = callee_title
        # characters of strings this evaluation may still build (None: no render budget)
        self.allowance = allowance
        self.built = 0

    def charge(self, value: Value) -> Value:
        if isinstance(value, str) and self.allowance is not None:
            self.built += len(value)
            if self.built > self.allowance:
                raise BudgetExceeded("strings built by the condition")
        return value

    def lookup(self, name: str) -> Value:
        if name in self.variables:
            return self.variables[name]
        value = self.params.get(name) if self.params is not None else None
        if value is not None:
            return str(value)
        if name == "calleeTitle":
            return self.callee_title
        return None

    def eval(self, node: tuple, depth: int = 0) -> Value:
        if depth > MAX_DEPTH * 4:
            raise ConditionError("expression nested too deeply")
        d = depth + 1
        kind = node[0]
        if kind == "lit":
            return node[1]
        if kind == "var":
            return self.lookup(node[1])
        if kind == "seq":
            result: Value = None
            for item in node[1]:
                result = self.eval(item, d)
            return result
        if kind == "assign":
            value = self.eval(node[2], d)
            self.variables[node[1]] = value
            return value
        if kind == "if":
            return self.eval(node[2] if truthy(self.eval(node[1], d)) else node[3], d)
        if kind == "or":
            left = self.eval(node[1], d)
            return left if truthy(left) else self.eval(node[2], d)
        if kind == "and":
            left = self.eval(node[1], d)
            return self.eval(node[2], d) if truthy(left) else left
        if kind == "xor":
            return truthy(self.eval(node[1], d)) != truthy(self.eval(node[2], d))
        if kind == "not":
            return not truthy(self.eval(node[1], d))
        if kind == "neg":
            return -_to_number(self.eval(node[1], d))
        if kind == "pos":
            return _to_number(self.eval(node[1], d))
        if kind == "bin":
            return self.charge(self.binary(node[1], self.eval(node[2], d), self.eval(node[3], d)))
        if kind == "prop":
            receiver = self.eval(node[1], d)
            if receiver is None:
                if node[3]:
                    return None
                raise ConditionError("property of null")
            if node[2] == "length" and isinstance(receiver, str):
                return float(len(receiver))
            return None
        if kind == "call":
            receiver = self.eval(node[1], d)
            if receiver is None:
                if node[4]:
                    return None
                raise ConditionError("method of null")
            args = [self.eval(a, d) for a in node[3]]
            if not isinstance(receiver, str):
                raise ConditionError("methods exist only on strings")
            result = _call_string_method(receiver, node[2], args)
            return self.charge(_check_string(result)) if isinstance(result, str) else result
        raise ConditionError(f"unknown node {kind}")

    @staticmethod
    def binary(op: str, a: Value, b: Value) -> Value:
        if op == "+":
            if isinstance(a, str) or isinstance(b, str):
                return _check_string(to_text(a) + to_text(b))
            return _to_number(a) + _to_number(b)
        if op == "-":
            return _to_number(a) - _to_number(b)
        if op == "==":
            return _loose_equal(a, b)
        if op == "!=":
            return not _loose_equal(a, b)
        if op == "===":
            return _strict_equal(a, b)
        if op == "!==":
            return not _strict_equal(a, b)
        if isinstance(a, str) and isinstance(b, str):
            x, y = a, b
        else:
            x, y = _to_number(a), _to_number(b)
            if math.isnan(x) or math.isnan(y):
                return False
        if op == "<":
            return x < y
        if op == "<=":
            return x <= y
        if op == ">":
            return x > y
        if op == ">=":
            return x >= y
        raise ConditionError(f"unknown operator {op}")


@lru_cache(maxsize=256)
def _parsed_or_error(expr: str):
    try:
        return _Parser(tokenize(expr)).parse(), None
    except (ConditionError, RecursionError) as exc:
        return None, exc


def _parsed(expr: str) -> tuple:
    """The tree of ``expr``, parsed once (a template repeats the same heads on every include)."""
    tree, error = _parsed_or_error(expr)
    if error is not None:
        raise ConditionError(str(error))
    return tree


def evaluate_with_bindings(
    expr: str,
    params: Mapping[str, str] | None,
    variables: MutableMapping[str, Value] | None = None,
    *,
    callee_title: str | None = None,
    budget=None,
) -> tuple[bool | None, dict[str, Value]]:
    """Evaluate ``expr``; return (truth, variables after its assignments).

    ``variables`` carries bindings from earlier ``#!if`` blocks of the same include; it is not
    modified when evaluation fails part-way. With a render ``budget``, the expression's
    length is charged to its condition allowance (past it the truth is None: the caller shows
    the block's source) and the strings it builds to the substitution allowance (past it the
    condition is false).
    """
    start = dict(variables or {})
    evaluator = None
    try:
        if not isinstance(expr, str) or len(expr) > MAX_EXPRESSION_LENGTH:
            return False, start
        if budget is not None and not budget.take("conditions", len(expr)):
            return None, start
        tree = _parsed(expr)
        work = dict(start)
        allowance = None
        if budget is not None:
            allowance = budget.substitution_room()
        evaluator = _Evaluator(params or {}, work, callee_title, allowance)
        result = evaluator.eval(tree)
        return truthy(result), work
    except BudgetExceeded:
        budget.refuse("substitution")
        return False, start
    except (ConditionError, RecursionError, ValueError, TypeError, OverflowError, MemoryError):
        return False, start
    finally:
        if budget is not None and evaluator is not None:
            budget.spend_substitution(evaluator.built)


def evaluate(expr: str, params: Mapping[str, str] | None, *, callee_title: str | None = None) -> bool:
    """Is the ``#!if`` condition true for these template parameters? Never raises."""
    return evaluate_with_bindings(expr, params, callee_title=callee_title)[0]
