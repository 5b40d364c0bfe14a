"""The "Reproduce this report" appendix: how to rebuild the report, re-run any chapter with
papermill and other parameters (a table per chapter: each parameter, the value this edition
used, the values accepted and what it means), check the committed outputs with nbval, and
which data files every figure comes from.

It is the one page of the report that shows commands, parameters and file names: each
chapter ends with a single line linking to its own section here (`sphinx_ext`). Written
into the staged book at each build from the executed notebooks, like the data page, and
listed with the build-health page in a last part of the table of contents, "Appendix".

Each book has it in its language (`WORDS`): the Japanese one explains in Japanese how to
re-run its own notebooks (`ja/chapters/`, `-p lang ja`); commands, parameters and file names
are the same in both.
"""

from __future__ import annotations

import ast
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from digideficit.analysis import wording
from digideficit.site import datafiles, health
from digideficit.site.sphinx_ext import NOTEBOOKS
from digideficit.validated import data, params

PAGE = health.REPRODUCE
TITLES = health.REPRODUCE_TITLES
CAPTIONS = health.APPENDIX_CAPTIONS
TITLE = TITLES["en"]
CAPTION = CAPTIONS["en"]
# where each book's notebooks are, from the project's root
CHAPTERS = {"en": "chapters", "ja": "ja/chapters"}
NBVAL = (
    ".venv/bin/pytest chapters --nbval --nbval-current-env "
    "--nbval-sanitize-with tests/nbval_sanitize.cfg"
)


def anchor(chapter: str) -> str:
    """The id of a chapter's section on the page (a MyST label before its heading)."""
    return f"reproduce-{chapter}"


@dataclass
class Chapter:
    name: str  # the notebook's stem
    title: str
    used: dict[str, Any]  # every parameter the chapter takes, with the value it ran with


def title_of(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def notebook_defaults(notebook: nbformat.NotebookNode) -> dict[str, Any]:
    """The values the notebook's `parameters` cell assigns (None: 'from params.yml')."""
    found: dict[str, Any] = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                    if isinstance(target, ast.Name):
                        try:
                            found[target.id] = ast.literal_eval(node.value)
                        except ValueError:
                            continue
    return found


# what a chapter runs with when neither papermill, params.yml nor the notebook sets a value
UNSET = {"lang": "en"}


def values_used(notebook: nbformat.NotebookNode, chapter: str, defaults: dict) -> dict[str, Any]:
    """Each parameter the chapter takes (`params.RULES`), with the value it ran with: the one
    papermill passed, else the default in params.yml, else the notebook's own (as `lang`)."""
    injected = notebook.metadata.get("papermill", {}).get("parameters", {})
    own = notebook_defaults(notebook)
    used = {}
    for name in params.RULES.get(chapter, {}):
        for source in (injected, defaults.get(chapter, {}), own, UNSET):
            if source.get(name) is not None:
                used[name] = source[name]
                break
        else:
            used[name] = None
    return used


def chapters(executed: list[Path], defaults: dict | None = None) -> list[Chapter]:
    """The chapters in reading order, from their executed notebooks."""
    defaults = params.defaults() if defaults is None else defaults
    found = []
    for path in executed:
        notebook = nbformat.read(path, as_version=4)
        found.append(
            Chapter(
                path.stem, title_of(notebook, path.stem), values_used(notebook, path.stem, defaults)
            )
        )
    return found


def accepted(rule: params.Rule, lang: str = "en") -> str:
    words = WORDS[lang]
    if rule.choices is not None:
        return words["one_of"].format(
            choices=words["or"].join(
                f"`{choice}`" + (f"（{CHOICES[lang][choice]}）" if choice in CHOICES[lang] else "")
                for choice in rule.choices
            )
        )
    shown = words["kinds"].get(rule.kind, rule.kind.__name__)
    if rule.low is not None and rule.high is not None:
        return words["range"].format(kind=shown, low=rule.low, high=rule.high)
    return shown


def meaning(rule: params.Rule, lang: str = "en") -> str:
    """What a parameter means, in `lang` (`params` says it in English)."""
    return rule.help if lang == "en" else HELP[lang].get(rule.help, rule.help)


def nbval(lang: str = "en") -> str:
    """The reviewers' check of one book's notebooks."""
    return NBVAL.replace(" chapters ", f" {CHAPTERS[lang]} ", 1)


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def command(chapter: Chapter, lang: str = "en") -> str:
    options = " ".join(
        f"-p {name} {shlex.quote(str(value))}"
        for name, value in chapter.used.items()
        if value is not None
    )
    folder = CHAPTERS[lang]
    up = "../" * len(Path(folder).parts)
    line = f"{up}.venv/bin/papermill {chapter.name}.ipynb /tmp/{chapter.name}.ipynb -k python3"
    return f"cd {folder}\n{line}" + (f" \\\n    {options}" if options else "")


def chapter_section(chapter: Chapter, lang: str = "en") -> list[str]:
    words = WORDS[lang]
    rules = params.RULES.get(chapter.name, {})
    lines = [
        f"({anchor(chapter.name)})=",
        f"### {chapter.title}",
        "",
        words["chapter"].format(
            name=chapter.name,
            folder=CHAPTERS[lang],
            download=f'<a href="{NOTEBOOKS}/{chapter.name}.ipynb" download>',
        ),
        "",
    ]
    if rules:
        lines += [
            words["parameters_header"],
            "|---|---|---|---|",
            *[
                f"| `{name}` | `{cell(chapter.used.get(name))}` | {cell(accepted(rule, lang))} "
                f"| {cell(meaning(rule, lang))} |"
                for name, rule in rules.items()
            ],
            "",
            words["run_again"],
        ]
    else:
        lines += [words["no_parameters"]]
    lines += ["", "```bash", command(chapter, lang), "```", ""]
    return lines


def data_rows(lang: str = "en") -> list[tuple[str, str, int]]:
    """Every data file: its name, what it holds (from datapackage.json, or in Japanese
    `datafiles.TITLES_JA`) and its rows."""
    import json

    from digideficit.paths import data_dir

    described = {
        r["path"]: r.get("title", "")
        for r in json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))[
            "resources"
        ]
    }
    rows = []
    for filename, _spec in data.FILES.values():
        with (data_dir() / filename).open(encoding="utf-8") as handle:
            count = max(sum(1 for line in handle if line.strip()) - 1, 0)
        title = described.get(filename, "")
        rows.append((filename, datafiles.TITLES_JA[filename] if lang == "ja" else title, count))
    return rows


def markdown(found: list[Chapter], health_page: str | None = None, lang: str = "en") -> str:
    words = WORDS[wording.checked(lang)]
    lines = [
        f"# {TITLES[lang]}",
        "",
        words["intro"],
        "",
        f"## {words['rebuild']}",
        "",
        words["rebuild_how"],
        "",
        "```bash",
        *words["rebuild_commands"],
        "```",
        "",
        words["rebuild_after"],
        "",
        f"## {words['rerun']}",
        "",
        words["rerun_how"],
        "",
    ]
    for chapter in found:
        lines += chapter_section(chapter, lang)
    lines += [
        f"## {words['check']}",
        "",
        words["check_how"],
        "",
        "```bash",
        nbval(lang),
        "```",
        "",
        words["check_after"],
        "",
        f"## {words['data']}",
        "",
        words["data_how"],
        "",
        words["data_header"],
        "|---|---|--:|",
        *[f"| `data/{name}` | {cell(title)} | {rows:,} |" for name, title, rows in data_rows(lang)],
        "",
    ]
    if health_page:
        lines += [words["health"].format(page=health_page), ""]
    return "\n".join(lines)


def add_to_book(book: Path, executed: list[Path], lang: str = "en") -> None:
    """Writes the page, in the book's language, into the staged book at `book` (the English
    book's root, or the Japanese book's, with `executed` its own notebooks) and lists it in
    a new last part, "Appendix" (the build-health page follows it there)."""
    text = markdown(chapters(executed), health.PAGE, lang)
    (book / f"{PAGE}.md").write_text(text, encoding="utf-8")
    toc_path = book / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    toc["parts"].append({"caption": CAPTIONS[lang], "chapters": [{"file": PAGE}]})
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False, allow_unicode=True), encoding="utf-8")


# the page's words in each language of the site
WORDS = {
    "en": {
        "intro": (
            "Every number, table and chart in this report is computed, at each build, from the "
            "data files listed at the end of this page by the chapters' notebooks. This page "
            "says how to rebuild the report, how to re-run any chapter with other parameters, "
            "and how the committed outputs are checked."
        ),
        "rebuild": "Rebuild the report",
        "rebuild_how": "From a copy of the project, on Debian or Ubuntu with Python 3 and `make`:",
        "rebuild_commands": [
            "make book   # installs what it needs, executes every chapter, builds the site and PDF",
            "make test   # builds, then runs every test: data, analysis, chapters, nbval, browser",
        ],
        "rebuild_after": (
            "`make book` writes the site to `_build/html` and the PDF edition beside it. It "
            "stops with a message, leaving the published site as it was, when a data file or "
            "a parameter in `params.yml` is invalid or a chapter fails. `make help` lists the "
            "other commands (fetching the Bank of Japan's latest files, adding a data file)."
        ),
        "rerun": "Re-run a chapter",
        "rerun_how": (
            "Each chapter is a Jupyter notebook in `chapters/`, executed by "
            "[papermill](https://papermill.readthedocs.io/) with the parameters set in "
            "`params.yml`. In a notebook's parameters cell, `None` means the default from "
            "`params.yml`; `lang` chooses the language of the page (`en` or `ja`). Run with "
            "`-p name value` to change one; a value outside those accepted stops the run with "
            "a message naming the parameter."
        ),
        "chapter": (
            "[The chapter](chapters/{name}.ipynb) is the notebook `{folder}/{name}.ipynb`, "
            "executed when this edition was built: {download}download the executed notebook "
            "(code and outputs)</a>."
        ),
        "parameters_header": "| parameter | value used | accepted values | meaning |",
        "run_again": "To run it again with other values (change any `-p` line):",
        "no_parameters": "It takes no parameters. To run it again:",
        "one_of": "one of {choices}",
        "or": ", ",
        "kinds": {int: "a whole number", float: "a number", str: "text", bool: "true or false"},
        "range": "{kind} from {low} to {high}",
        "check": "Check the committed outputs (nbval)",
        "check_how": (
            "The notebooks are committed with their outputs. Reviewers re-execute them and "
            "compare every output with the committed one (time stamps and kernel details are "
            "ignored, see `tests/nbval_sanitize.cfg`):"
        ),
        "check_after": "`make test` runs the same check with every other test.",
        "data": "The data files",
        "data_how": (
            "Every figure is read from these files in `data/`; `datapackage.json` describes "
            "each column and unit, and each row cites its source by `source_id` (listed in "
            "`sources.csv`). The [data page](data-files.md) offers each for download, the "
            "whole folder as one zip, and the digital balance as one annual and one monthly "
            "series."
        ),
        "data_header": "| file | what it holds | rows |",
        "health": (
            "How this copy was built — when each chapter ran, in how long, with which "
            "parameters, and the content hash of every data file — is on the "
            "[build health]({page}.md) page."
        ),
    },
    "ja": {
        "intro": (
            "本報告の数値・表・グラフはすべて、作成のたびに各章のノートブックが、ページ末尾に"
            "掲げるデータファイルから計算している。本ページでは、報告全体を作り直す方法、"
            "パラメータを変えて章を実行し直す方法、コミット済みの出力を検証する方法を示す。"
        ),
        "rebuild": "報告全体を作り直す",
        "rebuild_how": (
            "プロジェクト一式を手元に複製し、Python 3 と `make` を備えた Debian または Ubuntu "
            "で次のコマンドを実行する。"
        ),
        "rebuild_commands": [
            "make book   # 必要なものを導入し、全章を実行して、サイトとPDF版を作成する",
            "make test   # 作成後、データ・分析・各章・nbval・ブラウザのテストをすべて実行する",
        ],
        "rebuild_after": (
            "`make book` はサイトを `_build/html` に（日本語版はその中の `ja/` に）書き出し、"
            "PDF版も作成する。データファイルや `params.yml` のパラメータに誤りがある場合や、"
            "章の実行に失敗した場合は、理由を示して止まり、公開済みのサイトはそのまま残る。"
            "ほかのコマンド（日本銀行の最新ファイルの取得、データファイルの追加など）は "
            "`make help` で一覧できる。"
        ),
        "rerun": "章を実行し直す",
        "rerun_how": (
            "日本語版の各章は `ja/chapters/` にある Jupyter ノートブックで、"
            "[papermill](https://papermill.readthedocs.io/) が `params.yml` のパラメータを与えて"
            "実行する。英語版の同名の章は `chapters/` にあり、同じ計算を英語で記述している。"
            "ノートブックのパラメータセルで `None` となっている値には、`params.yml` の既定値が"
            "使われる。`lang` はページの言語（`en` または `ja`）を選ぶもので、日本語版は `ja` "
            "で実行する。値を変えるには `-p name value`（パラメータ名と値）を付けて実行する。"
            "受け付けない値を与えると、"
            "そのパラメータの名前を示すメッセージを出して実行が止まる。"
        ),
        "chapter": (
            "[この章](chapters/{name}.ipynb)は、ノートブック `{folder}/{name}.ipynb` を本版の"
            "作成時に実行したものである。コードと出力を含む{download}実行済みのノートブックを"
            "ダウンロード</a>できる。"
        ),
        "parameters_header": "| パラメータ | 使用した値 | 受け付ける値 | 意味 |",
        "run_again": "別の値で実行し直すには、次のコマンドの `-p` の値を書き換える。",
        "no_parameters": "この章にパラメータはない。実行し直すには次のコマンドを用いる。",
        "one_of": "{choices} のいずれか",
        "or": "、",
        "kinds": {int: "整数", float: "数値", str: "文字列", bool: "true または false"},
        "range": "{low}～{high}の{kind}",
        "check": "コミット済みの出力を検証する（nbval）",
        "check_how": (
            "ノートブックは出力とともにコミットしている。検証者はこれを実行し直し、すべての出力を"
            "コミット済みの出力と照合する（時刻やカーネルの情報は照合しない。"
            "`tests/nbval_sanitize.cfg` を参照）。"
        ),
        "check_after": "`make test` も、ほかのすべてのテストとあわせて同じ検証を行う。",
        "data": "データファイル",
        "data_how": (
            "数値はすべて `data/` にある次のファイルから読み込む。各列の内容と単位は "
            "`datapackage.json` に記述し、各行は `source_id` で出典を示す（出典の一覧は "
            "`sources.csv`）。[データのページ](data-files.md)では、各ファイル、フォルダ全体を"
            "まとめたzip、デジタル関連収支の年次・月次の系列をダウンロードできる。"
        ),
        "data_header": "| ファイル | 内容 | 行数 |",
        "health": (
            "この版がどのように作成されたか（各章の実行日時・所要時間・パラメータ、各データ"
            "ファイルの内容のハッシュ値）は、[作成記録]({page}.md)のページに記す。"
        ),
    },
}

# what a value written in English means, said after it on a page in another language: the
# value itself stays as it is typed (`-p verdict "differs by definition or vintage"`)
CHOICES = {
    "en": {},
    "ja": {
        value: wording.PHRASES[key]["ja"]
        for value, key in {
            "holds": "verdict-holds",
            "differs by definition or vintage": "verdict-differs",
            "wrong": "verdict-wrong",
            "unverified": "verdict-unverified",
        }.items()
    },
}

# what each parameter means, in Japanese (keyed by its English help in `params.RULES`)
HELP = {
    "ja": {
        "the definition basis of the total": "合計の集計基準（定義）",
        "first calendar year charted": "グラフに示す最初の暦年",
        "first year of the growth rate": "伸び率を計算する最初の年",
        "last year of the growth rate": "伸び率を計算する最後の年",
        "calendar year compared": "比較する暦年",
        "fiscal year compared (the year it starts)": "比較する年度（年度が始まる年で指定）",
        "currency of the amounts shown": "金額を示す通貨",
        "definition charted: all, or one that several economies share": (
            "グラフに示す定義（すべて、または複数の国・地域に共通する定義）"
        ),
        "first year of the timeline": "年表の最初の年",
        "the definition basis of the actual series": "実績系列の集計基準（定義）",
        "how the deficit is projected": "赤字の将来推計の方法",
        "latest N years the trend is fitted to": "トレンドを当てはめる直近の年数",
        "annual growth for constant-growth": "`constant-growth` で用いる年率の伸び",
        "last year projected": "推計する最後の年",
        "which verdicts the table lists": "表に掲げる判定",
        "the definition basis of the headline": "冒頭に示す主要数値の集計基準（定義）",
        "first year of the table of item balances": "項目別収支の表の最初の年",
        "last year of the table of item balances": "項目別収支の表の最後の年",
        "calendar year whose partners are ranked": "支払先の国・地域を順位付けする暦年",
        "language of the page: en or ja": "ページの言語（`en` または `ja`）",
    }
}
