"""Bad data gets one line per problem naming file:line:col, exit 1, and nothing on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from migcycle import sources, yamlio
from migcycle.errors import ExitCode

from .conftest import Run, edit

EXIT_DATA = ExitCode.DATA


def _fails(run: Run, directory: Path) -> list[str]:
    result = run("validate", str(directory))
    assert result.exit_code == EXIT_DATA, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines, "an error must say what is wrong"
    return lines


def test_valid_data_passes(run: Run, data_copy: Path) -> None:
    result = run("validate", str(data_copy))
    assert result.exit_code == 0
    assert "key points" in result.stdout


def test_duplicate_key(run: Run, data_copy: Path) -> None:
    line, _ = edit(
        data_copy / "seminar.yaml", "  delegates: 150\n", "  delegates: 150\n  delegates: 151\n"
    )
    assert _fails(run, data_copy) == [
        f"{data_copy / 'seminar.yaml'}:{line + 1}:3: duplicate key 'delegates' in this mapping"
    ]


def test_unknown_field_suggests_the_nearest(run: Run, data_copy: Path) -> None:
    path = data_copy / "cycle.yaml"
    line, column = edit(path, "    name: Pre-departure\n", "    nme: Pre-departure\n", at="nme")
    lines = _fails(run, data_copy)
    assert (
        f"{path}:{line}:{column}: stages[0].nme: unknown field 'nme'; did you mean 'name'? "
        "(allowed: source, curated, id, number, name, summary, functions)"
    ) in lines
    # a missing field is reported where the record that lacks it starts
    assert f"{path}:{line - 2}:5: stages[0].name: missing required field 'name'" in lines


def test_wrong_type(run: Run, data_copy: Path) -> None:
    line, column = edit(data_copy / "seminar.yaml", "delegates: 150", "delegates: lots", at="lots")
    assert _fails(run, data_copy) == [
        f"{data_copy / 'seminar.yaml'}:{line}:{column}: document.delegates: "
        "Input should be a valid integer (got 'lots')"
    ]


@pytest.mark.parametrize("word", ["NO", "yes", "off"])
def test_yaml_boolean_where_text_is_expected(run: Run, data_copy: Path, word: str) -> None:
    path = data_copy / "seminar.yaml"
    at = edit(path, "delegates_qualifier: over", f"delegates_qualifier: {word}", at=word)
    (line,) = _fails(run, data_copy)
    assert line.startswith(f"{path}:{at[0]}:{at[1]}: document.delegates_qualifier: ")
    assert "expected text, got the boolean" in line
    assert "put the text in quotes" in line


def test_number_where_text_is_expected(run: Run, data_copy: Path) -> None:
    edit(data_copy / "seminar.yaml", '  - id: "4"\n', "  - id: 4\n")
    lines = _fails(run, data_copy)
    assert any(
        'sessions[2].id: expected text, got the number 4; put it in quotes ("4")' in line
        for line in lines
    )


def test_dangling_reference(run: Run, data_copy: Path) -> None:
    path = data_copy / "seminar.yaml"
    line, column = edit(
        path,
        "themes: [finance, security, private-sector]",
        "themes: [finanse, security, private-sector]",
        at="finanse",
    )
    assert _fails(run, data_copy) == [
        f"{path}:{line}:{column}: sessions[2].key_points[0].curated.themes[0]: "
        "unknown theme 'finanse'; did you mean 'finance'?"
    ]


def test_dangling_actor_on_a_stage_function(run: Run, data_copy: Path) -> None:
    edit(data_copy / "cycle.yaml", "actors: [information-centres]", "actors: [information-centers]")
    lines = _fails(run, data_copy)
    assert any(
        "unknown actor type 'information-centers'; did you mean 'information-centres'?" in x
        for x in lines
    )


def test_id_used_twice(run: Run, data_copy: Path) -> None:
    path = data_copy / "cycle.yaml"
    first = edit(
        path, "  - id: real-estate-companies\n", "  - id: real-estate-companies\n", at="real"
    )
    second = edit(
        path, "  - id: hospitality-companies\n", "  - id: real-estate-companies\n", at="real"
    )
    lines = _fails(run, data_copy)
    assert (
        f"{path}:{second[0]}:{second[1]}: actor_types[6].id: duplicate actor type id "
        f"'real-estate-companies' (first defined at {path}:{first[0]}:{first[1]})"
    ) in lines


def test_yaml_syntax_error(run: Run, data_copy: Path) -> None:
    edit(
        data_copy / "seminar.yaml",
        "  place: Rhodes House, Oxford\n",
        "  place: [Rhodes House, Oxford\n",
    )
    (line,) = _fails(run, data_copy)
    assert line.startswith(f"{data_copy / 'seminar.yaml'}:16:")


def test_tab_indentation(run: Run, data_copy: Path) -> None:
    line, _ = edit(data_copy / "seminar.yaml", "  place: Rhodes", "\tplace: Rhodes")
    assert _fails(run, data_copy) == [
        f"{data_copy / 'seminar.yaml'}:{line}:1: found character that cannot start any token "
        "(a tab: YAML indents with spaces only)"
    ]


@pytest.mark.parametrize("content", ["", "\n\n  \n", "# only a comment\n"])
def test_empty_file(run: Run, data_copy: Path, content: str) -> None:
    (data_copy / "frameworks.yaml").write_text(content, encoding="utf-8")
    (line,) = _fails(run, data_copy)
    assert line.startswith(f"{data_copy / 'frameworks.yaml'}:1:1: ")
    assert "no data" in line or "empty" in line


def test_second_document(run: Run, data_copy: Path) -> None:
    path = data_copy / "frameworks.yaml"
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + "---\ngcm: []\n", encoding="utf-8")
    assert _fails(run, data_copy) == [
        f"{path}:{lines + 1}:1: a second YAML document ('---') is not allowed; one file holds one mapping"
    ]


def test_bytes_that_are_not_utf8(run: Run, data_copy: Path) -> None:
    path = data_copy / "seminar.yaml"
    path.write_bytes(path.read_bytes().replace(b"Rhodes House", b"Rh\xf4des House"))
    assert _fails(run, data_copy) == [
        f"{path}:3:68: not UTF-8 text (byte 0xf4); save the file as UTF-8"
    ]


def test_python_object_tag_is_refused_and_not_executed(
    run: Run, data_copy: Path, tmp_path: Path
) -> None:
    sentinel = tmp_path / "executed"
    line, column = edit(
        data_copy / "seminar.yaml",
        "delegates: 150",
        f"delegates: !!python/object/apply:os.system ['touch {sentinel}']",
        at="!!",
    )
    assert _fails(run, data_copy) == [
        f"{data_copy / 'seminar.yaml'}:{line}:{column}: tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        "is not allowed in data files"
    ]
    assert not sentinel.exists()


def test_alias_bomb(run: Run, data_copy: Path) -> None:
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        name, previous = chr(97 + i), chr(96 + i)
        levels.append(f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]")
    (data_copy / "frameworks.yaml").write_text("\n".join(levels) + "\n", encoding="utf-8")
    (line,) = _fails(run, data_copy)
    assert "aliases expand to more nodes than the file holds" in line
    assert line.startswith(f"{data_copy / 'frameworks.yaml'}:")


def test_ten_thousand_levels_of_nesting(run: Run, data_copy: Path) -> None:
    (data_copy / "frameworks.yaml").write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    # Our bound stops at level 65; libyaml from PyYAML 6.0.4 on scans ahead and stops at its own
    # limit of 1,000 first. Either way: one line, the file, the same words.
    (line,) = _fails(run, data_copy)
    position, message = line.rsplit(": ", 1)
    assert message == "nesting deeper than 64 levels"
    assert position in {
        f"{data_copy / 'frameworks.yaml'}:1:{3 + yamlio.MAX_DEPTH}",
        f"{data_copy / 'frameworks.yaml'}:1:1003",
    }


def test_file_over_the_size_bound(run: Run, data_copy: Path) -> None:
    path = data_copy / "frameworks.yaml"
    path.write_text("gcm: []\n" + "#" * (sources.MAX_FILE_BYTES + 1) + "\n")
    (line,) = _fails(run, data_copy)
    assert line.startswith(f"{path}:1:1: file is ")
    assert "split its records over several files" in line


def test_merge_keys_are_refused(run: Run, data_copy: Path) -> None:
    path = data_copy / "frameworks.yaml"
    path.write_text("base: &b {x: 1}\ngcm:\n  <<: *b\n")
    (line,) = _fails(run, data_copy)
    assert "merge keys ('<<') are not supported" in line


def test_non_text_key(run: Run, data_copy: Path) -> None:
    at, _ = edit(data_copy / "seminar.yaml", "  delegates: 150\n", "  delegates: 150\n  yes: 1\n")
    (line,) = _fails(run, data_copy)
    assert line == (
        f"{data_copy / 'seminar.yaml'}:{at + 1}:3: keys must be text, not True "
        "(YAML reads unquoted yes/no/on/off as booleans; quote the key)"
    )


def test_a_user_directory_without_a_data_file_falls_back_to_the_bundled_one(
    run: Run, data_copy: Path
) -> None:
    (data_copy / "cycle.yaml").unlink()
    result = run("validate", str(data_copy), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counts"]["stage_functions"] == 32


def test_problems_in_several_files_are_all_reported(run: Run, data_copy: Path) -> None:
    edit(data_copy / "seminar.yaml", "  place: Rhodes", "\tplace: Rhodes")
    (data_copy / "frameworks.yaml").write_text("")
    lines = _fails(run, data_copy)
    assert len(lines) == 2


def test_top_level_must_be_a_mapping(run: Run, data_copy: Path) -> None:
    (data_copy / "frameworks.yaml").write_text("- gcm-1\n- gcm-2\n")
    assert _fails(run, data_copy) == [
        f"{data_copy / 'frameworks.yaml'}:1:1: expected a mapping of records at the top level, got list"
    ]


def test_a_directory_that_does_not_exist_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: directory '{tmp_path / 'nope'}' does not exist\n"
