"""The `communique` command, run as a real subprocess."""

import json
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "communique.cli"]
TEXT = "12 мая 2025 г. в Ташкенте состоялись переговоры министров связи Узбекистана и Кыргызстана."


def run(args, stdin=None):
    return subprocess.run(CLI + args, input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    lines = [
        json.dumps({"id": "ok1", "text": TEXT, "published": "2025-05-13"}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": 7, "text": "Вчера в Минске прошла встреча.", "published": "2025-05-13"}, ensure_ascii=False),
        json.dumps({"id": "bad-date", "text": TEXT, "published": "13/05/2025"}, ensure_ascii=False),
    ]
    inp = d / "in.jsonl"
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run(["extract", "--jsonl", str(inp), "--format", "facts"])
    assert res.returncode == 0, res.stderr
    return [json.loads(x) for x in res.stdout.splitlines()]


def test_jsonl_one_output_line_per_input_line(batch):
    assert [b["id"] for b in batch] == ["ok1", "line2", "no-text", 7, "bad-date"]


def test_jsonl_bad_lines_yield_errors_and_the_run_goes_on(batch):
    assert "error" in batch[1] and "error" in batch[2] and "error" in batch[4]
    assert "error" not in batch[0] and "error" not in batch[3]
    assert batch[3]["events"][0]["start"] == "2025-05-12"


def test_jsonl_facts_carry_mentions_with_offsets(batch):
    ok = batch[0]
    assert ok["mentions"], ok
    for m in ok["mentions"]:
        assert TEXT[m["start"]:m["end"]] == m["text"]
    assert {"persons", "organizations", "locations", "events", "agreements"} <= set(ok)


def test_extract_a_markdown_file_prints_a_record(tmp_path):
    p = tmp_path / "release.md"
    p.write_text("## **Переговоры в Ташкенте**\n\n" + TEXT + "\n", encoding="utf-8")
    res = run(["extract", str(p)])
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert rec["schema_version"] and rec["document"]["language"] == "ru"
    assert rec["events"][0]["type"] == "MEETING"


def test_extract_html_from_stdin(tmp_path):
    html = ("<html><head><title>Переговоры</title></head><body><nav>Главная | Новости | Контакты</nav>"
            f"<article><h1>Переговоры в Ташкенте</h1><p>{TEXT}</p><p>Стороны обсудили сотрудничество в "
            "области связи и цифровой трансформации.</p></article><footer>© Министерство</footer></body></html>")
    res = run(["extract", "-", "--format", "facts"], stdin=html)
    assert res.returncode == 0, res.stderr
    f = json.loads(res.stdout)
    assert any(e["type"] == "MEETING" for e in f["events"])
    assert not any("Контакты" in m["text"] for m in f["mentions"])


def test_missing_and_empty_files_are_clear_errors(tmp_path):
    res = run(["extract", str(tmp_path / "nope.txt")])
    assert res.returncode == 2 and "no such file" in res.stderr
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = run(["extract", str(empty)])
    assert res.returncode == 2 and "empty" in res.stderr


def test_other_language_does_not_crash_and_says_what_ran():
    res = run(["extract", "-", "--format", "facts"],
              stdin="Астанада 2025 жылғы 5 маусымда цифрлық даму министрлерінің кездесуі өтті. "
                    "Қазақстан және Қырғызстан өкілдері қатысты.")
    assert res.returncode == 0, res.stderr
    f = json.loads(res.stdout)
    assert f["language"] == "kk"
    assert "ner" in f["extractor"]["skipped"]


# -- exit statuses and errors a new user meets ------------------------------------------------------

def run_in(cwd, args):
    """The command in another working folder, with neither $COMMUNIQUE_DB nor a relative PYTHONPATH."""
    import os
    from pathlib import Path

    import communique

    env = {k: v for k, v in os.environ.items() if k != "COMMUNIQUE_DB"}
    env["PYTHONPATH"] = str(Path(communique.__file__).resolve().parents[1])
    return subprocess.run(CLI + args, capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path):
    res = run_in(tmp_path, ["search", "переговоры", "--db", "typo.db"])
    assert res.returncode == 2
    assert res.stderr.startswith("error: no database at typo.db") and res.stderr.count("\n") == 1
    res = run_in(tmp_path, ["timeline"])  # the default ./communique.db
    assert res.returncode == 2 and "no database at communique.db" in res.stderr
    assert list(tmp_path.iterdir()) == []  # nothing was created


def test_db_on_a_file_that_is_not_a_database_is_one_clear_line(tmp_path):
    (tmp_path / "notes.db").write_text("these are my notes, not a database\n" * 50)
    res = run_in(tmp_path, ["search", "переговоры", "--db", "notes.db"])
    assert res.returncode == 2
    assert res.stderr.strip() == "error: cannot open the database notes.db: file is not a database"
    assert "sqlalche.me" not in res.stderr and "Background" not in res.stderr


def test_ingest_exit_status_says_whether_every_source_was_read(tmp_path):
    good = tmp_path / "release.txt"
    good.write_text("Совместное заявление\n\n" + TEXT + "\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    res = run_in(tmp_path, ["ingest", str(tmp_path / "missing-folder"), str(good), "--db", "kb.db"])
    assert res.returncode == 1
    assert "ingested 1 (1 new, 0 upgraded)" in res.stdout and "1 failed" in res.stdout
    assert "missing-folder" in res.stdout
    res = run_in(tmp_path, ["ingest", "empty", "--db", "kb.db", "--json"])
    assert res.returncode == 1
    summary = json.loads(res.stdout)
    assert summary["status"] == "failed" and summary["failures"][0]["source"] == "empty"
    res = run_in(tmp_path, ["ingest", str(good), "--db", "kb.db", "--json"])  # read before: unchanged, fine
    assert res.returncode == 0, res.stdout + res.stderr
    assert json.loads(res.stdout)["status"] == "ok"


def test_the_knowledge_base_commands_do_not_import_the_main_command():
    code = ("import sys, typer; from communique.cli import kb; kb.register(typer.Typer()); "
            "print('communique.cli.main' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


def test_jsonl_text_over_the_length_limit_is_an_error_line_and_the_batch_goes_on():
    from communique.ingest.formats import MAX_TEXT_CHARS

    lines = [json.dumps({"id": "huge", "text": "а " * (MAX_TEXT_CHARS // 2 + 1)}),
             json.dumps({"id": "ok", "text": TEXT}, ensure_ascii=False)]
    res = run(["extract", "--jsonl", "-", "--format", "facts"], stdin="\n".join(lines) + "\n")
    assert res.returncode == 0, res.stderr
    huge, ok = (json.loads(x) for x in res.stdout.splitlines())
    assert huge["id"] == "huge" and f"over the limit of {MAX_TEXT_CHARS}" in huge["error"]
    assert "error" not in ok


def test_ingest_off_a_terminal_logs_a_progress_line_every_25_sources(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(26):
        (folder / f"note-{i:02d}.txt").write_text(f"Заметка номер {i}.\n\nВстреча прошла {i + 1} мая.\n",
                                                  encoding="utf-8")
    res = run_in(tmp_path, ["ingest", "many", "--db", "kb.db"])
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [x for x in res.stderr.splitlines() if x.startswith("ingest: ")]
    assert len(lines) == 1 and lines[0].startswith("ingest: 25 sources read (")


def test_ingest_says_what_it_judged_a_duplicate_of_what(tmp_path):
    body = (TEXT + " Стороны обсудили развитие почтовой связи и цифровых сервисов, а также подготовку "
            "совместной программы обучения специалистов на ближайшие три года. Особое внимание было уделено "
            "защите персональных данных, единым стандартам электронного документооборота и обмену опытом "
            "между операторами связи двух стран. Министры отметили высокий потенциал сотрудничества в сфере "
            "спутниковой связи и договорились продолжить консультации на уровне экспертов.\n")
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Новости региона\n" + body + "\nПодписывайтесь на канал.\n", encoding="utf-8")
    res = run_in(tmp_path, ["ingest", "a.txt", "b.txt", "--db", "kb.db"])
    assert res.returncode == 0, res.stdout + res.stderr
    assert "1 duplicate" in res.stdout
    assert "b.txt: near duplicate of" in res.stdout
