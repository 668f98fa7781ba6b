"""Red-line checks: find forbidden words and patterns (禁用词/红线) in a reply before an agent sends it.

A :class:`RuleChecker` is built once from all rules (built-in 广告法 and platform sets plus the shop's own) and then
checks many texts. Word rules go into one Aho–Corasick automaton, so a check costs about the same with 30 rules or
30,000; regex rules are compiled once and run one after the other (there are few of them).

Matching happens on *folded* text — the search's folding (:mod:`csdesk.core.textnorm`): full-width letters, digits
and punctuation become half-width, letters lower-case and traditional characters simplified, so 全網最低價 hits the
rules for 全网最低价 — while every offset reported refers to the original text: folding maps each code point to
exactly one code point, so positions never shift.

Matching also sees through characters slipped in between the letters of a word to dodge a filter (加 微-信, 最。好,
好 评 返 现): spaces, punctuation and symbols are *squeezed* out of the folded text (and out of every word and
exception) before word rules are matched, and regex rules run on both the folded and the squeezed text. A hit is
still reported on the original text, from its first to its last matched character.
"""

from __future__ import annotations

import csv
import json
import operator
import re
import re._constants as _sre_constants  # the parsed form of a pattern, to find the characters a match starts with
import re._parser as _sre_parser
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import chain
from typing import Any

from csdesk.core import textnorm
from csdesk.core.errors import ValidationError
from csdesk.core.models import Rule, RuleHit, Severity
from csdesk.core.resources import resource_path

__all__ = [
    "BUILTIN_RULE_FILES",
    "SEVERITY_RANK",
    "RuleChecker",
    "builtin_rule_versions",
    "fold",
    "load_builtin_rules",
    "parse_severity",
    "parse_word_list",
    "squeeze",
    "validate_rule",
    "worst_severity",
]

SEVERITY_RANK: Mapping[str, int] = {"block": 2, "warn": 1}
"""Higher is more severe; an overlap keeps the more severe hit."""

BUILTIN_RULE_FILES: tuple[tuple[str, str], ...] = (
    ("adlaw", "rules/adlaw.json"),
    ("platform", "rules/platform.json"),
)
"""(source, path under resources/) of the rule sets shipped with csdesk."""

_SEVERITY_WORDS: Mapping[str, Severity] = {
    "block": "block",
    "b": "block",
    "禁止": "block",
    "禁用": "block",
    "拦截": "block",
    "严重": "block",
    "warn": "warn",
    "warning": "warn",
    "w": "warn",
    "提醒": "warn",
    "警告": "warn",
    "提示": "warn",
}

_MAX_PATTERN_LENGTH = 200


# --- folding -------------------------------------------------------------------------------------------------------


# For regex patterns only full-width letters and digits are folded (and traditional characters simplified):
# folding （ or ｛ would change the regex syntax.
_REGEX_FOLD_TABLE = {
    cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}


def fold(text: str) -> str:
    """Full-width → half-width, lower-case, traditional → simplified, keeping the length: ``fold(t)[i]`` is the
    fold of ``t[i]`` (the search's :func:`csdesk.core.textnorm.fold`)."""
    return textnorm.fold(text)


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# Characters kept when squeezing although they are punctuation or symbols: they carry meaning in rules (100%,
# +v, #, @, ¥).
_KEPT_SYMBOLS = frozenset("%+#@&$¥")
_SEPARATOR_CATEGORIES = frozenset(
    {"Zs", "Zl", "Zp", "Cc", "Cf", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sk", "So", "Sm"}
)


@cache
def _separator_table() -> dict[int, None]:
    """str.translate table deleting every BMP separator (built once, about 20 ms)."""
    table: dict[int, None] = {}
    for code in (*range(0x10000), *range(0x1F000, 0x1FB00)):  # the BMP and the emoji blocks
        ch = chr(code)
        if ch in _KEPT_SYMBOLS:
            continue
        if unicodedata.category(ch) in _SEPARATOR_CATEGORIES:
            table[code] = None
    return table


def squeeze(folded: str) -> tuple[str, list[int] | None]:
    """``folded`` without spaces, punctuation and symbols, and for each kept character its offset in ``folded``
    (None when nothing was removed: the offsets are the identity)."""
    squeezed = folded.translate(_separator_table())
    return squeezed, _kept_offsets(folded, squeezed)


def _kept_offsets(folded: str, squeezed: str) -> list[int] | None:
    """The offsets in ``folded`` of the characters :func:`squeeze` kept (None: it removed nothing)."""
    if len(squeezed) == len(folded):
        return None
    table = _separator_table()
    return [i for i, ch in enumerate(folded) if ord(ch) not in table]


# --- validation ----------------------------------------------------------------------------------------------------


def parse_severity(value: str, *, default: Severity = "warn") -> Severity:
    """``block``/``warn`` or a Chinese word for them (禁止/提醒 …); empty means ``default``.

    Raises ValueError for anything else (callers turn it into a :class:`ValidationError` with a location).
    """
    word = value.strip().lower()
    if not word:
        return default
    try:
        return _SEVERITY_WORDS[word]
    except KeyError:
        raise ValueError(value) from None


def _rule_label(rule: Rule) -> str:
    return rule.pattern if len(rule.pattern) <= 30 else rule.pattern[:30] + "…"


def _compile_regex(rule: Rule) -> re.Pattern[str]:
    label = _rule_label(rule)
    try:
        compiled = re.compile(textnorm.simplified(rule.pattern.translate(_REGEX_FOLD_TABLE)), re.IGNORECASE)
    except re.error as exc:
        where = f"(位置 {exc.pos})" if exc.pos is not None else ""
        where_en = f" (at position {exc.pos})" if exc.pos is not None else ""
        raise ValidationError(
            f"规则「{label}」的正则表达式无效:{exc.msg}{where}",
            f"Rule '{label}' has an invalid regular expression: {exc.msg}{where_en}",
            hint="检查括号是否成对、量词前是否有内容;只想匹配普通文字时请把类型设为「词」。",
        ) from None
    if compiled.fullmatch(""):
        raise ValidationError(
            f"规则「{label}」的正则表达式能匹配空文本,会到处命中",
            f"Rule '{label}': the regular expression matches empty text and would hit everywhere",
        )
    return compiled


def validate_rule(rule: Rule) -> None:
    """Raise :class:`ValidationError` (Chinese + English message) if ``rule`` cannot be used for checking."""
    pattern = rule.pattern.strip()
    label = _rule_label(rule)
    if not pattern:
        raise ValidationError("禁用词不能为空", "A rule needs a word or pattern")
    if len(pattern) > _MAX_PATTERN_LENGTH:
        raise ValidationError(
            f"规则「{label}」太长(最多 {_MAX_PATTERN_LENGTH} 个字符)",
            f"Rule '{label}' is too long (at most {_MAX_PATTERN_LENGTH} characters)",
        )
    if rule.severity not in SEVERITY_RANK:
        raise ValidationError(
            f"规则「{label}」的级别「{rule.severity}」无效,应为 block(禁止)或 warn(提醒)",
            f"Rule '{label}' has an invalid severity '{rule.severity}'; use block or warn",
        )
    if rule.kind == "regex":
        _compile_regex(rule)
    elif rule.kind == "word":
        folded = fold(pattern)
        for exception in rule.exceptions:
            if exception.strip() and folded not in fold(exception.strip()):
                raise ValidationError(
                    f"规则「{label}」的例外词「{exception}」不包含禁用词本身",
                    f"Rule '{label}': the exception '{exception}' does not contain the word itself",
                    hint="例外词应是包含禁用词的更长说法,例如禁用词「最」的例外「最近」。",
                )
    else:
        raise ValidationError(
            f"规则「{label}」的类型「{rule.kind}」无效,应为 word(词)或 regex(正则)",
            f"Rule '{label}' has an invalid kind '{rule.kind}'; use word or regex",
        )


# --- Aho–Corasick --------------------------------------------------------------------------------------------------


class _AhoCorasick:
    """All occurrences of many words in one pass over the text (overlapping ones included)."""

    def __init__(self, words: Sequence[str]) -> None:
        goto: list[dict[str, int]] = [{}]
        terminal: list[int] = [-1]  # index into words of the word ending exactly at this node
        for index, word in enumerate(words):
            node = 0
            for ch in word:
                nxt = goto[node].get(ch)
                if nxt is None:
                    nxt = len(goto)
                    goto[node][ch] = nxt
                    goto.append({})
                    terminal.append(-1)
                node = nxt
            terminal[node] = index
        fail = [0] * len(goto)
        # Nearest proper suffix node (by failure links) that ends a word: walks only over real outputs.
        output_link = [0] * len(goto)
        queue: deque[int] = deque(goto[0].values())
        while queue:
            node = queue.popleft()
            for ch, child in goto[node].items():
                queue.append(child)
                state = fail[node]
                while ch not in goto[state] and state:
                    state = fail[state]
                target = goto[state].get(ch, 0)
                fail[child] = target if target != child else 0
                output_link[child] = fail[child] if terminal[fail[child]] >= 0 else output_link[fail[child]]
        self._goto = goto
        self._fail = fail
        self._terminal = terminal
        self._output_link = output_link
        self.node_count = len(goto)

    def iter_matches(self, text: str) -> Iterator[tuple[int, int]]:
        """(end offset exclusive, word index) for every occurrence, ordered by end."""
        goto, fail, terminal, output_link = self._goto, self._fail, self._terminal, self._output_link
        root = goto[0]
        node = 0
        for position, ch in enumerate(text):
            if node == 0:
                node = root.get(ch, 0)
                if node == 0:
                    continue
            else:
                while True:
                    nxt = goto[node].get(ch)
                    if nxt is not None:
                        node = nxt
                        break
                    if node == 0:
                        break
                    node = fail[node]
            out = node if terminal[node] >= 0 else output_link[node]
            while out:
                yield position + 1, terminal[out]
                out = output_link[out]


# --- checker -------------------------------------------------------------------------------------------------------


def _covered_by_exception(folded: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    """True if one of ``exceptions`` occurs in ``folded`` around the whole span [start, end)."""
    for exception in exceptions:
        length = len(exception)
        if length < end - start:
            continue
        low = max(0, end - length)
        high = min(start, len(folded) - length)
        # An occurrence found inside [low, high + length) starts in [low, high], so it covers the span.
        if low <= high and folded.find(exception, low, high + length) >= 0:
            return True
    return False


_CASE_EXTRAS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
"""Non-ASCII letters that an ASCII letter matches under re.IGNORECASE (the re module's documentation lists them)."""
_ZERO_WIDTH = {_sre_constants.ASSERT, _sre_constants.ASSERT_NOT, _sre_constants.AT}
_REPEATS = {_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, _sre_constants.POSSESSIVE_REPEAT}
_MAX_RANGE = 256


class _Unknown(Exception):
    """A pattern construct whose first characters are not worked out (the regex then always runs)."""


def _case_variants(code: int, ignorecase: bool) -> set[str]:
    ch = chr(code)
    if not ignorecase:
        return {ch}
    if ch.isascii() and ch.isalpha():
        low = ch.lower()
        return {low, ch.upper(), *_CASE_EXTRAS.get(low, "")}
    if ch.lower() == ch.upper() == ch and ch not in "\u0130\u0131\u017f\u212a":
        return {ch}  # Chinese characters, digits, punctuation: no case
    raise _Unknown


def _seq_first_chars(items: Iterable[tuple[object, object]], ignorecase: bool) -> tuple[set[str], bool]:
    """The characters a non-empty match of this sequence can start with, and whether it can match empty."""
    out: set[str] = set()
    for op, av in items:
        first, nullable = _item_first_chars(op, av, ignorecase)
        out |= first
        if not nullable:
            return out, False
    return out, True


def _item_first_chars(op: object, av: Any, ignorecase: bool) -> tuple[set[str], bool]:
    if op is _sre_constants.LITERAL:
        return _case_variants(av, ignorecase), False
    if op is _sre_constants.IN:
        chars: set[str] = set()
        for kind, arg in av:
            if kind is _sre_constants.LITERAL:
                chars |= _case_variants(arg, ignorecase)
            elif kind is _sre_constants.RANGE and arg[1] - arg[0] <= _MAX_RANGE:
                for code in range(arg[0], arg[1] + 1):
                    chars |= _case_variants(code, ignorecase)
            else:  # NEGATE, CATEGORY (\d, \w …), wide ranges
                raise _Unknown
        return chars, False
    if op is _sre_constants.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _seq_first_chars(sub, ignorecase)
    if op is _sre_constants.BRANCH:
        chars = set()
        nullable = False
        for sub in av[1]:
            first, empty = _seq_first_chars(sub, ignorecase)
            chars |= first
            nullable = nullable or empty
        return chars, nullable
    if op in _REPEATS:
        low, _high, sub = av
        first, empty = _seq_first_chars(sub, ignorecase)
        return first, empty or low == 0
    if op in _ZERO_WIDTH:
        return set(), True  # lookarounds and anchors consume nothing: the match starts with what follows
    raise _Unknown


def first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a non-empty match of ``regex`` can start with, or None when that is not worked out.

    A text holding none of them cannot match, so the checker skips the regex (most replies hold none of the
    characters that start the built-in regex rules; running 56 regexes twice on each reply was most of a check).
    """
    try:
        parsed = _sre_parser.parse(regex.pattern, regex.flags)
        chars, nullable = _seq_first_chars(list(parsed), bool(regex.flags & re.IGNORECASE))
    except (_Unknown, re.error, RecursionError):
        return None
    return None if nullable else frozenset(chars)


class RuleChecker:
    """Checks texts against a fixed set of rules. Build once (about 0.3 s for 30k word rules), check often.

    Disabled rules are left out; invalid ones are skipped and listed in :attr:`skipped` instead of failing the build.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: list[Rule] = []
        """The rules in use (enabled and valid), in the order given."""
        self.skipped: list[tuple[Rule, ValidationError]] = []
        """Enabled rules that could not be used, with the reason."""
        self._exceptions: list[tuple[str, ...]] = []
        self._squeezed_exceptions: list[tuple[str, ...]] = []
        self._symbol_words: list[tuple[str, int]] = []
        self._shop_ids: list[int | None] = []
        self._regexes: list[tuple[int, re.Pattern[str], frozenset[str] | None]] = []
        word_rules: dict[str, list[int]] = {}
        for rule in rules:
            if not rule.enabled:
                continue
            try:
                validate_rule(rule)
                compiled = _compile_regex(rule) if rule.kind == "regex" else None
            except ValidationError as exc:
                self.skipped.append((rule, exc))
                continue
            index = len(self.rules)
            self.rules.append(rule)
            folded_exceptions = tuple(fold(e.strip()) for e in rule.exceptions if e.strip())
            self._exceptions.append(folded_exceptions)
            self._squeezed_exceptions.append(tuple(squeeze(e)[0] for e in folded_exceptions))
            self._shop_ids.append(rule.shop_id)
            if compiled is not None:
                self._regexes.append((index, compiled, first_chars(compiled)))
            else:
                word = squeeze(fold(rule.pattern.strip()))[0]
                if word:
                    word_rules.setdefault(word, []).append(index)
                else:  # a word made only of punctuation: matched as written
                    self._symbol_words.append((fold(rule.pattern.strip()), index))
        # which regexes can match a text: those starting with one of its characters, and those that can start anywhere
        self._regexes_by_start: dict[str, list[int]] = {}
        self._regexes_anywhere: list[int] = []
        for position, (_index, _regex, starts) in enumerate(self._regexes):
            if starts is None:
                self._regexes_anywhere.append(position)
            else:
                for ch in starts:
                    self._regexes_by_start.setdefault(ch, []).append(position)
        words = list(word_rules)
        # What a text must hold for any word to occur in it: one of the one-character words, or the first two
        # characters of a longer one. Most replies hold neither, and skip the automaton's Python loop (an import
        # of 100,000 rows spent 6 s there against the 416 built-in rules).
        self._single_chars = frozenset(w for w in words if len(w) == 1)
        self._word_starts = frozenset(w[:2] for w in words if len(w) > 1)
        self._word_rule_indexes: list[tuple[int, ...]] = [tuple(word_rules[w]) for w in words]
        self._word_lengths = [len(w) for w in words]
        # Words that start/end with an ASCII letter or digit only match at an ASCII word boundary (qq ≠ qqq).
        self._word_edges = [(_is_ascii_alnum(w[0]), _is_ascii_alnum(w[-1])) for w in words]
        self._automaton = _AhoCorasick(words)

    def __len__(self) -> int:
        return len(self.rules)

    def _applies(self, index: int, shop_id: int | None) -> bool:
        scope = self._shop_ids[index]
        return scope is None or scope == shop_id

    def check(self, text: str, *, shop_id: int | None = None) -> list[RuleHit]:
        """Hits in ``text`` sorted by start, never overlapping; rules scoped to another shop are ignored.

        Where hits overlap, the most severe wins, then the longest, then the earliest.
        """
        if not text:
            return []
        folded = fold(text)
        size = len(folded)
        squeezed = folded.translate(_separator_table())
        moved = len(squeezed) != len(folded)  # punctuation or spaces were taken out
        # where each kept character sits in ``folded``: worked out at the first hit only
        offsets: list[int] = []

        def located(start: int, end: int) -> tuple[int, int]:
            if not moved:
                return start, end
            if not offsets:
                offsets.extend(_kept_offsets(folded, squeezed) or ())
            return offsets[start], offsets[end - 1] + 1

        candidates: set[tuple[int, int, int]] = set()  # (start, end, rule index) in the original text
        exceptions, squeezed_exceptions = self._exceptions, self._squeezed_exceptions
        matches = self._automaton.iter_matches(squeezed) if self._may_hold_a_word(squeezed) else ()
        for end, word in matches:
            start = end - self._word_lengths[word]
            first, last = located(start, end)
            check_left, check_right = self._word_edges[word]
            if check_left and first > 0 and _is_ascii_alnum(folded[first - 1]):
                continue
            if check_right and last < size and _is_ascii_alnum(folded[last]):
                continue
            for index in self._word_rule_indexes[word]:
                if self._applies(index, shop_id) and not _covered_by_exception(
                    squeezed, start, end, squeezed_exceptions[index]
                ):
                    candidates.add((first, last, index))
        for symbols, index in self._symbol_words:
            if not self._applies(index, shop_id):
                continue
            found = folded.find(symbols)
            while found >= 0:
                candidates.add((found, found + len(symbols), index))
                found = folded.find(symbols, found + 1)
        # only the regexes that can start at a character of the text (the squeezed text holds a subset of them)
        chars = set(folded).intersection(self._regexes_by_start)
        todo = sorted(
            {*self._regexes_anywhere, *chain.from_iterable(self._regexes_by_start[c] for c in chars)}
        )
        for index, regex, _starts in map(self._regexes.__getitem__, todo):
            if not self._applies(index, shop_id):
                continue
            for match in regex.finditer(folded):
                start, end = match.span()
                if end > start and not _covered_by_exception(folded, start, end, exceptions[index]):
                    candidates.add((start, end, index))
            if not moved:
                continue
            for match in regex.finditer(squeezed):
                start, end = match.span()
                if end > start and not _covered_by_exception(
                    squeezed, start, end, squeezed_exceptions[index]
                ):
                    candidates.add((*located(start, end), index))
        return self._resolve(text, list(candidates))

    def _may_hold_a_word(self, squeezed: str) -> bool:
        """False when no word rule can occur in ``squeezed`` (exact: every word starts with a pair listed, or is
        a one-character word)."""
        if not self._single_chars.isdisjoint(squeezed):
            return True
        return not self._word_starts.isdisjoint(map(operator.add, squeezed, squeezed[1:]))

    def _resolve(self, text: str, candidates: list[tuple[int, int, int]]) -> list[RuleHit]:
        rules = self.rules
        candidates.sort(key=lambda c: (-SEVERITY_RANK[rules[c[2]].severity], c[0] - c[1], c[0], c[2]))
        taken = bytearray(len(text))
        kept: list[tuple[int, int, int]] = []
        for start, end, index in candidates:
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, index))
        kept.sort()
        return [
            RuleHit(
                start=start,
                end=end,
                text=text[start:end],
                severity=rules[index].severity,
                reason=rules[index].reason,
                suggestion=rules[index].suggestion,
                rule_id=rules[index].id,
                source=rules[index].source,
            )
            for start, end, index in kept
        ]


def worst_severity(hits: Iterable[RuleHit]) -> Severity | None:
    """``block`` if any hit blocks, else ``warn`` if there are hits, else None."""
    worst: Severity | None = None
    for hit in hits:
        if hit.severity == "block":
            return "block"
        worst = hit.severity
    return worst


# --- built-in rule sets --------------------------------------------------------------------------------------------


@cache
def _builtin_rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for source, relative in BUILTIN_RULE_FILES:
        data = json.loads(resource_path(relative).read_text(encoding="utf-8"))
        for item in data["rules"]:
            rules.append(
                Rule(
                    id=None,
                    pattern=item["pattern"],
                    severity=item.get("severity", "warn"),
                    kind=item.get("kind", "word"),
                    reason=item.get("reason", ""),
                    suggestion=item.get("suggestion", ""),
                    exceptions=tuple(item.get("exceptions", ())),
                    source=source,
                    builtin=True,
                )
            )
    return tuple(rules)


def load_builtin_rules() -> list[Rule]:
    """The rule sets shipped with csdesk: 广告法 (source ``adlaw``) and platform service rules (``platform``)."""
    return list(_builtin_rules())


@cache
def builtin_rule_versions() -> dict[str, int]:
    """The ``version`` of each shipped rule file, by source: a library made with older files gets the new rules."""
    versions: dict[str, int] = {}
    for source, relative in BUILTIN_RULE_FILES:
        data = json.loads(resource_path(relative).read_text(encoding="utf-8"))
        versions[source] = int(data.get("version", 1))
    return versions


# --- pasted word lists ---------------------------------------------------------------------------------------------

_HEADER_WORDS = {"词", "禁用词", "敏感词", "违禁词", "关键词", "word", "pattern", "词语"}
_EXCEPTION_SPLIT = re.compile(r"[、|/;\uff1b\s]+")


def _split_columns(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    if "," in line:
        return next(csv.reader([line], skipinitialspace=True))
    if "\uff0c" in line:  # full-width comma
        return line.split("\uff0c")
    return [line]


def parse_word_list(text: str, *, severity: Severity = "warn", source: str = "shop") -> list[Rule]:
    """Rules from a pasted or loaded word list, for the supervisor's "paste a list" feature.

    One word per line, optionally followed by columns separated by tabs or commas (``,`` with CSV quoting, or
    ``，`` when the line has no ASCII comma): ``词, 级别, 原因, 建议, 例外``. 级别 is block/warn/禁止/提醒 (empty:
    ``severity``); 例外 lists exception words separated by 、 or |. A word written ``re:…`` is a regular expression.
    Blank lines, ``#`` comments, a header line and repeated words are skipped. Raises :class:`ValidationError` naming
    the line of the first problem.
    """
    rules: list[Rule] = []
    seen: set[tuple[str, str]] = set()
    first_row = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        columns = [c.strip() for c in _split_columns(line)]
        if first_row and columns[0].lower() in _HEADER_WORDS:
            first_row = False
            continue
        first_row = False
        if len(columns) > 5:
            raise ValidationError(
                f"第 {number} 行:列太多(最多 5 列:词、级别、原因、建议、例外)",
                f"Line {number}: too many columns (at most 5: word, severity, reason, suggestion, exceptions)",
                hint="原因或建议里有英文逗号时,请给它加上英文双引号,或改用 Tab 分隔。",
            )
        columns += [""] * (5 - len(columns))
        word, level, reason, suggestion, exception_text = columns
        kind: str = "word"
        if word.lower().startswith("re:"):
            kind, word = "regex", word[3:].strip()
        if not word:
            raise ValidationError(f"第 {number} 行:缺少禁用词", f"Line {number}: the word is missing")
        try:
            rule_severity = parse_severity(level, default=severity)
        except ValueError:
            raise ValidationError(
                f"第 {number} 行:级别「{level}」无效,应为 block/warn/禁止/提醒",
                f"Line {number}: invalid severity '{level}'; use block, warn, 禁止 or 提醒",
            ) from None
        rule = Rule(
            id=None,
            pattern=word,
            severity=rule_severity,
            kind="regex" if kind == "regex" else "word",
            reason=reason,
            suggestion=suggestion,
            exceptions=tuple(e for e in _EXCEPTION_SPLIT.split(exception_text) if e),
            source=source,
        )
        try:
            validate_rule(rule)
        except ValidationError as exc:
            raise ValidationError(
                f"第 {number} 行:{exc.message}", f"Line {number}: {exc.english}", hint=exc.hint
            ) from None
        key = (rule.kind, fold(word) if rule.kind == "word" else word)
        if key in seen:
            continue
        seen.add(key)
        rules.append(rule)
    return rules
