"""The command line as a shell and CI use it, run as a subprocess: a bare command, a pipe that
closes early, `-` for standard input, --exit-zero, shell completion, install hints."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DIENSTVISIE = str(BIN / "dienstvisie")
EXAMPLE = ROOT / "examples" / "werkloos-uwv.yaml"


def _run(args: list[str], *, stdin: bytes | None = None, cwd: Path = ROOT,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DIENSTVISIE, *args], input=stdin.decode("utf-8") if stdin is not None else None,
                          stdin=None if stdin is not None else subprocess.DEVNULL, cwd=cwd,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})}, capture_output=True, text=True,
                          timeout=300)


# --------------------------------------------------------------------------------- bare command

@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_bare_command_prints_the_help_and_no_traceback(lang: str) -> None:
    done = _run([], env={"DIENSTVISIE_LANG": lang})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "AttributeError" not in done.stderr
    assert done.stdout.startswith("gebruik: dienstvisie" if lang == "nl" else "usage: dienstvisie")
    assert "check" in done.stdout and "completion" in done.stdout
    assert ("toon het versienummer en stop" if lang == "nl" else "show the version number and exit") in done.stdout
    assert ("Toets dienstconcepten" if lang == "nl" else "Check service concepts") in done.stdout


# ----------------------------------------------------------------------------------- broken pipe

@pytest.mark.parametrize("extra", [[], ["--format", "json"], ["--jobs", "2"], ["--format", "markdown"]])
def test_a_reader_that_goes_away_ends_the_run_quietly(extra: list[str]) -> None:
    # `dienstvisie check … | head -1`, with a report larger than the pipe's buffer (64 KB on Linux; the
    # examples alone are 47 KB of text, which may all fit before head goes; with the real corpus, 178 KB)
    script = f'"{DIENSTVISIE}" check examples/ tests/corpus/real/ --no-progress --lang en {" ".join(extra)} | head -c 10 >/dev/null; ' \
             'echo "exit=${PIPESTATUS[0]}"'
    folder = ROOT
    done = subprocess.run(["bash", "-c", script], cwd=folder, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_COLOR": "1"})
    assert "Broken pipe" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr and "cannot write" not in done.stderr
    code = int(done.stdout.strip().rsplit("exit=", 1)[1])
    assert code in (141, 1), done.stdout  # 141: the pipe closed first; 1: it all fit in the pipe
    if "--format" not in extra or extra[1] == "json":
        assert code == 141  # the streamed reports are longer than the pipe holds


# -------------------------------------------------------------------------------- standard input

def test_dash_reads_a_service_concept_from_standard_input() -> None:
    done = _run(["check", "-", "--no-plugins", "--lang", "en"], stdin=EXAMPLE.read_bytes())
    from_file = _run(["check", str(EXAMPLE.relative_to(ROOT)), "--no-plugins", "--lang", "en"])
    assert done.returncode == from_file.returncode == 1
    assert "werkloos-uwv — Becoming unemployed   (-)" in done.stdout
    assert done.stdout.replace("(-)", "(F)").replace("-:", "F:") == \
        from_file.stdout.replace("(examples/werkloos-uwv.yaml)", "(F)").replace("examples/werkloos-uwv.yaml:", "F:")


def test_dash_keeps_its_place_among_the_paths_and_counts_once() -> None:
    done = _run(["check", "examples/geboorte-den-haag.yaml", "-", "examples/werkloos-uwv.yaml", "-", "--no-plugins",
                 "--format", "csv", "--lang", "en"], stdin=(ROOT / "examples" / "bedrijf-starten.yaml").read_bytes())
    assert done.returncode == 1, done.stderr
    services = []
    for line in done.stdout.splitlines()[1:]:
        service = line.split(";")[0]
        if service not in services:
            services.append(service)
    assert services == ["geboorte-den-haag", "bedrijf-starten", "werkloos-uwv"]


def test_invalid_text_on_standard_input_names_it_dash_with_the_line() -> None:
    done = _run(["check", "-", "--no-plugins", "--lang", "en"], stdin=b"dienstvisie: '1'\nid: [\n")
    assert done.returncode == 2
    assert "-:" in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_validate_takes_dash_too_and_a_file_called_dash_is_dot_slash_dash(tmp_path: Path) -> None:
    done = _run(["validate", "-", "--lang", "en"], stdin=EXAMPLE.read_bytes())
    assert done.returncode == 0 and "-: valid" in done.stdout
    shutil.copy(EXAMPLE, tmp_path / "-")
    named = _run(["check", "./-", "--no-plugins", "--lang", "en"], cwd=tmp_path)  # stdin is empty: a file is read
    assert named.returncode == 1 and "(./-)" in named.stdout, named.stdout + named.stderr


def test_dash_with_jobs_is_checked_in_this_process() -> None:
    paths = ["examples/"] * 1 + ["-"]
    done = _run(["check", *paths, "--jobs", "2", "--no-plugins", "--format", "json"], stdin=EXAMPLE.read_bytes())
    assert done.returncode == 1, done.stderr
    assert '"file": "-"' in done.stdout


# ------------------------------------------------------------------------------------ exit zero

def test_exit_zero_makes_findings_no_failure_but_unusable_input_still_is() -> None:
    assert _run(["check", "examples/", "--no-plugins"]).returncode == 1
    assert _run(["check", "examples/", "--no-plugins", "--exit-zero"]).returncode == 0
    broken = _run(["check", "examples/", "tests/corpus/broken/bad-date.yaml", "--no-plugins", "--exit-zero"])
    assert broken.returncode == 2
    assert _run(["check", "no-such-folder/", "--exit-zero"]).returncode == 2
    assert _run(["check", "examples/", "--no-plugins", "--exit-zero", "--format", "gitlab", "-o", os.devnull]).returncode == 0


# ----------------------------------------------------------------------------------- completion

def test_bash_completion_completes_commands_options_and_choices(tmp_path: Path) -> None:
    done = _run(["completion", "bash"])
    assert done.returncode == 0, done.stderr
    script = tmp_path / "dienstvisie.bash"
    script.write_text(done.stdout, encoding="utf-8")

    def complete(*words: str) -> list[str]:
        line = " ".join(words)
        probe = (f'source "{script}"; COMP_WORDS=({" ".join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}; '
                 f'COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}; _shtab_dienstvisie; printf "%s\\n" "${{COMPREPLY[@]}}"')
        result = subprocess.run(["bash", "--norc", "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert complete("dienstvisie", "comp") == ["completion"]
    assert "check" in complete("dienstvisie", "")
    assert "--exit-zero" in complete("dienstvisie", "check", "--exit")
    assert complete("dienstvisie", "check", "--fail-on", "") == ["info", "minor", "major", "critical"]
    assert complete("dienstvisie", "completion", "") == ["bash", "zsh", "tcsh"]
    (tmp_path / "dienst.yaml").write_text("x", encoding="utf-8")
    assert "dienst.yaml" in complete("dienstvisie", "check", "die")  # paths complete file names


def test_zsh_and_tcsh_scripts_are_made_and_an_unknown_shell_is_a_usage_error() -> None:
    zsh = _run(["completion", "zsh"])
    assert zsh.returncode == 0 and zsh.stdout.startswith("#compdef dienstvisie")
    assert "--exit-zero" in zsh.stdout and "_files" in zsh.stdout
    if shutil.which("zsh"):
        assert subprocess.run(["zsh", "-n"], input=zsh.stdout, text=True, timeout=60).returncode == 0
    assert _run(["completion", "tcsh"]).returncode == 0
    assert _run(["completion", "cmd.exe"]).returncode == 2


# --------------------------------------------------------------------------------- install hints

def test_hints_name_a_command_that_works_from_a_checkout() -> None:
    done = _run(["import", "cpsv-ap", "x.jsonld", "--no-plugins", "--lang", "en"])
    assert done.returncode == 2
    assert "pip install ./plugins/dienstvisie-cpsv-ap" in done.stderr
    assert (ROOT / "plugins" / "dienstvisie-cpsv-ap" / "pyproject.toml").is_file()  # that folder is there
    assert "pip install dienstvisie-cpsv-ap" not in done.stderr  # no index has it
    fmt = _run(["check", "examples/", "--no-plugins", "--format", "xlsx", "--lang", "en"])
    assert fmt.returncode == 2 and "pip install ./plugins/dienstvisie-xlsx" in fmt.stderr
    vision = _run(["check", "examples/", "--no-plugins", "--vision", "nora"])
    assert vision.returncode == 2 and "pip install ./plugins/dienstvisie-nora" in vision.stderr
    assert "installeer" in vision.stderr  # Dutch by default
    unknown = _run(["check", "examples/", "--no-plugins", "--format", "docx", "--lang", "en"])
    assert unknown.returncode == 2 and "pip install" not in unknown.stderr  # no plugin adds it: no hint


def test_hints_elsewhere_name_the_plugin_folder_or_the_git_form(tmp_path: Path) -> None:
    from dienstvisie.cli.install_hint import install_command, source_repository

    done = _run(["import", "cpsv-ap", "x.jsonld", "--no-plugins", "--lang", "en"], cwd=tmp_path)
    assert done.returncode == 2
    hint = done.stderr.split("install it with: ", 1)[1].strip()
    # an editable install finds the folder beside its sources; an installed wheel gives the git form
    assert hint == f"pip install {ROOT / 'plugins' / 'dienstvisie-cpsv-ap'}" or \
        hint == f'pip install "git+{source_repository()}#subdirectory=plugins/dienstvisie-cpsv-ap"'
    assert source_repository() == "https://github.com/dienstvisie/dienstvisie"
    assert install_command("dienstvisie-nora").startswith("pip install ")
